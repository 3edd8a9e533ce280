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
import type { ConditionSet, Scenario } from "../scenarios/schema";
import { SOOTHING_MOVES, type Move } from "../scenarios/moves";
import type { Beat, BeatKind, Mood, NeedState, Outcome, TraceEntry, Understanding } from "./types";

/** Bump when the context shape or the state names change: older snapshots are refused, never restored blindly. */
export const MACHINE_VERSION = 1;

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

function conditionsOf(set: ConditionSet): string[] {
  return Array.isArray(set) ? set : [...(set.all ?? []), ...(set.any ?? [])];
}

const soothingTopicCache = new WeakMap<Scenario, ReadonlySet<string>>();

/**
 * A scenario's topics that only buy patience ("I'm so sorry it hasn't turned
 * up" in lost-cap): a positive reaction with no line of its own, and no part
 * in a fact, a need or the resolution. They are kind words, not substance.
 */
export function soothingTopics(scenario: Scenario): ReadonlySet<string> {
  const cached = soothingTopicCache.get(scenario);
  if (cached) return cached;
  const used = new Set<string>(
    [
      ...conditionsOf(scenario.resolvedWhen),
      ...scenario.facts.flatMap((f) => conditionsOf(f.unlockedBy)),
      ...scenario.needs.flatMap((n) => conditionsOf(n.metBy)),
    ]
      .filter((c) => c.startsWith("topic:"))
      .map((c) => c.slice("topic:".length)),
  );
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
 * Patience that kind words alone have won since her last slight: a slight
 * after them makes them ring hollow, and she takes it back.
 */
function soothingCredit(scenario: Scenario, trace: readonly TraceEntry[]): number {
  const slights = slightBeats(scenario);
  let credit = 0;
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i]!;
    if (e.event !== "said") continue;
    if (e.beatId !== null && slights.has(e.beatId)) break;
    if (e.patienceAfter > e.patienceBefore && isSoothingOnly(scenario, e.moves, e.topics, e.needsMet))
      credit += e.patienceAfter - e.patienceBefore;
  }
  return credit;
}

// ---------------------------------------------------------------------------
// Conditions

export interface Signals {
  moves: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  facts: ReadonlySet<string>;
  needs: ReadonlySet<string>;
}

export function conditionHolds(condition: string, s: Signals): boolean {
  const colon = condition.indexOf(":");
  if (colon < 0) return s.moves.has(condition);
  const kind = condition.slice(0, colon);
  const id = condition.slice(colon + 1);
  if (kind === "topic") return s.topics.has(id);
  if (kind === "fact") return s.facts.has(id);
  if (kind === "need") return s.needs.has(id);
  return false;
}

export function conditionSetHolds(set: ConditionSet, s: Signals): boolean {
  const all = Array.isArray(set) ? set : (set.all ?? []);
  const any = Array.isArray(set) ? [] : (set.any ?? []);
  return all.every((c) => conditionHolds(c, s)) && (any.length === 0 || any.some((c) => conditionHolds(c, s)));
}

function mentionsTopic(set: ConditionSet): boolean {
  const all = Array.isArray(set) ? set : [...(set.all ?? []), ...(set.any ?? [])];
  return all.some((c) => c.startsWith("topic:"));
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

function makeBeat(scenario: Scenario, patience: number, id: string, kind: BeatKind, extra: Partial<Beat> = {}): Beat {
  return {
    id,
    kind,
    mood: moodOf(scenario, patience),
    terse: isTerse(scenario, patience),
    final: kind === "thank-and-leave" || kind === "leave-unresolved" || kind === "hang-up",
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

export function endedByTrainee(scenario: Scenario, context: CallContext): Partial<CallContext> {
  return { beat: null, ending: "unresolved", trace: [...context.trace, closingEntry(scenario, context, "end")] };
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
 * Decide the customer's answer to one trainee turn. Returns the context
 * changes (the machine assigns them).
 */
export function directTurn(scenario: Scenario, context: CallContext, understanding: Understanding): Partial<CallContext> {
  const moves = [...new Set(understanding.moves)];
  const topics = [...new Set(understanding.topics)];
  const turnIndex = context.traineeTurns;
  const turnsDone = turnIndex + 1;
  const before = context.patience;

  const metBefore = new Set(context.needs.filter((n) => n.metAtTurn !== null).map((n) => n.id));
  const turn: Signals = {
    moves: new Set(moves),
    topics: new Set(topics),
    facts: new Set(context.factsUnlocked),
    needs: metBefore,
  };

  // 1. Reactions and patience.
  const hits = reactionsFor(scenario, context, turn, moves, topics);
  const rawGain = Math.min(
    MAX_GAIN_PER_TURN,
    hits.filter((h) => h.patience > 0).reduce((sum, h) => sum + h.patience, 0),
  );
  const loss = hits.filter((h) => h.patience < 0).reduce((sum, h) => sum + h.patience, 0);

  // 2. Asking again for something she already told (a question: acknowledging what she told is not asking again).
  const repeatedFact = scenario.facts.find(
    (f) =>
      turn.moves.has("ask_question") &&
      context.factsUnlocked.includes(f.id) &&
      mentionsTopic(f.unlockedBy) &&
      conditionSetHolds(f.unlockedBy, turn),
  );
  const newFacts = scenario.facts.filter(
    (f) => !context.factsUnlocked.includes(f.id) && conditionSetHolds(f.unlockedBy, turn),
  );
  const repeatHits = hits.filter((h) => h.repeat);
  const madeRepeat = repeatHits.length > 0 || (repeatedFact !== undefined && newFacts.length === 0);
  // Being made to repeat is one slight: when the scenario's reaction already
  // charges for asking again, it counts once, at the stronger of the two.
  const chargedByReaction = Math.max(0, ...repeatHits.map((h) => -h.patience));
  const repeatLoss = madeRepeat ? -Math.max(0, REPEAT_PENALTY - chargedByReaction) : 0;

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
  const etiquette = turnIndex === 0 && moves.some((m) => m === "greet" || m === "introduce");
  const useful = etiquette || moves.some((m) => USEFUL_MOVES.has(m)) || topics.length > 0 || needsMet.length > 0;
  const negative = hits.some((h) => h.patience < 0 && h.beat !== undefined);
  const ignored = !useful && !negative;
  // Kind words that have worn off neither help nor break a run of turns that ignore her.
  const wornOff = soothingOnly && gain <= 0 && !negative;
  const ignoredStreak = ignored ? context.ignoredStreak + 1 : wornOff ? context.ignoredStreak : 0;
  const ignoredLoss = ignored ? -IGNORED_PENALTY[Math.min(ignoredStreak, IGNORED_PENALTY.length) - 1]! : 0;

  // A slight after kind words alone makes them ring hollow: she takes back what they won.
  const hollowLoss = negative ? -soothingCredit(scenario, context.trace) : 0;

  const after = clamp(before + gain + loss + repeatLoss + ignoredLoss + hollowLoss);

  const seenMoves = [...new Set([...context.seenMoves, ...moves])];
  const seenTopics = [...new Set([...context.seenTopics, ...topics])];
  const moveCounts = { ...context.moveCounts };
  for (const key of [...moves, ...topics.map((t) => `topic:${t}`)]) moveCounts[key] = (moveCounts[key] ?? 0) + 1;

  // 5. The beat, by priority.
  let beat: Beat;
  let ending: Outcome | null = null;
  let factsUnlocked = context.factsUnlocked;
  const needsVoiced: string[] = [];
  const revealed: string[] = [];

  const cumulative: Signals = {
    moves: new Set(seenMoves),
    topics: new Set(seenTopics),
    facts: new Set(context.factsUnlocked),
    needs: needsNowMet,
  };
  const negativeHit = hits
    .filter((h) => h.patience < 0 && h.beat)
    .sort((a, b) => a.patience - b.patience)[0];
  const dueNeed = needs.find(
    (n) => n.metAtTurn === null && n.voicedAtTurn === null && turnsDone >= (scenario.needs.find((x) => x.id === n.id)?.voicedAfterTurn ?? Infinity),
  );
  const unvoicedUnmet = needs.find((n) => n.metAtTurn === null && n.voicedAtTurn === null);

  const voice = (needId: string) => {
    needsVoiced.push(needId);
    return makeBeat(scenario, after, `voice-need:${needId}`, "voice-need", { needId });
  };

  if (after <= 0) {
    beat = makeBeat(scenario, after, leaveBeatId(scenario), "hang-up");
    ending = "customer_left";
  } else if (negativeHit) {
    // She answers the slight first and gives nothing away on this turn.
    beat = makeBeat(scenario, after, negativeHit.beat!, "react");
  } else if (newFacts.length > 0) {
    const fact = newFacts[0]!;
    factsUnlocked = [...context.factsUnlocked, fact.id];
    revealed.push(fact.id);
    beat = makeBeat(scenario, after, `reveal:${fact.id}`, "reveal", { factId: fact.id });
  } else if (conditionSetHolds(scenario.resolvedWhen, { ...cumulative, facts: new Set(factsUnlocked) })) {
    // A need she voiced on the previous turn and that this turn left unanswered.
    const ignoredNeed = needs.find((n) => n.metAtTurn === null && n.voicedAtTurn !== null && n.voicedAtTurn === turnIndex - 1);
    if (unvoicedUnmet) {
      // Before hanging up satisfied, she brings up what is still worrying her.
      beat = voice(unvoicedUnmet.id);
    } else if (ignoredNeed) {
      // She does not thank and leave while her question hangs: she asks it once more.
      beat = makeBeat(scenario, after, `voice-need:${ignoredNeed.id}`, "voice-need", { needId: ignoredNeed.id });
    } else {
      beat = makeBeat(scenario, after, "thank-and-leave", "thank-and-leave");
      ending = "resolved";
    }
  } else if (needsMet.length > 0) {
    const id = needsMet[0]!;
    beat = makeBeat(scenario, after, `need-met:${id}`, "need-met", { needId: id });
  } else if (dueNeed) {
    beat = voice(dueNeed.id);
  } else if (madeRepeat) {
    const repeatHit = hits.find((h) => h.repeat && h.beat);
    beat = makeBeat(scenario, after, repeatHit?.beat ?? "frustration:repeat", "frustration");
  } else if (ignored) {
    beat = makeBeat(scenario, after, "frustration:repeat", "frustration");
  } else {
    const positiveHit = hits.filter((h) => h.patience > 0 && h.beat).sort((a, b) => b.patience - a.patience)[0];
    if (positiveHit) beat = makeBeat(scenario, after, positiveHit.beat!, "react");
    else if (moodOf(scenario, after) !== moodOf(scenario, before) && after > before) beat = makeBeat(scenario, after, "calm-down", "calm-down");
    else beat = makeBeat(scenario, after, "acknowledge", "acknowledge");
  }

  // Out of turns: she gives up politely (unless she has just left or been satisfied).
  // Her last words are the goodbye: nothing revealed or voiced on this turn.
  if (ending === null && turnsDone >= scenario.maxTurns) {
    beat = makeBeat(scenario, after, "leave-unresolved", "leave-unresolved");
    ending = "unresolved";
    factsUnlocked = context.factsUnlocked;
    revealed.length = 0;
    needsVoiced.length = 0;
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
          END: { target: "unresolved", actions: "end" },
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
