/**
 * `npm run bench` — every figure of issue 11's table with its goal, then one summary table.
 * Each bench is one line below (its own file prints its details; what it returns goes into the
 * summary). Helpers adding a bench: one line in BENCHES.
 *
 *   npm run bench                      all of them
 *   npm run bench -- --only pages,llm-turn
 *   npm run bench -- --llm-turns 240   (default 80 here; tests/bench/llm-turn.ts alone takes its own options)
 *
 * The pages and certification benches need a Postgres server (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL): the 100k-attempt data set is seeded once into a template database, each of
 * them measures on its own copy, and all are dropped; without one they say they skipped.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { printTable, type Figure } from "./figures";

const { values } = parseArgs({
  options: { only: { type: "string" }, "llm-turns": { type: "string", default: "80" } },
});

const BENCHES: Array<{ name: string; run: () => Promise<Figure[] | void> }> = [
  { name: "pages", run: () => import("./pages").then((m) => m.benchPages()) },
  { name: "turns", run: () => import("./turns").then((m) => m.benchTurns()) },
  { name: "llm-turn", run: () => import("./llm-turn").then((m) => m.bench(["--turns", values["llm-turns"]!])) },
  { name: "understanding", run: () => import("./understanding").then((m) => m.printUnderstandingBench()) },
  { name: "delivery", run: () => import("./delivery").then((m) => m.deliveryFigures()) },
  { name: "certification", run: () => import("./certification").then((m) => m.benchCertification()) },
];

async function main() {
  const only = values.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
  if (unknown.length > 0) {
    console.error(`error: no bench named ${unknown.join(", ")} (there are ${BENCHES.map((b) => b.name).join(", ")})`);
    process.exit(2);
  }
  const t0 = performance.now();
  console.log(`Machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}; Node ${process.version}`);
  const figures: Figure[] = [];
  for (const b of BENCHES) {
    if (only && !only.includes(b.name)) continue;
    console.log(`\n== ${b.name} ==`);
    const started = performance.now();
    try {
      const out = await b.run();
      if (out) figures.push(...out);
    } catch (error) {
      console.error(error);
      figures.push({ what: `${b.name} bench`, goal: "runs", measured: `failed: ${(error as Error).message.split("\n")[0]}`, met: false });
      process.exitCode = 1;
    }
    console.log(`(${b.name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  // The 100k data set the pages and certification benches copied (seeded once).
  if (!only || only.includes("pages") || only.includes("certification")) await import("./pages").then((m) => m.dropSeedTemplates());
  console.log(`\n== summary (issue 11) — ${((performance.now() - t0) / 1000).toFixed(0)} s ==`);
  printTable(figures);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
