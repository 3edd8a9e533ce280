/**
 * Evaluating rubric conditions against one trainee turn of a finished call.
 *
 *   - a move or `topic:x` holds when that turn carries it;
 *   - `fact:x` holds when the fact was unlocked before that turn (she had told it: the
 *     same reading as the call machine);
 *   - `need:x` holds when the need was met at that turn or before.
 */
import type { ConditionSet } from "../../scenarios/schema";
import type { CallView, Move } from "../types";

export interface TurnSignals {
  moves: readonly Move[];
  topics: readonly string[];
}

/**
 * Facts unlocked before trainee turn `turn` (or up to and including it, with
 * `factsAtTurn`) and needs met up to and including it.
 */
export function stateAt(view: CallView, turn: number, factsAtTurn = false): { facts: Set<string>; needs: Set<string> } {
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

export function conditionHolds(
  condition: string,
  signals: TurnSignals,
  state: { facts: Set<string>; needs: Set<string> },
): boolean {
  if (condition.startsWith("topic:")) return signals.topics.includes(condition.slice(6));
  if (condition.startsWith("fact:")) return state.facts.has(condition.slice(5));
  if (condition.startsWith("need:")) return state.needs.has(condition.slice(5));
  return (signals.moves as readonly string[]).includes(condition);
}

export function setHolds(
  set: ConditionSet,
  signals: TurnSignals,
  state: { facts: Set<string>; needs: Set<string> },
): boolean {
  const all = Array.isArray(set) ? set : (set.all ?? []);
  const any = Array.isArray(set) ? [] : (set.any ?? []);
  if (all.length === 0 && any.length === 0) return false;
  return all.every((c) => conditionHolds(c, signals, state)) && (any.length === 0 || any.some((c) => conditionHolds(c, signals, state)));
}

/** The move/topic part of a condition set (what words can carry), for quote extraction. */
export function verbalPart(set: ConditionSet): { all: string[]; any: string[] } {
  const verbal = (c: string) => !c.startsWith("fact:") && !c.startsWith("need:");
  const all = (Array.isArray(set) ? set : (set.all ?? [])).filter(verbal);
  const any = (Array.isArray(set) ? [] : (set.any ?? [])).filter(verbal);
  return { all, any };
}

export function verbalHolds(part: { all: string[]; any: string[] }, signals: TurnSignals): boolean {
  const has = (c: string) =>
    c.startsWith("topic:") ? signals.topics.includes(c.slice(6)) : (signals.moves as readonly string[]).includes(c);
  return part.all.every(has) && (part.any.length === 0 || part.any.some(has));
}
