/**
 * The condition language of scenarios, in one place: used by the call machine (facts, needs, reactions,
 * resolution), by the rubric (checkpoints) and by the scenario checks (schema.ts). A leaf module: it imports
 * nothing.
 *
 * A condition is a string:
 *   - a move name            "ask_question"
 *   - `topic:<id>`           a scenario topic (or something the receptionist knows, `knows`)
 *   - `fact:<id>`            a fact the customer has told
 *   - `need:<id>`            a need that has been met
 * A condition set is a bare list (all of them) or `{ all?: [...], any?: [...] }` (every one of `all` and at
 * least one of `any`). A set with no condition at all NEVER holds (the schema refuses it; code that builds one
 * by accident gets `false`, not a silent "always").
 */

export type ConditionKind = "move" | "topic" | "fact" | "need";

/** Structurally the schema's ConditionSet (kept here so this module stays a leaf). */
export type ConditionSetLike = readonly string[] | { readonly all?: readonly string[]; readonly any?: readonly string[] };

/** Something that can say whether it holds an id: a Set, or an array. */
export type Members = ReadonlySet<string> | readonly string[];

/** What a condition is evaluated against: the moves and topics of a turn (or of the call so far), facts told, needs met. */
export interface Signals {
  moves: Members;
  topics: Members;
  facts: Members;
  needs: Members;
}

/** The two parts of a set: a bare list is `all`. */
export function conditionParts(set: ConditionSetLike): { all: readonly string[]; any: readonly string[] } {
  if (isList(set)) return { all: set, any: [] };
  return { all: set.all ?? [], any: set.any ?? [] };
}

/** Every condition of a set, `all` first then `any` (the flattening every consumer needs). */
export function conditionsOf(set: ConditionSetLike): string[] {
  const { all, any } = conditionParts(set);
  return [...all, ...any];
}

/** The kind and id of a condition (`ask_question` → move; `topic:x` → topic x). */
export function parseCondition(condition: string): { kind: ConditionKind; id: string } {
  const colon = condition.indexOf(":");
  if (colon < 0) return { kind: "move", id: condition };
  const prefix = condition.slice(0, colon);
  const id = condition.slice(colon + 1);
  if (prefix === "topic" || prefix === "fact" || prefix === "need") return { kind: prefix, id };
  // An unknown prefix is refused by the schema; evaluated, it is a move that never occurs.
  return { kind: "move", id: condition };
}

/** The ids of the topics a set names (`topic:<id>`). */
export function topicsOf(set: ConditionSetLike): string[] {
  return conditionsOf(set)
    .map(parseCondition)
    .filter((c) => c.kind === "topic")
    .map((c) => c.id);
}

function has(members: Members, id: string): boolean {
  return isList(members) ? members.includes(id) : members.has(id);
}

function isList<T>(x: readonly T[] | object): x is readonly T[] {
  return Array.isArray(x);
}

export function conditionHolds(condition: string, s: Signals): boolean {
  const { kind, id } = parseCondition(condition);
  switch (kind) {
    case "move":
      return has(s.moves, id);
    case "topic":
      return has(s.topics, id);
    case "fact":
      return has(s.facts, id);
    case "need":
      return has(s.needs, id);
  }
}

/** Every `all` condition and at least one `any` condition (when there are any). An empty set never holds. */
export function conditionSetHolds(set: ConditionSetLike, s: Signals): boolean {
  const { all, any } = conditionParts(set);
  if (all.length === 0 && any.length === 0) return false;
  return all.every((c) => conditionHolds(c, s)) && (any.length === 0 || any.some((c) => conditionHolds(c, s)));
}

/** The move/topic part of a set (what words can carry: no facts, no needs). */
export function verbalParts(set: ConditionSetLike): { all: string[]; any: string[] } {
  const verbal = (c: string) => {
    const kind = parseCondition(c).kind;
    return kind === "move" || kind === "topic";
  };
  const { all, any } = conditionParts(set);
  return { all: all.filter(verbal), any: any.filter(verbal) };
}

/**
 * The facts she has given: those she told, and those their text already gives (a fact's `includes`: her name is in
 * "Claire Laurent. My mobile is …"). A fact given within another is never told again as new; asked for it, she
 * repeats it. Structural, so that this module stays a leaf.
 */
export function factsGiven(
  facts: ReadonlyArray<{ readonly id: string; readonly includes?: readonly string[] }>,
  told: Iterable<string>,
): Set<string> {
  const given = new Set(told);
  for (const id of [...given]) for (const inner of facts.find((f) => f.id === id)?.includes ?? []) given.add(inner);
  return given;
}
