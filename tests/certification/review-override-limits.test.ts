/**
 * A reviewer's override (tester finding, session 13): the same override ("Result changed to passed") could be
 * recorded twice in a row, and a 640-character reason was accepted. An override that changes nothing is now
 * refused with a message (nothing written), and the reason is capped at 500 characters by the server's zod form;
 * both messages in English and French.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseHandle } from "../../app/db.server";
import { REVIEW_REASON_MAX } from "../../app/certification/review-limits";
import { ReviewForm, reviewFromForm } from "../../app/certification/reviews.server";
import { translator, type MessageKey } from "../../app/i18n";
import { auditEvents, reviews, scorecards } from "../../db/schema";
import { testDatabases } from "../helpers";
import { createWorld, playAndStore, playLines, type World } from "../report/fixtures";

describe.each(testDatabases())("a reviewer's override on $name", ({ create }) => {
  let database: Awaited<ReturnType<typeof create>>;
  let world: World;
  let attemptId: string;

  beforeAll(async () => {
    database = await create();
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
    world = await createWorld(database.db);
    const call = await playAndStore(database.db, {
      userId: world.users.trainee,
      orgId: world.demoOrgId,
      slug: "lost-cap",
      locale: "en",
      lines: playLines("lost-cap", "en", "curt"),
    });
    expect(call.card.passed).toBe(false);
    attemptId = call.attemptId;
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const review = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return reviewFromForm(
      { user: { id: world.users.manager }, attempt: { id: attemptId, orgId: world.demoOrgId }, isOwner: false, roleInOrg: "manager" },
      form,
    );
  };
  const counts = async () => ({
    cards: (await database.db.select().from(scorecards).where(eq(scorecards.attemptId, attemptId))).length,
    reviews: (await database.db.select().from(reviews).where(eq(reviews.attemptId, attemptId))).length,
    events: (
      await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, attemptId), eq(auditEvents.action, "review.override")))
    ).length,
  });

  it("refuses an override that changes nothing, and writes nothing", async () => {
    // The judge said "not passed": overriding to "not passed" changes nothing.
    expect(await review({ override: "fail", reason: "Still not good" })).toEqual({
      reviewError: "certification.errorOverrideAlreadyFailed",
      reviewSaved: false,
    });
    expect(await counts()).toEqual({ cards: 1, reviews: 0, events: 0 });
    expect(await review({ override: "pass", reason: "The judge missed the apology" })).toEqual({ reviewError: null, reviewSaved: true });
    expect(await counts()).toEqual({ cards: 2, reviews: 1, events: 1 });
    // The same override again.
    expect(await review({ override: "pass", reason: "The judge missed the apology" })).toEqual({
      reviewError: "certification.errorOverrideAlreadyPassed",
      reviewSaved: false,
    });
    expect(await counts()).toEqual({ cards: 2, reviews: 1, events: 1 });
    // A comment alone is still welcome.
    expect(await review({ override: "none", comment: "Good recovery", reason: "" })).toEqual({ reviewError: null, reviewSaved: true });
  });

  it("caps the reason at 500 characters on the server", async () => {
    expect(REVIEW_REASON_MAX).toBe(500);
    const before = await counts();
    expect(await review({ override: "fail", reason: "x".repeat(640) })).toEqual({
      reviewError: "certification.errorReasonTooLong",
      reviewSaved: false,
    });
    expect(await counts()).toEqual(before);
    expect(ReviewForm.safeParse({ override: "fail", reason: "x".repeat(501) }).success).toBe(false);
    // Spaces around it do not count; 500 characters are accepted.
    expect(await review({ override: "fail", reason: `  ${"y".repeat(500)}  ` })).toEqual({ reviewError: null, reviewSaved: true });
  });

  it("says so in English and French", () => {
    const en = translator("en");
    const fr = translator("fr");
    const vars = { max: REVIEW_REASON_MAX };
    const say = (key: MessageKey) => [en(key, vars), fr(key, vars)];
    expect(say("certification.errorReasonTooLong")).toEqual([
      "Keep the reason to 500 characters or fewer.",
      "Limitez la raison à 500 caractères.",
    ]);
    expect(say("certification.errorOverrideAlreadyPassed")[0]).toContain("This call is already passed: an override must change the result.");
    expect(say("certification.errorOverrideAlreadyPassed")[1]).toContain("Cet appel est déjà réussi : une modification doit changer le résultat.");
    expect(say("certification.errorOverrideAlreadyFailed")[1]).toContain("Cet appel est déjà non réussi");
    expect(en("certification.reviewReasonCount", { n: 12, max: 500 })).toBe("12 of 500 characters");
    expect(fr("certification.reviewReasonCount", { n: 12, max: 500 })).toBe("12 caractères sur 500");
  });
});
