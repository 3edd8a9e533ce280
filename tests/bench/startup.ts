/**
 * `npm start` to listening, built and with data present (issue 11: goal < 2 s): the time from
 * spawning `npm start` to the server's "listening on" line, on a data directory seeded by a first
 * (unmeasured) start, each run stopped with SIGTERM. Also the time until the first page (GET
 * /login, sent the moment the line appears) is answered: "listening" must mean serving (decision
 * 195). Figures only; never a pass/fail.
 *
 *   npx tsx tests/bench/startup.ts [--runs N]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildIfNeeded } from "../../app/server/build.mjs";
import { offlineServerEnv } from "../helpers/server";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const STARTUP_GOAL_MS = 2000;

/**
 * One `npm start`: ms to "listening on", and the server process's own figure (its "ready in"),
 * then stopped with SIGTERM (resolves once it has exited).
 */
interface Sample {
  ms: number;
  processMs: number;
  cpuMs: number;
  /** Spawn → the first page's answer (its whole body). */
  pageMs: number;
}

async function startOnce(dataDir: string): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT,
    env: offlineServerEnv(dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const listening = await new Promise<Omit<Sample, "pageMs"> & { url: string }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not listen within 120 s:\n${output}`)), 120_000);
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        const ready = /ready in (\d+) ms, (\d+) ms of CPU/.exec(output);
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? "";
        ok({ ms: performance.now() - t0, processMs: Number(ready?.[1] ?? NaN), cpuMs: Number(ready?.[2] ?? NaN), url });
      }
    });
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  const page = await fetch(`${listening.url}/login`);
  const body = await page.text();
  const pageMs = performance.now() - t0;
  if (page.status !== 200 || !body.includes("password")) throw new Error(`the first page after listening: HTTP ${page.status}`);
  child.kill("SIGTERM");
  await exited;
  return { ms: listening.ms, processMs: listening.processMs, cpuMs: listening.cpuMs, pageMs };
}

/** Measure and print `npm start` → listening. */
export async function benchStartup({ runs = 5 }: { runs?: number } = {}): Promise<number[]> {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  await buildIfNeeded(ROOT, () => {});
  const dataDir = mkdtempSync(join(tmpdir(), "mot-bench-start-"));
  try {
    await startOnce(dataDir); // migrates and seeds: not what is measured
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await startOnce(dataDir));
    const times = samples.map((s) => s.ms);
    const sorted = [...times].sort((a, b) => a - b);
    const m = median(times);
    console.log(
      `npm start → listening (built, data present): median ${m.toFixed(0)} ms over ${runs} runs ` +
        `(min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}; the server process itself: ${median(samples.map((s) => s.processMs)).toFixed(0)} ms, ${median(samples.map((s) => s.cpuMs)).toFixed(0)} ms of CPU; ` +
        `first page answered: median ${median(samples.map((s) => s.pageMs)).toFixed(0)} ms); ` +
        `goal < ${STARTUP_GOAL_MS} ms: ${m < STARTUP_GOAL_MS ? "met" : "NOT met"}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`,
    );
    return times;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  benchStartup({ runs: Math.max(1, Number(values.runs) || 5) }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
