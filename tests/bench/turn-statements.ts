/**
 * How many SQL statements each request of a scripted turn sends (issue 11, decisions 116 and 160):
 * the server runs in this process (app/server/start.ts over the built Remix app) with a counter on
 * the database's query logger, and one trainee plays a lost-cap call twice: without JavaScript (the
 * form's POST, then the page it redirects to) and as the browser does with JavaScript (the POST
 * with mode=stream and the stream of the reply; and, for comparison, the two revalidations the page
 * made before decision 160).
 *
 *   npx tsx tests/bench/turn-statements.ts [--db pglite|postgres] [--show]
 *
 * `--show` prints each statement of the last turn. Postgres needs TEST_DATABASE_URL (or
 * BENCH_DATABASE_URL); there every statement postgres.js sends is counted (Drizzle's and the reply
 * registry's; not the registry's LISTEN, once per process). CPU figures here include the client's
 * side (same process): the server's own CPU per turn is tests/bench/turns.ts's.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { buildIfNeeded } from "../../app/server/build.mjs";
import { createDatabase, migrate } from "../../db/client";
import { seedDemo, syncScenarioLibrary } from "../../db/seed";
import { playLines } from "../report/fixtures";
import { createServerDatabase } from "../helpers/db";
import { get, login, postForm } from "../helpers/http";

const ROOT = resolve(import.meta.dirname, "..", "..");
const { values } = parseArgs({
  options: { db: { type: "string", default: "pglite" }, show: { type: "boolean", default: false }, profile: { type: "string" } },
});
const kind = values.db === "postgres" ? "postgres" : "pglite";

const log: string[] = [];
const counted = () => log.length;

async function main() {
  await buildIfNeeded(ROOT, () => {});
  let cleanup: () => Promise<void>;
  if (kind === "postgres") {
    const server = await createServerDatabase(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
    process.env.DATABASE_URL = server.url;
    process.env.SESSION_SECRET = "bench-session-secret-bench-session-secret-0123456789";
    cleanup = () => server.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), "mot-bench-statements-"));
    process.env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  Object.assign(process.env, {
    NODE_ENV: "production",
    PORT: "0",
    CUSTOMER_MODEL: "scripted",
    JUDGE_MODEL: "heuristic",
    SCRIPTED_WORD_DELAY_MS: "0",
    LOG_REQUESTS: "false",
  });
  {
    const handle = createDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, max: 1 });
    await migrate(handle.db);
    await seedDemo(handle.db);
    await syncScenarioLibrary(handle.db);
    await handle.close();
  }
  const { getEnv } = await import("../../app/env.server");
  const { startServer } = await import("../../app/server/start");
  const server = await startServer(getEnv(), { root: ROOT });
  const record = (query: string) => log.push(query.replace(/\s+/g, " ").slice(0, 160));
  if (kind === "postgres") {
    // Every statement postgres.js sends on the pool, Drizzle's and the reply registry's own (its claim,
    // NOTIFYs, release): the pool's connections share one options object, read at each query.
    const client = (server.handle.db as unknown as { $client: { options: { debug?: unknown } } }).$client;
    client.options.debug = (_connection: number, query: string) => record(query);
  } else {
    // Drizzle's sessions (and the transactions they open) share one options object: its logger sees every statement.
    const session = (server.handle.db as unknown as { session: { logger: unknown; options: { logger?: unknown } } }).session;
    const logger = { logQuery: record };
    session.logger = logger;
    session.options.logger = logger;
  }
  const base = server.url;
  try {
    const cookie = await login(base, "trainee@example.com");
    const lines = playLines("lost-cap", "en", "thoughtful");
    const measure = async <T>(fn: () => Promise<T>): Promise<{ value: T; statements: number; cpuMs: number; first: number }> => {
      const first = counted();
      const c0 = process.cpuUsage();
      const value = await fn();
      const c = process.cpuUsage(c0);
      return { value, statements: counted() - first, cpuMs: (c.user + c.system) / 1000, first };
    };
    const start = async () => {
      const res = await postForm(`${base}/train/lost-cap`, { callLocale: "en" }, { cookie });
      const id = /\/calls\/([0-9a-f-]{36})/.exec(res.headers.get("location") ?? "")?.[1];
      if (!id) throw new Error(`could not start a call (${res.status})`);
      await (await get(`${base}/calls/${id}`, { cookie })).text();
      return id;
    };

    // Without JavaScript: POST, then the page it redirects to.
    for (const round of ["warm-up", "measured"]) {
      const id = await start();
      const sums = { post: 0, page: 0, postCpu: 0, pageCpu: 0, turns: 0 };
      let lastFirst = 0;
      const profiler = round === "measured" && values.profile ? new Session() : null;
      if (profiler) {
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      }
      for (const text of lines) {
        const post = await measure(async () => {
          const res = await postForm(`${base}/calls/${id}`, { intent: "say", text, clientToken: randomUUID() }, { cookie });
          await res.text();
          return res.headers.get("location") ?? "";
        });
        const location = post.value;
        if (location.endsWith("/report")) break; // the last turn (scoring) is left out of the per-turn figures
        const page = await measure(async () => (await get(`${base}${location}`, { cookie })).text());
        sums.post += post.statements;
        sums.page += page.statements;
        sums.postCpu += post.cpuMs;
        sums.pageCpu += page.cpuMs;
        sums.turns++;
        lastFirst = post.first;
      }
      if (profiler) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(values.profile!, JSON.stringify(profile));
        profiler.disconnect();
      }
      if (round === "measured") {
        const n = sums.turns;
        console.log(
          `${kind}, no JavaScript: ${(sums.post / n).toFixed(1)} statements per POST, ${(sums.page / n).toFixed(1)} for the page it redirects to ` +
            `(${n} turns; in-process CPU ${(sums.postCpu / n).toFixed(1)} + ${(sums.pageCpu / n).toFixed(1)} ms)`,
        );
        if (values.show) console.log(log.slice(lastFirst).map((q) => `  ${q}`).join("\n"));
      }
    }

    // With JavaScript: the POST (mode=stream) and the stream; the revalidations the page made before decision 160.
    {
      const id = await start();
      const sums = { post: 0, stream: 0, revalidate: 0, requests: 0, turns: 0 };
      const revalidate = async () => {
        const r1 = await get(`${base}/calls/${id}?_data=root`, { cookie });
        const r2 = await get(`${base}/calls/${id}?_data=${encodeURIComponent("routes/calls.$id")}`, { cookie });
        await r1.text();
        await r2.text();
      };
      for (const text of lines) {
        const post = await measure(async () => {
          const res = await postForm(`${base}/calls/${id}?_data=${encodeURIComponent("routes/calls.$id")}`, { intent: "say", text, clientToken: randomUUID(), mode: "stream" }, { cookie });
          return (await res.json()) as { ok: boolean; seq?: number };
        });
        if (!post.value.ok || post.value.seq === undefined) throw new Error(`turn refused: ${JSON.stringify(post.value)}`);
        const afterPost = await measure(revalidate);
        const stream = await measure(async () => (await get(`${base}/api/calls/${id}/stream?seq=${post.value.seq! + 1}`, { cookie })).text());
        if (stream.value.includes("event: ended") || stream.value.includes('"type":"ended"')) break;
        const afterStream = await measure(revalidate);
        sums.post += post.statements;
        sums.stream += stream.statements;
        sums.revalidate += afterPost.statements + afterStream.statements;
        sums.turns++;
      }
      const n = sums.turns;
      console.log(
        `${kind}, with JavaScript: ${(sums.post / n).toFixed(1)} statements per POST and ${(sums.stream / n).toFixed(1)} per stream, the page's ` +
          `two requests (decision 160); the two revalidations it made before would cost ${(sums.revalidate / n).toFixed(1)} more (${n} turns)`,
      );
    }
  } finally {
    await server.close({ graceMs: 1000 });
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
