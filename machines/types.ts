/**
 * Runtime contract of the simulation core. Everything outside `machines/`
 * (CLI, web, customer engines, judges) talks to the call through these types
 * and the functions of `machines/session.ts`; none of them touches XState
 * directly.
 */
import type { Locale, Move } from "../scenarios/moves";

export type Mood = "calm" | "annoyed" | "angry";

export type Outcome = "resolved" | "unresolved" | "customer_left" | "not_answered";

export type CallStatus = "ringing" | "waiting" | "conversation" | "ended";

/** What the trainee's turn was understood as. */
export interface Understanding {
  /** Generic moves (the vocabulary of machines/moves.ts). */
  moves: Move[];
  /** Scenario-specific topics detected in the turn (ids from the scenario's `topics`). */
  topics: string[];
  /** Confidence 0–1 per move and per `topic:<id>` (decision 080), for the studio's debug view; the machine reads only moves and topics. */
  scores?: Record<string, number>;
}

/**
 * The machine's decision for the customer's next line. The customer engine
 * only puts it into words.
 *
 * `id` is the key of the scenario's `lines` used by the scripted engine
 * (e.g. `opening`, `reveal:cap-description`, `voice-need:overdraft-fees`,
 * `accept:slot`, `clarify`, `settled`, `frustration:repeat`, `thank-and-leave`, `hang-up`).
 * The order in which beats are chosen is `BEAT_PRIORITY` (machines/call-machine.ts, decision 081).
 */
export interface Beat {
  id: string;
  kind: BeatKind;
  /** The fact revealed by this beat (kind `reveal`). Only unlocked facts ever appear here. */
  factId?: string;
  /** The need voiced by this beat (kind `voice-need`) or acknowledged as met. */
  needId?: string;
  /**
   * A need she voices at the end of this line, after what it answers: on the turn that reaches the goal, a need she
   * has not voiced yet comes due (the trainee is moving to closing) though her line answers something else first
   * (decision 266).
   */
  thenVoices?: string;
  /**
   * She brings up again a need she voiced earlier and that is still unanswered (kind `voice-need`): a reminder
   * ("You didn't answer me. Who's paying for that?"), not news.
   */
  again?: boolean;
  /**
   * A need she voiced that the call leaves unanswered (kind `thank-and-leave`): she leaves with the goal reached but
   * says what was never answered ("…But you never answered me: what are you going to do about my bank fees?").
   */
  stillOpen?: string;
  /** A need met before she voiced it (kind `need-met`): "Thank you, I was going to ask." fits only then. */
  anticipated?: boolean;
  /** The trainee's topic she answers (kind `answer`) or the proposal she accepts (kind `accept`). */
  topicId?: string;
  /** Mood after the trainee's turn. */
  mood: Mood;
  /** True when patience is low: the customer gets shorter. */
  terse: boolean;
  /** True when this line ends the call (customer leaves / hangs up / thanks and leaves). */
  final: boolean;
}

export type BeatKind =
  | "opening"
  | "reveal"
  | "voice-need"
  | "need-met"
  | "frustration"
  | "calm-down"
  | "react"
  | "acknowledge"
  /** She answers a question on a topic she has an answer for (`answer:<topic>`). */
  | "answer"
  /** She accepts a proposal (`accept:<topic>`: a slot, a callback...). */
  | "accept"
  /** She says again, briefly, a fact she already told (`restate:<fact>`). */
  | "restate"
  /** A question she cannot place: she asks what is meant, bringing the talk back to what she came for. */
  | "clarify"
  /** The goal is reached and nothing is asked: she says so, and waits for the trainee's closing. */
  | "settled"
  /** "Anything else?" once settled: no, that's all. */
  | "nothing-else"
  | "wait"
  | "thank-and-leave"
  | "leave-unresolved"
  | "hang-up";

/** One entry of the machine's trace, used by the judges. One per trainee turn (plus answer/end). */
export interface TraceEntry {
  /** Index of the trainee turn in the call (0-based, trainee turns only); -1 for events that are not turns. */
  traineeTurn: number;
  event: "answer" | "said" | "end" | "no-answer";
  moves: Move[];
  topics: string[];
  patienceBefore: number;
  patienceAfter: number;
  mood: Mood;
  beatId: string | null;
  factsUnlocked: string[];
  needsVoiced: string[];
  needsMet: string[];
  /** The trainee made the customer repeat something she already said (e.g. asked again for the account number). */
  madeRepeat: boolean;
}

export interface NeedState {
  id: string;
  /** Trainee turn index after which the customer voiced it; null if never voiced. */
  voicedAtTurn: number | null;
  /** Trainee turn index that met it; null if never met. */
  metAtTurn: number | null;
  /** True when met before being voiced (this is what anticipation scores). */
  anticipated: boolean;
}

/** A read-only view of the call, derived from the machine snapshot. */
export interface CallView {
  status: CallStatus;
  outcome: Outcome | null;
  patience: number;
  mood: Mood;
  /** Rings heard before the trainee answered (phone); 0 in person. */
  answeredAfterRings: number | null;
  /** Number of trainee turns so far. */
  traineeTurns: number;
  factsUnlocked: string[];
  needs: NeedState[];
  /** Every move and topic seen so far. */
  seen: { moves: Move[]; topics: string[] };
  resolved: boolean;
  trace: TraceEntry[];
}

/** What is stored in the database (attempts.machine_snapshot + machine_version). */
export interface PersistedCall {
  machineVersion: number;
  scenarioId: string;
  snapshot: unknown;
}

/** The result of every step of a call. */
export interface Step {
  persisted: PersistedCall;
  view: CallView;
  /** The customer's next line to render; null when nothing is to be said (e.g. still ringing). */
  beat: Beat | null;
}

export type { Locale, Move };
