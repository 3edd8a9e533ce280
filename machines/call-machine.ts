/**
 * The call machine: one XState v5 machine per scenario. It directs the
 * customer — patience and mood, which hidden fact she gives (one at a time),
 * which need she voices, whether she leaves, when the call is over — and
 * records the trace the judges score from. Pure: no I/O; actions only assign.
 *
 * The decisions of one trainee turn are made by `directTurn`, a pure function
 * of (scenario, context, understanding) so that they are unit-testable on
 * their own; the machine wires it into states and transitions.
 *
 * Semantics (docs/decisions/020-call-machine-semantics.md):
 * - facts and needs react to what the trainee does *in one turn* (plus the
 *   facts already unlocked and needs already met); `resolvedWhen` is
 *   cumulative over the call;
 * - at most one fact is revealed per customer line, in file order; the others
 *   wait until the trainee asks again;
 * - a negative move (dismiss, blame, rude, a needless transfer...) is answered
 *   before anything else, and she gives nothing away on that turn.
 */
import { assign, setup } from "xstate";
import type { Scenario } from "../scenarios/schema";
import { conditionSetHolds, conditionsOf, factsGiven, topicsOf, type Signals } from "../scenarios/conditions";
import { SOOTHING_MOVES, type Move } from "../scenarios/moves";
import type { Beat, BeatKind, Mood, NeedState, Outcome, TraceEntry, Understanding } from "./types";

/** Bump when the context shape or the state names change: older snapshots are refused, never restored blindly. */
export const MACHINE_VERSION = 2;

export type CallEvent =
  | { type: "ANSWER"; rings: number }
  | { type: "MISSED" }
  | { type: "TRAINEE.SAID"; moves: Move[]; topics: string[] }
  | { type: "END" };

export interface CallContext {
  scenarioId: string;
  patience: number;
  answeredAfterRings: number | null;
  traineeTurns: number;
  factsUnlocked: string[];
  needs: NeedState[];
  seenMoves: Move[];
  seenTopics: string[];
  /** How many turns used each move so far (positive moves wear off when repeated). */
  moveCounts: Record<string, number>;
  /** Consecutive turns in which the trainee gave her nothing useful. */
  ignoredStreak: number;
  /** The trainee turn after which the goal (`resolvedWhen`) first held: the call is settled and waits for its close. */
  settledAtTurn: number | null;
  /** The customer's next line, as decided by the last event. */
  beat: Beat | null;
  /** Set when the last turn ends the call; the machine then moves to that final state. */
  ending: Outcome | null;
  trace: TraceEntry[];
}

/** Built-in reactions to moves; a scenario's `reactions` override them move by move. */
export const DEFAULT_REACTIONS: Partial<Record<Move, { patience: number; beat?: string }>> = {
  acknowledge_feeling: { patience: 8 },
  apologize: { patience: 5 },
  reassure: { patience: 4 },
  paraphrase: { patience: 4 },
  take_ownership: { patience: 6 },
  use_name: { patience: 2 },
  check_with_colleague: { patience: 3 },
  offer_solution: { patience: 4 },
  set_expectation: { patience: 3 },
  hold_request: { patience: -2 },
  transfer: { patience: -8, beat: "react:transfer" },
  dismiss: { patience: -15, beat: "react:dismiss" },
  blame_customer: { patience: -20, beat: "react:blame" },
  rude: { patience: -30, beat: "react:rude" },
  off_topic: { patience: -5 },
};

/** Moves that, on their own, show the customer she is being listened to / helped. */
const USEFUL_MOVES: ReadonlySet<Move> = new Set<Move>([
  "acknowledge_feeling",
  "apologize",
  "reassure",
  "ask_question",
  "paraphrase",
  "take_ownership",
  "check_with_colleague",
  "explain",
  "offer_solution",
  "set_expectation",
  "take_contact",
  "promise_callback",
  "share_tip",
  "offer_more",
]);

/** Patience lost per consecutive turn that ignores her (1st, 2nd, 3rd and more). */
const IGNORED_PENALTY = [4, 8, 12] as const;
/** Patience lost when she has to repeat something she already told. */
const REPEAT_PENALTY = 8;
/** Moves that put something to her she can take up, even in a turn that is otherwise off-topic. */
const OFFERING_MOVES: ReadonlySet<Move> = new Set<Move>(["offer_solution", "set_expectation", "promise_callback"]);

/** Upper bound of patience gained in one turn: kind words help, they do not reset her. */
const MAX_GAIN_PER_TURN = 12;

/**
 * Moves that only soothe (machines/moves.ts): a turn made of nothing else (no question,
 * no fix, no topic of her problem, no need met) is padding, however many of them it stacks.
 */
const SOOTHING: ReadonlySet<Move> = new Set<Move>(SOOTHING_MOVES);
/**
 * Most patience a soothing-only turn can win, by how many soothing-only turns
 * already won some in the call (1st, 2nd, 3rd and later), however many kind
 * words it stacks: a little once, half as much again, then nothing. What they
 * won is taken back at the next slight, and once they have worn off they no
 * longer count as listening to her (docs/decisions/021-soothing-only-turns.md).
 */
export const SOOTHING_ONLY_GAIN = [8, 4, 0] as const;

const soothingTopicCache = new WeakMap<Scenario, ReadonlySet<string>>();

/**
 * A scenario's topics that only buy patience ("I'm so sorry it hasn't turned
 * up" in lost-cap): a positive reaction with no line of its own, and no part
 * in a fact, a need or the resolution. They are kind words, not substance.
 */
export function soothingTopics(scenario: Scenario): ReadonlySet<string> {
  const cached = soothingTopicCache.get(scenario);
  if (cached) return cached;
  const used = new Set<string>([
    ...topicsOf(scenario.resolvedWhen),
    ...scenario.facts.flatMap((f) => topicsOf(f.unlockedBy)),
    ...scenario.needs.flatMap((n) => topicsOf(n.metBy)),
  ]);
  const topics = new Set(
    Object.keys(scenario.topics).filter((id) => {
      const reaction = scenario.reactions[`topic:${id}`];
      return reaction !== undefined && reaction.patience > 0 && !reaction.beat && !used.has(id);
    }),
  );
  soothingTopicCache.set(scenario, topics);
  return topics;
}

/** A trainee turn that carries only soothing moves (and soothing topics), nothing of substance. */
export function isSoothingOnly(
  scenario: Scenario,
  moves: readonly Move[],
  topics: readonly string[],
  needsMet: readonly string[],
): boolean {
  const soothing = soothingTopics(scenario);
  return (
    moves.length > 0 &&
    needsMet.length === 0 &&
    moves.every((m) => SOOTHING.has(m)) &&
    topics.every((t) => soothing.has(t))
  );
}

const slightBeatCache = new WeakMap<Scenario, ReadonlySet<string>>();

/** The beats with which she answers a slight (a reaction that costs patience). */
function slightBeats(scenario: Scenario): ReadonlySet<string> {
  const cached = slightBeatCache.get(scenario);
  if (cached) return cached;
  const beats = new Set<string>();
  for (const r of [...Object.values(DEFAULT_REACTIONS), ...Object.values(scenario.reactions)])
    if (r && r.patience < 0 && r.beat) beats.add(r.beat);
  slightBeatCache.set(scenario, beats);
  return beats;
}

/**
 * Patience that kind words alone have won since she last lost patience: a
 * slight, or being ignored or made to repeat, after them makes them ring
 * hollow, and she takes it back (decisions 021, 081).
 */
function soothingCredit(scenario: Scenario, trace: readonly TraceEntry[]): number {
  const slights = slightBeats(scenario);
  let credit = 0;
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.event !== "said") continue;
    if ((e.beatId !== null && slights.has(e.beatId)) || e.madeRepeat || e.patienceAfter < e.patienceBefore) break;
    if (e.patienceAfter > e.patienceBefore && isSoothingOnly(scenario, e.moves, e.topics, e.needsMet))
      credit += e.patienceAfter - e.patienceBefore;
  }
  return credit;
}

// ---------------------------------------------------------------------------
// Mood

export function moodOf(scenario: Scenario, patience: number): Mood {
  if (patience >= scenario.mood.calmFrom) return "calm";
  if (patience >= scenario.mood.annoyedFrom) return "annoyed";
  return "angry";
}

export function isTerse(scenario: Scenario, patience: number): boolean {
  return patience < scenario.mood.terseBelow;
}

function clamp(n: number): number {
  return Math.max(0, Math.min(100, Math.round(n)));
}

const FINAL_KINDS: ReadonlySet<BeatKind> = new Set<BeatKind>(["thank-and-leave", "leave-unresolved", "hang-up"]);

function makeBeat(scenario: Scenario, patience: number, id: string, kind: BeatKind, extra: Partial<Beat> = {}): Beat {
  return {
    id,
    kind,
    mood: moodOf(scenario, patience),
    terse: isTerse(scenario, patience),
    final: FINAL_KINDS.has(kind),
    ...extra,
  };
}

/** The beat of a customer who leaves because she has run out of patience. */
function leaveBeatId(scenario: Scenario): string {
  return scenario.channel === "phone" ? "hang-up" : "walk-out";
}

// ---------------------------------------------------------------------------
// Context

export function initialContext(scenario: Scenario): CallContext {
  const context: CallContext = {
    scenarioId: scenario.id,
    patience: scenario.customer.patience,
    answeredAfterRings: scenario.channel === "phone" ? null : 0,
    traineeTurns: 0,
    factsUnlocked: [],
    needs: scenario.needs.map((n) => ({ id: n.id, voicedAtTurn: null, metAtTurn: null, anticipated: false })),
    seenMoves: [],
    seenTopics: [],
    moveCounts: {},
    ignoredStreak: 0,
    settledAtTurn: null,
    beat: null,
    ending: null,
    trace: [],
  };
  if (scenario.channel !== "phone") context.beat = makeBeat(scenario, context.patience, "opening", "opening");
  return context;
}

export function ringingOf(scenario: Scenario): { maxRings: number; patientUntilRing: number; latePenalty: number } {
  return scenario.ringing ?? { maxRings: 6, patientUntilRing: 3, latePenalty: 10 };
}

export function answer(scenario: Scenario, context: CallContext, rings: number): Partial<CallContext> {
  const { patientUntilRing, latePenalty } = ringingOf(scenario);
  const before = context.patience;
  const after = rings > patientUntilRing ? clamp(before - latePenalty) : before;
  const entry: TraceEntry = {
    traineeTurn: -1,
    event: "answer",
    moves: [],
    topics: [],
    patienceBefore: before,
    patienceAfter: after,
    mood: moodOf(scenario, after),
    beatId: "opening",
    factsUnlocked: [],
    needsVoiced: [],
    needsMet: [],
    madeRepeat: false,
  };
  return {
    patience: after,
    answeredAfterRings: rings,
    beat: makeBeat(scenario, after, "opening", "opening"),
    trace: [...context.trace, entry],
  };
}

function closingEntry(scenario: Scenario, context: CallContext, event: "end" | "no-answer"): TraceEntry {
  return {
    traineeTurn: -1,
    event,
    moves: [],
    topics: [],
    patienceBefore: context.patience,
    patienceAfter: context.patience,
    mood: moodOf(scenario, context.patience),
    beatId: null,
    factsUnlocked: [],
    needsVoiced: [],
    needsMet: [],
    madeRepeat: false,
  };
}

/** The trainee ends the call: resolved if its goal was reached (she was only waiting for the goodbye), else unresolved. */
export function endedByTrainee(scenario: Scenario, context: CallContext): Partial<CallContext> {
  return {
    beat: null,
    ending: context.settledAtTurn !== null ? "resolved" : "unresolved",
    trace: [...context.trace, closingEntry(scenario, context, "end")],
  };
}

export function notAnswered(scenario: Scenario, context: CallContext): Partial<CallContext> {
  return { beat: null, ending: "not_answered", trace: [...context.trace, closingEntry(scenario, context, "no-answer")] };
}

// ---------------------------------------------------------------------------
// One trainee turn

interface ReactionHit {
  key: string;
  patience: number;
  beat?: string;
  repeat: boolean;
}

function reactionsFor(scenario: Scenario, context: CallContext, turn: Signals, moves: Move[], topics: string[]): ReactionHit[] {
  const hits: ReactionHit[] = [];
  const keys = [...new Set<string>([...moves, ...topics.map((t) => `topic:${t}`)])];
  for (const key of keys) {
    const custom = scenario.reactions[key];
    if (custom) {
      if (custom.with && !conditionSetHolds(custom.with, turn)) {
        // The scenario's reaction does not apply; a move still gets its default.
      } else {
        // `repeat`: asking this again makes her repeat what she already told (not the first time).
        hits.push({ key, patience: custom.patience, beat: custom.beat, repeat: custom.repeat && (context.moveCounts[key] ?? 0) > 0 });
        continue;
      }
    }
    const fallback = DEFAULT_REACTIONS[key as Move];
    if (fallback) hits.push({ key, patience: fallback.patience, beat: fallback.beat, repeat: false });
  }
  // Two signals for the same slight (a `transfer` move and a "transfer you" topic) count once, at the stronger.
  const byBeat = new Map<string, ReactionHit>();
  const deduped: ReactionHit[] = [];
  for (const h of hits) {
    if (!h.beat) {
      deduped.push(h);
      continue;
    }
    const prev = byBeat.get(h.beat);
    if (!prev) byBeat.set(h.beat, h);
    else if (Math.abs(h.patience) > Math.abs(prev.patience)) byBeat.set(h.beat, { ...h, repeat: h.repeat || prev.repeat });
  }
  deduped.push(...byBeat.values());
  // Positive moves wear off: full effect the first time, half the second, nothing after.
  return deduped.map((h) => {
    if (h.patience <= 0) return h;
    const used = context.moveCounts[h.key] ?? 0;
    return { ...h, patience: used === 0 ? h.patience : used === 1 ? Math.floor(h.patience / 2) : 0 };
  });
}

/**
 * The order in which the customer's answer to a trainee turn is chosen: the first rule that applies wins
 * (docs/decisions/081-a-customer-who-follows-the-conversation.md). `directTurn` evaluates exactly these rules,
 * in this order; tests pin each adjacent pair.
 *
 * A *request* is a turn that asks her something: `ask_question` or `take_contact` (an "anything else?" is an
 * invitation to close, not a request). The *goal* is `resolvedWhen`, cumulative over the call; once it holds
 * the call is *settled* and waits for the trainee's closing.
 */
export const BEAT_PRIORITY = [
  /** Patience reached 0: she hangs up / walks out (customer_left). */
  "leave",
  /** A reaction that costs patience and has a beat (dismiss, blame, rude, needless transfer...): answered first, nothing given away. */
  "slight",
  /** The trainee says goodbye (close_warmly, no request): thank-and-leave (resolved) once the goal is reached, even with a need still unspoken; before the goal, leave-unresolved. */
  "goodbye",
  /** A fact this turn unlocks (one per line, in file order). */
  "reveal",
  /** A new proposal put to her as a question, which she accepts (`accept:<topic>` lines): "Shall I book you Thursday at 4?". */
  "accept",
  /** A request on a topic she has an answer for (`answer:<topic>` lines). */
  "answer",
  /** A need this turn met. */
  "need-met",
  /** A request about a fact she already told: she says it again briefly (the repeat penalty only when plainly asked again). */
  "restate",
  /** A request whose move or topic has an authored positive reaction with a line ("shall I check with the team?"). */
  "request-reaction",
  /** The trainee moves to close (goal reached, or "anything else?"): an unspoken unmet need; once settled, a need she voiced on the previous turn and that was left unanswered (once). */
  "closing-need",
  /** A need whose `voicedWhen` has come to hold (or whose `latestTurn` has come). */
  "due-need",
  /** A proposal made as an offer ("shall I book you Thursday at 4 then?"), or stated the first time its topic comes up, or one she accepted put to her again: she takes it up. */
  "take-up",
  /** A request she cannot place (or "anything else?" before the goal): once settled, nothing-else / clarify; before, back to a need she voiced and still waits for, else clarify. */
  "unplaced",
  /** Settled and nothing asked: "settled" the first time, then she thanks and leaves herself (the trainee lingered). */
  "settled",
  /** Nothing useful: she repeats her complaint (frustration:repeat). */
  "ignored",
  /** A positive reaction's own line. */
  "positive",
  /** Kind words changed her mood for the better. */
  "calm-down",
  /** A statement with nothing else to answer. */
  "acknowledge",
] as const;
export type BeatRule = (typeof BEAT_PRIORITY)[number];

/** Moves that ask her something she should answer (never with filler). */
export const REQUEST_MOVES: readonly Move[] = ["ask_question", "take_contact"];

/** True when the trainee's turn asks her something (a question, or a request for her details). */
export function isRequest(moves: readonly Move[]): boolean {
  return moves.some((m) => (REQUEST_MOVES as readonly string[]).includes(m));
}

/** True when the trainee's turn says goodbye: a warm closing that asks her nothing (and is no greeting: "thanks for calling, hello"). */
export function isGoodbye(moves: readonly Move[]): boolean {
  return moves.includes("close_warmly") && !moves.includes("greet") && !isRequest(moves);
}

/**
 * Moves that carry work still to be done or being done (decision 256): with them, a warm word before the goal is
 * reached does not end the call (a closing misread on "my pleasure, I'll go and check right away" made her leave).
 */
const GOODBYE_WORK_MOVES: ReadonlySet<Move> = new Set<Move>([
  "take_ownership",
  "offer_solution",
  "check_with_colleague",
  "hold_request",
  "explain",
  "paraphrase",
]);

/** Once settled, a request she cannot place that also offers or promises something is a kindness she thanks for. */
const SETTLED_KINDNESS_MOVES: ReadonlySet<Move> = new Set<Move>(["take_ownership", "offer_solution", "promise_callback", "set_expectation", "reassure"]);

/** Moves of a turn that only opens the exchange (no question, nothing to answer). */
const OPENER_MOVES: ReadonlySet<Move> = new Set<Move>(["greet", "introduce", "reassure", "use_name"]);

/**
 * The rules whose line answers the trainee (a fact, a slot, a topic, a need met, a restatement, a reaction to a
 * request): on the turn that reaches the goal, she may add a worry she has not voiced yet after it (decision 266).
 */
const ANSWERING_RULES: ReadonlySet<BeatRule> = new Set<BeatRule>(["reveal", "accept", "answer", "need-met", "restate", "request-reaction", "take-up"]);

/** Beats with which she closes the call once settled (after them, a lingering turn makes her leave). */
const CLOSING_BEATS: ReadonlySet<string> = new Set(["settled", "nothing-else"]);

const linedTopicCache = new WeakMap<Scenario, Map<string, string[]>>();

/** The topics that have `<prefix><topic>` lines (accept:, answer:), in the order the scenario writes them. */
function linedTopics(scenario: Scenario, prefix: "accept:" | "answer:"): string[] {
  let byPrefix = linedTopicCache.get(scenario);
  if (!byPrefix) linedTopicCache.set(scenario, (byPrefix = new Map()));
  let ids = byPrefix.get(prefix);
  if (!ids) {
    ids = Object.keys(scenario.lines)
      .filter((k) => k.startsWith(prefix) && !k.endsWith("/terse"))
      .map((k) => k.slice(prefix.length));
    byPrefix.set(prefix, ids);
  }
  return ids;
}

/**
 * Decide the customer's answer to one trainee turn. Returns the context
 * changes (the machine assigns them).
 */
export function directTurn(scenario: Scenario, context: CallContext, understanding: Understanding): Partial<CallContext> {
  const moves = [...new Set(understanding.moves)];
  const topics = [...new Set(understanding.topics)];
  const turnIndex = context.traineeTurns;
  const turnsDone = turnIndex + 1;
  const before = context.patience;
  const request = isRequest(moves);

  const metBefore = new Set(context.needs.filter((n) => n.metAtTurn !== null).map((n) => n.id));
  const given = factsGiven(scenario.facts, context.factsUnlocked);
  const turn: Signals = {
    moves: new Set<string>(moves),
    topics: new Set(topics),
    facts: given,
    needs: metBefore,
  };

  // New facts this turn unlocks (what she tells in answer): not one she has already given, told or within another.
  const newFacts = scenario.facts.filter((f) => !given.has(f.id) && conditionSetHolds(f.unlockedBy, turn));

  // 1. Reactions and patience. A turn that unlocks what she was waiting to tell is taken by that reading: a slight
  // only its topic carries ("no need for the account number: your name and phone number?" also reads as asking
  // for the account number) does not stop her answering (decision 220). Slights a move carries (rude, dismiss,
  // blame, a transfer) still count.
  const hits = reactionsFor(scenario, context, turn, moves, topics).filter(
    (h) => !(newFacts.length > 0 && h.patience < 0 && h.key.startsWith("topic:")),
  );
  const rawGain = Math.min(
    MAX_GAIN_PER_TURN,
    hits.filter((h) => h.patience > 0).reduce((sum, h) => sum + h.patience, 0),
  );
  const loss = hits.filter((h) => h.patience < 0).reduce((sum, h) => sum + h.patience, 0);

  // In the order the scenario writes its `accept:`/`answer:` lines (the most specific first: a slot before a consultation).
  // A proposal she accepted settles the less specific ones written after it (decision 184): once she has taken
  // "Thursday at 4", "shall I book you Thursday?" is not a new offer of a first consultation.
  const acceptOrder = linedTopics(scenario, "accept:");
  const acceptedBefore = (t: string) =>
    context.trace.some((e) => {
      if (e.beatId === `accept:${t}`) return true;
      const earlier = e.beatId?.startsWith("accept:") ? acceptOrder.indexOf(e.beatId.slice("accept:".length)) : -1;
      return earlier >= 0 && earlier < acceptOrder.indexOf(t);
    });
  // A turn about something else ("what's the weather like in Montreal today?") proposes nothing, whatever topic a
  // word of it reads as ("today"): she does not take it up as a slot, a date or a callback (session 13's tour).
  // (An offer in the same breath still is one: "lovely weather! shall I book you Thursday at 4?")
  const offTopicOnly = moves.includes("off_topic") && !moves.some((m) => OFFERING_MOVES.has(m));
  const proposed = offTopicOnly ? [] : acceptOrder.filter((t) => topics.includes(t));
  const acceptTopic = request ? proposed.find((t) => !acceptedBefore(t)) : undefined;
  // Taken up: a proposal stated the first time it comes up, or one she already accepted put to her again.
  const takeUpTopic = request
    ? proposed.find(acceptedBefore)
    : moves.includes("offer_solution")
      ? proposed[0] // "Shall I book you Thursday at 4 then?" is an offer, not a question: she still says yes.
      : proposed.find((t) => !context.seenTopics.includes(t));
  const answerTopic = request && !offTopicOnly ? linedTopics(scenario, "answer:").find((t) => topics.includes(t)) : undefined;
  // 2. Facts: told ones this turn asks about again (new ones are read first, below).
  const toldFacts = scenario.facts.filter((f) => given.has(f.id));
  // Plainly asked again: a question that unlocks information she has already given (not a check of understanding).
  const askedAgain = toldFacts.find(
    (f) =>
      moves.includes("ask_question") &&
      !moves.includes("paraphrase") &&
      conditionsOf(f.unlockedBy).includes("ask_question") &&
      topicsOf(f.unlockedBy).length > 0 &&
      conditionSetHolds(f.unlockedBy, turn),
  );
  // Asked about something she told (a confirmation, another angle): she restates it, no penalty.
  // The one the turn asks for first ("your name, please?" after her name and number: her name), else one its
  // topics touch.
  const askedAbout =
    askedAgain ??
    (request
      ? (toldFacts.find((f) => conditionSetHolds(f.unlockedBy, turn)) ??
        toldFacts.find((f) => topicsOf(f.unlockedBy).some((t) => topics.includes(t))))
      : undefined);
  // 3. Needs met on this turn (met before voiced = anticipated).
  const needsMet: string[] = [];
  const needs = context.needs.map((state) => {
    if (state.metAtTurn !== null) return state;
    const need = scenario.needs.find((n) => n.id === state.id);
    if (!need || !conditionSetHolds(need.metBy, turn)) return state;
    needsMet.push(state.id);
    return { ...state, metAtTurn: turnIndex, anticipated: state.voicedAtTurn === null };
  });
  const needsNowMet = new Set(needs.filter((n) => n.metAtTurn !== null).map((n) => n.id));

  // Made to repeat: plainly asked again for what she told, and what she says back is that again. A question she
  // answers otherwise (a new fact, a slot she accepts, a topic she has an answer for, a need it meets, a slight she
  // reacts to) did not make her repeat anything (decision 240: "Qu'est-ce qui vous arrange ?" after the slots is
  // not asking again about her project, whatever the topic model read).
  const repeatHits = hits.filter((h) => h.repeat);
  const answeredOtherwise =
    newFacts.length > 0 ||
    needsMet.length > 0 ||
    acceptTopic !== undefined ||
    answerTopic !== undefined ||
    hits.some((h) => h.patience < 0 && h.beat && !h.repeat);
  const madeRepeat = repeatHits.length > 0 || (askedAgain !== undefined && !answeredOtherwise);
  // Being made to repeat is one slight: when the scenario's reaction already
  // charges for asking again, it counts once, at the stronger of the two.
  const chargedByReaction = Math.max(0, ...repeatHits.map((h) => -h.patience));
  const repeatLoss = madeRepeat ? -Math.max(0, REPEAT_PENALTY - chargedByReaction) : 0;

  // Kind words alone: small, and less each time. Counted over the whole call from the
  // trace (the soothing-only turns that already won her patience; a bare greeting did not).
  const soothingOnly = isSoothingOnly(scenario, moves, topics, needsMet);
  const soothingBefore = context.trace.filter(
    (e) => e.event === "said" && e.patienceAfter > e.patienceBefore && isSoothingOnly(scenario, e.moves, e.topics, e.needsMet),
  ).length;
  const gain = soothingOnly
    ? Math.min(rawGain, SOOTHING_ONLY_GAIN[Math.min(soothingBefore, SOOTHING_ONLY_GAIN.length - 1)]!)
    : rawGain;

  // 4. Ignored: nothing useful, no topic, nothing met.
  // On the first turn, greeting and saying who you are is etiquette, not ignoring her.
  // Nor, once what she came for is done, is a warm goodbye ("Thank you for your patience, have a good day" cost her
  // 10 points of patience at the end of every good call: session 13's tour).
  const etiquette =
    (turnIndex === 0 && moves.some((m) => m === "greet" || m === "introduce")) || (context.settledAtTurn !== null && moves.includes("close_warmly"));
  const useful = etiquette || moves.some((m) => USEFUL_MOVES.has(m)) || topics.length > 0 || needsMet.length > 0;
  const negative = hits.some((h) => h.patience < 0 && h.beat !== undefined);
  const ignored = !useful && !negative;
  // Kind words alone neither help nor break a run of turns that ignore her (docs/decisions/021, 081).
  const ignoredStreak = ignored ? context.ignoredStreak + 1 : soothingOnly && !negative ? context.ignoredStreak : 0;
  const ignoredLoss = ignored ? -IGNORED_PENALTY[Math.min(ignoredStreak, IGNORED_PENALTY.length) - 1]! : 0;

  // A slight after kind words alone makes them ring hollow: she takes back what they won.
  // So does a turn that ignores her, makes her repeat or costs her patience otherwise (an aside, a hold).
  const hollowLoss = negative || loss + repeatLoss + ignoredLoss < 0 ? -soothingCredit(scenario, context.trace) : 0;

  let after = clamp(before + gain + loss + repeatLoss + ignoredLoss + hollowLoss);

  const seenMoves = [...new Set([...context.seenMoves, ...moves])];
  const seenTopics = [...new Set([...context.seenTopics, ...topics])];
  const moveCounts = { ...context.moveCounts };
  for (const key of [...moves, ...topics.map((t) => `topic:${t}`)]) moveCounts[key] = (moveCounts[key] ?? 0) + 1;

  // 5. The beat: the first rule of BEAT_PRIORITY that applies.
  const cumulative: Signals = {
    moves: new Set<string>(seenMoves),
    topics: new Set(seenTopics),
    facts: given,
    needs: needsNowMet,
  };
  const settled = context.settledAtTurn !== null || conditionSetHolds(scenario.resolvedWhen, cumulative);
  const unspoken = needs.find((n) => n.metAtTurn === null && n.voicedAtTurn === null);
  // Asked to wait while the trainee goes to check ("one minute, I'll look in the box"), she waits: a worry that has
  // come due is voiced after the answer, not in the same breath as "go ahead" (session 16: a good receptionist who
  // checked, came back with "the lunch team is back at 11 tomorrow" and so met her worry unasked, was scored as
  // answering it because she had asked it while he was gone).
  const steppingAway = moves.includes("hold_request") && !request;
  const dueNeed = needs.find((n) => {
    if (n.metAtTurn !== null || n.voicedAtTurn !== null || steppingAway) return false;
    const when = scenario.needs.find((x) => x.id === n.id)?.voicedWhen;
    return when !== undefined && (conditionSetHolds(when.after, cumulative) || (when.latestTurn !== undefined && turnsDone >= when.latestTurn));
  });
  const lastEntry = [...context.trace].reverse().find((e) => e.event === "said");
  // A need she voiced on her previous line and that this turn left unanswered (asked again at most once: re-asking does not re-date it).
  const leftHanging = needs.find((n) => n.metAtTurn === null && n.voicedAtTurn !== null && n.voicedAtTurn === turnIndex - 1);
  // A need she voiced and still waits for, not the one she brought up on her previous line.
  const stillWaiting = needs.find(
    (n) => n.metAtTurn === null && n.voicedAtTurn !== null && lastEntry?.beatId !== `voice-need:${n.id}`,
  );
  // A need she voiced that nothing has met yet.
  const stillOpen = needs.find((n) => n.metAtTurn === null && n.voicedAtTurn !== null);
  const closingSaid =
    context.settledAtTurn !== null &&
    context.trace.some((e) => e.event === "said" && e.traineeTurn >= context.settledAtTurn! && e.beatId !== null && CLOSING_BEATS.has(e.beatId));
  const negativeHit = hits.filter((h) => h.patience < 0 && h.beat).sort((a, b) => a.patience - b.patience)[0];
  const positiveHit = hits.filter((h) => h.patience > 0 && h.beat).sort((a, b) => b.patience - a.patience)[0];
  const goodbye = isGoodbye(moves);
  const invitesClose = moves.includes("offer_more") && !request;

  const needsVoiced: string[] = [];
  const beatOf = (id: string, kind: BeatKind, extra: Partial<Beat> = {}) => makeBeat(scenario, after, id, kind, extra);
  const voice = (needId: string) => {
    needsVoiced.push(needId);
    return beatOf(`voice-need:${needId}`, "voice-need", { needId });
  };
  // Asking again does not re-date a need: `voicedAtTurn` stays when she first said it.
  const askAgain = (needId: string) => beatOf(`voice-need:${needId}`, "voice-need", { needId, again: true });

  type Decision = { beat: Beat; ending?: Outcome; reveal?: string };
  const rules: Record<BeatRule, () => Decision | null> = {
    leave: () => (after <= 0 ? { beat: beatOf(leaveBeatId(scenario), "hang-up"), ending: "customer_left" } : null),
    slight: () => (negativeHit ? { beat: beatOf(negativeHit.beat!, "react") } : null),
    goodbye: () => {
      if (!goodbye) return null;
      // Before the goal, a warm word that carries work ("my pleasure, I'll go and check right away", "thanks for
      // your patience, I'm reversing it now") is no goodbye: she leaves only on a goodbye that does nothing more.
      if (!settled && moves.some((m) => GOODBYE_WORK_MOVES.has(m))) return null;
      if (!settled) return { beat: beatOf("leave-unresolved", "leave-unresolved"), ending: "unresolved" };
      // An explicit goodbye ends the call (issue 9; decision 240 amends 081): a need she never voiced stays unsaid
      // and unmet, and the scorecard says so — she does not hold the trainee at the door.
      return { beat: beatOf("thank-and-leave", "thank-and-leave"), ending: "resolved" };
    },
    reveal: () => {
      const fact = newFacts[0];
      return fact ? { beat: beatOf(`reveal:${fact.id}`, "reveal", { factId: fact.id }), reveal: fact.id } : null;
    },
    accept: () => (acceptTopic ? { beat: beatOf(`accept:${acceptTopic}`, "accept", { topicId: acceptTopic }) } : null),
    answer: () => (answerTopic ? { beat: beatOf(`answer:${answerTopic}`, "answer", { topicId: answerTopic }) } : null),
    restate: () => {
      if (!askedAbout) return null;
      // Checking what she said ("so it was on the 3rd?") gets a plain yes; asked again, she says it again.
      const confirming = moves.includes("paraphrase") && askedAgain === undefined;
      return { beat: beatOf(confirming ? "confirm" : `restate:${askedAbout.id}`, "restate", { factId: askedAbout.id }) };
    },
    // Once settled, "anything else?" is what she answers ("you're booked for Thursday; anything else?").
    "take-up": () =>
      // Once settled, "anything else?" is what she answers, whether or not it was also read as a question
      // ("C'est réservé pour jeudi à 16 h. Est-ce que je peux vous aider avec autre chose ?").
      takeUpTopic && !(settled && moves.includes("offer_more")) ? { beat: beatOf(`accept:${takeUpTopic}`, "accept", { topicId: takeUpTopic }) } : null,
    "need-met": () => {
      // The need she asked about first: a need met before she voiced it may be met in the same turn (decision 256).
      const id = needs.find((n) => n.metAtTurn === turnIndex && n.voicedAtTurn !== null)?.id ?? needsMet[0];
      if (!id) return null;
      const anticipated = needs.find((n) => n.id === id)?.voicedAtTurn === null;
      return { beat: beatOf(`need-met:${id}`, "need-met", { needId: id, ...(anticipated ? { anticipated: true } : {}) }) };
    },
    "request-reaction": () => (request && positiveHit ? { beat: beatOf(positiveHit.beat!, "react") } : null),
    "closing-need": () => {
      if (!settled && !invitesClose) return null;
      if (unspoken) return { beat: voice(unspoken.id) };
      if (settled && leftHanging) return { beat: askAgain(leftHanging.id) };
      // "Anything else?" while a worry she voiced is still unanswered: that is what else (session 14; she said "No,
      // that's it. Thank you." right after "You didn't answer me").
      if (settled && invitesClose && stillOpen) return { beat: askAgain(stillOpen.id) };
      return null;
    },
    "due-need": () => (dueNeed ? { beat: voice(dueNeed.id) } : null),
    unplaced: () => {
      if (!request && !(invitesClose && !settled)) return null;
      // Checking back what is understood ("on the 5th it took $278.40, is that the one on your statement?"):
      // a plain yes, not "what do you mean?" — she can confirm what she recognises (session 12).
      if (request && moves.includes("paraphrase") && !moves.includes("offer_more")) return { beat: beatOf("confirm", "restate") };
      // Settled, a question about nothing in particular ("any other questions?") is an invitation to close.
      if (settled) {
        if (moves.includes("offer_more") || topics.length === 0) return { beat: beatOf("nothing-else", "nothing-else") };
        // A kindness she has no answer for ("and if it turns up, I'll keep it behind the bar with your name on it",
        // when that was already said): she thanks, as settled, rather than asking what is meant (decision 256).
        // Once she has said so, "no, that's all, thank you" (a request is never answered by her leaving).
        if (moves.some((m) => SETTLED_KINDNESS_MOVES.has(m)))
          return { beat: closingSaid ? beatOf("nothing-else", "nothing-else") : beatOf("settled", "settled") };
        return { beat: beatOf("clarify", "clarify") };
      }
      if (stillWaiting) return { beat: askAgain(stillWaiting.id) };
      return { beat: beatOf("clarify", "clarify") };
    },
    settled: () => {
      if (!settled) return null;
      if (invitesClose) return { beat: beatOf("nothing-else", "nothing-else") };
      if (!closingSaid) return { beat: beatOf("settled", "settled") };
      return { beat: beatOf("thank-and-leave", "thank-and-leave"), ending: "resolved" };
    },
    ignored: () => (ignored ? { beat: beatOf("frustration:repeat", "frustration") } : null),
    positive: () => (positiveHit ? { beat: beatOf(positiveHit.beat!, "react") } : null),
    "calm-down": () =>
      moodOf(scenario, after) !== moodOf(scenario, before) && after > before ? { beat: beatOf("calm-down", "calm-down") } : null,
    // A turn that only greets or introduces, before she has told anything: she says again what she came for
    // (the `clarify` line) rather than "Mm-hm" (decision 184).
    acknowledge: () =>
      context.factsUnlocked.length === 0 && !settled && moves.length > 0 && moves.every((m) => OPENER_MOVES.has(m)) && topics.length === 0
        ? { beat: beatOf("clarify", "clarify") }
        : { beat: beatOf("acknowledge", "acknowledge") },
  };
  let decision: Decision | null = null;
  let rule: BeatRule | null = null;
  for (const name of BEAT_PRIORITY) {
    decision = rules[name]();
    rule = name;
    if (decision) break;
  }
  let { beat } = decision!;
  let ending: Outcome | null = decision!.ending ?? null;
  const revealed = decision!.reveal ? [decision!.reveal] : [];
  let factsUnlocked = revealed.length > 0 ? [...context.factsUnlocked, ...revealed] : context.factsUnlocked;

  // Out of turns: her last words are the goodbye (nothing revealed or voiced on this turn); the call is
  // resolved if its goal was reached, else she gives up politely.
  if (ending === null && turnsDone >= scenario.maxTurns) {
    const reached = settled || conditionSetHolds(scenario.resolvedWhen, { ...cumulative, facts: factsGiven(scenario.facts, factsUnlocked) });
    beat = reached ? beatOf("thank-and-leave", "thank-and-leave") : beatOf("leave-unresolved", "leave-unresolved");
    ending = reached ? "resolved" : "unresolved";
    factsUnlocked = context.factsUnlocked;
    revealed.length = 0;
    needsVoiced.length = 0;
  }

  // She leaves with the goal reached but a worry she voiced never answered: she says so as she goes (session 14).
  const leavesOpen = ending === "resolved" && beat.kind === "thank-and-leave" ? stillOpen : undefined;
  if (leavesOpen) beat = { ...beat, stillOpen: leavesOpen.id };
  // She leaves with what she came for: her thanks are not said "annoyed" (the gauge read "à cran" after "you're the
  // first person today who actually helped me"; session 13's tour). Her patience ends at least calm — not when she
  // leaves with a question nobody answered (session 14's tour: the chart showed that goodbye as "it turned better").
  if (ending === "resolved" && !leavesOpen && after < scenario.mood.calmFrom) {
    after = scenario.mood.calmFrom;
    beat = { ...beat, mood: moodOf(scenario, after), terse: isTerse(scenario, after) };
  }

  const settledAtTurn =
    context.settledAtTurn ??
    (conditionSetHolds(scenario.resolvedWhen, { ...cumulative, facts: factsGiven(scenario.facts, factsUnlocked) }) ? turnIndex : null);
  // The turn that reaches the goal is the trainee moving to closing: a need she has not voiced yet comes due now
  // (issue 9). When her line answers something else first (her details, a slot she accepts), she adds her worry
  // to it ("Claire Laurent, 06 … — you won't throw it away, will you?") rather than keep it for a next turn, which
  // a goodbye may never leave her: an "anything else?" or a reply can still meet it (decision 266).
  if (ending === null && context.settledAtTurn === null && settledAtTurn !== null && rule !== null && ANSWERING_RULES.has(rule)) {
    const worry = needsVoiced.length === 0 ? needs.find((n) => n.metAtTurn === null && n.voicedAtTurn === null) : undefined;
    if (worry) {
      needsVoiced.push(worry.id);
      beat = { ...beat, thenVoices: worry.id };
    }
  }
  const needsAfter = needs.map((n) => (needsVoiced.includes(n.id) ? { ...n, voicedAtTurn: turnIndex } : n));

  const entry: TraceEntry = {
    traineeTurn: turnIndex,
    event: "said",
    moves,
    topics,
    patienceBefore: before,
    patienceAfter: after,
    mood: moodOf(scenario, after),
    beatId: beat.id,
    factsUnlocked: revealed,
    needsVoiced,
    needsMet,
    madeRepeat,
  };

  return {
    patience: after,
    traineeTurns: turnsDone,
    factsUnlocked,
    needs: needsAfter,
    seenMoves,
    seenTopics,
    moveCounts,
    ignoredStreak,
    settledAtTurn,
    beat,
    ending,
    trace: [...context.trace, entry],
  };
}

// ---------------------------------------------------------------------------
// The machine

export const FINAL_STATES = ["resolved", "unresolved", "customer_left", "not_answered"] as const satisfies readonly Outcome[];

export function createCallMachine(scenario: Scenario) {
  const { maxRings } = ringingOf(scenario);
  return setup({
    types: {} as { context: CallContext; events: CallEvent },
    actions: {
      answer: assign(({ context, event }) => (event.type === "ANSWER" ? answer(scenario, context, event.rings) : {})),
      said: assign(({ context, event }) =>
        event.type === "TRAINEE.SAID" ? directTurn(scenario, context, { moves: event.moves, topics: event.topics }) : {},
      ),
      end: assign(({ context }) => endedByTrainee(scenario, context)),
      missed: assign(({ context }) => notAnswered(scenario, context)),
    },
    guards: {
      tooLate: ({ event }) => event.type === "ANSWER" && event.rings > maxRings,
      left: ({ context }) => context.ending === "customer_left",
      resolved: ({ context }) => context.ending === "resolved",
      gaveUp: ({ context }) => context.ending === "unresolved",
      settled: ({ context }) => context.settledAtTurn !== null,
    },
  }).createMachine({
    id: `call:${scenario.id}`,
    initial: scenario.channel === "phone" ? "ringing" : "conversation",
    context: () => initialContext(scenario),
    states: {
      ringing: {
        on: {
          ANSWER: [
            { guard: "tooLate", target: "not_answered", actions: "missed" },
            { target: "conversation", actions: "answer" },
          ],
          MISSED: { target: "not_answered", actions: "missed" },
        },
      },
      conversation: {
        always: [
          { guard: "left", target: "customer_left" },
          { guard: "resolved", target: "resolved" },
          { guard: "gaveUp", target: "unresolved" },
        ],
        on: {
          "TRAINEE.SAID": { actions: "said" },
          END: [
            { guard: "settled", target: "resolved", actions: "end" },
            { target: "unresolved", actions: "end" },
          ],
        },
      },
      resolved: { type: "final" },
      unresolved: { type: "final" },
      customer_left: { type: "final" },
      not_answered: { type: "final" },
    },
  });
}

export type CallMachine = ReturnType<typeof createCallMachine>;
