/**
 * A scorecard as the row stored in `scorecards` (immutable; re-scoring inserts n + 1).
 * Shared by the end of a call and by anything else that stores a scorecard.
 */
import type { scorecards } from "../../db/schema";
import type { Scorecard } from "../../machines/scorecard";

export function scorecardRow(attemptId: string, n: number, card: Scorecard): typeof scorecards.$inferInsert {
  return {
    attemptId,
    n,
    judge: card.judge,
    empathy: Math.round(card.scores.empathy),
    resolution: Math.round(card.scores.resolution),
    anticipation: Math.round(card.scores.anticipation),
    overall: Math.round(card.scores.overall),
    passed: card.passed,
    checkpoints: card.checkpoints,
    penalties: card.penalties,
    feedback: {
      scenario: card.scenario,
      locale: card.locale,
      outcome: card.outcome,
      passMark: card.passMark,
      ...(card.judgeFallbackReason ? { judgeFallbackReason: card.judgeFallbackReason } : {}),
    },
  };
}
