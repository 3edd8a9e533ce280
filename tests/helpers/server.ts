/**
 * Run the real built app (app/server over build/) in a child process, on a random port
 * and a fresh database. Builds first when build/ is stale (one build at a time).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { buildIfNeeded, SERVER_OUTPUT } from "../../app/server/build.mjs";
import { createServerDatabase, type TestDatabaseKind } from "./db";
import { copyPgliteTemplate } from "./pglite-template";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** The secret the test servers on Postgres share (required with DATABASE_URL). */
export const TEST_SESSION_SECRET = "test-session-secret-test-session-secret-0123456789";

export interface TestServer {
  baseUrl: string;
  /** Everything the server printed so far. */
  output(): string;
  close(): Promise<void>;
}

/** Serialise builds across test files running in parallel (a lock directory). */
export async function ensureBuilt(): Promise<void> {
  const lock = join(ROOT, ".cache", "build.lock");
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A stale lock (a crashed run) is taken over after 3 minutes.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) throw new Error("timed out waiting for another build");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await buildIfNeeded(ROOT, () => {});
  } finally {
    rmdirSync(lock);
  }
}

/**
 * The topic models a test server trained (its disk cache, `<data dir>/cache/understanding/topics-<key>.json`,
 * app/engine/understanding-cache.ts) are kept in `.cache/topic-models/` when it closes, and the next test
 * servers start with them in their cache: each would otherwise train the same six models again in its
 * background warm-up (~2–4 s of CPU beside the test). The key is a hash of the scenario's examples and the
 * classifier's version, so a model is only ever found by the server that would have trained the same one — as
 * a restarted server finds its own (decision 268). Tests of the warm-up itself start their own servers.
 */
const SHARED_TOPIC_MODELS = join(ROOT, ".cache", "topic-models");

function shareTopicModels(from: string, to: string): void {
  let names: string[];
  try {
    names = readdirSync(from).filter((n) => /^topics-[0-9a-f]{16}\.json$/.test(n));
  } catch {
    return; // nothing trained or shared yet
  }
  for (const name of names) {
    if (existsSync(join(to, name))) continue;
    try {
      mkdirSync(to, { recursive: true });
      const tmp = join(to, `${name}.${process.pid}.tmp`);
      copyFileSync(join(from, name), tmp);
      renameSync(tmp, join(to, name)); // whole or not at all, as the server writes it
    } catch {
      // A model not shared is trained by the server, as without this cache.
    }
  }
}

/**
 * A new data dir for a server a test starts itself: PGlite's files copied from the template and the topic
 * models the test servers trained (decision 268) — what the server would otherwise make at its first start.
 */
export async function prepareServerDataDir(dataDir: string): Promise<void> {
  await copyPgliteTemplate(dataDir, "empty");
  shareTopicModels(SHARED_TOPIC_MODELS, join(dataDir, "cache", "understanding"));
}

/** The environment of a production server started by a test or a bench: offline engines, its own data. */
export function offlineServerEnv(dataDir: string): Record<string, string> & { NODE_ENV: "production" } {
  return {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    PORT: "0",
    DATA_DIR: dataDir,
    CUSTOMER_MODEL: "scripted",
    JUDGE_MODEL: "heuristic",
  };
}

export async function startTestServer({
  env = {},
  database = "pglite",
}: { env?: Record<string, string>; database?: TestDatabaseKind } = {}): Promise<TestServer> {
  await ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), "mot-server-"));
  const server = database === "postgres" ? await createServerDatabase() : null;
  // PGlite in this data dir (unless the test brings its own database): initdb's files copied from a template
  // (decision 268); the server migrates and seeds it at start as it does a new data dir.
  if (!server && !env.DATA_DIR && !env.DATABASE_URL) await copyPgliteTemplate(dataDir, "empty");
  const childEnv: Record<string, string> = {
    ...offlineServerEnv(dataDir),
    SKIP_BUILD: "1",
    ...(server ? { DATABASE_URL: server.url } : {}),
    ...env,
  };
  // A server on Postgres needs a shared secret (app/env.server.ts).
  if (childEnv.DATABASE_URL && !childEnv.SESSION_SECRET) childEnv.SESSION_SECRET = TEST_SESSION_SECRET;
  const topicCache = childEnv.DATA_DIR && isAbsolute(childEnv.DATA_DIR) ? join(childEnv.DATA_DIR, "cache", "understanding") : null;
  if (topicCache) shareTopicModels(SHARED_TOPIC_MODELS, topicCache);
  const child: ChildProcess = spawn(process.execPath, [SERVER_OUTPUT], {
    cwd: ROOT,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));

  const cleanup = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (topicCache) shareTopicModels(topicCache, SHARED_TOPIC_MODELS);
    rmSync(dataDir, { recursive: true, force: true });
    await server?.drop();
  };

  const baseUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });

  return { baseUrl, output: () => output, close: cleanup };
}
