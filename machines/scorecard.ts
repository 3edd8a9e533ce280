/**
 * The scorecard contract (issue 4). Produced by the judges in app/scoring/,
 * stored immutably in `scorecards`, printed by `cli score --json` and shown at
 * /calls/:id/report.
 */
import type { Dimension } from "../scenarios/schema";
import type { Outcome } from "./types";

export interface CheckpointResult {
  id: string;
  dimension: Dimension;
  hit: boolean;
  weight: number;
  /** Index of the trainee turn that earned it (0-based among trainee turns). */
  turn?: number;
  /** The exact words of that turn that earned it. */
  quote?: string;
  /** Coaching tip in the call's language, for a miss. */
  tip?: string;
  description: string;
}

export interface Penalty {
  id: string; // dismiss | blame | rude | needless-transfer | made-repeat | customer-left | not-answered | late-answer
  dimension: Dimension;
  points: number;
  turn?: number;
  quote?: string;
  description: string;
}

export interface Scorecard {
  scenario: string;
  locale: "en" | "fr";
  outcome: Outcome;
  scores: { empathy: number; resolution: number; anticipation: number; overall: number };
  passed: boolean;
  passMark: number;
  checkpoints: CheckpointResult[];
  penalties: Penalty[];
  judge: "heuristic" | "llm";
  /** Set when the LLM judge was asked but the heuristic one decided. */
  judgeFallbackReason?: string;
}

/** Input of a judge: the call as it happened. */
export interface ScoreInput {
  scenario: import("../scenarios/schema").Scenario;
  locale: "en" | "fr";
  /** All turns in order; trainee turns carry the moves/topics they were understood as. */
  turns: Array<{
    speaker: "customer" | "trainee";
    text: string;
    moves?: import("../scenarios/moves").Move[];
    topics?: string[];
  }>;
  /** The final view of the call (trace, needs, outcome) from machines/session.ts. */
  view: import("./types").CallView;
}
