/**
 * `npm run calibrate [-- --judge heuristic|llm|all] [--verbose]`
 *
 * Scores the labelled transcripts of tests/fixtures/calibration/ with each
 * judge available and prints, per judge: checkpoint agreement (per checkpoint
 * and overall, with Cohen's kappa), pairwise ranking accuracy on pairs with a
 * clear difference in a dimension, pass/fail agreement (and, for information,
 * outcome agreement). Exits non-zero when a target is missed.
 *
 * The LLM judge is included when JUDGE_MODEL / OPENAI_API_KEY / OPENAI_BASE_URL
 * configure one (or with --judge llm).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { loadScenarioById } from "../scenarios/load";
import type { Scenario } from "../scenarios/schema";
import type { Scorecard } from "../machines/scorecard";
import { rubricFor } from "../machines/scoring/rubric";
import { OUTCOME_RESOLUTION_CAP, PENALTY_DIMENSION, PENALTY_POINTS, type PenaltyId } from "../machines/scoring/decide";
import { createOfflineUnderstander } from "../app/engine/offline-understander";
import { parseLlmEnv } from "../app/engine/llm-env";
import { TranscriptFile, replayTranscript, scoreCall } from "../app/scoring/index";

export const CALIBRATION_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "calibration");

export const TARGETS = { checkpointAgreement: 0.9, pairwiseRanking: 0.9, passFail: 1.0 } as const;
/** Two transcripts differ "clearly" in a dimension when their expected scores are this many points apart. */
export const CLEAR_DIFFERENCE = 25;

export const LEVELS = ["exemplary", "good", "adequate", "mediocre", "poor", "hostile", "unanswered"] as const;

export const Fixture = TranscriptFile.extend({
  level: z.enum(LEVELS),
  description: z.string().min(1),
  expected: z.strictObject({
    outcome: z.enum(["resolved", "unresolved", "customer_left", "not_answered"]),
    passed: z.boolean(),
    checkpoints: z.record(z.string(), z.boolean()),
    /** Penalties a trainer would give (ids of machines/scoring/decide.ts, once per occurrence). */
    penalties: z.array(z.enum(Object.keys(PENALTY_POINTS) as [PenaltyId, ...PenaltyId[]])).default([]),
  }),
});
export type Fixture = z.infer<typeof Fixture> & { file: string };

export function loadFixtures(dir = CALIBRATION_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const parsed = Fixture.safeParse(JSON.parse(readFileSync(join(dir, f), "utf8")));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new Error(`${f}: ${i.path.join(".") || "(root)"}: ${i.message}`);
      }
      return { ...parsed.data, file: f };
    });
}

type Dim = "empathy" | "resolution" | "anticipation";
const DIMS: Dim[] = ["empathy", "resolution", "anticipation"];

/** The expected dimension scores from the labels alone (weighted share of labelled hits, minus labelled penalties, outcome cap). */
export function expectedScores(scenario: Scenario, fx: Fixture): Record<Dim, number> {
  const rubric = rubricFor(scenario);
  const out = {} as Record<Dim, number>;
  for (const d of DIMS) {
    const mine = rubric.filter((c) => c.dimension === d);
    const total = mine.reduce((s, c) => s + c.weight, 0);
    const hit = mine.filter((c) => fx.expected.checkpoints[c.id] === true).reduce((s, c) => s + c.weight, 0);
    const minus = fx.expected.penalties.filter((p) => PENALTY_DIMENSION[p] === d).reduce((s, p) => s + PENALTY_POINTS[p], 0);
    let v = total > 0 ? (100 * hit) / total - minus : 0;
    if (d === "resolution" && (fx.expected.outcome === "customer_left" || fx.expected.outcome === "not_answered")) v = Math.min(v, OUTCOME_RESOLUTION_CAP);
    out[d] = Math.max(0, Math.min(100, v));
  }
  return out;
}

export interface JudgeReport {
  judge: "heuristic" | "llm";
  fixtures: number;
  checkpoint: { agree: number; total: number; agreement: number; kappa: number };
  perCheckpoint: Array<{ key: string; agree: number; total: number; agreement: number; kappa: number }>;
  pairwise: { correct: number; total: number; accuracy: number; misses: string[] };
  passFail: { agree: number; total: number; agreement: number; misses: string[] };
  outcome: { agree: number; total: number; misses: string[] };
  disagreements: string[];
  judgesUsed: Record<string, number>;
  cards: Map<string, Scorecard>;
}

function kappa(pairs: Array<[boolean, boolean]>): number {
  const n = pairs.length;
  if (n === 0) return 1;
  const po = pairs.filter(([a, b]) => a === b).length / n;
  const pa = pairs.filter(([a]) => a).length / n;
  const pb = pairs.filter(([, b]) => b).length / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return pe === 1 ? (po === 1 ? 1 : 0) : (po - pe) / (1 - pe);
}

export async function calibrate(judge: "heuristic" | "llm", fixtures = loadFixtures()): Promise<JudgeReport> {
  const understander = createOfflineUnderstander();
  const cards = new Map<string, Scorecard>();
  const scenarios = new Map<string, Scenario>();
  const pairs: Array<[boolean, boolean]> = [];
  const perKey = new Map<string, Array<[boolean, boolean]>>();
  const disagreements: string[] = [];
  const passMisses: string[] = [];
  const outcomeMisses: string[] = [];
  const judgesUsed: Record<string, number> = {};
  let passAgree = 0;
  let outcomeAgree = 0;
  for (const fx of fixtures) {
    let scenario = scenarios.get(fx.scenario);
    if (!scenario) {
      scenario = loadScenarioById(fx.scenario);
      scenarios.set(fx.scenario, scenario);
    }
    const input = await replayTranscript(scenario, fx.locale, fx.turns, understander, fx.answeredAfterRings);
    const card = await scoreCall(input, { judge });
    cards.set(fx.file, card);
    const used = card.judgeFallbackReason ? `heuristic (fallback: ${card.judgeFallbackReason})` : card.judge;
    judgesUsed[used] = (judgesUsed[used] ?? 0) + 1;
    const rubricIds = new Set(card.checkpoints.map((c) => c.id));
    for (const id of Object.keys(fx.expected.checkpoints))
      if (!rubricIds.has(id)) throw new Error(`${fx.file}: labels checkpoint "${id}" which is not in the rubric of ${fx.scenario}`);
    for (const c of card.checkpoints) {
      const expected = fx.expected.checkpoints[c.id];
      if (expected === undefined) throw new Error(`${fx.file}: no label for checkpoint "${c.id}"`);
      pairs.push([expected, c.hit]);
      const key = `${fx.scenario}/${c.id}`;
      if (!perKey.has(key)) perKey.set(key, []);
      perKey.get(key)!.push([expected, c.hit]);
      if (expected !== c.hit) disagreements.push(`${fx.file}: ${c.id} expected ${expected ? "hit" : "miss"}, judged ${c.hit ? `hit (turn ${c.turn}: "${c.quote}")` : "miss"}`);
    }
    if (card.passed === fx.expected.passed) passAgree++;
    else passMisses.push(`${fx.file}: expected ${fx.expected.passed ? "pass" : "fail"}, judged ${card.passed ? "pass" : "fail"} (overall ${card.scores.overall})`);
    if (card.outcome === fx.expected.outcome) outcomeAgree++;
    else outcomeMisses.push(`${fx.file}: expected ${fx.expected.outcome}, machine reached ${card.outcome}`);
  }

  // Pairwise ranking within a scenario + language, on dimensions with a clear expected difference.
  let correct = 0;
  let total = 0;
  const misses: string[] = [];
  for (let i = 0; i < fixtures.length; i++)
    for (let j = i + 1; j < fixtures.length; j++) {
      const a = fixtures[i]!;
      const b = fixtures[j]!;
      if (a.scenario !== b.scenario || a.locale !== b.locale) continue;
      const sc = scenarios.get(a.scenario)!;
      const ea = expectedScores(sc, a);
      const eb = expectedScores(sc, b);
      const ca = cards.get(a.file)!;
      const cb = cards.get(b.file)!;
      for (const d of DIMS) {
        if (Math.abs(ea[d] - eb[d]) < CLEAR_DIFFERENCE) continue;
        total++;
        const ok = Math.sign(ea[d] - eb[d]) === Math.sign(ca.scores[d] - cb.scores[d]);
        if (ok) correct++;
        else misses.push(`${a.file} vs ${b.file} on ${d}: expected ${ea[d].toFixed(0)} vs ${eb[d].toFixed(0)}, judged ${ca.scores[d]} vs ${cb.scores[d]}`);
      }
    }

  const agree = pairs.filter(([x, y]) => x === y).length;
  return {
    judge,
    fixtures: fixtures.length,
    checkpoint: { agree, total: pairs.length, agreement: agree / Math.max(1, pairs.length), kappa: kappa(pairs) },
    perCheckpoint: [...perKey.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, ps]) => {
        const ag = ps.filter(([x, y]) => x === y).length;
        return { key, agree: ag, total: ps.length, agreement: ag / ps.length, kappa: kappa(ps) };
      }),
    pairwise: { correct, total, accuracy: total > 0 ? correct / total : 1, misses },
    passFail: { agree: passAgree, total: fixtures.length, agreement: passAgree / Math.max(1, fixtures.length), misses: passMisses },
    outcome: { agree: outcomeAgree, total: fixtures.length, misses: outcomeMisses },
    disagreements,
    judgesUsed,
    cards,
  };
}

export function meetsTargets(r: JudgeReport): boolean {
  return (
    r.checkpoint.agreement >= TARGETS.checkpointAgreement &&
    r.pairwise.accuracy >= TARGETS.pairwiseRanking &&
    r.passFail.agreement >= TARGETS.passFail
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(r: JudgeReport, verbose = false): string {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? "ok " : "MISS");
  lines.push(`Judge: ${r.judge} — ${r.fixtures} labelled transcripts (decided by: ${Object.entries(r.judgesUsed).map(([k, v]) => `${k} ×${v}`).join(", ")})`);
  lines.push("");
  lines.push("  measure                          value      target   ");
  lines.push("  -------------------------------  ---------  -------  ----");
  lines.push(`  checkpoint agreement             ${pct(r.checkpoint.agreement).padEnd(9)}  ≥ ${pct(TARGETS.checkpointAgreement).padEnd(5)}  ${mark(r.checkpoint.agreement >= TARGETS.checkpointAgreement)}   (${r.checkpoint.agree}/${r.checkpoint.total}, Cohen's κ = ${r.checkpoint.kappa.toFixed(3)})`);
  lines.push(`  pairwise ranking accuracy        ${pct(r.pairwise.accuracy).padEnd(9)}  ≥ ${pct(TARGETS.pairwiseRanking).padEnd(5)}  ${mark(r.pairwise.accuracy >= TARGETS.pairwiseRanking)}   (${r.pairwise.correct}/${r.pairwise.total} pairs with a ≥ ${CLEAR_DIFFERENCE}-point expected difference)`);
  lines.push(`  pass/fail agreement              ${pct(r.passFail.agreement).padEnd(9)}  = ${pct(TARGETS.passFail).padEnd(5)}  ${mark(r.passFail.agreement >= TARGETS.passFail)}   (${r.passFail.agree}/${r.passFail.total})`);
  lines.push(`  outcome agreement (info)         ${pct(r.outcome.agree / Math.max(1, r.outcome.total)).padEnd(9)}                 (${r.outcome.agree}/${r.outcome.total})`);
  lines.push("");
  lines.push("  per checkpoint                                         agree     κ");
  for (const c of r.perCheckpoint)
    lines.push(`  ${c.key.padEnd(54)} ${`${c.agree}/${c.total}`.padEnd(8)}  ${c.kappa.toFixed(2)}`);
  const lists: Array<[string, string[]]> = [
    ["pass/fail disagreements", r.passFail.misses],
    ["ranking misses", r.pairwise.misses],
    ["outcome differences", r.outcome.misses],
    ...(verbose ? ([["checkpoint disagreements", r.disagreements]] as Array<[string, string[]]>) : []),
  ];
  for (const [title, items] of lists) {
    if (items.length === 0) continue;
    lines.push("", `  ${title}:`);
    for (const m of items) lines.push(`    - ${m}`);
  }
  if (!verbose && r.disagreements.length > 0) lines.push("", `  (${r.disagreements.length} checkpoint disagreements; --verbose lists them)`);
  return lines.join("\n");
}

async function main(argv: string[]): Promise<number> {
  let which = "auto";
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--judge") which = argv[++i] ?? "";
    else if (a === "--verbose" || a === "-v") verbose = true;
    else {
      console.error(`error: unexpected argument "${a}" (usage: calibrate [--judge heuristic|llm|all] [--verbose])`);
      return 2;
    }
  }
  if (!["auto", "heuristic", "llm", "all"].includes(which)) {
    console.error(`error: --judge must be heuristic, llm or all (got "${which}")`);
    return 2;
  }
  let llmAvailable = false;
  try {
    llmAvailable = parseLlmEnv(process.env).judge.kind === "llm";
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const judges: Array<"heuristic" | "llm"> =
    which === "heuristic" ? ["heuristic"] : which === "llm" ? ["llm"] : which === "all" ? ["heuristic", "llm"] : llmAvailable ? ["heuristic", "llm"] : ["heuristic"];
  const fixtures = loadFixtures();
  let ok = true;
  for (const j of judges) {
    const report = await calibrate(j, fixtures);
    console.log(formatReport(report, verbose));
    console.log("");
    ok &&= meetsTargets(report);
  }
  if (!llmAvailable && which === "auto") console.log("(LLM judge not configured: set OPENAI_API_KEY or OPENAI_BASE_URL, and JUDGE_MODEL, to calibrate it too)");
  console.log(ok ? "All calibration targets met." : "Calibration targets MISSED.");
  return ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
