import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, eq, getTableName, is, isNull, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/client";
import { verifyPassword } from "../../db/password";
import {
  attempts,
  memberships,
  organizations,
  scenarios,
  scenarioVersions,
  scorecards,
  turns,
  users,
} from "../../db/schema";
import * as schema from "../../db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmptyDatabase, seedDemo, syncScenarioLibrary } from "../../db/seed";
import { loadAllScenarios, scenarioFiles } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";
import { testDatabases, type TestDatabase } from "../helpers/db";

/** Every table db/schema.ts declares: the migrations must create exactly these, no more, no fewer. */
const EXPECTED_TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

/** A stand-in definition: the sync stores what it is given. */
function fakeScenario(id: string, title: string): Scenario {
  return { id, title: { en: title, fr: title }, channel: "phone", difficulty: 1 } as unknown as Scenario;
}

describe.each(testDatabases())("the database layer on $name", ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates every table of the data model from the committed migrations", async () => {
    const rows = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = (Array.isArray(rows) ? rows : (rows as { rows: { table_name: string }[] }).rows).map(
      (r) => r.table_name,
    );
    expect(EXPECTED_TABLES).toEqual(expect.arrayContaining(["attempts", "turns", "reply_claims", "tracks"]));
    expect([...names].sort()).toEqual(EXPECTED_TABLES);
  });

  it("applies the migrations a second time without error or change", async () => {
    await expect(migrate(t.db)).resolves.toBeUndefined();
  });

  it("seeds the demo organisation with one account per role, each able to log in with moment-demo", async () => {
    expect(await isEmptyDatabase(t.db)).toBe(true);
    const first = await seedDemo(t.db);
    expect(first.created).toBe(true);
    expect(await isEmptyDatabase(t.db)).toBe(false);
    const rows = await t.db
      .select({
        email: users.email,
        role: memberships.role,
        hash: users.passwordHash,
        org: organizations.slug,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .orderBy(asc(users.email));
    expect(rows.map((r) => [r.email, r.role, r.org])).toEqual(
      [...DEMO_ACCOUNTS].sort((a, b) => a.email.localeCompare(b.email)).map((a) => [a.email, a.role, "demo"]),
    );
    for (const row of rows) {
      expect(row.hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.hash!, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(row.hash!, "not-the-password")).toBe(false);
    }
  });

  it("does not duplicate anything when the demo is seeded twice", async () => {
    const again = await seedDemo(t.db);
    expect(again.created).toBe(false);
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(count?.n).toBe(DEMO_ACCOUNTS.length);
  });

  it("copes with a library of zero scenario files", async () => {
    const empty = mkdtempSync(join(tmpdir(), "mot-empty-lib-"));
    try {
      const result = await syncScenarioLibrary(t.db, loadAllScenarios(empty));
      expect(result).toEqual({ added: [], updated: [], unchanged: [] });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("creates a new immutable version only when a scenario's definition changed", async () => {
    const v1 = fakeScenario("test-sync", "First wording");
    expect((await syncScenarioLibrary(t.db, [v1])).added).toEqual(["test-sync"]);
    expect((await syncScenarioLibrary(t.db, [structuredClone(v1)])).unchanged).toEqual(["test-sync"]);
    const v2 = fakeScenario("test-sync", "Second wording");
    expect((await syncScenarioLibrary(t.db, [v2])).updated).toEqual(["test-sync"]);

    const [scenario] = await t.db
      .select()
      .from(scenarios)
      .where(and(isNull(scenarios.orgId), eq(scenarios.slug, "test-sync")));
    expect(scenario?.status).toBe("published");
    const versions = await t.db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.scenarioId, scenario!.id))
      .orderBy(asc(scenarioVersions.version));
    expect(versions.map((v) => [v.version, (v.definition as Scenario).title.en])).toEqual([
      [1, "First wording"],
      [2, "Second wording"],
    ]);
    expect(versions.every((v) => v.publishedAt instanceof Date)).toBe(true);
  });

  it("publishes every scenario file of the library as a global scenario", async () => {
    const files = scenarioFiles();
    await syncScenarioLibrary(t.db);
    const globals = await t.db
      .select({ slug: scenarios.slug })
      .from(scenarios)
      .where(and(isNull(scenarios.orgId), eq(scenarios.status, "published")));
    const slugs = globals.map((g) => g.slug);
    for (const s of loadAllScenarios()) expect(slugs).toContain(s.id);
    expect(slugs.length).toBe(files.length + 1 /* test-sync */);
  });

  describe("attempts, turns and scorecards", () => {
    let attemptId: string;
    beforeAll(async () => {
      const [user] = await t.db.select().from(users).where(eq(users.email, "trainee@example.com"));
      const [org] = await t.db.select().from(organizations).where(eq(organizations.slug, "demo"));
      const [version] = await t.db.select().from(scenarioVersions).limit(1);
      const [attempt] = await t.db
        .insert(attempts)
        .values({
          userId: user!.id,
          orgId: org!.id,
          scenarioVersionId: version!.id,
          locale: "fr",
          mode: "practice",
          engine: "scripted",
          status: "live",
          machineSnapshot: { value: "live", context: { patience: 60 } },
          machineVersion: 1,
        })
        .returning();
      attemptId = attempt!.id;
    });

    it("keeps a trainee's words and the machine snapshot exactly as written", async () => {
      const words = "Bonjour Mme Laurent, je comprends « votre » inquiétude… 😊";
      await t.db
        .insert(turns)
        .values({ attemptId, seq: 1, speaker: "trainee", text: words, moves: ["greet"] });
      const [turn] = await t.db.select().from(turns).where(eq(turns.attemptId, attemptId));
      expect(turn?.text).toBe(words);
      expect(turn?.moves).toEqual(["greet"]);
      const [attempt] = await t.db.select().from(attempts).where(eq(attempts.id, attemptId));
      expect(attempt?.machineSnapshot).toEqual({ value: "live", context: { patience: 60 } });
    });

    it("refuses a second turn with the same sequence number in an attempt", async () => {
      await expect(
        t.db.insert(turns).values({ attemptId, seq: 1, speaker: "customer", text: "duplicate" }),
      ).rejects.toThrow();
    });

    it("refuses a double submit carrying the same client token, but allows turns without one", async () => {
      await t.db
        .insert(turns)
        .values({ attemptId, seq: 2, speaker: "trainee", text: "a", clientToken: "tok-1" });
      await expect(
        t.db.insert(turns).values({ attemptId, seq: 3, speaker: "trainee", text: "a", clientToken: "tok-1" }),
      ).rejects.toThrow();
      await t.db.insert(turns).values({ attemptId, seq: 3, speaker: "customer", text: "b" });
      await t.db.insert(turns).values({ attemptId, seq: 4, speaker: "customer", text: "c" });
      const rows = await t.db.select().from(turns).where(eq(turns.attemptId, attemptId));
      expect(rows).toHaveLength(4);
    });

    it("numbers scorecards per attempt and refuses a second scorecard with the same number", async () => {
      const card = {
        attemptId,
        judge: "heuristic",
        empathy: 80,
        resolution: 60,
        anticipation: 40,
        overall: 60,
        passed: false,
        checkpoints: [],
        penalties: [],
      };
      await t.db.insert(scorecards).values({ ...card, n: 1 });
      await expect(t.db.insert(scorecards).values({ ...card, n: 1 })).rejects.toThrow();
      await t.db.insert(scorecards).values({ ...card, n: 2, overall: 70, passed: true });
      const rows = await t.db
        .select()
        .from(scorecards)
        .where(eq(scorecards.attemptId, attemptId))
        .orderBy(asc(scorecards.n));
      expect(rows.map((r) => [r.n, r.overall, r.passed])).toEqual([
        [1, 60, false],
        [2, 70, true],
      ]);
    });
  });
});
