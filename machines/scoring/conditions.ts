/**
 * Evaluating rubric conditions against one trainee turn of a finished call: what a condition is
 * evaluated against, turn by turn (scoring's turn-scoped semantics):
 *
 *   - a move or `topic:x` holds when that turn carries it;
 *   - `fact:x` holds when the fact was unlocked before that turn (she had told it: the
 *     same reading as the call machine);
 *   - `need:x` holds when the need was met at that turn or before.
 */
import type { ConditionSet } from "../../scenarios/schema";
import type { CallView, Move } from "../types";

// The condition language's flattening and evaluation. The leaf module scenarios/conditions.ts (decision 080)
// takes this over once it is in the repository; until then these few lines are the scoring side's copy.
type ConditionSetLike = ConditionSet | readonly string[] | { readonly all?: readonly string[]; readonly any?: readonly string[] };

export function conditionParts(set: ConditionSetLike): { all: readonly string[]; any: readonly string[] } {
  if (Array.isArray(set)) return { all: set as readonly string[], any: [] };
  const s = set as { all?: readonly string[]; any?: readonly string[] };
  return { all: s.all ?? [], any: s.any ?? [] };
}

export function conditionsOf(set: ConditionSetLike): string[] {
  const { all, any } = conditionParts(set);
  return [...all, ...any];
}

export function parseCondition(condition: string): { kind: "move" | "topic" | "fact" | "need"; id: string } {
  const colon = condition.indexOf(":");
  const prefix = colon < 0 ? "" : condition.slice(0, colon);
  if (prefix === "topic" || prefix === "fact" || prefix === "need") return { kind: prefix, id: condition.slice(colon + 1) };
  return { kind: "move", id: condition };
}

export function verbalParts(set: ConditionSetLike): { all: string[]; any: string[] } {
  const verbal = (c: string) => {
    const kind = parseCondition(c).kind;
    return kind === "move" || kind === "topic";
  };
  const { all, any } = conditionParts(set);
  return { all: all.filter(verbal), any: any.filter(verbal) };
}

interface Signals {
  moves: readonly string[];
  topics: readonly string[];
  facts: ReadonlySet<string> | readonly string[];
  needs: ReadonlySet<string> | readonly string[];
}

function leafConditionHolds(condition: string, s: Signals): boolean {
  const { kind, id } = parseCondition(condition);
  const has = (m: ReadonlySet<string> | readonly string[]) => (Array.isArray(m) ? (m as readonly string[]).includes(id) : (m as ReadonlySet<string>).has(id));
  return has(kind === "move" ? s.moves : kind === "topic" ? s.topics : kind === "fact" ? s.facts : s.needs);
}

/** Every `all` condition and at least one `any` condition (when there are any). An empty set never holds. */
function conditionSetHolds(set: ConditionSetLike, s: Signals): boolean {
  const { all, any } = conditionParts(set);
  if (all.length === 0 && any.length === 0) return false;
  return all.every((c) => leafConditionHolds(c, s)) && (any.length === 0 || any.some((c) => leafConditionHolds(c, s)));
}

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
