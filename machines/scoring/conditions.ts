/**
 * Evaluating rubric conditions against one trainee turn of a finished call: what a condition is
 * evaluated against, turn by turn (scoring's turn-scoped semantics):
 *
 *   - a move or `topic:x` holds when that turn carries it;
 *   - `fact:x` holds when the fact was unlocked before that turn (she had told it: the
 *     same reading as the call machine);
 *   - `need:x` holds when the need was met at that turn or before.
 */
import type { CallView, Move } from "../types";

// The condition language (flattening and evaluation) is the leaf module scenarios/conditions.ts, shared with the
// call machine and the scenario checks; re-exported here for the scoring modules that import it from this file.
import {
  conditionHolds as leafConditionHolds,
  conditionParts,
  conditionSetHolds,
  conditionsOf,
  parseCondition,
  verbalParts,
  type ConditionSetLike,
} from "../../scenarios/conditions";
export { conditionParts, conditionsOf, parseCondition, verbalParts };

export interface TurnSignals {
  moves: readonly Move[];
  topics: readonly string[];
}

export interface TurnState {
  facts: Set<string>;
  needs: Set<string>;
}

/**
 * Facts unlocked before trainee turn `turn` (or up to and including it, with
 * `factsAtTurn`) and needs met up to and including it.
 */
export function stateAt(view: CallView, turn: number, factsAtTurn = false): TurnState {
  const facts = new Set<string>();
  const needs = new Set<string>();
  for (const entry of view.trace) {
    if (entry.traineeTurn > turn) continue;
    // Non-turn events (answer, end) with traineeTurn -1 count as "before every turn" only for answer.
    if (entry.traineeTurn < 0 && entry.event !== "answer") continue;
    if (entry.traineeTurn < turn || factsAtTurn) entry.factsUnlocked.forEach((f) => facts.add(f));
    entry.needsMet.forEach((n) => needs.add(n));
  }
  for (const n of view.needs) if (n.metAtTurn !== null && n.metAtTurn <= turn) needs.add(n.id);
  return { facts, needs };
}

export function conditionHolds(condition: string, signals: TurnSignals, state: TurnState): boolean {
  return leafConditionHolds(condition, { ...signals, ...state });
}

export function setHolds(set: ConditionSetLike, signals: TurnSignals, state: TurnState): boolean {
  return conditionSetHolds(set, { ...signals, ...state });
}

/** The move/topic part of a condition set (what words can carry), for quote extraction. */
export function verbalPart(set: ConditionSetLike): { all: string[]; any: string[] } {
  return verbalParts(set);
}

/** Does the verbal part hold on these words? (An empty part holds trivially: nothing is asked of the words.) */
export function verbalHolds(part: { all: readonly string[]; any: readonly string[] }, signals: TurnSignals): boolean {
  const has = (c: string) => leafConditionHolds(c, { ...signals, facts: [], needs: [] });
  return part.all.every(has) && (part.any.length === 0 || part.any.some(has));
}

/** True when the condition is about state (a fact told, a need met), not words. */
export function isStateCondition(condition: string): boolean {
  const kind = parseCondition(condition).kind;
  return kind === "fact" || kind === "need";
}
