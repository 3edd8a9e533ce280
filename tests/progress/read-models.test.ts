/**
 * The progress read models (app/progress) on PGlite and (with TEST_DATABASE_URL) Postgres: the
 * effective scorecard of an attempt, /team's pages and search, the history, the catalog's
 * figures, and the statistics maintained when a scorecard is issued — equal to a recomputation
 * from every scorecard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { attempts, memberships, users } from "../../db/schema";
import type { Database } from "../../db/client";
import { setDatabaseHandle } from "../../app/db.server";
import { catalogOf } from "../../app/progress/catalog.server";
import { cursorParam, listHistory, parseCursor } from "../../app/progress/history.server";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { callStatsByPerson } from "../../app/progress/statistics.server";
import { listPeople, listTeamCalls, type TeamCall } from "../../app/progress/team.server";
import { maintainedStats, recomputedStats } from "./stats";
import { testDatabases, type TestDatabase } from "../helpers";
import { createWorld, latestVersion, type World } from "../report/fixtures";

const T0 = Date.UTC(2026, 5, 1, 9, 0);
const MINUTE = 60_000;

interface Card {
  overall: number;
  passed: boolean;
}
function card(attemptId: string, n: number, c: Card) {
  return {
    attemptId,
    n,
    judge: "heuristic",
    empathy: Math.max(0, c.overall - 5),
    resolution: Math.min(100, c.overall + 5),
    anticipation: c.overall,
    overall: c.overall,
    passed: c.passed,
    checkpoints: [],
    penalties: [],
    feedback: { passMark: 70 },
  };
}

async function addPerson(db: Database, orgId: string, name: string, email: string) {
  const [u] = await db.insert(users).values({ name, email }).returning();
  await db.insert(memberships).values({ userId: u!.id, orgId, role: "trainee" });
  return u!.id;
}

const recomputed = recomputedStats;
const maintained = maintainedStats;

describe.each(testDatabases())("the progress read models on $name", ({ kind, create }) => {
  let t: TestDatabase;
  let db: Database;
  let world: World;
  let lostCap: string;
  let smile: string;
  /** Demo-organisation calls, newest first as /team lists them. */
  const demoCalls: string[] = [];
  let pct: string;
  let under: string;
  let rescored: string;

  /** A call of `userId` at T0 + minutes, ended, with scorecards (latest last). */
  async function call(userId: string, orgId: string, versionId: string, minutes: number, cards: Card[] = []) {
    const [a] = await db
      .insert(attempts)
      .values({
        userId,
        orgId,
        scenarioVersionId: versionId,
        locale: "en",
        engine: "scripted",
        status: "ended",
        machineVersion: 1,
        outcome: "resolved",
        startedAt: new Date(T0 + minutes * MINUTE),
        endedAt: new Date(T0 + minutes * MINUTE + 2 * MINUTE),
      })
      .returning();
    for (const [i, c] of cards.entries()) await db.transaction((tx) => issueScorecard(tx, card(a!.id, i + 1, c)));
    return a!.id;
  }

  beforeAll(async () => {
    t = await create();
    db = t.db;
    setDatabaseHandle({ db, driver: kind, close: async () => {} });
    world = await createWorld(db);
    lostCap = (await latestVersion(db, "lost-cap")).id;
    const s = await latestVersion(db, "smile-25k");
    smile = s.id;
    pct = await addPerson(db, world.demoOrgId, "Percy 100% Sure", "percy@example.com");
    under = await addPerson(db, world.demoOrgId, "Una Under_Score", "una@example.com");
    for (let i = 0; i < 9; i++) await addPerson(db, world.demoOrgId, `Extra Person ${i}`, `extra${i}@example.com`);

    const { trainee, trainee2, otherTrainee } = world.users;
    // 30 calls of the demo organisation; every third pair starts at the same instant (ties broken by id).
    const made: Array<{ id: string; at: number }> = [];
    for (let i = 0; i < 30; i++) {
      const at = Math.floor(i / 2) * 10 + (i % 3 === 0 ? 0 : i % 2);
      const who = [trainee, trainee2, pct, under][i % 4]!;
      const cards = i % 5 === 4 ? [] : [{ overall: 40 + i, passed: 40 + i >= 70 }];
      made.push({ id: await call(who, world.demoOrgId, i % 2 ? smile : lostCap, at, cards), at });
    }
    // Rescored lower: the latest scorecard counts, in the lists and in the statistics.
    rescored = await call(trainee, world.demoOrgId, smile, 1000, [{ overall: 95, passed: true }, { overall: 30, passed: false }]);
    made.push({ id: rescored, at: 1000 });
    await call(otherTrainee, world.otherOrgId, lostCap, 2000, [{ overall: 99, passed: true }]);
    made.sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
    demoCalls.push(...made.map((m) => m.id));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it("lists the organisation's calls newest first, each with its latest scorecard", async () => {
    const page = await listTeamCalls(world.demoOrgId, { limit: 50 });
    expect(page.calls.map((c) => c.id)).toEqual(demoCalls);
    expect(page.next).toBeNull();
    const top = page.calls[0]!;
    expect(top.id).toBe(rescored);
    expect(top.score).toEqual({ overall: 30, passed: false });
    expect(top.scenario.slug).toBe("smile-25k");
    expect(top.scenario.title?.en).toEqual(expect.any(String));
    expect(page.calls.filter((c) => c.score === null)).toHaveLength(6);
  });

  it("walks the calls page by page with a cursor: every call exactly once, same-instant calls included", async () => {
    const seen: TeamCall[] = [];
    let before = undefined as ReturnType<typeof parseCursor>;
    for (let i = 0; i < 20; i++) {
      const page = await listTeamCalls(world.demoOrgId, { limit: 4, before });
      seen.push(...page.calls);
      if (!page.next) break;
      // The cursor travels through the URL and back.
      before = parseCursor(cursorParam(page.next));
      expect(before).toEqual(page.next);
    }
    expect(seen.map((c) => c.id)).toEqual(demoCalls);
  });

  it("refuses a malformed cursor rather than guessing", () => {
    expect(parseCursor("yesterday_abc")).toBeUndefined();
    expect(parseCursor("2026-06-01 09:00:00+00_not-an-id")).toBeUndefined();
    expect(parseCursor(null)).toBeUndefined();
    expect(parseCursor("2026-06-01 09:00:00.123456+00_0b0e4b9e-61d4-4f3c-9d2c-1d3f5e6a7b8c")).toEqual({
      startedAt: "2026-06-01 09:00:00.123456+00",
      id: "0b0e4b9e-61d4-4f3c-9d2c-1d3f5e6a7b8c",
    });
  });

  it("pages the people by name and counts them", async () => {
    const all = await listPeople(world.demoOrgId, { pageSize: 100 });
    const names = all.rows.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all.total).toBe(all.rows.length);
    const pages = [];
    for (let p = 1; p <= 4; p++) pages.push(...(await listPeople(world.demoOrgId, { page: p, pageSize: 4 })).rows.map((r) => r.name));
    expect(pages).toEqual(names.slice(0, 16));
    const first = await listPeople(world.demoOrgId, { pageSize: 4 });
    expect(first.pageCount).toBe(Math.ceil(all.total / 4));
    expect(names).not.toContain("Olga Other");
  });

  it("searches people by name or email, anywhere and in any case, taking % and _ literally", async () => {
    expect((await listPeople(world.demoOrgId, { q: "%" })).rows.map((p) => p.name)).toEqual(["Percy 100% Sure"]);
    expect((await listPeople(world.demoOrgId, { q: "percy_100" })).rows).toEqual([]);
    expect((await listPeople(world.demoOrgId, { q: "under_" })).rows.map((p) => p.name)).toEqual(["Una Under_Score"]);
    expect((await listPeople(world.demoOrgId, { q: "EXTRA3@EXAMPLE" })).rows.map((p) => p.name)).toEqual(["Extra Person 3"]);
    const none = await listPeople(world.demoOrgId, { q: "Olga" });
    expect(none).toMatchObject({ rows: [], total: 0, pageCount: 1 });
  });

  it("lists only the calls of the people a search finds, in the organisation", async () => {
    const page = await listTeamCalls(world.demoOrgId, { q: "percy", limit: 50 });
    expect(page.calls.length).toBeGreaterThan(0);
    expect(new Set(page.calls.map((c) => c.trainee.name))).toEqual(new Set(["Percy 100% Sure"]));
    expect(page.calls.map((c) => c.id)).toEqual(demoCalls.filter((id) => page.calls.some((c) => c.id === id)));
    expect((await listTeamCalls(world.demoOrgId, { q: "Olga" })).calls).toEqual([]);
    expect((await listTeamCalls(world.otherOrgId, { q: "Tara" })).calls).toEqual([]);
  });

  it("shows each person's calls and best latest score, from the maintained statistics", async () => {
    const { trainee, trainee2, manager } = world.users;
    const stats = await callStatsByPerson(world.demoOrgId, [trainee, trainee2, manager]);
    const mine = demoCalls.length;
    expect(mine).toBe(31);
    const expected = await db.execute(sql`
      select a.user_id, count(*)::int as calls, max(c.overall) as best from attempts a
      left join lateral (select overall from scorecards s where s.attempt_id = a.id order by n desc limit 1) c on true
      where a.org_id = ${world.demoOrgId} group by a.user_id`);
    const rows = (Array.isArray(expected) ? expected : (expected as unknown as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
    for (const id of [trainee, trainee2]) {
      const r = rows.find((x) => x.user_id === id)!;
      expect(stats.get(id)).toMatchObject({ calls: Number(r.calls), bestOverall: Number(r.best) });
    }
    // The rescored call's first card (95) no longer counts.
    expect(stats.get(trainee)!.bestOverall).toBeLessThan(95);
    expect(stats.get(manager)).toBeUndefined();
  });

  it("keeps the maintained statistics equal to a recomputation from every scorecard, rescores included", async () => {
    expect(await maintained(db)).toEqual(await recomputed(db));
    // One more rescore, then a brand-new call: still equal.
    await db.transaction((tx) => issueScorecard(tx, card(rescored, 3, { overall: 88, passed: true })));
    await call(world.users.trainee2, world.demoOrgId, smile, 3000, [{ overall: 12, passed: false }]);
    expect(await maintained(db)).toEqual(await recomputed(db));
  });

  it("issues scorecard n of an attempt once: a second issue changes nothing", async () => {
    const before = await maintained(db);
    const again = await db.transaction((tx) => issueScorecard(tx, card(rescored, 1, { overall: 1, passed: false })));
    expect(again).toBe(false);
    expect(await maintained(db)).toEqual(before);
  });

  it("gives the trainee's history in their organisation with each call's latest scorecard", async () => {
    const rows = await listHistory(world.users.trainee, world.demoOrgId);
    const mine = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.userId, world.users.trainee));
    expect(rows).toHaveLength(mine.length);
    expect(rows[0]!.scenario.slug).toBe("smile-25k");
    expect(rows.find((r) => r.id === rescored)!.score).toMatchObject({ overall: 88, passed: true });
    const startedAt = rows.map((r) => r.startedAt);
    expect(startedAt).toEqual([...startedAt].sort().reverse());
    expect(await listHistory(world.users.trainee, world.otherOrgId)).toEqual([]);
    expect(await listHistory(world.users.trainee, world.demoOrgId, { limit: 3 })).toEqual(rows.slice(0, 3));
  });

  it("gives the catalog each scenario's calls and best latest score for the trainee in the organisation", async () => {
    const cards = await catalogOf(world.users.trainee, world.demoOrgId);
    const bySlug = Object.fromEntries(cards.map((c) => [c.slug, c]));
    const mine = await listHistory(world.users.trainee, world.demoOrgId);
    for (const slug of ["lost-cap", "smile-25k"]) {
      const calls = mine.filter((r) => r.scenario.slug === slug);
      const scores = calls.flatMap((r) => (r.score ? [r.score.overall] : []));
      expect(bySlug[slug]).toMatchObject({ attempts: calls.length, best: scores.length ? Math.max(...scores) : null, liveAttemptId: null });
    }
    expect(bySlug["angry-caller"]).toMatchObject({ attempts: 0, best: null });
  });

  it.runIf(kind === "postgres")("counts two scorecards issued at the same moment for the same person and scenario", async () => {
    const a = await call(under, world.demoOrgId, lostCap, 4000);
    const b = await call(under, world.demoOrgId, lostCap, 4001);
    await Promise.all([
      db.transaction(async (tx) => {
        await issueScorecard(tx, card(a, 1, { overall: 77, passed: true }));
        await new Promise((r) => setTimeout(r, 50));
      }),
      db.transaction((tx) => issueScorecard(tx, card(b, 1, { overall: 66, passed: false }))),
    ]);
    expect(await maintained(db)).toEqual(await recomputed(db));
  });

  it.runIf(kind === "postgres")(
    "counts every scorecard when several are issued at once for a person and scenario with no statistics yet (decision 260: the row's upsert locks it)",
    async () => {
      const fresh = await addPerson(db, world.demoOrgId, "Zed Zero Stats", "zed@example.com");
      for (const round of [0, 1]) {
        const ids: string[] = [];
        for (let i = 0; i < 6; i++) ids.push(await call(fresh, world.demoOrgId, lostCap, 5000 + round * 100 + i));
        await Promise.all(
          ids.map((id, i) =>
            db.transaction(async (tx) => {
              await issueScorecard(tx, card(id, 1, { overall: 50 + 7 * i, passed: i % 2 === 0 }));
              await new Promise((r) => setTimeout(r, 10 * (i % 3)));
            }),
          ),
        );
        expect(await maintained(db)).toEqual(await recomputed(db));
      }
    },
  );
});
