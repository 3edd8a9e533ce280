/**
 * `npm run eval:moves`: evaluates the offline classifier on the labelled
 * utterances in tests/fixtures/moves/ (en.jsonl, fr.jsonl = the main set;
 * holdout.jsonl = written after the classifier, never tuned on).
 * Prints per-move precision / recall / F1 / support per language and overall,
 * micro-F1, the held-out figure and the time per utterance.
 * Exits 1 when the main set's micro-F1 is below the target (0.85).
 *
 * Options: --errors (list every mislabelled utterance), --json (machine-readable summary).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { classify } from "../machines/classify";
import { MOVES, type Locale, type Move } from "../scenarios/moves";

export const TARGET_MICRO_F1 = 0.85;
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "moves");

const MoveName = z.enum(MOVES);
export const LabelledUtterance = z.strictObject({
  text: z.string().trim().min(1, "must not be empty"),
  moves: z.array(MoveName).refine((m) => new Set(m).size === m.length, { message: "lists a move twice" }),
  /** Only in holdout.jsonl, which mixes both languages. */
  locale: z.enum(["en", "fr"]).optional(),
});
export type LabelledUtterance = z.infer<typeof LabelledUtterance> & { locale: Locale };

/** Read a JSONL file of labelled utterances; every line is validated and errors say file:line and what is wrong. */
export function loadLabelled(file: string, defaultLocale?: Locale): LabelledUtterance[] {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`${file}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  const out: LabelledUtterance[] = [];
  raw.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = LabelledUtterance.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}:${i + 1}: ${issue.path.join(".") || "line"} ${issue.message}`);
    }
    const locale = parsed.data.locale ?? defaultLocale;
    if (!locale) throw new Error(`${file}:${i + 1}: locale missing (holdout lines need "locale": "en" | "fr")`);
    out.push({ ...parsed.data, locale });
  });
  return out;
}

export interface MoveStats {
  tp: number;
  fp: number;
  fn: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  n: number;
  exact: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  perMove: Record<Move, MoveStats>;
  errors: Array<{ text: string; locale: Locale; expected: Move[]; got: Move[] }>;
  msPerUtterance: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function evaluate(items: LabelledUtterance[]): EvalReport {
  const perMove = Object.fromEntries(
    MOVES.map((m) => [m, { tp: 0, fp: 0, fn: 0, support: 0, precision: 0, recall: 0, f1: 0 }]),
  ) as Record<Move, MoveStats>;
  const errors: EvalReport["errors"] = [];
  let exact = 0;
  const t0 = performance.now();
  const predictions = items.map((item) => classify(item.text, item.locale));
  const elapsed = performance.now() - t0;
  items.forEach((item, i) => {
    const got = new Set(predictions[i]);
    const expected = new Set(item.moves);
    for (const m of MOVES) {
      const e = expected.has(m);
      const g = got.has(m);
      if (e) perMove[m].support++;
      if (e && g) perMove[m].tp++;
      else if (g) perMove[m].fp++;
      else if (e) perMove[m].fn++;
    }
    const same = got.size === expected.size && [...got].every((m) => expected.has(m));
    if (same) exact++;
    else errors.push({ text: item.text, locale: item.locale, expected: [...item.moves], got: [...got] });
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const m of MOVES) {
    const s = perMove[m];
    s.precision = ratio(s.tp, s.tp + s.fp);
    s.recall = ratio(s.tp, s.tp + s.fn);
    s.f1 = ratio(2 * s.precision * s.recall, s.precision + s.recall);
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  const microPrecision = ratio(tp, tp + fp);
  const microRecall = ratio(tp, tp + fn);
  return {
    n: items.length,
    exact,
    microPrecision,
    microRecall,
    microF1: ratio(2 * microPrecision * microRecall, microPrecision + microRecall),
    perMove,
    errors,
    msPerUtterance: ratio(elapsed, items.length),
  };
}

export function loadMainSet(): LabelledUtterance[] {
  return [...loadLabelled(join(FIXTURES_DIR, "en.jsonl"), "en"), ...loadLabelled(join(FIXTURES_DIR, "fr.jsonl"), "fr")];
}

export function loadHoldout(): LabelledUtterance[] {
  return loadLabelled(join(FIXTURES_DIR, "holdout.jsonl"));
}

/** Time per utterance over several passes (the machine is shared, so the best and median pass are reported). */
export function timeClassifier(items: LabelledUtterance[], passes = 7): { best: number; median: number; passes: number } {
  const per: number[] = [];
  for (let p = 0; p < passes; p++) {
    const t0 = performance.now();
    for (const item of items) classify(item.text, item.locale);
    per.push((performance.now() - t0) / Math.max(1, items.length));
  }
  per.sort((a, b) => a - b);
  return { best: per[0] ?? 0, median: per[Math.floor(per.length / 2)] ?? 0, passes };
}

const pct = (x: number) => x.toFixed(3);

function table(title: string, report: EvalReport): string {
  const lines = [
    `\n${title}: ${report.n} utterances, micro-P ${pct(report.microPrecision)} micro-R ${pct(report.microRecall)} micro-F1 ${pct(report.microF1)}, exact match ${report.exact}/${report.n}`,
    `${"move".padEnd(22)} ${"prec".padStart(6)} ${"recall".padStart(6)} ${"F1".padStart(6)} ${"support".padStart(7)} ${"fp".padStart(4)} ${"fn".padStart(4)}`,
  ];
  for (const m of MOVES) {
    const s = report.perMove[m];
    lines.push(
      `${m.padEnd(22)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(7)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`,
    );
  }
  return lines.join("\n");
}

function main(argv: string[]): number {
  const showErrors = argv.includes("--errors");
  const asJson = argv.includes("--json");
  const main = loadMainSet();
  const holdout = loadHoldout();
  // Warm up (lexicon compilation, speller index) so the timing is the steady state the web sees.
  for (const item of main.slice(0, 20)) classify(item.text, item.locale);
  const reports = {
    en: evaluate(main.filter((i) => i.locale === "en")),
    fr: evaluate(main.filter((i) => i.locale === "fr")),
    main: evaluate(main),
    holdout: evaluate(holdout),
    holdoutEn: evaluate(holdout.filter((i) => i.locale === "en")),
    holdoutFr: evaluate(holdout.filter((i) => i.locale === "fr")),
  };
  const pass = reports.main.microF1 >= TARGET_MICRO_F1;
  if (asJson) {
    const summary = Object.fromEntries(
      Object.entries(reports).map(([k, r]) => [k, { n: r.n, microF1: r.microF1, microPrecision: r.microPrecision, microRecall: r.microRecall, exact: r.exact, msPerUtterance: r.msPerUtterance }]),
    );
    console.log(JSON.stringify({ target: TARGET_MICRO_F1, pass, ...summary }, null, 2));
    return pass ? 0 : 1;
  }
  console.log(table("English (main set)", reports.en));
  console.log(table("French (main set)", reports.fr));
  console.log(table("Main set, both languages", reports.main));
  console.log(table("Held-out set (not tuned on), both languages", reports.holdout));
  console.log(
    `\nheld-out micro-F1: en ${pct(reports.holdoutEn.microF1)} (${reports.holdoutEn.n}), fr ${pct(reports.holdoutFr.microF1)} (${reports.holdoutFr.n})`,
  );
  const timing = timeClassifier(main);
  console.log(
    `time per utterance: ${timing.best.toFixed(4)} ms best pass, ${timing.median.toFixed(4)} ms median pass (${timing.passes} passes over ${main.length} utterances)`,
  );
  if (showErrors) {
    for (const [name, r] of [["main", reports.main], ["holdout", reports.holdout]] as const) {
      console.log(`\nErrors (${name}):`);
      for (const e of r.errors) {
        const missing = e.expected.filter((m) => !e.got.includes(m));
        const extra = e.got.filter((m) => !e.expected.includes(m));
        console.log(`  [${e.locale}] ${e.text}\n      missing: ${missing.join(", ") || "-"}   extra: ${extra.join(", ") || "-"}`);
      }
    }
  }
  console.log(
    `\nmicro-F1 (main set) ${pct(reports.main.microF1)} ${pass ? ">=" : "<"} target ${TARGET_MICRO_F1}: ${pass ? "PASS" : "FAIL"}`,
  );
  return pass ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
