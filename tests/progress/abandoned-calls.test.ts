/**
 * Abandoned calls (decision 279) on PGlite and (with TEST_DATABASE_URL) Postgres: a call that ends
 * without a trainee turn — opened and left, or never answered — gets no scorecard and is left out
 * of the maintained statistics, the counts of calls, the catalog's attempts and what is most
 * missed, while the lists still show it, as abandoned. The migration that turns the 0/100
 * scorecards of such calls made before into abandoned calls keeps the statistics equal to a
 * recomputation.
 */
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attempts, scorecards } from "../../db/schema";
import type { Database } from "../../db/client";
import type { CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import { createAttempt, findPlayableScenario } from "../../app/calls/attempts.server";
import { finishAttempt } from "../../app/calls/finish.server";
import { addTraineeTurn, endAttempt, settleReply } from "../../app/calls/replies.server";
import { catalogOf } from "../../app/progress/catalog.server";
import { listStudio } from "../../app/author/studio.server";
import { mostMissedCheckpoints } from "../../app/progress/certification.server";
import { listHistory } from "../../app/progress/history.server";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { callStatsByPerson } from "../../app/progress/statistics.server";
import { listTeamCalls } from "../../app/progress/team.server";
import { maintainedStats, recomputedStats } from "./stats";
import { testDatabases, type TestDatabase } from "../helpers";
import { createWorld, type World } from "../report/fixtures";

const recomputed = recomputedStats;
const maintained = maintainedStats;

describe.each(testDatabases())("abandoned calls on $name", ({ create }) => {
  let t: TestDatabase;
  let db: Database;
  let world: World;
  let user: CurrentUser;
  let left: string;
  let unanswered: string;
  let spoken: string;

  async function newCall(slug = "lost-cap") {
    const playable = await findPlayableScenario(user.org.id, slug);
    return createAttempt({ user, playable: playable!, locale: "en" });
  }

  beforeAll(async () => {
    t = await create();
    db = t.db;
    setDatabaseHandle({ db, driver: t.kind, close: async () => {} });
    world = await createWorld(db);
    user = {
      id: world.users.trainee,
      email: world.emails.trainee,
      name: "Trainee",
      preferredLocale: null,
      locale: "en",
      sessionId: "test",
      org: { id: world.demoOrgId, name: "Demo", slug: "demo" },
      role: "trainee",
    };
    // Opened, the customer spoke, the trainee hung up without a word.
    const a = await newCall();
    await settleReply(a.id);
    await endAttempt(a.id);
    left = a.id;
    // Ended (rung out, or replaced by a new call) before anything was said.
    const b = await newCall();
    await finishAttempt(b.id);
    unanswered = b.id;
    // A real call: one trainee turn.
    const c = await newCall();
    await settleReply(c.id);
    await addTraineeTurn(c.id, "No, we found nothing.", "spoken-1");
    await endAttempt(c.id);
    spoken = c.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("ends a call without a trainee turn as abandoned, with no scorecard; a call with one is scored", async () => {
    const rows = await db.select().from(attempts).where(eq(attempts.userId, user.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(left)).toMatchObject({ status: "ended", abandoned: true });
    expect(byId.get(unanswered)).toMatchObject({ status: "ended", abandoned: true });
    expect(byId.get(spoken)).toMatchObject({ status: "ended", abandoned: false });
    for (const id of [left, unanswered]) expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, id))).toHaveLength(0);
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, spoken))).toHaveLength(1);
    // Ending it again changes nothing.
    await finishAttempt(left);
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, left))).toHaveLength(0);
  });

  it("keeps abandoned calls out of the maintained statistics, the counts of calls and the catalog's attempts", async () => {
    expect(await maintained(db)).toEqual(await recomputed(db));
    const mine = (await maintained(db)).filter((r) => r.userId === user.id);
    expect(mine.map((r) => r.scored)).toEqual([1]);
    expect((await callStatsByPerson(world.demoOrgId, [user.id])).get(user.id)).toMatchObject({ calls: 1, scored: 1 });
    const lostCap = (await catalogOf(user.id, world.demoOrgId)).find((c) => c.slug === "lost-cap");
    expect(lostCap).toMatchObject({ attempts: 1 });
    // The studio's list counts calls the same way.
    const studio = (await listStudio({ id: world.users.trainer, orgId: world.demoOrgId, role: "trainer" })).find((r) => r.slug === "lost-cap");
    expect(studio).toMatchObject({ attempts: 1 });
  });

  it("counts a checkpoint missed only in the calls where something was said", async () => {
    const missed = await mostMissedCheckpoints(world.demoOrgId, { userId: user.id });
    expect(missed.length).toBeGreaterThan(0);
    for (const m of missed) {
      expect(m.missed).toBe(1);
      expect(m.examples.map((e) => e.id)).toEqual([spoken]);
    }
  });

  it("still lists abandoned calls, marked so and without scores, in the history and the team's calls", async () => {
    const history = await listHistory(user.id, world.demoOrgId);
    expect(history.map((r) => [r.id, r.abandoned, r.score === null])).toEqual([
      [spoken, false, false],
      [unanswered, true, true],
      [left, true, true],
    ]);
    const team = await listTeamCalls(world.demoOrgId, { userId: user.id });
    expect(team.calls.map((c) => [c.id, c.abandoned, c.score === null])).toEqual([
      [spoken, false, false],
      [unanswered, true, true],
      [left, true, true],
    ]);
  });

  it("turns the scorecards of empty calls made before into abandoned calls, and the statistics with them (migration 0010)", async () => {
    // A call of before: ended without a trainee turn, scored 0/100, counted.
    const [old] = await db
      .insert(attempts)
      .values({
        userId: world.users.trainee2,
        orgId: world.demoOrgId,
        scenarioVersionId: (await db.select().from(attempts).where(eq(attempts.id, spoken)))[0]!.scenarioVersionId,
        locale: "en",
        engine: "scripted",
        status: "ended",
        machineVersion: 1,
        outcome: "unresolved",
        endedAt: new Date(),
      })
      .returning();
    await db.transaction((tx) =>
      issueScorecard(tx, {
        attemptId: old!.id,
        n: 1,
        judge: "heuristic",
        empathy: 0,
        resolution: 0,
        anticipation: 0,
        overall: 0,
        passed: false,
        checkpoints: [],
        penalties: [],
      }),
    );
    expect((await maintained(db)).filter((r) => r.userId === world.users.trainee2).map((r) => r.scored)).toEqual([1]);
    const migration = readFileSync(new URL("../../db/migrations/0010_abandoned-calls.sql", import.meta.url), "utf8");
    const statements = migration.split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
    expect(statements[0]).toMatch(/^ALTER TABLE "attempts" ADD COLUMN "abandoned"/);
    for (const s of statements.slice(1)) await db.execute(sql.raw(s));
    const [after] = await db.select().from(attempts).where(eq(attempts.id, old!.id));
    expect(after!.abandoned).toBe(true);
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, old!.id))).toHaveLength(0);
    expect((await maintained(db)).filter((r) => r.userId === world.users.trainee2)).toEqual([]);
    expect(await maintained(db)).toEqual(await recomputed(db));
    // The calls that were said are untouched.
    const spokenRow = await db.select().from(attempts).where(and(eq(attempts.id, spoken), eq(attempts.abandoned, false)));
    expect(spokenRow).toHaveLength(1);
    expect(await db.select().from(scorecards).where(eq(scorecards.attemptId, spoken))).toHaveLength(1);
  });
});
