/**
 * Certification attempts and certifications (issue 12, decisions 141–142). The server enforces
 * a track's rules when a certification call starts (assigned, the track's scenario version, the
 * language, attempts left, the cool-down, recertification window); when such a call is scored,
 * passing every scenario of the track issues a certification — once (unique evidence key),
 * immutable, with the attempts that earned it. Every rule takes `now`, so tests control the clock.
 */
import { and, desc, eq, gte, ne, sql } from "drizzle-orm";
import { z } from "zod";
import {
  attempts,
  auditEvents,
  certificationAttempts,
  certifications,
  trackAssignments,
} from "../../db/schema";
import type { Locale } from "../../machines/types";
import type { CurrentUser } from "../auth.server";
import { newAttemptValues, scenarioOfVersion, unusedAttemptId, type AttemptRow } from "../calls/attempts.server";
import { finishAttempt } from "../calls/finish.server";
import { openCallResult, type StartResult } from "../calls/start.server";
import { getDb } from "../db.server";
import { effectiveScorecard } from "../progress/scorecards.server";
import { addMonths, DAY_MS, passesTrackScenario } from "./rules";
import { currentTrackVersion, resolveTrackScenarios, trackVersionById, TrackError } from "./tracks.server";

const HOUR_MS = 3_600_000;

/** Where a person's current certification cycle on a track starts: the later of the assignment and the last certification. */
async function cycleOf(userId: string, trackId: string) {
  const db = getDb();
  const [[assignment], [latest]] = await Promise.all([
    db
      .select({ assignedAt: trackAssignments.assignedAt, dueAt: trackAssignments.dueAt })
      .from(trackAssignments)
      .where(and(eq(trackAssignments.userId, userId), eq(trackAssignments.trackId, trackId))),
    db
      .select({ issuedAt: certifications.issuedAt, expiresAt: certifications.expiresAt })
      .from(certifications)
      .where(and(eq(certifications.userId, userId), eq(certifications.trackId, trackId), sql`${certifications.revokedAt} is null`))
      .orderBy(desc(certifications.issuedAt))
      .limit(1),
  ]);
  const starts = [assignment?.assignedAt, latest?.issuedAt].filter((d): d is Date => d instanceof Date);
  const since = starts.length ? new Date(Math.max(...starts.map((d) => d.getTime()))) : new Date(0);
  return { assignment: assignment ?? null, latest: latest ?? null, since };
}

export interface CertificationStartRules {
  trackId: string;
  trackVersionId: string;
  scenarioId: string;
  versionId: string;
  language: Locale | null;
  attemptsAllowed: number | null;
  attemptsUsed: number;
  /** When the cool-down ends (null: none running). */
  availableAt: Date | null;
  /** A certification call on this scenario still open, to continue. */
  openAttemptId: string | null;
  hideCoaching: boolean;
  passMark: number;
  /** Why it cannot start now (a message key), or null. */
  blocked: string | null;
}

/** What the briefing says before a certification call: the rules, attempts left, cool-down — checked again on start. */
export async function certificationRulesFor(
  user: Pick<CurrentUser, "id"> & { org: { id: string } },
  trackId: string,
  slug: string,
  now = new Date(),
): Promise<CertificationStartRules | null> {
  const version = await currentTrackVersion(user.org.id, trackId);
  if (!version) return null;
  const cycle = await cycleOf(user.id, trackId);
  if (!cycle.assignment) return null;
  const resolved = await resolveTrackScenarios(version.rules.scenarios);
  const req = version.rules.scenarios.find((s) => resolved.get(s.scenarioId)?.slug === slug);
  if (!req) return null;
  const target = resolved.get(req.scenarioId)!;
  const tries = await getDb()
    .select({ id: attempts.id, status: attempts.status, startedAt: attempts.startedAt, endedAt: attempts.endedAt })
    .from(certificationAttempts)
    .innerJoin(attempts, eq(attempts.id, certificationAttempts.attemptId))
    .where(
      and(
        eq(certificationAttempts.userId, user.id),
        eq(certificationAttempts.trackId, trackId),
        eq(certificationAttempts.scenarioId, req.scenarioId),
        gte(certificationAttempts.startedAt, cycle.since),
        // An abandoned call (nothing said) uses no attempt and starts no cool-down (decision 279).
        eq(attempts.abandoned, false),
      ),
    )
    .orderBy(desc(certificationAttempts.startedAt));
  const open = tries.find((t) => t.status !== "ended") ?? null;
  const last = tries.find((t) => t.status === "ended") ?? null;
  const cooldownEnds =
    last && version.rules.cooldownHours > 0
      ? new Date((last.endedAt ?? last.startedAt).getTime() + version.rules.cooldownHours * HOUR_MS)
      : null;
  let blocked: string | null = null;
  const valid = cycle.latest?.expiresAt && cycle.latest.expiresAt.getTime() > now.getTime();
  if (valid && now.getTime() < cycle.latest!.expiresAt!.getTime() - version.rules.recertifyDays * DAY_MS)
    blocked = "certification.errorAlreadyCertified";
  else if (!open && version.rules.attemptsAllowed !== null && tries.length >= version.rules.attemptsAllowed)
    blocked = "certification.errorNoAttemptsLeft";
  else if (!open && cooldownEnds && cooldownEnds.getTime() > now.getTime()) blocked = "certification.errorCooldown";
  return {
    trackId,
    trackVersionId: version.id,
    scenarioId: req.scenarioId,
    versionId: target.versionId,
    language: version.rules.language,
    attemptsAllowed: version.rules.attemptsAllowed,
    attemptsUsed: tries.length,
    availableAt: cooldownEnds && cooldownEnds.getTime() > now.getTime() ? cooldownEnds : null,
    openAttemptId: open?.id ?? null,
    hideCoaching: version.rules.hideCoaching,
    passMark: req.passMark,
    blocked,
  };
}

/**
 * Start (or continue) a certification call on scenario `slug` of track `trackId`, under the
 * track's current rules. Throws TrackError with a message key when a rule forbids it. The call
 * already open on it is returned as `own` when it is the one this form started (its `startId`),
 * else as `open`: the briefing decides whether its page knew it (decision 286).
 */
export async function startCertification(input: {
  user: CurrentUser;
  trackId: string;
  slug: string;
  locale: Locale;
  /** The id the form's new call takes (decision 286). */
  startId?: string | null;
  now?: Date;
}): Promise<StartResult> {
  const now = input.now ?? new Date();
  const rules = await certificationRulesFor(input.user, input.trackId, input.slug, now);
  if (!rules) throw new TrackError("certification.errorNotAssigned");
  const db = getDb();
  if (rules.openAttemptId) {
    const [open] = await db.select().from(attempts).where(eq(attempts.id, rules.openAttemptId));
    if (open) return openCallResult(open, input.startId);
  }
  if (rules.blocked) throw new TrackError(rules.blocked);
  if (rules.language && rules.language !== input.locale) throw new TrackError("certification.errorLanguage");
  // A practice call open on the same scenario version is ended first (one open call per version, decision 111).
  const [practice] = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(eq(attempts.userId, input.user.id), eq(attempts.scenarioVersionId, rules.versionId), ne(attempts.status, "ended")));
  if (practice) await finishAttempt(practice.id);
  const scenario = await scenarioOfVersion(rules.versionId);
  const playable = { scenarioId: rules.scenarioId, versionId: rules.versionId, version: 0, scenario, global: false };
  const id = await unusedAttemptId(input.startId);
  const started = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attempts)
      .values({ ...newAttemptValues({ user: input.user, playable, locale: input.locale }), ...(id ? { id } : {}), mode: "certification", startedAt: now })
      .returning();
    if (!row) throw new Error("could not start the certification call");
    await tx.insert(certificationAttempts).values({
      attemptId: row.id,
      trackId: rules.trackId,
      trackVersionId: rules.trackVersionId,
      userId: input.user.id,
      scenarioId: rules.scenarioId,
      startedAt: now,
    });
    return row;
  });
  return { kind: "started", attempt: started };
}

/** startCertification's call, whichever it is (a new one or the one open). */
export async function startCertificationAttempt(input: Parameters<typeof startCertification>[0]): Promise<AttemptRow> {
  return (await startCertification(input)).attempt;
}

/**
 * After a certification call is scored (or its result overridden): when the person has now
 * passed every scenario of that track version in the current cycle, issue the certification —
 * once: the same evidence never issues two. Returns the new certification's id, or null.
 */
export async function issueCertificationIfEarned(attemptId: string, now = new Date()): Promise<string | null> {
  const db = getDb();
  const [link] = await db.select().from(certificationAttempts).where(eq(certificationAttempts.attemptId, attemptId));
  if (!link) return null;
  const version = await trackVersionById(link.trackVersionId);
  if (!version) return null;
  const cycle = await cycleOf(link.userId, link.trackId);
  if (!cycle.assignment) return null;
  const card = effectiveScorecard(attempts.id);
  const rows = await db
    .select({
      attemptId: attempts.id,
      scenarioId: certificationAttempts.scenarioId,
      startedAt: attempts.startedAt,
      empathy: card.empathy,
      resolution: card.resolution,
      anticipation: card.anticipation,
      overall: card.overall,
      judge: card.judge,
      passed: card.passed,
    })
    .from(certificationAttempts)
    .innerJoin(attempts, eq(attempts.id, certificationAttempts.attemptId))
    .innerJoinLateral(card, sql`true`)
    .where(
      and(
        eq(certificationAttempts.userId, link.userId),
        eq(certificationAttempts.trackVersionId, link.trackVersionId),
        gte(certificationAttempts.startedAt, cycle.since),
        eq(attempts.status, "ended"),
      ),
    )
    .orderBy(desc(attempts.startedAt));
  const evidence: string[] = [];
  for (const req of version.rules.scenarios) {
    const pass = rows.find(
      (r) =>
        r.scenarioId === req.scenarioId &&
        r.overall !== null &&
        passesTrackScenario(r as typeof r & { overall: number; empathy: number; resolution: number; anticipation: number; judge: string; passed: boolean }, req),
    );
    if (!pass) return null;
    evidence.push(pass.attemptId);
  }
  const evidenceKey = [...evidence].sort().join(",");
  return db.transaction(async (tx) => {
    const [issued] = await tx
      .insert(certifications)
      .values({
        userId: link.userId,
        trackId: link.trackId,
        orgId: version.orgId,
        trackVersionId: version.id,
        issuedAt: now,
        expiresAt: addMonths(now, version.rules.validityMonths),
        evidence,
        evidenceKey,
      })
      .onConflictDoNothing()
      .returning({ id: certifications.id });
    if (!issued) return null;
    await tx.insert(auditEvents).values({
      orgId: version.orgId,
      actorId: null,
      action: "certification.issue",
      subjectType: "certification",
      subjectId: issued.id,
      data: { userId: link.userId, trackId: link.trackId, trackVersion: version.version, evidence },
    });
    return issued.id;
  });
}

/** The track and hiding rule of a certification attempt, for the report (null: a practice call). */
export async function certificationOfAttempt(attemptId: string) {
  const [link] = await getDb().select().from(certificationAttempts).where(eq(certificationAttempts.attemptId, attemptId));
  if (!link) return null;
  const version = await trackVersionById(link.trackVersionId);
  return version ? { trackId: link.trackId, name: version.rules.name, hideCoaching: version.rules.hideCoaching } : null;
}

/**
 * Whether the report hides its coaching from the trainee who made this certification call: when
 * the track hides coaching until the end and the trainee has not finished it yet (not certified,
 * and attempts left on this scenario).
 */
export async function coachingHiddenFor(user: CurrentUser, attemptId: string, slug: string, now = new Date()): Promise<boolean> {
  const [link] = await getDb().select().from(certificationAttempts).where(eq(certificationAttempts.attemptId, attemptId));
  if (!link || link.userId !== user.id) return false;
  const version = await trackVersionById(link.trackVersionId);
  if (!version?.rules.hideCoaching) return false;
  const [cert] = await getDb()
    .select({ expiresAt: certifications.expiresAt })
    .from(certifications)
    .where(and(eq(certifications.userId, user.id), eq(certifications.trackId, link.trackId), sql`${certifications.issuedAt} >= ${link.startedAt.toISOString()}`))
    .limit(1);
  if (cert) return false;
  const rules = await certificationRulesFor({ id: user.id, org: { id: version.orgId } }, link.trackId, slug, now);
  return rules !== null && rules.blocked !== "certification.errorNoAttemptsLeft";
}

export interface CertificationReport {
  trackId: string;
  name: { en: string; fr: string };
  /** The track's requirement for this call's scenario (the pass mark the call is judged against). */
  passMark: number;
  minimums: { empathy: number; resolution: number; anticipation: number };
  /** The certification this call is evidence of (it completed the track), when there is one in force. */
  certificateId: string | null;
  /** The certification this call completed, withdrawn since (decision 273): when, by whom, why. */
  withdrawn: { certificateId: string; at: string; byName: string; reason: string } | null;
}

/**
 * What the report of a certification call says about the track (null: a practice call, or a
 * call whose track version is gone): the track, its requirement for this scenario under the
 * version the call was made under, and the certificate it earned.
 */
export async function certificationReportOf(attemptId: string): Promise<CertificationReport | null> {
  const db = getDb();
  const [link] = await db.select().from(certificationAttempts).where(eq(certificationAttempts.attemptId, attemptId));
  if (!link) return null;
  const version = await trackVersionById(link.trackVersionId);
  const req = version?.rules.scenarios.find((s) => s.scenarioId === link.scenarioId);
  if (!version || !req) return null;
  const [cert] = await db
    .select({ id: certifications.id, orgId: certifications.orgId, revokedAt: certifications.revokedAt })
    .from(certifications)
    .where(
      and(
        eq(certifications.userId, link.userId),
        eq(certifications.trackId, link.trackId),
        sql`${certifications.evidence} @> ${JSON.stringify([attemptId])}::jsonb`,
      ),
    )
    // The one in force first, else the latest withdrawn.
    .orderBy(sql`${certifications.revokedAt} is null desc`, desc(certifications.issuedAt))
    .limit(1);
  const withdrawal = cert?.revokedAt ? await withdrawalOf(cert) : null;
  return {
    trackId: link.trackId,
    name: version.rules.name,
    passMark: req.passMark,
    minimums: req.minimums,
    certificateId: cert && !cert.revokedAt ? cert.id : null,
    withdrawn: cert && withdrawal ? { certificateId: cert.id, ...withdrawal } : null,
  };
}

export interface Withdrawal {
  at: string;
  byName: string;
  reason: string;
}

/** Who withdrew certification `id`, when and why (null: not withdrawn). */
export async function withdrawalOf(cert: { id: string; orgId: string | null; revokedAt: Date | null }): Promise<Withdrawal | null> {
  const { id, revokedAt } = cert;
  if (!revokedAt) return null;
  const [event] = await getDb()
    .select({ data: auditEvents.data, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(and(cert.orgId ? eq(auditEvents.orgId, cert.orgId) : undefined, eq(auditEvents.subjectType, "certification"), eq(auditEvents.subjectId, id), eq(auditEvents.action, "certification.withdraw")))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  const data = z.object({ byName: z.string(), reason: z.string() }).catch({ byName: "", reason: "" }).parse(event?.data ?? null);
  return { at: revokedAt.toISOString(), ...data };
}
