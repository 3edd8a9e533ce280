/**
 * Certification on PGlite and (with TEST_DATABASE_URL) Postgres (issue 12): track rules and
 * versions, certification calls under the rules (attempt limit, cool-down, language,
 * recertification window) with a controlled clock, a certification issued once, expiry, the
 * matrix, an override that keeps the original scorecard, and the CSV exports' content.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { attempts, auditEvents, certifications, scenarios, scorecards } from "../../db/schema";
import type { Database } from "../../db/client";
import { setDatabaseHandle } from "../../app/db.server";
import type { CurrentUser } from "../../app/auth.server";
import { finishAttempt } from "../../app/calls/finish.server";
import {
  certificationRulesFor,
  coachingHiddenFor,
  issueCertificationIfEarned,
  startCertificationAttempt,
} from "../../app/certification/certify.server";
import { attemptsCsvStream, csvCell, matrixCsv } from "../../app/certification/export.server";
import { addReview } from "../../app/certification/reviews.server";
import type { TrackRules } from "../../app/certification/rules";
import { assignTrack, createTrack, TrackError, updateTrack } from "../../app/certification/tracks.server";
import { assignedTracksOf, certificationMatrix, mostMissedCheckpoints } from "../../app/progress/certification.server";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { testDatabases } from "../helpers";
import { createWorld, type World } from "../report/fixtures";

/** The stream's bytes as text, byte-order mark kept (Response.text() would drop it). */
async function csvText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

const T0 = new Date(Date.UTC(2026, 0, 5, 9, 0));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function asUser(world: World, who: keyof World["users"], orgId = world.demoOrgId): CurrentUser {
  return {
    id: world.users[who],
    email: world.emails[who],
    name: who,
    preferredLocale: null,
    locale: "en",
    sessionId: "test",
    org: { id: orgId, name: "org", slug: "org" },
    role: "trainee",
  };
}

describe.each(testDatabases())("certification on $name", ({ create, kind }) => {
  let t: Awaited<ReturnType<typeof create>>;
  let db: Database;
  let world: World;
  let ids: Record<string, string>;

  const rules = (over: Partial<TrackRules> = {}): TrackRules => ({
    name: { en: "Front desk", fr: "Accueil" },
    description: { en: "The three calls", fr: "Les trois appels" },
    scenarios: ["lost-cap", "smile-25k"].map((slug) => ({
      scenarioId: ids[slug]!,
      versionId: null,
      passMark: 70,
      minimums: { empathy: 50, resolution: 50, anticipation: 0 },
    })),
    attemptsAllowed: 2,
    cooldownHours: 24,
    language: "en",
    hideCoaching: true,
    validityMonths: 12,
    recertifyDays: 30,
    ...over,
  });

  /** End a certification call with these scores, as the call pipeline would, then check the track. */
  async function score(attemptId: string, at: Date, overall: number, empathy = overall) {
    await db.update(attempts).set({ status: "ended", outcome: "resolved", endedAt: at }).where(eq(attempts.id, attemptId));
    await issueScorecard(db, {
      attemptId,
      n: 1,
      judge: "heuristic",
      empathy,
      resolution: overall,
      anticipation: overall,
      overall,
      passed: overall >= 70,
      checkpoints: [
        { id: "acknowledge", dimension: "empathy", hit: overall >= 70, weight: 1, description: "Acknowledge the worry" },
        { id: "offer-plan", dimension: "resolution", hit: false, weight: 1, description: "Offer a payment plan" },
      ],
      penalties: [],
      feedback: { passMark: 70 },
    });
    return issueCertificationIfEarned(attemptId, at);
  }

  beforeAll(async () => {
    t = await create();
    db = t.db;
    setDatabaseHandle({ db, driver: kind, close: async () => {} });
    world = await createWorld(db);
    const rows = await db.select({ id: scenarios.id, slug: scenarios.slug }).from(scenarios);
    ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a track without a name, without scenarios or with another organisation's scenario", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    await expect(createTrack(manager, rules({ name: { en: "", fr: "x" } }))).rejects.toThrow();
    await expect(createTrack(manager, rules({ scenarios: [] }))).rejects.toThrow();
    await expect(
      createTrack(manager, rules({ scenarios: [{ scenarioId: "nope", versionId: null, passMark: 70, minimums: { empathy: 0, resolution: 0, anticipation: 0 } }] })),
    ).rejects.toBeInstanceOf(TrackError);
  });

  it("enforces the language, the cool-down and the attempt limit on the server, and assigning again renews the count", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    const { id: trackId } = await createTrack(manager, rules());
    const trainee2 = asUser(world, "trainee2");
    // Not assigned yet: refused.
    await expect(startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: T0 })).rejects.toMatchObject({
      key: "certification.errorNotAssigned",
    });
    await assignTrack(manager, { trackId, userIds: [world.users.trainee2], roles: [], dueAt: new Date(T0.getTime() + 30 * DAY) }, T0);
    await expect(startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "fr", now: T0 })).rejects.toMatchObject({
      key: "certification.errorLanguage",
    });
    const first = await startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + HOUR) });
    expect(first.mode).toBe("certification");
    await score(first.id, new Date(T0.getTime() + 2 * HOUR), 40);
    await expect(
      startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 3 * HOUR) }),
    ).rejects.toMatchObject({ key: "certification.errorCooldown" });
    const second = await startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 27 * HOUR) });
    await score(second.id, new Date(T0.getTime() + 28 * HOUR), 50);
    await expect(
      startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 60 * HOUR) }),
    ).rejects.toMatchObject({ key: "certification.errorNoAttemptsLeft" });
    // The other scenario has its own count.
    const smile = await startCertificationAttempt({ user: trainee2, trackId, slug: "smile-25k", locale: "en", now: new Date(T0.getTime() + 60 * HOUR) });
    await score(smile.id, new Date(T0.getTime() + 61 * HOUR), 90);
    // Assigned again: a fresh count.
    await assignTrack(manager, { trackId, userIds: [world.users.trainee2], roles: [], dueAt: null }, new Date(T0.getTime() + 70 * HOUR));
    const third = await startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 71 * HOUR) });
    expect(third.id).not.toBe(second.id);
    // Coaching hidden until the end: attempts are left and the trainee is not certified.
    expect(await coachingHiddenFor(trainee2, third.id, "lost-cap", new Date(T0.getTime() + 72 * HOUR))).toBe(true);
    // A practice call never counts: only certification attempts are linked to the track.
    const [linked] = await db.execute(sql`select count(*)::int as n from certification_attempts where user_id = ${world.users.trainee2}`).then((r) =>
      Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows,
    ) as Array<{ n: number }>;
    expect(Number(linked!.n)).toBe(4);
  });

  it("counts an abandoned certification call (nothing said) as no attempt: none used, no cool-down, no scorecard (decision 279)", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    const { id: trackId } = await createTrack(manager, rules({ name: { en: "One try", fr: "Un essai" }, attemptsAllowed: 1, cooldownHours: 24 }));
    const trainee2 = asUser(world, "trainee2");
    await assignTrack(manager, { trackId, userIds: [world.users.trainee2], roles: [], dueAt: null }, T0);
    const empty = await startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + HOUR) });
    await finishAttempt(empty.id);
    const [row] = await db.select().from(attempts).where(eq(attempts.id, empty.id));
    expect(row).toMatchObject({ status: "ended", abandoned: true });
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, empty.id))).toHaveLength(0);
    const after = await certificationRulesFor(trainee2, trackId, "lost-cap", new Date(T0.getTime() + 2 * HOUR));
    expect(after).toMatchObject({ attemptsUsed: 0, blocked: null, availableAt: null, openAttemptId: null });
    // The one attempt allowed is still there, at once.
    const real = await startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 2 * HOUR) });
    expect(real.id).not.toBe(empty.id);
    await score(real.id, new Date(T0.getTime() + 3 * HOUR), 40);
    await expect(
      startCertificationAttempt({ user: trainee2, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 30 * HOUR) }),
    ).rejects.toMatchObject({ key: "certification.errorNoAttemptsLeft" });
  });

  it("issues a certification once when every scenario is passed, expiring after the validity, and a new version never rewrites it", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    const { id: trackId } = await createTrack(manager, rules({ name: { en: "Certify once", fr: "Certifier une fois" }, cooldownHours: 0, attemptsAllowed: null }));
    await assignTrack(manager, { trackId, userIds: [world.users.trainee], roles: [], dueAt: new Date(T0.getTime() + 10 * DAY) }, T0);
    const trainee = asUser(world, "trainee");
    const a = await startCertificationAttempt({ user: trainee, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + HOUR) });
    // Passes overall but misses the empathy minimum: not a pass for the track.
    expect(await score(a.id, new Date(T0.getTime() + 2 * HOUR), 80, 30)).toBeNull();
    const b = await startCertificationAttempt({ user: trainee, trackId, slug: "lost-cap", locale: "en", now: new Date(T0.getTime() + 3 * HOUR) });
    expect(await score(b.id, new Date(T0.getTime() + 4 * HOUR), 85)).toBeNull();
    const c = await startCertificationAttempt({ user: trainee, trackId, slug: "smile-25k", locale: "en", now: new Date(T0.getTime() + 5 * HOUR) });
    const issuedAt = new Date(T0.getTime() + 6 * HOUR);
    const certId = await score(c.id, issuedAt, 75);
    expect(certId).not.toBeNull();
    // Checked again (another server, an override): nothing new.
    expect(await issueCertificationIfEarned(c.id, new Date(issuedAt.getTime() + HOUR))).toBeNull();
    // Certified: the coaching of the calls that earned it is shown.
    expect(await coachingHiddenFor(trainee, a.id, "lost-cap", new Date(issuedAt.getTime() + HOUR))).toBe(false);
    const certs = await db.select().from(certifications).where(and(eq(certifications.userId, world.users.trainee), eq(certifications.trackId, trackId)));
    expect(certs).toHaveLength(1);
    expect(certs[0]!.evidence.sort()).toEqual([b.id, c.id].sort());
    expect(certs[0]!.expiresAt!.toISOString()).toBe(new Date(Date.UTC(2027, 0, 5, 15, 0)).toISOString());
    const v1 = certs[0]!.trackVersionId;

    // New rules: version 2; the certification keeps version 1.
    expect((await updateTrack(manager, trackId, rules({ name: { en: "Certify once", fr: "Certifier une fois" }, validityMonths: 6 }))).version).toBe(2);
    const [after] = await db.select().from(certifications).where(eq(certifications.id, certId!));
    expect(after!.trackVersionId).toBe(v1);
    expect(after!.expiresAt!.toISOString()).toBe(certs[0]!.expiresAt!.toISOString());

    // The matrix: certified until the expiry; 20 days before expiry it is "expiring"; after, "overdue" (the due date passed).
    const at = (d: Date) => certificationMatrix(world.demoOrgId, { trackId }, d);
    const cell = async (d: Date) => (await at(d)).rows.find((r) => r.userId === world.users.trainee)!.cells[trackId];
    expect((await cell(new Date(issuedAt.getTime() + DAY)))!.status).toBe("certified");
    expect((await cell(new Date(issuedAt.getTime() + DAY)))!.expiresAt).toBe(after!.expiresAt!.toISOString());
    expect((await cell(new Date(after!.expiresAt!.getTime() - 20 * DAY)))!.status).toBe("expiring");
    expect((await cell(new Date(after!.expiresAt!.getTime() + DAY)))!.status).toBe("overdue");
    const counts = (await at(new Date(issuedAt.getTime() + DAY))).counts;
    expect(counts.certified).toBe(1);

    // Recertification: closed a month after, open 30 days before expiry.
    await expect(
      startCertificationAttempt({ user: trainee, trackId, slug: "lost-cap", locale: "en", now: new Date(issuedAt.getTime() + 30 * DAY) }),
    ).rejects.toMatchObject({ key: "certification.errorAlreadyCertified" });
    const re = await startCertificationAttempt({ user: trainee, trackId, slug: "lost-cap", locale: "en", now: new Date(after!.expiresAt!.getTime() - 29 * DAY) });
    expect(re.mode).toBe("certification");

    // The trainee's own view.
    const mine = await assignedTracksOf(world.users.trainee, world.demoOrgId, new Date(issuedAt.getTime() + DAY));
    const track = mine.find((m) => m.trackId === trackId)!;
    expect(track.status).toBe("certified");
    expect(track.certifiedUntil).toBe(after!.expiresAt!.toISOString());
  });

  it("lets another organisation's manager neither assign the track nor review its calls", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    const other = { id: world.users.otherManager, orgId: world.otherOrgId };
    const { id: trackId } = await createTrack(manager, rules({ name: { en: "Private", fr: "Privé" } }));
    await expect(assignTrack(other, { trackId, userIds: [world.users.otherTrainee], roles: [], dueAt: null })).rejects.toMatchObject({
      key: "certification.errorNoTrack",
    });
    // A demo-org track cannot be assigned to someone outside the organisation.
    await expect(assignTrack(manager, { trackId, userIds: [world.users.otherTrainee], roles: [], dueAt: null })).rejects.toMatchObject({
      key: "certification.errorNobody",
    });
    const [call] = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.orgId, world.demoOrgId)).limit(1);
    await expect(addReview(other, call!.id, { comment: "Nice", override: "none", reason: "" })).rejects.toMatchObject({
      key: "certification.errorNoAttempt",
    });
  });

  it("keeps the original scorecard when a reviewer overrides the result, and records who and why", async () => {
    const [call] = await db
      .select({ id: attempts.id })
      .from(attempts)
      .where(and(eq(attempts.userId, world.users.trainee2), eq(attempts.mode, "certification"), eq(attempts.status, "ended")))
      .orderBy(asc(attempts.startedAt))
      .limit(1);
    const before = await db.select().from(scorecards).where(eq(scorecards.attemptId, call!.id));
    expect(before).toHaveLength(1);
    await expect(addReview({ id: world.users.trainer, orgId: world.demoOrgId }, call!.id, { comment: "", override: "pass", reason: "" })).rejects.toThrow();
    const r = await addReview({ id: world.users.trainer, orgId: world.demoOrgId }, call!.id, {
      comment: "The customer was satisfied.",
      override: "pass",
      reason: "The judge missed the apology",
    });
    const after = await db.select().from(scorecards).where(eq(scorecards.attemptId, call!.id)).orderBy(asc(scorecards.n));
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.id).toBe(r.scorecardId);
    expect(after[1]!.passed).toBe(true);
    expect(after[1]!.judge).toBe("review");
    expect(after[1]!.feedback).toMatchObject({ override: { by: world.users.trainer, reason: "The judge missed the apology" } });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "review.override"), eq(auditEvents.subjectId, call!.id)));
    expect(events).toHaveLength(1);
    // A comment alone issues no scorecard.
    const c = await addReview({ id: world.users.manager, orgId: world.demoOrgId }, call!.id, { comment: "Good pace", override: "none", reason: "" });
    expect(c.scorecardId).toBeNull();
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, call!.id))).toHaveLength(2);
  });

  it("lists the team's most missed checkpoints with example calls", async () => {
    const missed = await mostMissedCheckpoints(world.demoOrgId);
    expect(missed[0]).toMatchObject({ checkpointId: "offer-plan", description: "Offer a payment plan" });
    // A checkpoint the scenario's rubric does not know keeps the words of its scorecards, in both languages.
    expect(missed[0]!.label).toEqual({ en: "Offer a payment plan", fr: "Offer a payment plan" });
    expect(missed[0]!.examples.length).toBeGreaterThan(0);
    expect(missed[0]!.examples.length).toBeLessThanOrEqual(3);
  });

  it("exports the matrix and every call as CSV with a byte-order mark, headers in the reader's language and accents intact", async () => {
    const fr = await matrixCsv(world.demoOrgId, {}, "fr", new Date(T0.getTime() + 7 * HOUR));
    expect(fr.startsWith("\uFEFFPersonne,Courriel,Rôle,Parcours,Statut,Échéance,Expiration\r\n")).toBe(true);
    expect(fr).toContain("Tara Trainee,trainee@example.com,Apprenant·e,Certifier une fois,Certifié·e,");
    expect(csvCell('He said "hi", then left')).toBe('"He said ""hi"", then left"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");

    // 1,005 more calls: the stream crosses a page boundary and returns each call once.
    const [v] = await db.execute(sql`select id from scenario_versions limit 1`).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows)) as Array<{ id: string }>;
    await db.execute(sql`
      insert into attempts (id, user_id, org_id, scenario_version_id, locale, engine, status, machine_version, started_at, outcome)
      select 'bulk-' || g, ${world.users.trainee2}, ${world.demoOrgId}, ${v!.id}, 'fr', 'scripted', 'ended', 1,
        timestamptz '2025-01-01' + (g / 3) * interval '1 minute', 'resolved'
      from generate_series(1, 1005) g`);
    const [{ n: total } = { n: 0 }] = (await db.execute(sql`select count(*)::int as n from attempts where org_id = ${world.demoOrgId}`).then((r) =>
      Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows,
    )) as Array<{ n: number }>;
    const text = await csvText(attemptsCsvStream(world.demoOrgId, {}, "en"));
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]!.startsWith("\uFEFFDate (UTC),Person,Email,Scenario,Scenario id,Mode,Language,Outcome,Empathy,Resolution,Anticipation,Overall,Passed,Call id")).toBe(true);
    // The scenario by its title in the reader's language, then by its id (for tools).
    const [bulk] = (await db.execute(sql`select s.slug, sv.definition -> 'title' as title from scenario_versions sv join scenarios s on s.id = sv.scenario_id where sv.id = ${v!.id}`).then((r) =>
      Array.isArray(r) ? r : (r as unknown as { rows: unknown[] }).rows,
    )) as Array<{ slug: string; title: { en: string; fr: string } | string }>;
    const title = (typeof bulk!.title === "string" ? JSON.parse(bulk!.title) : bulk!.title) as { en: string; fr: string };
    expect(lines.find((l) => l.endsWith(",bulk-1"))).toContain(`,${world.emails.trainee2},${csvCell(title.en)},${bulk!.slug},`);
    expect(lines.length - 1).toBe(Number(total));
    const callIds = lines.slice(1).map((l) => l.split(",").at(-1));
    expect(new Set(callIds).size).toBe(Number(total));
    const certOnly = await csvText(attemptsCsvStream(world.demoOrgId, { mode: "certification" }, "fr"));
    expect(certOnly.split("\r\n").filter(Boolean).slice(1).every((l) => l.includes(",Certification,"))).toBe(true);
    const frText = await csvText(attemptsCsvStream(world.demoOrgId, { userId: world.users.trainee2 }, "fr"));
    expect(frText.split("\r\n")[0]).toContain(",Scénario,Identifiant du scénario,Mode,");
    expect(frText.split("\r\n").find((l) => l.endsWith(",bulk-1"))).toContain(`,${world.emails.trainee2},${csvCell(title.fr)},${bulk!.slug},`);
  });
});
