/**
 * `npm run load`: N simulated trainees, each playing whole calls over the browser's real request
 * sequence (tests/load/trainee.ts) for a fixed time, against the built app on a scratch Postgres
 * database (created, then dropped). Prints turns per second, p50/p99 turn time (the trainee's POST to
 * the reply's `done`, scripted customer with its word pacing), errors, and accepted versus stored
 * trainee turns (must be equal). Figures only: it exits 0 whatever they are (CI prints them).
 *
 *   npm run --silent load -- [--trainees 200] [--seconds 30] [--processes 1] [--database postgres://…]
 *
 * Bounded (≤ 500 trainees, ≤ 300 s, ≤ 4 processes) and loopback only: the database and the app run on
 * this machine. With --processes > 1 the app processes sit behind a round-robin proxy (tests/load/proxy.ts).
 */
import { eq, inArray, and, count } from "drizzle-orm";
import { createDatabase } from "../../db/client";
import { attempts, memberships, organizations, turns, users } from "../../db/schema";
import { createServerDatabase, login, startTestServer, type TestServer } from "../helpers";
import { startRoundRobinProxy, type RoundRobinProxy } from "./proxy";
import { playCall, type PlayedCall } from "./trainee";

const LINES = [
  "Good evening! Oh no, she must be so sad. Let me check for you. What does the cap look like?",
  "Thank you. I'll go and ask the team and look in the lost property box right away.",
  "I'm sorry, it isn't there tonight, but I will ask the lunch team tomorrow at 11 and call you.",
  "May I have your phone number so I can call you as soon as I know?",
  "Thank you for your patience, and have a lovely evening.",
];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function bounded(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name}: a whole number from ${min} to ${max} (got ${value})`);
    process.exit(2);
  }
  return n;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function main() {
  const trainees = bounded("trainees", arg("trainees", "200"), 1, 500);
  const seconds = bounded("seconds", arg("seconds", "30"), 5, 300);
  const processes = bounded("processes", arg("processes", "1"), 1, 4);
  const serverUrl = arg("database", process.env.LOAD_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const host = new URL(serverUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    console.error(`--database: the load test runs on this machine only (loopback), not on ${host}`);
    process.exit(2);
  }

  const database = await createServerDatabase(serverUrl);
  const servers: TestServer[] = [];
  let proxy: RoundRobinProxy | null = null;
  const handle = createDatabase({ databaseUrl: database.url, max: 2 });
  try {
    const env = { DATABASE_URL: database.url, SESSION_SECRET: "load-test-secret-shared-by-every-process-0123" };
    for (let i = 0; i < processes; i++) servers.push(await startTestServer({ env }));
    proxy = processes > 1 ? await startRoundRobinProxy(servers.map((s) => s.baseUrl)) : null;
    const base = proxy?.baseUrl ?? servers[0]!.baseUrl;

    // N trainees in the demo organisation, with the demo trainee's password (hashed once by the seed).
    const [demo] = await handle.db
      .select({ orgId: memberships.orgId, hash: users.passwordHash })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(users.email, "trainee@example.com"));
    if (!demo?.hash) throw new Error("the demo organisation was not seeded");
    const emails = Array.from({ length: trainees }, (_, i) => `load-${i + 1}@example.com`);
    const created = await handle.db
      .insert(users)
      .values(emails.map((email, i) => ({ email, name: `Load ${i + 1}`, passwordHash: demo.hash })))
      .returning({ id: users.id });
    await handle.db.insert(memberships).values(created.map((u) => ({ userId: u.id, orgId: demo.orgId, role: "trainee" as const })));
    const cookies: string[] = new Array(trainees);
    await pool(
      emails.map((email, i) => ({ email, i })),
      8,
      async ({ email, i }) => {
        cookies[i] = await login(base, email);
      },
    );

    console.log(`load: ${trainees} trainees × ${seconds} s on Postgres, ${processes} app process${processes > 1 ? "es behind a round-robin proxy" : ""}, scripted customer`);
    const t0 = Date.now();
    const until = t0 + seconds * 1000;
    const calls: PlayedCall[] = [];
    await Promise.all(
      cookies.map(async (cookie, i) => {
        // Spread the starts over the first second, as people do not all click at once.
        await new Promise((r) => setTimeout(r, (i * 1000) / trainees));
        while (Date.now() < until) {
          const call = await playCall({ base, cookie, slug: "lost-cap", lines: LINES, until, timeoutMs: 120_000 + seconds * 1000 });
          calls.push(call);
          if (call.errors.length > 0) await new Promise((r) => setTimeout(r, 500));
        }
      }),
    );
    const elapsed = (Date.now() - t0) / 1000;

    const times = calls.flatMap((c) => c.turns.map((t) => t.ms)).sort((a, b) => a - b);
    const accepted = calls.reduce((n, c) => n + c.accepted, 0);
    const errors = calls.flatMap((c) => c.errors);
    const ids = calls.map((c) => c.attemptId).filter((id): id is string => id !== null);
    let stored = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const [row] = await handle.db
        .select({ n: count() })
        .from(turns)
        .innerJoin(attempts, eq(attempts.id, turns.attemptId))
        .where(and(inArray(turns.attemptId, ids.slice(i, i + 1000)), eq(turns.speaker, "trainee")));
      stored += Number(row?.n ?? 0);
    }
    const distinct = new Map<string, number>();
    for (const e of errors) distinct.set(e, (distinct.get(e) ?? 0) + 1);

    console.log(`  turns: ${times.length} answered in ${elapsed.toFixed(1)} s = ${(times.length / elapsed).toFixed(1)} turns/s`);
    console.log(`  turn time (POST → reply done): p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms, max ${(times.at(-1) ?? NaN).toFixed(0)} ms`);
    console.log(`  calls: ${calls.length} (${calls.filter((c) => c.ended).length} ended)`);
    console.log(`  errors: ${errors.length}${[...distinct].map(([e, n]) => `\n    ${n} × ${e}`).join("")}`);
    console.log(`  accepted turns: ${accepted}, stored: ${stored}${accepted === stored ? " (equal: none lost)" : ` (DIFFERENT: ${accepted - stored} lost)`}`);
  } finally {
    await proxy?.close();
    await Promise.all(servers.map((s) => s.close()));
    await handle.close();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`load: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
