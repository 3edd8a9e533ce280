/**
 * `npm run --silent cli -- score --transcript FILE [--judge heuristic|llm] [--json]`
 *
 * Re-scores a transcript: the trainee's turns are replayed through the
 * scenario's call machine (the customer's lines are context only), then
 * judged. Exit 0 when scored (passed or not), 1 on a bad file, 2 on bad usage.
 */
import { readFileSync } from "node:fs";
import { loadScenarioById } from "../../scenarios/load";
import type { Scorecard } from "../../machines/scorecard";
import { createOfflineUnderstander } from "../engine/offline-understander";
import { cliUnderstandingCacheDir } from "../engine/understanding-cache";
import { TranscriptFile, describeTranscriptError, replayTranscript, scoreCall } from "../scoring/index";

const USAGE = "usage: score --transcript FILE [--judge heuristic|llm] [--json]";

/** The JSON shape of `score --json` and of `play --json`'s `scorecard` field. */
export function scorecardJson(card: Scorecard) {
  return {
    scenario: card.scenario,
    outcome: card.outcome,
    scores: card.scores,
    passed: card.passed,
    checkpoints: card.checkpoints.map((c) => ({
      id: c.id,
      dimension: c.dimension,
      hit: c.hit,
      ...(c.turn !== undefined ? { turn: c.turn } : {}),
      ...(c.quote !== undefined ? { quote: c.quote } : {}),
      ...(c.tip !== undefined ? { tip: c.tip } : {}),
    })),
    penalties: card.penalties.map((p) => ({
      id: p.id,
      dimension: p.dimension,
      points: p.points,
      ...(p.turn !== undefined ? { turn: p.turn } : {}),
      ...(p.quote !== undefined ? { quote: p.quote } : {}),
    })),
    judge: card.judge,
    ...(card.judgeFallbackReason ? { judgeFallbackReason: card.judgeFallbackReason } : {}),
  };
}

const LABELS = {
  en: {
    scorecard: "Scorecard",
    outcome: { resolved: "resolved", unresolved: "unresolved", customer_left: "the customer left", not_answered: "not answered" },
    empathy: "Empathy",
    resolution: "Resolution",
    anticipation: "Anticipation",
    overall: "Overall",
    passed: "PASSED",
    failed: "NOT PASSED",
    passMark: "pass mark",
    turn: "turn",
    tip: "tip",
    penalties: "Penalties",
    judge: "judge",
    fallback: "fallback",
  },
  fr: {
    scorecard: "Grille d'évaluation",
    outcome: { resolved: "résolu", unresolved: "non résolu", customer_left: "la personne est partie", not_answered: "sans réponse" },
    empathy: "Empathie",
    resolution: "Résolution",
    anticipation: "Anticipation",
    overall: "Global",
    passed: "RÉUSSI",
    failed: "NON RÉUSSI",
    passMark: "seuil",
    turn: "tour",
    tip: "conseil",
    penalties: "Pénalités",
    judge: "juge",
    fallback: "repli",
  },
} as const;

/** A readable scorecard, in the call's language. */
export function formatScorecard(card: Scorecard): string {
  const L = LABELS[card.locale];
  const lines: string[] = [];
  lines.push(`${L.scorecard} — ${card.scenario} (${L.outcome[card.outcome]})`);
  lines.push(
    `${L.empathy} ${card.scores.empathy} · ${L.resolution} ${card.scores.resolution} · ${L.anticipation} ${card.scores.anticipation} · ${L.overall} ${card.scores.overall} — ${card.passed ? L.passed : L.failed} (${L.passMark} ${card.passMark})`,
  );
  for (const dim of ["empathy", "resolution", "anticipation"] as const) {
    lines.push("", `${L[dim]} (${card.scores[dim]})`);
    for (const c of card.checkpoints.filter((x) => x.dimension === dim)) {
      if (c.hit) {
        const where = c.turn !== undefined ? ` — ${L.turn} ${c.turn}: « ${c.quote} »` : "";
        lines.push(`  ✓ ${c.description}${where}`);
      } else {
        lines.push(`  ✗ ${c.description}`, `      ${L.tip}: ${c.tip ?? ""}`);
      }
    }
  }
  if (card.penalties.length > 0) {
    lines.push("", L.penalties);
    for (const p of card.penalties) {
      const where = p.turn !== undefined ? ` — ${L.turn} ${p.turn}: « ${p.quote} »` : "";
      lines.push(`  −${p.points} ${L[p.dimension]}: ${p.description}${where}`);
    }
  }
  lines.push("", `${L.judge}: ${card.judge}${card.judgeFallbackReason ? ` (${L.fallback}: ${card.judgeFallbackReason})` : ""}`);
  return lines.join("\n");
}

/** A short scorecard for the end of interactive play: the scores, what was missed (with the tip) and the penalties. */
export function formatShortScorecard(card: Scorecard): string {
  const L = LABELS[card.locale];
  const lines = [
    `${L.scorecard}: ${L.empathy} ${card.scores.empathy} · ${L.resolution} ${card.scores.resolution} · ${L.anticipation} ${card.scores.anticipation} · ${L.overall} ${card.scores.overall} — ${card.passed ? L.passed : L.failed} (${L.passMark} ${card.passMark})`,
  ];
  for (const c of card.checkpoints.filter((x) => !x.hit)) lines.push(`  ✗ ${c.description} — ${c.tip ?? ""}`);
  for (const p of card.penalties) lines.push(`  −${p.points} ${L[p.dimension]}: ${p.description}${p.quote ? ` (« ${p.quote} »)` : ""}`);
  return lines.join("\n");
}

export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  let judge: "heuristic" | "llm" = "heuristic";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--transcript") file = argv[++i];
    else if (a.startsWith("--transcript=")) file = a.slice("--transcript=".length);
    else if (a === "--judge" || a.startsWith("--judge=")) {
      const v = a === "--judge" ? argv[++i] : a.slice("--judge=".length);
      if (v !== "heuristic" && v !== "llm") {
        console.error(`error: --judge must be "heuristic" or "llm" (got ${JSON.stringify(v ?? "")})\n${USAGE}`);
        return 2;
      }
      judge = v;
    } else if (a === "--json") json = true;
    else {
      console.error(`error: unexpected argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  if (!file) {
    console.error(`error: --transcript FILE is required\n${USAGE}`);
    return 2;
  }

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === "ENOENT" ? "no such file" : e instanceof SyntaxError ? `not valid JSON (${e.message})` : e.message;
    console.error(`error: ${file}: ${why}`);
    return 1;
  }
  const parsed = TranscriptFile.safeParse(raw);
  if (!parsed.success) {
    console.error(`error: ${file}: ${describeTranscriptError(parsed.error)}`);
    return 1;
  }
  const t = parsed.data;
  if (!t.turns.some((x) => x.speaker === "trainee") && t.answeredAfterRings === undefined) {
    console.error(`error: ${file}: turns: no trainee turn to score`);
    return 1;
  }
  let scenario;
  try {
    scenario = loadScenarioById(t.scenario);
  } catch (err) {
    console.error(`error: ${file}: scenario: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return 1;
  }
  const input = await replayTranscript(scenario, t.locale, t.turns, createOfflineUnderstander({ cacheDir: cliUnderstandingCacheDir() }), t.answeredAfterRings);
  const card = await scoreCall(input, { judge });
  console.log(json ? JSON.stringify(scorecardJson(card), null, 2) : formatScorecard(card));
  return 0;
}
