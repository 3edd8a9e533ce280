/**
 * The decision rules shared by both judges. A judge only *proposes* evidence
 * (a turn and the words of it); this module decides, in code:
 *
 *   - call-level checkpoints (goal reached, answered promptly, never made her
 *     repeat, no needless transfer, every need met) from the call's final view;
 *   - which proposed turn-level hits are admitted: the turn exists, its words
 *     were not addressed to the judge, the checkpoint's state conditions (facts
 *     she had told, needs met) hold at that turn, an anticipation checkpoint's
 *     turn comes before she voiced the need, a greeting is on the first turn,
 *     and a turn earns at most one checkpoint made only of formula words;
 *   - penalties, with their evidence, and the outcome caps;
 *   - the dimension scores, the overall and pass/fail.
 *
 * See docs/decisions/040-scoring-rules.md.
 */
import type { ConditionSet, Dimension, Scenario } from "../../scenarios/schema";
import { DIMENSIONS } from "../../scenarios/schema";
import type { Locale, Move } from "../../scenarios/moves";
import type { CheckpointResult, Penalty, ScoreInput, Scorecard } from "../scorecard";
import { setHolds, stateAt } from "./conditions";
import { outcomeOf, traineeTurnsOf, type TraineeTurn } from "./call";
import { addressesJudge } from "./judge-address";
import { clauses, findQuote } from "./quotes";
import { rubricFor, type RubricCheckpoint } from "./rubric";

/** Evidence proposed by a judge for one turn-level checkpoint. */
export interface Proposal {
  id: string;
  turn: number;
  quote: string;
}

/** Resolution can be at most this when the customer left or the call was never answered. */
export const OUTCOME_RESOLUTION_CAP = 30;

export const PENALTY_POINTS = {
  dismiss: 10,
  blame: 15,
  rude: 20,
  "off-topic": 5,
  "needless-transfer": 10,
  "made-repeat": 10,
  "customer-left": 20,
  "not-answered": 20,
  "addresses-judge": 15,
} as const;

export type PenaltyId = keyof typeof PENALTY_POINTS;

/** The dimension each penalty costs. */
export const PENALTY_DIMENSION: Record<PenaltyId, Dimension> = {
  dismiss: "empathy",
  blame: "empathy",
  rude: "empathy",
  "off-topic": "empathy",
  "needless-transfer": "resolution",
  "made-repeat": "empathy",
  "customer-left": "empathy",
  "not-answered": "empathy",
  "addresses-judge": "empathy",
};

/** What each penalty means, in both languages (the report shows it in the reader's). */
export const PENALTY_TEXT: Record<PenaltyId, { en: string; fr: string }> = {
  dismiss: { en: "Dismissed her request", fr: "A balayé sa demande" },
  blame: { en: "Doubted or blamed the customer", fr: "A mis en doute ou blâmé la cliente" },
  rude: { en: "Was rude to the customer", fr: "A été impoli(e) avec la cliente" },
  "off-topic": { en: "Went off topic", fr: "S'est éloigné(e) du sujet" },
  "needless-transfer": { en: "Transferred her when it was not needed", fr: "L'a transférée sans nécessité" },
  "made-repeat": { en: "Made her repeat something she had already said", fr: "Lui a fait répéter ce qu'elle avait déjà dit" },
  "customer-left": {
    en: `The customer left before her problem was solved (resolution capped at ${OUTCOME_RESOLUTION_CAP})`,
    fr: `La cliente est partie avant que son problème soit réglé (résolution plafonnée à ${OUTCOME_RESOLUTION_CAP})`,
  },
  "not-answered": {
    en: `The call was never answered (resolution capped at ${OUTCOME_RESOLUTION_CAP})`,
    fr: `L'appel n'a jamais été décroché (résolution plafonnée à ${OUTCOME_RESOLUTION_CAP})`,
  },
  "addresses-judge": {
    en: "Spoke to the scoring instead of the customer (these words earn nothing)",
    fr: "S'est adressé(e) à la notation plutôt qu'à la cliente (ces mots ne rapportent rien)",
  },
};

/** Moves that empty the kind words of the same turn (no empathy checkpoint from that turn). */
export const HOLLOWING_MOVES: readonly Move[] = ["dismiss", "blame_customer", "rude"];

const MOVE_PENALTIES: Array<[Move, PenaltyId, Dimension]> = [
  ["dismiss", "dismiss", "empathy"],
  ["blame_customer", "blame", "empathy"],
  ["rude", "rude", "empathy"],
  ["off_topic", "off-topic", "empathy"],
];

/** What the judge needs to know about the words of a clause (to quote the right words). */
export type ClauseReader = (text: string) => { moves: readonly Move[]; topics: readonly string[] };

export interface DecideContext {
  input: ScoreInput;
  rubric: RubricCheckpoint[];
  turns: TraineeTurn[];
  readClause: ClauseReader;
}

export function decideContext(input: ScoreInput, readClause: ClauseReader): DecideContext {
  return { input, rubric: rubricFor(input.scenario), turns: traineeTurnsOf(input), readClause };
}

/**
 * Can the words of this turn earn checkpoints at all? Not when they talk to
 * the judge; not when nobody was there to hear them (said after the customer
 * left or on a call never answered). A goodbye said after she thanked and
 * left, or after the trainee let her go, still counts for its words.
 */
export function turnCanEarn(ctx: DecideContext, turn: TraineeTurn | undefined): turn is TraineeTurn {
  if (turn === undefined || turn.text.trim().length === 0 || addressesJudge(turn.text)) return false;
  if (!turn.inCall) {
    const outcome = outcomeOf(ctx.input);
    if (outcome === "customer_left" || outcome === "not_answered") return false;
  }
  return true;
}

/**
 * The closing words: the trainee's last turn, the turn on which the call
 * ended, and anything said after it ended (a goodbye after she thanked and
 * left). A "thank you for your patience" in the middle of the call is not a close.
 */
export function isClosingTurn(ctx: DecideContext, turn: TraineeTurn): boolean {
  if (turn.index === ctx.turns.length - 1 || !turn.inCall) return true;
  const lastInCall = ctx.turns.filter((t) => t.inCall).pop();
  return ctx.input.view.status === "ended" && lastInCall?.index === turn.index && ctx.turns.length > turn.index + 1;
}

/** Structural requirements of a turn-level checkpoint at a turn (decided by code for both judges). */
export function structurallyAllowed(ctx: DecideContext, c: RubricCheckpoint, turn: TraineeTurn): boolean {
  if (!c.when) return false;
  if (c.firstTurnOnly && turn.index !== 0) return false;
  if (c.closingOnly && !isClosingTurn(ctx, turn)) return false;
  if (c.beforeNeed) {
    const need = ctx.input.view.needs.find((n) => n.id === c.beforeNeed);
    // Said before she voiced it (the turn she voiced it after is the last one that still counts as "before").
    if (need && need.voicedAtTurn !== null && turn.index > need.voicedAtTurn) return false;
  }
  // State conditions (facts told, needs met) must hold at that turn, whatever the judge says.
  const state = stateAt(ctx.input.view, turn.index, isStateOnly(c));
  const all = Array.isArray(c.when) ? c.when : (c.when.all ?? []);
  const any = Array.isArray(c.when) ? [] : (c.when.any ?? []);
  const stateHolds = (x: string) =>
    x.startsWith("fact:") ? state.facts.has(x.slice(5)) : x.startsWith("need:") ? state.needs.has(x.slice(5)) : true;
  if (!all.every(stateHolds)) return false;
  const anyState = any.filter((x) => x.startsWith("fact:") || x.startsWith("need:"));
  if (anyState.length > 0 && anyState.length === any.length && !anyState.some(stateHolds)) return false;
  return true;
}

/** Does the heuristic reading (moves/topics of the turn) meet the checkpoint's conditions? */
export function heuristicHolds(ctx: DecideContext, c: RubricCheckpoint, turn: TraineeTurn): boolean {
  if (!c.when) return false;
  return setHolds(c.when, turn, stateAt(ctx.input.view, turn.index, isStateOnly(c)));
}

/**
 * A checkpoint made only of state conditions (`fact:`, `need:`) is earned by
 * the turn that completed it: the question that made her tell the last fact,
 * the words that met the need.
 */
export function isStateOnly(c: RubricCheckpoint): boolean {
  if (!c.when) return false;
  const all = Array.isArray(c.when) ? c.when : [...(c.when.all ?? []), ...(c.when.any ?? [])];
  return all.length > 0 && all.every((x) => x.startsWith("fact:") || x.startsWith("need:"));
}

/** The verbatim words of `turn` that carry checkpoint `c` (a clause, a sentence, else the whole turn). */
export function quoteFor(ctx: DecideContext, c: RubricCheckpoint, turn: TraineeTurn): string {
  const sets = c.when ? [c.when] : [];
  // A condition on a need or a fact is carried by the words that met the need / unlocked the fact.
  for (const cond of c.when ? (Array.isArray(c.when) ? c.when : [...(c.when.all ?? []), ...(c.when.any ?? [])]) : []) {
    if (cond.startsWith("need:")) {
      const need = ctx.input.scenario.needs.find((n) => n.id === cond.slice(5));
      if (need) sets.push(need.metBy);
    }
    if (cond.startsWith("fact:")) {
      const fact = ctx.input.scenario.facts.find((f) => f.id === cond.slice(5));
      if (fact) sets.push(fact.unlockedBy);
    }
  }
  return quoteCarrying(ctx, turn, sets);
}

/** The words of `turn` that carry one of `sets` (their move/topic part): a clause, a sentence, else the whole turn. */
export function quoteCarrying(ctx: DecideContext, turn: TraineeTurn, sets: ConditionSet[]): string {
  const verbal = sets.map((set) => {
    const keep = (x: string) => !x.startsWith("fact:") && !x.startsWith("need:");
    return {
      all: (Array.isArray(set) ? set : (set.all ?? [])).filter(keep),
      any: (Array.isArray(set) ? [] : (set.any ?? [])).filter(keep),
    };
  }).filter((v) => v.all.length + v.any.length > 0);
  if (verbal.length === 0) return turn.text.trim();
  return findQuote(turn.text, (segment) => {
    const read = ctx.readClause(segment);
    const has = (x: string) =>
      x.startsWith("topic:") ? read.topics.includes(x.slice(6)) : (read.moves as readonly string[]).includes(x);
    return verbal.some((v) => v.all.every(has) && (v.any.length === 0 || v.any.some(has)));
  });
}

/**
 * Turn-level checkpoints in the order they claim a turn's empathy budget:
 * heavier first, then the scenario's own (more specific) before the defaults,
 * then rubric order.
 */
export function turnLevel(ctx: DecideContext): RubricCheckpoint[] {
  return ctx.rubric
    .map((c, i) => [c, i] as const)
    .filter(([c]) => c.when !== undefined)
    .sort(
      (a, b) =>
        b[0].weight - a[0].weight ||
        (a[0].origin === "scenario" ? 0 : 1) - (b[0].origin === "scenario" ? 0 : 1) ||
        a[1] - b[1],
    )
    .map(([c]) => c);
}

/**
 * Admit proposals in turn order under the per-turn rules. Returns the
 * admitted hits by checkpoint id. `proposals` may hold several candidate
 * turns per checkpoint (the heuristic judge), or one (the LLM judge).
 */
export function admit(ctx: DecideContext, proposals: Proposal[]): Map<string, Proposal> {
  const byId = new Map(ctx.rubric.map((c) => [c.id, c]));
  const order = new Map(turnLevel(ctx).map((c, i) => [c.id, i]));
  const sorted = proposals
    .filter((p) => order.has(p.id))
    .sort((a, b) => a.turn - b.turn || order.get(a.id)! - order.get(b.id)!);
  const hits = new Map<string, Proposal>();
  const empathyUsed = new Set<number>();
  const repeatTurns = new Set(ctx.input.view.trace.filter((e) => e.madeRepeat).map((e) => e.traineeTurn));
  for (const p of sorted) {
    if (hits.has(p.id)) continue;
    const c = byId.get(p.id)!;
    const turn = ctx.turns[p.turn];
    if (!turnCanEarn(ctx, turn) || !structurallyAllowed(ctx, c, turn)) continue;
    // Asking her again for what she already said is not listening, and kind words in the same breath as
    // brushing her off, blaming or insulting her are hollow: such a turn earns no empathy.
    if (c.dimension === "empathy" && (repeatTurns.has(turn.index) || turn.moves.some((m) => HOLLOWING_MOVES.includes(m)))) continue;
    // One empathy checkpoint per turn: stuffing a line with kind words earns one checkpoint, not five.
    // The greeting is positional (the first words) and does not use the first turn's budget.
    if (c.dimension === "empathy" && !c.firstTurnOnly) {
      if (empathyUsed.has(turn.index)) continue;
      empathyUsed.add(turn.index);
    }
    hits.set(p.id, p);
  }
  return hits;
}

/** Call-level checkpoints, decided from the final view. */
export function decideCallLevel(ctx: DecideContext): Map<string, { hit: boolean; turn?: number; quote?: string }> {
  const { input } = ctx;
  const { view, scenario } = input;
  const out = new Map<string, { hit: boolean; turn?: number; quote?: string }>();
  const inCall = ctx.turns.filter((t) => t.inCall);
  const cite = (index: number | undefined, sets: ConditionSet[]) => {
    const t = index === undefined ? undefined : ctx.turns[index];
    return t ? { turn: t.index, quote: quoteCarrying(ctx, t, sets) } : {};
  };
  for (const c of ctx.rubric) {
    if (!c.call) continue;
    switch (c.call) {
      case "answered-promptly": {
        const limit = scenario.ringing?.patientUntilRing ?? 3;
        const rings = view.answeredAfterRings;
        out.set(c.id, { hit: view.outcome !== "not_answered" && rings !== null && rings <= limit });
        break;
      }
      case "never-made-repeat":
        out.set(c.id, { hit: inCall.length > 0 && !view.trace.some((e) => e.madeRepeat) });
        break;
      case "goal-reached": {
        const hit = outcomeOf(input) === "resolved";
        const closing = [...view.trace].reverse().find((e) => e.event === "said" && e.beatId === "thank-and-leave");
        const last = inCall[inCall.length - 1];
        // Quote the words that carry any one of the goal's conditions (the goal is met over the whole call).
        const goalParts = (Array.isArray(scenario.resolvedWhen) ? scenario.resolvedWhen : [...(scenario.resolvedWhen.all ?? []), ...(scenario.resolvedWhen.any ?? [])]).map((x) => [x]);
        out.set(c.id, { hit, ...(hit ? cite(closing?.traineeTurn ?? last?.index, goalParts) : {}) });
        break;
      }
      case "no-needless-transfer":
        out.set(c.id, {
          hit: inCall.length > 0 && !ctx.turns.some((t) => t.moves.includes("transfer") && !transferNeeded(scenario)),
        });
        break;
      case "needs-met": {
        const hit = view.needs.length > 0 && view.needs.every((n) => n.metAtTurn !== null);
        const lastMet = Math.max(...view.needs.map((n) => n.metAtTurn ?? -1));
        const metThen = scenario.needs.filter((n) => view.needs.find((x) => x.id === n.id)?.metAtTurn === lastMet);
        out.set(c.id, { hit, ...(hit ? cite(lastMet, metThen.map((n) => n.metBy)) : {}) });
        break;
      }
    }
  }
  return out;
}

function transferNeeded(scenario: Scenario): boolean {
  const set = scenario.resolvedWhen;
  const conds = Array.isArray(set) ? set : [...(set.all ?? []), ...(set.any ?? [])];
  return conds.includes("transfer");
}

function moveQuote(ctx: DecideContext, turn: TraineeTurn, move: Move): string {
  for (const seg of clauses(turn.text)) if (ctx.readClause(seg.text).moves.includes(move)) return seg.text;
  return turn.text.trim();
}

export function decidePenalties(ctx: DecideContext): Penalty[] {
  const { input } = ctx;
  const locale: Locale = input.locale;
  const penalties: Penalty[] = [];
  const add = (id: PenaltyId, dimension: Dimension, turn?: TraineeTurn, quote?: string) =>
    penalties.push({
      id,
      dimension,
      points: PENALTY_POINTS[id],
      ...(turn ? { turn: turn.index, quote: quote ?? turn.text.trim() } : {}),
      description: PENALTY_TEXT[id][locale],
    });
  for (const turn of ctx.turns) {
    if (addressesJudge(turn.text)) {
      const piece = clauses(turn.text).find((s) => addressesJudge(s.text))?.text;
      add("addresses-judge", "empathy", turn, piece);
    }
    for (const [move, id, dim] of MOVE_PENALTIES) if (turn.moves.includes(move)) add(id, dim, turn, moveQuote(ctx, turn, move));
    if (turn.moves.includes("transfer") && !transferNeeded(input.scenario))
      add("needless-transfer", "resolution", turn, moveQuote(ctx, turn, "transfer"));
  }
  for (const e of input.view.trace) {
    if (!e.madeRepeat) continue;
    const turn = ctx.turns[e.traineeTurn];
    if (turn) add("made-repeat", "empathy", turn, moveQuote(ctx, turn, "ask_question"));
  }
  const outcome = outcomeOf(input);
  if (outcome === "customer_left") {
    const last = ctx.turns.filter((t) => t.inCall).pop();
    add("customer-left", "empathy", last);
  }
  if (outcome === "not_answered") add("not-answered", "empathy");
  return penalties.sort((a, b) => (a.turn ?? -1) - (b.turn ?? -1));
}

/** Assemble the scorecard from the admitted hits (both judges end here). */
export function buildScorecard(
  ctx: DecideContext,
  hits: Map<string, Proposal>,
  judge: Scorecard["judge"],
  judgeFallbackReason?: string,
): Scorecard {
  const { input } = ctx;
  const locale = input.locale;
  const callLevel = decideCallLevel(ctx);
  const checkpoints: CheckpointResult[] = ctx.rubric.map((c) => {
    const base = { id: c.id, dimension: c.dimension, weight: c.weight, description: c.description[locale] };
    if (c.call) {
      const r = callLevel.get(c.id) ?? { hit: false };
      return r.hit
        ? { ...base, hit: true, ...(r.turn !== undefined ? { turn: r.turn, quote: r.quote } : {}) }
        : { ...base, hit: false, tip: c.tip[locale] };
    }
    const h = hits.get(c.id);
    return h ? { ...base, hit: true, turn: h.turn, quote: h.quote } : { ...base, hit: false, tip: c.tip[locale] };
  });
  const penalties = decidePenalties(ctx);
  const outcome = outcomeOf(input);
  const score = (d: Dimension) => {
    const mine = checkpoints.filter((c) => c.dimension === d);
    const total = mine.reduce((s, c) => s + c.weight, 0);
    const earned = mine.filter((c) => c.hit).reduce((s, c) => s + c.weight, 0);
    const minus = penalties.filter((p) => p.dimension === d).reduce((s, p) => s + p.points, 0);
    let value = total > 0 ? (100 * earned) / total - minus : 0;
    if (d === "resolution" && (outcome === "customer_left" || outcome === "not_answered"))
      value = Math.min(value, OUTCOME_RESOLUTION_CAP);
    return Math.round(Math.max(0, Math.min(100, value)));
  };
  const [empathy, resolution, anticipation] = DIMENSIONS.map(score) as [number, number, number];
  const overall = Math.round((empathy + resolution + anticipation) / 3);
  const { passMark, dimensionFloor } = input.scenario;
  const passed = overall >= passMark && [empathy, resolution, anticipation].every((s) => s >= dimensionFloor);
  return {
    scenario: input.scenario.id,
    locale,
    outcome,
    scores: { empathy, resolution, anticipation, overall },
    passed,
    passMark,
    checkpoints,
    penalties,
    judge,
    ...(judgeFallbackReason ? { judgeFallbackReason } : {}),
  };
}
