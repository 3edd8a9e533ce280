/**
 * Reviews (issue 12, decision 144): a trainer, manager or admin of the attempt's organisation
 * comments on a call and may, with a reason, override its result. The original scorecard never
 * changes: an override is scorecard n+1 (judge "review"), a copy of the effective one with the
 * result set by the reviewer, naming who and why; "the scorecard of an attempt" then returns it.
 * Every review is an audit event. An override to "not passed" on a call a certification rests on
 * withdraws that certification (decision 273): revoked_at set, and a `certification.withdraw`
 * audit event says who, when and why (the certificate page reads it).
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { attempts, auditEvents, certifications, reviews, scorecards, users } from "../../db/schema";
import { getDb } from "../db.server";
import { issueScorecard } from "../progress/scorecards.server";
import { issueCertificationIfEarned } from "./certify.server";
import { REVIEW_REASON_MAX } from "./review-limits";
import { TrackError } from "./tracks.server";

export const ReviewForm = z
  .object({
    comment: z.string().trim().max(4000).default(""),
    override: z.enum(["none", "pass", "fail"]).default("none"),
    reason: z.string().trim().max(REVIEW_REASON_MAX, { message: "certification.errorReasonTooLong" }).default(""),
  })
  .refine((f) => f.override === "none" || f.reason.length > 0, { message: "certification.errorReason", path: ["reason"] })
  .refine((f) => f.override !== "none" || f.comment.length > 0, { message: "certification.errorComment", path: ["comment"] });
export type ReviewInput = z.infer<typeof ReviewForm>;

/** Record a review of `attemptId` by `reviewer` (whose role in the attempt's organisation the caller checked). */
export async function addReview(
  reviewer: { id: string; orgId: string },
  attemptId: string,
  input: ReviewInput,
  now = new Date(),
): Promise<{ reviewId: string; scorecardId: string | null; withdrawn: string[] }> {
  const form = ReviewForm.parse(input);
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const [attempt] = await tx.select({ id: attempts.id, orgId: attempts.orgId, mode: attempts.mode }).from(attempts).where(eq(attempts.id, attemptId)).for("update");
    if (!attempt || attempt.orgId !== reviewer.orgId) throw new TrackError("certification.errorNoAttempt");
    let scorecardId: string | null = null;
    let previous: string | null = null;
    let reviewerName = "";
    if (form.override !== "none") {
      const [card] = await tx.select().from(scorecards).where(eq(scorecards.attemptId, attemptId)).orderBy(desc(scorecards.n)).limit(1);
      if (!card) throw new TrackError("certification.errorNotScored");
      // An override that changes nothing (the result is already that one, by the judge or an earlier review) is refused.
      if (card.passed === (form.override === "pass")) {
        throw new TrackError(card.passed ? "certification.errorOverrideAlreadyPassed" : "certification.errorOverrideAlreadyFailed");
      }
      previous = card.id;
      const feedback = (card.feedback && typeof card.feedback === "object" ? card.feedback : {}) as Record<string, unknown>;
      const [who] = await tx.select({ name: users.name }).from(users).where(eq(users.id, reviewer.id));
      reviewerName = who?.name ?? "";
      const row = {
        attemptId,
        n: card.n + 1,
        judge: "review",
        empathy: card.empathy,
        resolution: card.resolution,
        anticipation: card.anticipation,
        overall: card.overall,
        passed: form.override === "pass",
        checkpoints: card.checkpoints,
        penalties: card.penalties,
        feedback: { ...feedback, override: { by: reviewer.id, byName: who?.name ?? "", reason: form.reason, of: card.id, ofN: card.n } },
      };
      if (!(await issueScorecard(tx, row))) throw new TrackError("certification.errorConcurrent");
      const [issued] = await tx.select({ id: scorecards.id }).from(scorecards).where(eq(scorecards.attemptId, attemptId)).orderBy(desc(scorecards.n)).limit(1);
      scorecardId = issued!.id;
    }
    const [review] = await tx
      .insert(reviews)
      .values({
        attemptId,
        scorecardId,
        reviewerId: reviewer.id,
        comment: form.comment,
        override: form.override === "none" ? null : { passed: form.override === "pass", reason: form.reason, previousScorecardId: previous },
      })
      .returning({ id: reviews.id });
    await tx.insert(auditEvents).values({
      orgId: reviewer.orgId,
      actorId: reviewer.id,
      action: form.override === "none" ? "review.comment" : "review.override",
      subjectType: "attempt",
      subjectId: attemptId,
      data: { reviewId: review!.id, override: form.override, scorecardId, previousScorecardId: previous },
    });
    // Decision 273: a "not passed" override on a call a certification rests on withdraws it.
    const withdrawn: string[] = [];
    if (form.override === "fail" && attempt.mode === "certification") {
      const resting = await tx
        .update(certifications)
        // The evidence key is freed (NULLs never collide): the same calls may certify again if a later review passes them.
        .set({ revokedAt: now, evidenceKey: null })
        .where(and(isNull(certifications.revokedAt), sql`${certifications.evidence} @> ${JSON.stringify([attemptId])}::jsonb`))
        .returning({ id: certifications.id, orgId: certifications.orgId, userId: certifications.userId, trackId: certifications.trackId });
      for (const c of resting) {
        withdrawn.push(c.id);
        await tx.insert(auditEvents).values({
          orgId: c.orgId ?? reviewer.orgId,
          actorId: reviewer.id,
          action: "certification.withdraw",
          subjectType: "certification",
          subjectId: c.id,
          data: { by: reviewer.id, byName: reviewerName, reason: form.reason, attemptId, reviewId: review!.id, userId: c.userId, trackId: c.trackId },
        });
      }
    }
    return { reviewId: review!.id, scorecardId, mode: attempt.mode, withdrawn };
  });
  if (result.scorecardId && result.mode === "certification") await issueCertificationIfEarned(attemptId, now);
  return { reviewId: result.reviewId, scorecardId: result.scorecardId, withdrawn: result.withdrawn };
}

export interface ReviewView {
  id: string;
  reviewer: string;
  comment: string;
  override: { passed: boolean; reason: string } | null;
  createdAt: string;
}

/** The reviews of an attempt, oldest first, with the reviewer's name. */
export async function reviewsOf(attemptId: string): Promise<ReviewView[]> {
  const rows = await getDb()
    .select({ id: reviews.id, reviewer: users.name, comment: reviews.comment, override: reviews.override, createdAt: reviews.createdAt })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.attemptId, attemptId))
    .orderBy(asc(reviews.createdAt), asc(reviews.id));
  const Override = z.object({ passed: z.boolean(), reason: z.string() }).nullable().catch(null);
  return rows.map((r) => ({ ...r, override: Override.parse(r.override), createdAt: r.createdAt.toISOString() }));
}

/** The report page's review part: the reviews, and whether this reader may add one. */
export async function reviewPartOf(access: { attempt: { id: string }; isOwner: boolean; roleInOrg: string | null }) {
  const list = await reviewsOf(access.attempt.id);
  const canReview = !access.isOwner && access.roleInOrg !== null && ["trainer", "manager", "admin"].includes(access.roleInOrg);
  const lastOverride = [...list].reverse().find((r) => r.override) ?? null;
  return { reviews: list, canReview, override: lastOverride ? { by: lastOverride.reviewer, reason: lastOverride.override!.reason } : null };
}

/** The report page's review action: only a trainer, manager or admin of the attempt's organisation, never on their own call. */
export async function reviewFromForm(
  access: { user: { id: string }; attempt: { id: string; orgId: string }; isOwner: boolean; roleInOrg: string | null },
  form: FormData,
) {
  if (access.isOwner || access.roleInOrg === null || !["trainer", "manager", "admin"].includes(access.roleInOrg))
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const parsed = ReviewForm.safeParse({
    comment: String(form.get("comment") ?? ""),
    override: String(form.get("override") ?? "none"),
    reason: String(form.get("reason") ?? ""),
  });
  if (!parsed.success) {
    const msg = parsed.error.issues[0]?.message ?? "";
    return { reviewError: msg.startsWith("certification.") ? msg : "certification.errorForm", reviewSaved: false };
  }
  try {
    await addReview({ id: access.user.id, orgId: access.attempt.orgId }, access.attempt.id, parsed.data);
    return { reviewError: null, reviewSaved: true };
  } catch (e) {
    if (e instanceof TrackError) return { reviewError: e.key, reviewSaved: false };
    throw e;
  }
}
