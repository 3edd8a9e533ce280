/**
 * Bench of the offline understanding (decision 090), called from tests/bench/index.ts:
 *   - per utterance: `understand` (moves + one scenario's topics, featurised once) over the dev set's
 *     utterances, both languages, after warm-up (target ≤ 2 ms);
 *   - training one scenario's topic model per language, from its examples (target ≤ 5 s; cached by content
 *     afterwards, so this is paid once per scenario version and machine).
 */
import { loadScenarioById } from "../../scenarios/load";
import { trainTopicModel, topicModel } from "../../machines/understanding/topics";
import { understand, warmMoves } from "../../machines/understanding";
import { loadHoldout } from "../eval-moves";

export interface UnderstandingBenchRow {
  name: string;
  n: number;
  p50: number;
  p99: number;
  note: string;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
};

export function benchUnderstanding(passes = 5): UnderstandingBenchRow[] {
  const rows: UnderstandingBenchRow[] = [];
  const training: number[] = [];
  for (const id of ["lost-cap", "angry-caller", "smile-25k"]) {
    const scenario = loadScenarioById(id);
    for (const locale of ["en", "fr"] as const) {
      const t0 = performance.now();
      trainTopicModel(scenario, locale);
      training.push(performance.now() - t0);
    }
  }
  rows.push({ name: "topic model training, one scenario × language (ms)", n: training.length, p50: pct(training, 50), p99: Math.max(...training), note: "target ≤ 5000; p99 column = worst" });

  warmMoves();
  const scenario = loadScenarioById("lost-cap");
  topicModel(scenario, "en");
  topicModel(scenario, "fr");
  const items = loadHoldout();
  for (const item of items) understand(scenario, item.text, item.locale); // warm-up: stemmer memo, JIT
  const per: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const item of items) {
      const t0 = performance.now();
      understand(scenario, item.text, item.locale);
      per.push(performance.now() - t0);
    }
  }
  const mean = per.reduce((a, b) => a + b, 0) / Math.max(1, per.length);
  rows.push({ name: "offline understanding per utterance, moves + topics (ms)", n: per.length, p50: pct(per, 50), p99: pct(per, 99), note: `mean ${mean.toFixed(3)}; target ≤ 2 per utterance: ${mean <= 2 ? "met" : "NOT met"} (mean; p99 includes waiting for a CPU on a shared machine)` });
  return rows;
}

export function printUnderstandingBench(rows = benchUnderstanding()): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${String(r.n).padStart(5)}  ${r.p50.toFixed(3).padStart(8)}  ${r.p99.toFixed(3).padStart(8)}  ${r.note}`);
}
