/**
 * `npm run eval:scripts [-- --dir DIR] [--play] [--only SUBSTRING] [--transcript]`
 *
 * The DEVELOPMENT set of whole trainee scripts (tests/fixtures/dev-scripts/,
 * manifest.*.jsonl + one utterance a line, the same format as the blind set:
 * tests/calibrate.ts `ScriptEntry`), which may be tuned on — unlike
 * tests/fixtures/blind/, which this runner never reads.
 *
 * Each script is played as `cli play <scenario> --locale <l> --lines <file>`
 * does (offline understander, scripted customer, answered on the first ring)
 * and scored by the heuristic judge. Printed:
 *   - per level: good/excellent resolved and passed, mediocre/poor failed;
 *   - per script, one line for diagnosis: outcome, overall, each dimension,
 *     checkpoints missed and penalties.
 * `--play` adds tests/fixtures/play/*.txt (thoughtful* = good, curt* = poor).
 * `--transcript` prints each call's turns with the moves and topics read.
 * Exit code 0 always (it is a measuring tool, not a gate).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenarioById } from "../scenarios/load";
import type { Scenario } from "../scenarios/schema";
import type { Locale } from "../scenarios/moves";
import { playCall, type PlayedTurn } from "../app/cli/play";
import { createScriptedEngine } from "../app/engine/scripted";
import { createOfflineUnderstander } from "../app/engine/offline-understander";
import { scorePlayedCall } from "../app/scoring/index";
import type { Scorecard } from "../machines/scorecard";
import { ScriptEntry, type ScriptLevel } from "./calibrate";

/** The manifest lines (manifest.jsonl or manifest.*.jsonl), validated as the blind set's. */
function loadManifest(dir: string): ScriptEntry[] {
  const out: ScriptEntry[] = [];
  for (const m of readdirSync(dir).filter((f) => /^manifest(\..*)?\.jsonl$/.test(f)).sort()) {
    readFileSync(join(dir, m), "utf8")
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (line.trim() === "") return;
        const parsed = ScriptEntry.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${m}:${i + 1}: ${parsed.error.issues[0]!.path.join(".")}: ${parsed.error.issues[0]!.message}`);
        out.push(parsed.data);
      });
  }
  if (out.length === 0) throw new Error(`no manifest in ${dir}`);
  return out;
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEV_DIR = join(HERE, "fixtures", "dev-scripts");
export const PLAY_DIR = join(HERE, "fixtures", "play");

interface Row {
  name: string;
  level: ScriptLevel;
  scenario: string;
  locale: Locale;
  card: Scorecard;
  turns: PlayedTurn[];
}

function lines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** The play fixtures as script entries: thoughtful* are good receptionists, curt* poor ones. */
function playEntries(): Array<ScriptEntry & { path: string }> {
  return readdirSync(PLAY_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const [scenario, locale, style] = f.replace(/\.txt$/, "").split(".") as [string, Locale, string];
      const good = style.startsWith("thoughtful");
      return {
        file: f,
        path: join(PLAY_DIR, f),
        scenario,
        locale,
        level: good ? "good" : "poor",
        style,
        expect: { resolved: good, pass: good },
      } as ScriptEntry & { path: string };
    });
}

const scenarios = new Map<string, Scenario>();
function scenario(id: string): Scenario {
  let s = scenarios.get(id);
  if (!s) scenarios.set(id, (s = loadScenarioById(id)));
  return s;
}

async function play(entry: ScriptEntry, path: string): Promise<Row> {
  const sc = scenario(entry.scenario);
  const ls = lines(path);
  let i = 0;
  const result = await playCall({
    scenario: sc,
    locale: entry.locale,
    rings: 1,
    engine: createScriptedEngine(),
    understander: createOfflineUnderstander(),
    source: { next: async () => (i < ls.length ? ls[i++]! : null), close() {} },
  });
  const card = await scorePlayedCall(sc, entry.locale, result.turns, 1, { judge: "heuristic" });
  return { name: entry.file, level: entry.level, scenario: entry.scenario, locale: entry.locale, card, turns: result.turns };
}

const good = (r: Row) => r.level === "good" || r.level === "excellent";
const success = (r: Row) => r.card.outcome === "resolved" && r.card.passed;

function pct(n: number, d: number): string {
  return d === 0 ? "  —" : `${Math.round((100 * n) / d)}%`.padStart(4);
}

export function report(title: string, rows: Row[], transcript: boolean): string {
  const out: string[] = [`== ${title} (${rows.length} scripts)`];
  for (const level of ["excellent", "good", "mediocre", "poor"] as const) {
    const rs = rows.filter((r) => r.level === level);
    if (rs.length === 0) continue;
    const ok = good(rs[0]!) ? rs.filter(success).length : rs.filter((r) => !r.card.passed).length;
    const what = good(rs[0]!) ? "resolved+passed" : "failed";
    out.push(`  ${level.padEnd(9)} ${what.padEnd(15)} ${ok}/${rs.length} ${pct(ok, rs.length)}`);
  }
  const g = rows.filter(good);
  const p = rows.filter((r) => !good(r));
  out.push(`  GOOD (good+excellent) resolved+passed: ${g.filter(success).length}/${g.length} ${pct(g.filter(success).length, g.length)}`);
  out.push(`  POOR (mediocre+poor)  failed:          ${p.filter((r) => !r.card.passed).length}/${p.length} ${pct(p.filter((r) => !r.card.passed).length, p.length)}`);
  out.push("");
  for (const r of rows) {
    const ok = good(r) ? success(r) : !r.card.passed;
    const s = r.card.scores;
    const missed = r.card.checkpoints.filter((c) => !c.hit).map((c) => `${c.dimension[0]}:${c.id}`);
    const pen = r.card.penalties.map((p) => `${p.id}(-${p.points}${p.turn !== undefined ? `@${p.turn}` : ""})`);
    out.push(
      `${ok ? " ok " : "FAIL"} ${r.level.padEnd(9)} ${r.name.padEnd(34)} ${r.card.outcome.padEnd(13)} ${r.card.passed ? "pass" : "fail"} ` +
        `ov ${String(s.overall).padStart(3)} E ${String(s.empathy).padStart(3)} R ${String(s.resolution).padStart(3)} A ${String(s.anticipation).padStart(3)}` +
        (missed.length ? `  missed ${missed.join(",")}` : "") +
        (pen.length ? `  pen ${pen.join(",")}` : ""),
    );
    if (transcript) {
      for (const t of r.turns) {
        const meta = t.speaker === "trainee" ? `  [${(t.moves ?? []).join(" ")}] {${(t.topics ?? []).join(" ")}}` : "";
        out.push(`      ${t.speaker === "trainee" ? "T" : "C"}: ${t.text}${meta}`);
      }
    }
  }
  return out.join("\n");
}

async function main(argv: string[]): Promise<number> {
  let dir = DEV_DIR;
  let withPlay = false;
  let only: string | null = null;
  let transcript = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dir") dir = argv[++i] ?? "";
    else if (a === "--play") withPlay = true;
    else if (a === "--only") only = argv[++i] ?? "";
    else if (a === "--transcript") transcript = true;
    else {
      console.error(`error: unexpected argument "${a}" (usage: eval:scripts [--dir DIR] [--play] [--only SUBSTRING] [--transcript])`);
      return 2;
    }
  }
  if (/fixtures[/\\]blind/.test(dir)) {
    console.error("error: this runner is for the development set; the blind set is measured once, by `npm run calibrate -- --blind`");
    return 2;
  }
  const keep = (name: string) => only === null || name.includes(only);
  if (existsSync(dir)) {
    const rows: Row[] = [];
    for (const e of loadManifest(dir)) {
      if (!keep(e.file)) continue;
      const path = existsSync(join(dir, e.file)) ? join(dir, e.file) : join(dir, "scripts", e.file);
      rows.push(await play(e, path));
    }
    console.log(report(`DEV SET ${dir}`, rows, transcript));
  } else {
    console.log(`(no development set at ${dir})`);
  }
  if (withPlay) {
    const rows: Row[] = [];
    for (const e of playEntries()) if (keep(e.file)) rows.push(await play(e, e.path));
    console.log("");
    console.log(report("PLAY FIXTURES tests/fixtures/play", rows, transcript));
  }
  return 0;
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
