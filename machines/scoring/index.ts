/**
 * Scoring (issue 4): pure, no I/O. `judgeHeuristic` is the default,
 * offline, deterministic judge; app/scoring/ adds the LLM judge and the single
 * entry point `scoreCall`.
 */
import { understood, type classify } from "../understanding";
import type { Locale } from "../../scenarios/moves";
import type { ScoreInput, Scorecard } from "../scorecard";
import type { Scenario } from "../../scenarios/schema";
import type { ClauseReader } from "./decide";
import { judgeHeuristicWith } from "./heuristic";

export { rubricFor, DEFAULT_RUBRIC, FORMULA_MOVES, type RubricCheckpoint } from "./rubric";
export { addressesJudge } from "./judge-address";
export { quoteIsIn, clauses, sentences, findQuote } from "./quotes";
export { OUTCOME_RESOLUTION_CAP, PENALTY_POINTS, type ClauseReader, type Proposal } from "./decide";

/** Reads a clause with the offline classifier and the scenario's topic patterns (to quote the right words). */
export function offlineClauseReader(scenario: Scenario, locale: Locale): ClauseReader {
  const memo = new Map<string, { moves: ReturnType<typeof classify>; topics: string[] }>();
  return (text) => {
    let r = memo.get(text);
    if (!r) {
      // One reading for the moves and the topics (the same as classify's and detectTopics', each of which read the
      // text and its parts again), memoised with the turns' own readings (decision 245) and understandings
      // (decision 262); shared, read only.
      const { moves, topics } = understood(scenario, text, locale);
      r = { moves, topics };
      memo.set(text, r);
    }
    return r;
  };
}

/** The heuristic judge: from the moves and the machine's trace. Same input, same scorecard. */
export function judgeHeuristic(input: ScoreInput, options: { fallbackReason?: string } = {}): Scorecard {
  return judgeHeuristicWith(input, {
    readClause: offlineClauseReader(input.scenario, input.locale),
    ...(options.fallbackReason ? { fallbackReason: options.fallbackReason } : {}),
  });
}
