/**
 * The server's entry: validate the environment, migrate, seed, serve; stop cleanly on SIGTERM or
 * SIGINT. `npm start` and `npm run dev` run it compiled (build/server/index.js, through
 * app/server/launch.mjs, which builds first when needed): one file with the Remix app and the
 * packages it uses, which calls `main` with the bundled Remix app (app/server/build.mjs, decision 235).
 * Run from source (`tsx app/server/index.ts`), it imports build/index.js.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { checkServerEnv, customerEngineKind, getEnv, InvalidEnvironmentError, judgeKind, type Env } from "../env.server";
import { describeError } from "./log";
import { startServer, type StartOptions } from "./start";

export interface MainOptions extends Pick<StartOptions, "loadBuild"> {
  /** Called once the "listening" lines are printed (the compiled server's runner: decision 235). */
  onListening?: () => void;
}

export async function main({ loadBuild, onListening }: MainOptions = {}): Promise<void> {
  // `npm start` serves the production build unless told otherwise (`npm run dev`).
  process.env.NODE_ENV ??= "production";
  let env: Env;
  try {
    env = getEnv();
    checkServerEnv(env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const started = await startServer(env, { loadBuild });

  const lines: string[] = [];
  const cpu = process.cpuUsage();
  lines.push(
    `Moment of Truth is listening on ${started.url} (ready in ${Math.round(process.uptime() * 1000)} ms, ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU)`,
  );
  lines.push(
    `Database: ${started.handle.driver === "postgres" ? "Postgres server (DATABASE_URL)" : `embedded PGlite in ${env.DATA_DIR}`}`,
  );
  lines.push(
    `Customer engine: ${customerEngineKind(env) === "llm" ? `LLM (${env.CUSTOMER_MODEL}${env.OPENAI_BASE_URL ? ` at ${env.OPENAI_BASE_URL}` : ""})` : "scripted (offline)"}` +
      ` · Judge: ${judgeKind(env) === "llm" ? `LLM (${env.JUDGE_MODEL})` : "heuristic (offline)"}`,
  );
  const lib = started.library;
  lines.push(
    `Scenario library: ${lib.added.length + lib.updated.length + lib.unchanged.length} file(s)` +
      (lib.added.length ? `, added ${lib.added.join(", ")}` : "") +
      (lib.updated.length ? `, new version of ${lib.updated.join(", ")}` : ""),
  );
  if (started.secret.source === "generated") {
    lines.push(
      `SESSION_SECRET is not set: generated one and kept it in ${started.secret.file} (a deployment sets its own).`,
    );
  } else if (started.secret.source === "file") {
    lines.push(`SESSION_SECRET is not set: using the one kept in ${started.secret.file}.`);
  }
  if (env.SEED_DEMO) {
    lines.push(`Demo accounts (password "${DEMO_PASSWORD}")${started.seeded ? " — just seeded" : ""}:`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(8)} ${a.email}`);
  }
  console.log(lines.join("\n"));
  onListening?.();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal: stop now.
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping (no new connections; requests in flight get ${env.SHUTDOWN_GRACE_MS} ms)`);
    started.close({ graceMs: env.SHUTDOWN_GRACE_MS }).then(
      ({ cut }) => {
        console.log(`Stopped${cut > 0 ? ` (${cut} request(s) cut after the grace period)` : ""}; database closed.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Could not stop cleanly: ${describeError(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** Start, or report why not and exit. */
export function run(options: MainOptions = {}): void {
  main(options).catch((error: unknown) => {
    console.error(`Could not start: ${describeError(error)}`);
    process.exit(1);
  });
}

// Run from source (the compiled server calls `run` itself).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) run();
