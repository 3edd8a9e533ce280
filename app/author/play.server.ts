/**
 * Test-play (issue 13, decision 153): the editor plays the draft without recording an attempt. The
 * call is stateless on the server: each request replays the trainee's lines so far through the call
 * machine (machines/session.ts), exactly as a real call would go, and returns the customer's lines
 * with a debug view per turn — the moves and topics understood and how sure (Understanding.scores),
 * patience and mood, facts unlocked, needs voiced and met, the beat chosen — and the checkpoints hit
 * so far (the heuristic judge on the call as it stands).
 *
 * The scripted customer is deterministic (machines/lines.ts chooses from the call state), so replaying
 * gives back the same lines; with a model configured and `engine: "llm"`, the newest line is the
 * model's and earlier ones are the ones the browser already showed (`said`).
 *
 * The scenario's own tests replay the same way with the offline classifier and the scripted customer,
 * so that a test gives the same answer every time, with or without a model.
 */
import "./messages";
import { z } from "zod";
import { answerCall, endCall, startCall, traineeSaid } from "../../machines/session";
import { judgeHeuristic } from "../../machines/scoring/index";
import type { CallView, Outcome, Step } from "../../machines/types";
import type { Scenario } from "../../scenarios/schema";
import { scriptedLine } from "../engine/scripted";
import { createOfflineUnderstander } from "../engine/offline-understander";
import { collect } from "../engine/call-runner";
import type { CustomerEngine, HistoryTurn, Understander } from "../engine/types";
import type { Locale, MessageKey } from "../i18n";
import { OUTCOME_LABEL } from "../i18n/labels";
import type { TestFailure } from "./test-failures";

export const MAX_PLAY_LINES = 40;

export const PlayLine = z.string().trim().min(1, "author.playEmpty").max(2000, "author.playTooLong");
export const PlayRequest = z.object({
  locale: z.enum(["en", "fr"]),
  lines: z.array(PlayLine).max(MAX_PLAY_LINES),
  /** The customer's lines the browser already shows (LLM customer only). */
  said: z.array(z.string().max(4000)).max(MAX_PLAY_LINES + 1).default([]),
  engine: z.enum(["scripted", "llm"]).default("scripted"),
});
export type PlayRequest = z.infer<typeof PlayRequest>;

export interface TurnDebug {
  text: string;
  moves: string[];
  topics: string[];
  /** Confidence per move and `topic:<id>` (0–1), highest first. */
  scores: Array<{ label: string; score: number }>;
  patienceBefore: number;
  patienceAfter: number;
  mood: string;
  beat: string | null;
  factsUnlocked: string[];
  needsVoiced: string[];
  needsMet: string[];
  madeRepeat: boolean;
  /** The customer's answer to this turn (null when the machine had nothing to say). */
  answer: string | null;
  /** Said after the call had ended: understood, but it changes nothing. */
  afterEnd: boolean;
}

export interface PlayState {
  opening: string | null;
  turns: TurnDebug[];
  status: CallView["status"];
  outcome: Outcome | null;
  patience: number;
  mood: string;
  factsUnlocked: string[];
  needs: Array<{ id: string; voiced: boolean; met: boolean; anticipated: boolean }>;
  checkpoints: Array<{ id: string; dimension: string; description: string; hit: boolean; turn: number | null }>;
  /** When the call is over: its scores (heuristic judge). */
  score: { empathy: number; resolution: number; anticipation: number; overall: number; passed: boolean; passMark: number } | null;
  /** The call as if the trainee ended it now (the same as above once it has ended): for the tests. */
  endedNow: { outcome: Outcome | null; score: NonNullable<PlayState["score"]> };
  engine: "scripted" | "llm";
}

let offline: Understander | null = null;
function offlineUnderstander(): Understander {
  return (offline ??= createOfflineUnderstander());
}

interface ReplayOptions {
  understander?: Understander;
  /** Renders the newest customer line (LLM); every other line is scripted or taken from `said`. */
  engine?: CustomerEngine;
  said?: string[];
}

/** Replay `lines` through the machine; the customer's lines and the debug of every turn. */
export async function playLines(scenario: Scenario, locale: Locale, lines: string[], options: ReplayOptions = {}): Promise<PlayState> {
  const understander = options.understander ?? offlineUnderstander();
  let step: Step = startCall(scenario);
  if (scenario.channel === "phone") step = answerCall(scenario, step.persisted, 1);
  const history: HistoryTurn[] = [];
  const said = options.said ?? [];
  let spoken = 0;
  const isNewest = (index: number) => index === lines.length;
  const speak = async (s: Step, index: number): Promise<string | null> => {
    if (!s.beat) return null;
    let text: string;
    if (options.engine && isNewest(index)) {
      text = await collect(options.engine.render({ scenario, locale, beat: s.beat, view: s.view, history: [...history] }));
    } else if (options.engine && said[spoken] !== undefined) {
      text = said[spoken]!;
    } else {
      text = scriptedLine({ scenario, locale, beat: s.beat, view: s.view, history: [...history] });
    }
    spoken++;
    history.push({ speaker: "customer", text });
    return text;
  };
  const opening = await speak(step, 0);
  const turns: TurnDebug[] = [];
  const transcript: Array<{ speaker: "customer" | "trainee"; text: string; moves?: string[]; topics?: string[] }> = [];
  if (opening) transcript.push({ speaker: "customer", text: opening });
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const understood = await understander.understand(text, locale, scenario);
    const topics = understood.topics.filter((t) => t in scenario.topics || scenario.knows.some((k) => k.id === t));
    const scores = Object.entries(understood.scores ?? {})
      .map(([label, score]) => ({ label, score: Math.round(score * 100) / 100 }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 8);
    history.push({ speaker: "trainee", text });
    transcript.push({ speaker: "trainee", text, moves: understood.moves, topics });
    if (step.view.status !== "conversation") {
      turns.push({
        text, moves: understood.moves, topics, scores, patienceBefore: step.view.patience, patienceAfter: step.view.patience,
        mood: step.view.mood, beat: null, factsUnlocked: [], needsVoiced: [], needsMet: [], madeRepeat: false, answer: null, afterEnd: true,
      });
      continue;
    }
    step = traineeSaid(scenario, step.persisted, text, { moves: understood.moves, topics });
    const trace = step.view.trace.at(-1);
    const answer = await speak(step, i + 1);
    if (answer) transcript.push({ speaker: "customer", text: answer });
    turns.push({
      text,
      moves: understood.moves,
      topics,
      scores,
      patienceBefore: trace?.patienceBefore ?? step.view.patience,
      patienceAfter: trace?.patienceAfter ?? step.view.patience,
      mood: trace?.mood ?? step.view.mood,
      beat: step.beat?.id ?? trace?.beatId ?? null,
      factsUnlocked: trace?.factsUnlocked ?? [],
      needsVoiced: trace?.needsVoiced ?? [],
      needsMet: trace?.needsMet ?? [],
      madeRepeat: trace?.madeRepeat ?? false,
      answer,
      afterEnd: false,
    });
  }
  const ended = step.view.status === "ended";
  // The checkpoints hit so far: the judge on the call as if it ended now (the outcome is not scored until it has).
  const final = ended ? step : endCall(scenario, step.persisted);
  const card = judgeHeuristic({
    scenario,
    locale,
    turns: transcript as Parameters<typeof judgeHeuristic>[0]["turns"],
    view: final.view,
  });
  return {
    opening,
    turns,
    status: step.view.status,
    outcome: step.view.outcome,
    patience: step.view.patience,
    mood: step.view.mood,
    factsUnlocked: step.view.factsUnlocked,
    needs: step.view.needs.map((n) => ({ id: n.id, voiced: n.voicedAtTurn !== null, met: n.metAtTurn !== null, anticipated: n.anticipated })),
    checkpoints: card.checkpoints.map((c) => ({ id: c.id, dimension: c.dimension, description: c.description, hit: c.hit, turn: c.turn ?? null })),
    score: ended ? { ...card.scores, passed: card.passed, passMark: card.passMark } : null,
    endedNow: { outcome: final.view.outcome, score: { ...card.scores, passed: card.passed, passMark: card.passMark } },
    engine: options.engine ? "llm" : "scripted",
  };
}

// --- A scenario's tests ---------------------------------------------------------------------------

export const OUTCOME_VALUES = ["resolved", "unresolved", "customer_left", "not_answered"] as const;

export const TestExpectation = z
  .strictObject({
    /** How the call must end (a call the lines do not end is ended by the trainee: "unresolved" unless resolved). */
    outcome: z.enum(OUTCOME_VALUES).optional(),
    /** The scorecard must pass (true) or fail (false). */
    passed: z.boolean().optional(),
    /** Line `turn` (0-based) must unlock fact `fact`. */
    unlocks: z.array(z.strictObject({ turn: z.number().int().min(0), fact: z.string().min(1) })).default([]),
  })
  .refine((e) => e.outcome !== undefined || e.passed !== undefined || e.unlocks.length > 0, { message: "author.testNeedsExpectation" });
export type TestExpectation = z.infer<typeof TestExpectation>;

export interface TestOutcome {
  passed: boolean;
  /** What did not hold, as data the page words in the reader's language (app/author/test-failures.ts). */
  failures: TestFailure[];
}

const OUTCOME_LABELS: Record<string, MessageKey> = OUTCOME_LABEL;

/** Run one test: replay its lines (offline classifier, scripted customer) and check every expectation. */
export async function runTest(scenario: Scenario, test: { locale: Locale; lines: string[]; expectation: TestExpectation }): Promise<TestOutcome> {
  const played = await playLines(scenario, test.locale, test.lines);
  const failures: TestFailure[] = [];
  for (const u of test.expectation.unlocks) {
    const turn = played.turns[u.turn];
    if (!turn) failures.push({ key: "author.testFailLineMissing", vars: { line: u.turn + 1 } });
    else if (!turn.factsUnlocked.includes(u.fact)) failures.push({ key: "author.testFailNoUnlock", vars: { line: u.turn + 1, fact: u.fact } });
  }
  if (test.expectation.outcome !== undefined || test.expectation.passed !== undefined) {
    // A call the lines did not end is ended by the trainee after the last line, then scored.
    const { outcome, score } = played.endedNow;
    if (test.expectation.outcome !== undefined && outcome !== test.expectation.outcome)
      failures.push({
        key: "author.testFailOutcome",
        labels: { outcome: (outcome && OUTCOME_LABELS[outcome]) || "author.testOutcomeOpen", expected: OUTCOME_LABELS[test.expectation.outcome]! },
      });
    if (test.expectation.passed !== undefined && score.passed !== test.expectation.passed)
      failures.push({
        key: test.expectation.passed ? "author.testFailExpectedPass" : "author.testFailExpectedFail",
        vars: { overall: score.overall, passMark: score.passMark },
      });
  }
  return { passed: failures.length === 0, failures };
}
