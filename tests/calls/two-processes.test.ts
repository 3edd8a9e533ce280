/**
 * Several app processes on one Postgres (issue 11, decision 113): two built app processes behind a
 * round-robin proxy, no sticky sessions, whole calls played over the browser's request sequence with
 * the requests alternating between the processes. The reply is produced in the process that took the
 * trainee's POST and streamed from the other. Nothing is lost, duplicated or left unstreamed.
 * Runs with TEST_DATABASE_URL (a Postgres server); PGlite is one process by nature.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../db/client";
import { attempts, replyClaims, scorecards, turns } from "../../db/schema";
import { createServerDatabase, login, startTestServer, type TestServer } from "../helpers";
import { startRoundRobinProxy, type RoundRobinProxy } from "../load/proxy";
import { playCall, type PlayedCall } from "../load/trainee";

const LINES = [
  "Good evening! Oh no, she must be so sad. Let me check for you. What does the cap look like?",
  "Thank you. I'll go and ask the team and look in the lost property box right away.",
  "I'm sorry, it isn't there tonight, but I will ask the lunch team tomorrow at 11 and call you.",
  "May I have your phone number so I can call you as soon as I know?",
];

describe.runIf(process.env.TEST_DATABASE_URL)("two app processes behind a round-robin proxy on one Postgres", () => {
  let database: { url: string; drop(): Promise<void> };
  const servers: TestServer[] = [];
  let proxy: RoundRobinProxy;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createServerDatabase();
    const env = { DATABASE_URL: database.url, SESSION_SECRET: "two-processes-share-this-secret-0123456789" };
    // One after the other: the first migrates and seeds, the second finds it done.
    servers.push(await startTestServer({ env }));
    servers.push(await startTestServer({ env }));
    proxy = await startRoundRobinProxy(servers.map((s) => s.baseUrl));
    handle = createDatabase({ databaseUrl: database.url, max: 2 });
  }, 240_000);
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((s) => s.close()));
    await handle?.close();
    await database?.drop();
  });

  it("plays whole calls with every request alternating between the processes: no turn lost or duplicated, every reply streamed", async () => {
    const played: PlayedCall[] = [];
    // Sequential calls: each request goes to the other process than the one before, and each reply is
    // produced by the process that took the trainee's POST and streamed by the other one.
    for (const slug of ["lost-cap", "lost-cap"]) {
      // Log in through the proxy (a session made by one process, used by both).
      const cookie = await login(proxy.baseUrl, "trainee@example.com");
      played.push(await playCall({ base: proxy.baseUrl, cookie, slug, lines: LINES, streamElsewhere: true }));
    }
    // And two trainees at the same time (their requests interleave across the processes).
    const [a, b] = await Promise.all([login(proxy.baseUrl, "trainee@example.com"), login(proxy.baseUrl, "trainer@example.com")]);
    played.push(...(await Promise.all([a, b].map((cookie) => playCall({ base: proxy.baseUrl, cookie, slug: "lost-cap", lines: LINES })))));

    for (const call of played) {
      expect(call.errors).toEqual([]);
      expect(call.ended).toBe(true);
      expect(call.accepted).toBeGreaterThan(0);
      // Every reply reached the browser over the stream, as tokens that are the committed line (a line so
      // short that it was committed before the stream connected comes as its `done` event alone).
      for (const turn of call.turns) expect(turn.streamedMatches || turn.tokens === 0).toBe(true);
      expect(call.turns.filter((t) => t.tokens > 1).length).toBeGreaterThanOrEqual(call.turns.length - 1);
    }
    expect(proxy.counts[0]).toBeGreaterThan(10);
    expect(proxy.counts[1]).toBeGreaterThan(10);

    const ids = played.map((p) => p.attemptId!);
    const rows = await handle.db.select().from(turns).where(inArray(turns.attemptId, ids)).orderBy(asc(turns.attemptId), asc(turns.seq));
    for (const call of played) {
      const mine = rows.filter((r) => r.attemptId === call.attemptId);
      // Contiguous, customer and trainee in turn, the customer first: nothing lost, nothing twice.
      expect(mine.map((r) => r.seq)).toEqual(mine.map((_, i) => i));
      expect(mine.map((r) => r.speaker)).toEqual(mine.map((_, i) => (i % 2 === 0 ? "customer" : "trainee")));
      expect(mine.filter((r) => r.speaker === "trainee")).toHaveLength(call.accepted);
      const [attempt] = await handle.db.select().from(attempts).where(eq(attempts.id, call.attemptId!));
      expect(attempt!.status).toBe("ended");
      expect(await handle.db.select().from(scorecards).where(eq(scorecards.attemptId, call.attemptId!))).toHaveLength(1);
    }
    // No claim is left behind.
    await expect.poll(async () => (await handle.db.select().from(replyClaims)).length).toBe(0);
  }, 240_000);
});
