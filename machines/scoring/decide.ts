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
import { factsGiven } from "../../scenarios/conditions";
import { DIMENSIONS } from "../../scenarios/schema";
import type { Locale, Move } from "../../scenarios/moves";
import type { CheckpointResult, Penalty, ScoreInput, Scorecard } from "../scorecard";
import { conditionParts, conditionsOf, setHolds, stateAt, verbalHolds, verbalParts, type TurnSignals } from "./conditions";
import { refusesCommitment } from "./commitment";
import { isBareGoodbye } from "./bare-goodbye";
import { outcomeOf, traineeTurnsOf, type TraineeTurn } from "./call";
import { needQuestion } from "../lines";
import { addressesJudge } from "./judge-address";
import { clauses, findQuote, quoteIsIn, sentences } from "./quotes";
import { FORMULA_MOVES, MET_AFTER_ASKED_TIP, rubricFor, type RubricCheckpoint } from "./rubric";

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
  dismiss: { en: "Dismissed the request", fr: "A balayé sa demande" },
  blame: { en: "Doubted or blamed the customer", fr: "A mis en doute ou blâmé la personne" },
  rude: { en: "Was rude to the customer", fr: "A été impoli·e avec la personne" },
  "off-topic": { en: "Went off topic", fr: "S'est éloigné·e du sujet" },
  "needless-transfer": { en: "Transferred the customer when it was not needed", fr: "A transféré la personne sans nécessité" },
  "made-repeat": { en: "Made the customer repeat something already said", fr: "A fait répéter à la personne ce qu'elle avait déjà dit" },
  "customer-left": {
    en: `The customer left before the problem was solved (resolution capped at ${OUTCOME_RESOLUTION_CAP})`,
    fr: `La personne est partie avant que son problème soit réglé (résolution plafonnée à ${OUTCOME_RESOLUTION_CAP})`,
  },
  "not-answered": {
    en: `The call was never answered (resolution capped at ${OUTCOME_RESOLUTION_CAP})`,
    fr: `L'appel n'a jamais été décroché (résolution plafonnée à ${OUTCOME_RESOLUTION_CAP})`,
  },
  "addresses-judge": {
    en: "Spoke to the scoring instead of the customer (these words earn nothing)",
    fr: "S'est adressé·e à la notation plutôt qu'à la personne (ces mots ne rapportent rien)",
  },
};
/**
 * The missed "met every need" checkpoint's tip when she asked and nobody answered by the end (session 14): her
 * question first (`{q}`), then the checkpoint's own tip. Said, not scored twice: the checkpoint is the cost.
 */
const UNANSWERED_QUESTION: Record<Locale, { one: string; two: string }> = {
  en: { one: "The customer asked “{q}” and nobody answered before the end.", two: "The customer asked “{q}” and “{q2}”, and nobody answered before the end." },
  fr: { one: "La personne a demandé « {q} » et personne n'y a répondu avant la fin.", two: "La personne a demandé « {q} » et « {q2} », et personne n'y a répondu avant la fin." },
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
  /**
   * Turns where she was made to repeat herself, with clear evidence: the sentence that asked her again
   * (see confirmRepeats). Set by `admit`; computed on demand otherwise.
   */
  repeats?: Map<number, string>;
}

export function decideContext(input: ScoreInput, readClause: ClauseReader): DecideContext {
  return { input, rubric: rubricFor(input.scenario), turns: traineeTurnsOf(input), readClause };
}

/**
 * What a turn says that can count for checkpoint `c`. For "shared something useful", an item of what the
 * receptionist knows counts only unasked: once she has voiced a need that asks about it (the turn after
 * which she voiced it is the last one that still counts), saying it merely answers her.
 */
export function signalsFor(ctx: DecideContext, c: RubricCheckpoint, turn: TurnSignals & { index: number }): TurnSignals {
  if (!c.knowledge) return turn;
  const asked = askedKnowledge(ctx, c, turn.index);
  return asked.size === 0 ? turn : { moves: turn.moves, topics: turn.topics.filter((t) => !asked.has(t)) };
}

/**
 * The items of what the receptionist knows that, on this turn, only answer her: an item named by the `metBy`
 * of a need she had already voiced, or an item said in the same clause as the words that meet a need she had
 * voiced, on the turn that meets it ("we keep lost things for weeks, I'll put it aside under your name" after
 * "you won't throw it away?").
 */
function askedKnowledge(ctx: DecideContext, c: RubricCheckpoint, turnIndex: number): Set<string> {
  const asked = new Set<string>();
  if (!c.knowledge) return asked;
  const voicedBefore = (id: string) => {
    const need = ctx.input.view.needs.find((n) => n.id === id);
    return need !== undefined && need.voicedAtTurn !== null && turnIndex > need.voicedAtTurn;
  };
  for (const k of c.knowledge) if (k.askedWith.some(voicedBefore)) asked.add(k.topic);
  const turn = ctx.turns[turnIndex];
  const answered = ctx.input.view.needs.filter((n) => n.metAtTurn === turnIndex && voicedBefore(n.id));
  if (turn && answered.length > 0) {
    const known = new Set(c.knowledge.map((k) => k.topic));
    for (const seg of clauses(turn.text)) {
      const read = ctx.readClause(seg.text);
      const meets = answered.some((n) => {
        const metBy = ctx.input.scenario.needs.find((x) => x.id === n.id)?.metBy;
        const v = metBy ? verbalParts(metBy) : { all: [], any: [] };
        // A clause that carries the need's content (its topics) is the answer to it.
        const content = needContent(ctx.input.scenario, n.id);
        return (content !== null && verbalHolds(content, read)) || (v.all.length + v.any.length > 0 && verbalHolds(v, read));
      });
      if (meets) for (const t of read.topics) if (known.has(t)) asked.add(t);
    }
  }
  return asked;
}

/** The need an anticipation checkpoint is about, when it is made only of `need:<that need>` (e.g. `anticipate-*`). */
export function anticipatedNeed(c: RubricCheckpoint): string | undefined {
  if (!c.beforeNeed || !c.when) return undefined;
  const conds = conditionsOf(c.when);
  return conds.length > 0 && conds.every((x) => x === `need:${c.beforeNeed}`) ? c.beforeNeed : undefined;
}

/**
 * The content of a need: the topics of its `metBy` (every topic of `all`; else one of the topics of
 * `any`). Said before she voices the need, this content is anticipation even when the machine did not count
 * the need as met on that turn (e.g. "the lunch team is back tomorrow at 11" read without a move). Null when
 * the need names no topic.
 */
export function needContent(scenario: Scenario, needId: string): { all: string[]; any: string[] } | null {
  const need = scenario.needs.find((n) => n.id === needId);
  if (!need) return null;
  const { all, any } = verbalParts(need.metBy);
  const topicsAll = all.filter((x) => x.startsWith("topic:"));
  if (topicsAll.length > 0) return { all: topicsAll, any: [] };
  const topicsAny = any.filter((x) => x.startsWith("topic:"));
  return topicsAny.length > 0 ? { all: [], any: topicsAny } : null;
}

/**
 * The turn that met a need: the machine's (`metAtTurn`), else the first turn in the call that says the need's
 * content, not as a brush-off and not refusing it (095, 097). Null when neither.
 */
function needMetAt(ctx: DecideContext, needId: string, machineTurn: number | null): number | null {
  if (machineTurn !== null) return machineTurn;
  const content = needContent(ctx.input.scenario, needId);
  if (!content) return null;
  for (const turn of ctx.turns) {
    if (!turn.inCall || !verbalHolds(content, turn) || hollowed(ctx, turn)) continue;
    const words = clauses(turn.text).filter((seg) => verbalHolds(content, ctx.readClause(seg.text)));
    const pieces = words.length > 0 ? words.map((seg) => sentences(turn.text).find((x) => x.start <= seg.start && seg.end <= x.end)?.text ?? seg.text) : [turn.text];
    if (!pieces.every((piece) => refusesCommitment(piece, ctx.input.locale))) return turn.index;
  }
  return null;
}

/** Does this turn say the content of the need `c` anticipates (and not as a brush-off)? */
function saysNeedContent(ctx: DecideContext, c: RubricCheckpoint, turn: TraineeTurn): boolean {
  const needId = anticipatedNeed(c);
  if (!needId) return false;
  const content = needContent(ctx.input.scenario, needId);
  if (!content) return false;
  // Words said after she left anticipate nothing.
  if (!turn.inCall || hollowed(ctx, turn)) return false;
  return verbalHolds(content, turn);
}

/**
 * Can the words of this turn earn checkpoints at all? Not when they talk to
 * the judge; not when nobody was there to hear them (said after the customer
 * left or on a call never answered). A goodbye said after she thanked and
 * left, or after the trainee let her go, still counts for its words.
 */
/**
 * A turn of one word ("What.", "Quoi ?", "Bonsoir.", "OK") is no evidence of a skill: it earns no checkpoint,
 * whatever the reader made of it ("Quoi ?" read as asking what the cap looks like, "What." as a question about her
 * situation; session 12's tour). Penalties still apply to it.
 */
export function tooShortToEarn(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length < 2;
}

export function turnCanEarn(ctx: DecideContext, turn: TraineeTurn | undefined): turn is TraineeTurn {
  if (turn === undefined || turn.text.trim().length === 0 || addressesJudge(turn.text) || tooShortToEarn(turn.text)) return false;
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
  if (c.warmWords && isBareGoodbye(turn.text, ctx.input.locale)) return false;
  if (c.beforeNeed) {
    const need = ctx.input.view.needs.find((n) => n.id === c.beforeNeed);
    // Said before she voiced it (the turn she voiced it after is the last one that still counts as "before").
    if (need && need.voicedAtTurn !== null && turn.index > need.voicedAtTurn) return false;
  }
  // Anticipation by content: the need's content said on this turn (before she voiced it) counts as meeting it.
  if (anticipatedNeed(c) && saysNeedContent(ctx, c, turn)) return true;
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
  if (setHolds(c.when, signalsFor(ctx, c, turn), stateAt(ctx.input.view, turn.index, isStateOnly(c)))) return true;
  return saysNeedContent(ctx, c, turn);
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
  const sets: ConditionSet[] = c.when ? [c.when] : [];
  if (c.knowledge) {
    // Quote an unasked item (or the volunteered tip), not one she had already asked about.
    const asked = askedKnowledge(ctx, c, turn.index);
    const unasked = conditionsOf(c.when ?? []).filter((x) => !(x.startsWith("topic:") && asked.has(x.slice(6))));
    if (unasked.length > 0) return quoteCarrying(ctx, turn, [{ any: unasked }]);
  }
  const needId = anticipatedNeed(c);
  if (needId) {
    const content = needContent(ctx.input.scenario, needId);
    if (content) sets.push(content.all.length > 0 ? { all: content.all } : { any: content.any });
  }
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
 * Is `quote` (the words of `turn` a judge cites) evidence for checkpoint `c`? Decided by code for both judges:
 *   - a resolution or anticipation checkpoint is a commitment or an action: words that refuse it or declare
 *     it impossible ("I can't promise a refund") are not evidence of it (./commitment.ts);
 *   - "shared something useful": words that only repeat what she had already asked about are an answer, not
 *     something shared unasked.
 */
export function evidenceHolds(ctx: DecideContext, c: RubricCheckpoint, turn: TraineeTurn, quote: string): boolean {
  const locale = ctx.input.locale;
  const text = quote.trim().length > 0 ? quote : turn.text;
  if (c.dimension !== "empathy") {
    // Check the sentences whose clauses carry the checkpoint's words ("it takes the time it takes, I can't
    // promise anything" promises nothing); when no clause carries them alone, the quote as a whole.
    const verbal = verbalSetsOf(ctx, c);
    const inQuote = clauses(turn.text).filter((seg) => quoteIsIn(seg.text, text));
    const carrying = inQuote.filter((seg) => verbal.some((v) => verbalHolds(v, ctx.readClause(seg.text))));
    const whole = sentences(turn.text);
    const sentenceOf = (seg: { start: number; end: number; text: string }) => whole.find((x) => x.start <= seg.start && seg.end <= x.end)?.text ?? seg.text;
    const pieces = carrying.length > 0 ? carrying.map(sentenceOf) : [text];
    if (pieces.every((piece) => refusesCommitment(piece, locale))) return false;
  }
  if (c.knowledge) {
    const read = ctx.readClause(text);
    const asked = askedKnowledge(ctx, c, turn.index);
    const knowsSaid = read.topics.filter((t) => c.knowledge!.some((k) => k.topic === t));
    if (!read.moves.includes("share_tip") && knowsSaid.length > 0 && knowsSaid.every((t) => asked.has(t))) return false;
  }
  return true;
}

/** The word conditions that can carry checkpoint `c` (its own, the need's content or `metBy`, the fact's `unlockedBy`). */
function verbalSetsOf(ctx: DecideContext, c: RubricCheckpoint): Array<{ all: string[]; any: string[] }> {
  if (!c.when) return [];
  const sets: Array<{ all: string[]; any: string[] }> = [verbalParts(c.when)];
  for (const cond of conditionsOf(c.when)) {
    if (cond.startsWith("need:")) {
      const need = ctx.input.scenario.needs.find((n) => n.id === cond.slice(5));
      if (need) sets.push(verbalParts(need.metBy));
      const content = needContent(ctx.input.scenario, cond.slice(5));
      if (content) sets.push(content);
    }
    if (cond.startsWith("fact:")) {
      const fact = ctx.input.scenario.facts.find((f) => f.id === cond.slice(5));
      if (fact) sets.push(verbalParts(fact.unlockedBy));
    }
  }
  return sets.filter((v) => v.all.length + v.any.length > 0);
}

/**
 * Admit proposals in turn order under the per-turn rules. Returns the
 * admitted hits by checkpoint id. `proposals` may hold several candidate
 * turns per checkpoint (the heuristic judge), or one (the LLM judge).
 *
 * Resolution and anticipation hits are admitted first (they do not depend on
 * the repeat rule); the turns where she was made to repeat herself are then
 * confirmed against them (a sentence that earns a hit is not the evidence of
 * a repeat), and only then are empathy hits admitted.
 */
export function admit(ctx: DecideContext, proposals: Proposal[]): Map<string, Proposal> {
  const byId = new Map(ctx.rubric.map((c) => [c.id, c]));
  const order = new Map(turnLevel(ctx).map((c, i) => [c.id, i]));
  // "Gave a next step (what happens, when) or took the customer's details" quotes the next step when one was given:
  // the first turn that says what happens or promises a callback, before one that only asks for details (session
  // 14's tour: "Numero de compte?" and "What's the name on the account?" were quoted, not "back by Friday").
  const nextStepFirst = (p: Proposal) => {
    if (p.id !== "next-step") return 0;
    const moves = ctx.turns[p.turn]?.moves ?? [];
    return moves.includes("set_expectation") || moves.includes("promise_callback") ? 0 : 1;
  };
  const sorted = proposals
    .filter((p) => order.has(p.id))
    .sort((a, b) => nextStepFirst(a) - nextStepFirst(b) || a.turn - b.turn || order.get(a.id)! - order.get(b.id)!);
  const hits = new Map<string, Proposal>();
  // A turn that brushes her off, blames or insults her (with words that show it) earns nothing: no kind words, and no
  // resolution or anticipation either ("C'est le système qui fait ça, c'est pas moi. Faut attendre le prochain
  // cycle." found no cause and made sure of no next payment; session 14's tour).
  const admissible = (p: Proposal) => {
    const c = byId.get(p.id)!;
    const turn = ctx.turns[p.turn];
    return turnCanEarn(ctx, turn) && !hollowed(ctx, turn) && structurallyAllowed(ctx, c, turn) && evidenceHolds(ctx, c, turn, p.quote);
  };
  for (const p of sorted) {
    if (hits.has(p.id) || byId.get(p.id)!.dimension === "empathy") continue;
    if (admissible(p)) hits.set(p.id, p);
  }
  ctx.repeats = confirmRepeats(ctx, hits);
  const empathyUsed = new Set<number>();
  for (const p of sorted) {
    const c = byId.get(p.id)!;
    if (hits.has(p.id) || c.dimension !== "empathy") continue;
    const turn = ctx.turns[p.turn];
    if (!admissible(p)) continue;
    // Asking her again for what she already said is not listening: such a turn earns no empathy.
    if (ctx.repeats.has(turn!.index)) continue;
    // One kind-words checkpoint per turn: stuffing a line with "I understand, I'm so sorry, I hear you"
    // earns one checkpoint, not five. Only checkpoints that kind words alone can earn share that budget: a
    // real question ("what does the cap look like?") in the same turn as sympathy earns its own checkpoint.
    // The greeting is positional (the first words) and does not use the first turn's budget; nor does the
    // warm close (the last words): "I hope we find it for her. Have a good evening." is sympathy and a close
    // (decision 087).
    if (!c.firstTurnOnly && !c.closingOnly && formulaEarnable(c)) {
      if (empathyUsed.has(turn!.index)) continue;
      empathyUsed.add(turn!.index);
    }
    hits.set(p.id, p);
  }
  return hits;
}

/** Can kind words alone (formula moves: greet, sorry, I understand…) earn this checkpoint? */
export function formulaEarnable(c: RubricCheckpoint): boolean {
  if (!c.when) return false;
  const { all, any } = conditionParts(c.when);
  const formula = (x: string) => (FORMULA_MOVES as readonly string[]).includes(x);
  return all.every(formula) && (any.length === 0 || any.some(formula)) && all.length + any.length > 0;
}

/**
 * The turns where she was made to repeat herself, each with the sentence that is the evidence. The machine
 * flags a turn (it asked again for a fact she had told, or for something the scenario marks as a repeat);
 * the penalty needs clear evidence in the words: one sentence of that turn that, read alone, asks for that
 * same thing again (a question carrying the fact's or the reaction's conditions), and that is not itself the
 * evidence of a resolution or anticipation hit (one sentence is never both a hit and a penalty: "could you
 * send me the statement showing the overdraft fees so I can refund them?" is not making her repeat).
 */
export function confirmRepeats(ctx: DecideContext, hits: Map<string, Proposal>): Map<number, string> {
  const out = new Map<number, string>();
  const { scenario, view } = ctx.input;
  const flagged = new Set(view.trace.filter((e) => e.madeRepeat && e.traineeTurn >= 0).map((e) => e.traineeTurn));
  for (const index of flagged) {
    const turn = ctx.turns[index];
    if (!turn) continue;
    const before = stateAt(view, index);
    // A fact given within another she told (her name in her details) was told too.
    const given = factsGiven(scenario.facts, before.facts);
    // What asking again looks like on this turn: a fact she had already told, or a reaction marked `repeat`
    // whose key she had already answered (seen on an earlier turn). The sentence must name the same thing
    // (the fact's or the reaction's topics); that the turn asks (a question, the reaction's `with`) is read
    // on the whole turn, as the machine did: "I really need the account number. Don't you have a bill?"
    const askAgain: Array<{ all: string[]; any: string[]; fact?: true }> = [];
    const topicPart = (v: { all: string[]; any: string[] }) => ({
      all: v.all.filter((x) => x.startsWith("topic:")),
      any: v.any.some((x) => !x.startsWith("topic:")) ? [] : v.any,
    });
    for (const f of scenario.facts) {
      const v = topicPart(verbalParts(f.unlockedBy));
      if (given.has(f.id) && v.all.length + v.any.length > 0 && turn.moves.includes("ask_question")) askAgain.push({ ...v, fact: true });
    }
    const seenEarlier = (key: string) =>
      ctx.turns.slice(0, index).some((t) => (key.startsWith("topic:") ? t.topics.includes(key.slice(6)) : (t.moves as readonly string[]).includes(key)));
    for (const [key, reaction] of Object.entries(scenario.reactions)) {
      if (!reaction.repeat || !seenEarlier(key)) continue;
      if (reaction.with && !verbalHolds(verbalParts(reaction.with), turn)) continue;
      askAgain.push({ all: [key], any: [] });
    }
    const credited = [...hits.values()].filter((h) => h.turn === index).map((h) => h.quote).filter((q) => q.trim().length > 0);
    const evidence = sentences(turn.text).find((seg) => {
      const read = ctx.readClause(seg.text);
      // A question that names a told fact only in a clause of its own asks for something else: "if the amount
      // isn't there on Monday, I'll call you back: is this number the best to reach you?" asks her number.
      // (The asking clause is its last of a few words: "And when was that, again?" asks when it was.)
      const asking = seg.text.trim().endsWith("?") ? clauses(seg.text).filter((c) => (c.text.match(/\p{L}+/gu)?.length ?? 0) >= 3).at(-1) : undefined;
      const askingRead = asking && asking.text.trim() !== seg.text.trim() ? ctx.readClause(asking.text) : read;
      // Asking again for a told fact is a sentence that asks (a question, a request for details), not one that only
      // names it ("you'll get a confirmation email in a few minutes" next to a question about her number).
      const asks = read.moves.includes("ask_question") || read.moves.includes("take_contact");
      if (!askAgain.some((v) => (v.fact ? asks && verbalHolds(v, askingRead) : verbalHolds(v, read)))) return false;
      return !credited.some((q) => quoteIsIn(q, seg.text) || quoteIsIn(seg.text, q));
    });
    if (evidence) out.set(index, evidence.text);
  }
  return out;
}

/** The first turn after which everything the scenario's goal needs had been said and told (the moves and topics so far, the facts told by then). */
function goalTurn(ctx: DecideContext, turns: TraineeTurn[]): number | undefined {
  const moves = new Set<string>();
  const topics = new Set<string>();
  for (const t of turns) {
    t.moves.forEach((m) => moves.add(m));
    t.topics.forEach((x) => topics.add(x));
    const state = stateAt(ctx.input.view, t.index, true);
    if (setHolds(ctx.input.scenario.resolvedWhen, { moves: [...moves] as Move[], topics: [...topics] }, state)) return t.index;
  }
  return undefined;
}

function repeatsOf(ctx: DecideContext): Map<number, string> {
  ctx.repeats ??= confirmRepeats(ctx, new Map());
  return ctx.repeats;
}

/** Call-level checkpoints, decided from the final view. */
export function decideCallLevel(ctx: DecideContext): Map<string, { hit: boolean; turn?: number; quote?: string; tip?: string }> {
  const { input } = ctx;
  const { view, scenario } = input;
  const out = new Map<string, { hit: boolean; turn?: number; quote?: string; tip?: string }>();
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
        out.set(c.id, { hit: inCall.length > 0 && repeatsOf(ctx).size === 0 });
        break;
      case "goal-reached": {
        const hit = outcomeOf(input) === "resolved";
        const closing = [...view.trace].reverse().find((e) => e.event === "said" && e.beatId === "thank-and-leave");
        const last = inCall[inCall.length - 1];
        // Quote the words that carry any one of the goal's conditions (the goal is met over the whole call), on the
        // turn that reached it — not the goodbye after it (session 13's tour: it always cited "have a good evening").
        const goalParts = conditionsOf(scenario.resolvedWhen).map((x) => [x]);
        out.set(c.id, { hit, ...(hit ? cite(goalTurn(ctx, inCall) ?? closing?.traineeTurn ?? last?.index, goalParts) : {}) });
        break;
      }
      case "no-needless-transfer":
        out.set(c.id, {
          hit: inCall.length > 0 && (transferNeeded(scenario) || !ctx.turns.some((t) => moveEvidence(ctx, t, "transfer") !== null)),
        });
        break;
      case "needs-met": {
        // Met by the machine's reading, or by words that say the need's content (095): "the lunch team is
        // back tomorrow at 11" answers "when will I know?" even when the classifier missed the move around it.
        const metAt = new Map(view.needs.map((n) => [n.id, needMetAt(ctx, n.id, n.metAtTurn)]));
        const hit = view.needs.length > 0 && [...metAt.values()].every((t) => t !== null);
        const lastMet = Math.max(...[...metAt.values()].map((t) => t ?? -1));
        const metThen = scenario.needs.filter((n) => metAt.get(n.id) === lastMet);
        const sets = metThen.flatMap((n) => {
          const content = needContent(scenario, n.id);
          return content ? [n.metBy, content.all.length > 0 ? { all: content.all } : { any: content.any }] : [n.metBy];
        });
        out.set(c.id, hit ? { hit, ...cite(lastMet, sets) } : { hit, tip: unansweredTip(ctx, metAt, c.tip[ctx.input.locale]) });
        break;
      }
    }
  }
  return out;
}

function transferNeeded(scenario: Scenario): boolean {
  return conditionsOf(scenario.resolvedWhen).includes("transfer");
}

/**
 * The words of `turn` that are clear evidence of `move`: the first clause, else sentence, that carries it when
 * read alone. Null when the move was read only in the turn as a whole: a penalty needs words that show it
 * (a long, kind turn misread as a brush-off costs nothing), and such a turn is not hollowed either.
 */
export function moveEvidence(ctx: DecideContext, turn: TraineeTurn, move: Move): string | null {
  if (!turn.moves.includes(move)) return null;
  for (const seg of clauses(turn.text)) if (ctx.readClause(seg.text).moves.includes(move)) return seg.text;
  for (const seg of sentences(turn.text)) if (ctx.readClause(seg.text).moves.includes(move)) return seg.text;
  // A turn that is one sentence is its own evidence.
  return sentences(turn.text).length <= 1 ? turn.text.trim() : null;
}

/** Does this turn brush her off, blame or insult her, with words that show it? */
function hollowed(ctx: DecideContext, turn: TraineeTurn): boolean {
  return HOLLOWING_MOVES.some((m) => moveEvidence(ctx, turn, m) !== null);
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
    for (const [move, id, dim] of MOVE_PENALTIES) {
      const words = moveEvidence(ctx, turn, move);
      if (words !== null) add(id, dim, turn, words);
    }
    const transfer = transferNeeded(input.scenario) ? null : moveEvidence(ctx, turn, "transfer");
    if (transfer !== null) add("needless-transfer", "resolution", turn, transfer);
  }
  for (const [index, quote] of repeatsOf(ctx)) {
    const turn = ctx.turns[index];
    if (turn) add("made-repeat", "empathy", turn, quote);
  }
  const outcome = outcomeOf(input);
  if (outcome === "customer_left") {
    const last = ctx.turns.filter((t) => t.inCall).pop();
    add("customer-left", "empathy", last);
  }
  if (outcome === "not_answered") add("not-answered", "empathy");
  return penalties.sort((a, b) => (a.turn ?? -1) - (b.turn ?? -1));
}

/** The customer's line said after trainee turn `index` (the line that answered it). */
function customerLineAfter(input: ScoreInput, index: number): string | undefined {
  let trainee = -1;
  for (const t of input.turns) {
    if (t.speaker === "trainee") trainee++;
    else if (trainee === index) return t.text;
  }
  return undefined;
}

/**
 * The lowest score each dimension may have for a pass (docs/decisions/085). Empathy and resolution: the
 * scenario's `dimensionFloor`. Anticipation has only three or four checkpoints, so at 50 one need voiced a
 * turn early fails a receptionist who was warm and reached the goal: its floor is the share of its lightest
 * checkpoint (capped at `dimensionFloor`) — anticipating one thing is enough, anticipating nothing never is.
 */
export function dimensionFloors(
  scenario: { dimensionFloor: number },
  checkpoints: ReadonlyArray<Pick<CheckpointResult, "dimension" | "weight">>,
): Record<Dimension, number> {
  const mine = checkpoints.filter((c) => c.dimension === "anticipation");
  const total = mine.reduce((s, c) => s + c.weight, 0);
  const lightest = total > 0 ? Math.floor((100 * Math.min(...mine.map((c) => c.weight))) / total) : scenario.dimensionFloor;
  return {
    empathy: scenario.dimensionFloor,
    resolution: scenario.dimensionFloor,
    anticipation: Math.max(1, Math.min(scenario.dimensionFloor, lightest)),
  };
}

/**
 * The coaching tip of a missed turn-level checkpoint. An anticipation checkpoint whose need the trainee did meet,
 * but only after she had voiced it, says so before its own tip (MET_AFTER_ASKED_TIP): "the lunch team is back
 * tomorrow at 11. Say so." alone reads as if it had never been said.
 */
function missedTip(ctx: DecideContext, c: RubricCheckpoint): string {
  const locale = ctx.input.locale;
  const needId = anticipatedNeed(c);
  const state = needId ? ctx.input.view.needs.find((n) => n.id === needId) : undefined;
  if (state && state.voicedAtTurn !== null) {
    const metAt = needMetAt(ctx, state.id, state.metAtTurn);
    if (metAt !== null && metAt > state.voicedAtTurn) return `${MET_AFTER_ASKED_TIP[locale]} ${c.tip[locale]}`;
  }
  return c.tip[locale];
}

/**
 * The needs checkpoint's tip, after the questions she voiced that nothing answered by the end (if any), in the order
 * she asked; `metAt` is when each need was met (null: never), as the checkpoint decided it.
 */
function unansweredTip(ctx: DecideContext, metAt: ReadonlyMap<string, number | null>, tip: string): string {
  const { input } = ctx;
  const questions = input.view.needs
    .filter((n) => n.voicedAtTurn !== null && metAt.get(n.id) === null)
    .sort((a, b) => a.voicedAtTurn! - b.voicedAtTurn!)
    .flatMap((n) => {
      const line = customerLineAfter(input, n.voicedAtTurn!);
      return line === undefined ? [] : [needQuestion(input.scenario, input.locale, n.id, line)];
    });
  const words = UNANSWERED_QUESTION[input.locale];
  if (questions.length === 0) return tip;
  const said = questions.length === 1 ? words.one.replace("{q}", questions[0]!) : words.two.replace("{q}", questions[0]!).replace("{q2}", questions[1]!);
  return `${said} ${tip}`;
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
        : { ...base, hit: false, tip: r.tip ?? c.tip[locale] };
    }
    const h = hits.get(c.id);
    return h ? { ...base, hit: true, turn: h.turn, quote: h.quote } : { ...base, hit: false, tip: missedTip(ctx, c) };
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
  const { passMark } = input.scenario;
  const floors = dimensionFloors(input.scenario, checkpoints);
  // A call passes only when it reached the scenario's goal (decision 185): a kind, well-spoken call that never
  // books the consultation or never takes her details is not a pass, whatever its average.
  const passed =
    outcome === "resolved" &&
    overall >= passMark &&
    empathy >= floors.empathy &&
    resolution >= floors.resolution &&
    anticipation >= floors.anticipation;
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
