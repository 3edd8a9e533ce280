/**
 * Property-based tests (fast-check) over generated conversations with each seed scenario: whatever the
 * trainee says, the invariants of decision 081 hold, and padding a call with kind words never improves it.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { initialTransition, transition } from "xstate";
import { loadAllScenarios } from "../scenarios/load";
import { conditionParts, conditionsOf } from "../scenarios/conditions";
import { MOVES, SOOTHING_MOVES, type Move } from "../scenarios/moves";
import type { ConditionSetLike } from "../scenarios/conditions";
import type { Scenario } from "../scenarios/schema";
import { createCallMachine, type CallContext, type CallEvent } from "./call-machine";
import { invariantViolations } from "./call-machine.invariants";
import type { Outcome } from "./types";

type Said = Extract<CallEvent, { type: "TRAINEE.SAID" }>;

/** Generated calls per property (PROPERTY_RUNS=5000 for a deeper search). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 250);

/** A turn carrying what a condition set asks for (one of its `any`), so generated calls do reach facts, needs and the goal. */
function turnFor(set: ConditionSetLike, pick: number): Said {
  const { all, any } = conditionParts(set);
  const chosen = [...all, ...(any.length > 0 ? [any[pick % any.length]!] : [])];
  return {
    type: "TRAINEE.SAID",
    moves: chosen.filter((c) => !c.includes(":")) as Move[],
    topics: chosen.filter((c) => c.startsWith("topic:")).map((c) => c.slice(6)),
  };
}

function topicIds(scenario: Scenario): string[] {
  return [...Object.keys(scenario.topics), ...scenario.knows.map((k) => k.id)];
}

/** Trainee turns: purposeful ones (from the scenario's conditions, plus a question) mixed with random moves and topics. */
function turnArb(scenario: Scenario): fc.Arbitrary<Said> {
  const sets: ConditionSetLike[] = [
    ...scenario.facts.map((f) => f.unlockedBy),
    ...scenario.needs.map((n) => n.metBy),
    ...scenario.needs.map((n) => n.voicedWhen.after),
    scenario.resolvedWhen,
  ];
  const purposeful = fc
    .tuple(fc.constantFrom(...sets), fc.nat(10), fc.boolean(), fc.subarray([...MOVES], { maxLength: 1 }))
    .map(([set, pick, asking, extra]) => {
      const t = turnFor(set, pick);
      const moves = [...new Set([...t.moves, ...(asking ? (["ask_question"] as Move[]) : []), ...extra])];
      return { ...t, moves };
    });
  const random = fc.record({
    type: fc.constant("TRAINEE.SAID" as const),
    moves: fc.subarray([...MOVES], { maxLength: 3 }),
    topics: fc.subarray(topicIds(scenario), { maxLength: 2 }),
  });
  return fc.oneof({ arbitrary: purposeful, weight: 3 }, { arbitrary: random, weight: 2 });
}

function play(scenario: Scenario, turns: readonly Said[], machine = createCallMachine(scenario)) {
  let [snapshot] = initialTransition(machine);
  if (scenario.channel === "phone") [snapshot] = transition(machine, snapshot, { type: "ANSWER", rings: 1 });
  for (const turn of turns) {
    if (snapshot.value !== "conversation") break;
    [snapshot] = transition(machine, snapshot, turn);
  }
  if (snapshot.value === "conversation") [snapshot] = transition(machine, snapshot, { type: "END" });
  return snapshot as { value: string; context: CallContext };
}

const RANK: Record<Outcome, number> = { customer_left: 0, not_answered: 0, unresolved: 1, resolved: 2 };

/**
 * Padding for a scenario: turns of kind words alone (soothing moves, no goodbye) that are no condition of
 * anything in it (in smile-25k, acknowledging her feelings is what makes her tell her fear: substance, not padding).
 */
function paddingFor(scenario: Scenario): Move[][] {
  const used = new Set([
    ...scenario.facts.flatMap((f) => conditionsOf(f.unlockedBy)),
    ...scenario.needs.flatMap((n) => [...conditionsOf(n.metBy), ...conditionsOf(n.voicedWhen.after)]),
    ...conditionsOf(scenario.resolvedWhen),
    ...Object.values(scenario.reactions).flatMap((r) => (r.with ? conditionsOf(r.with) : [])),
  ]);
  const kind = SOOTHING_MOVES.filter((m) => m !== "close_warmly" && m !== "greet" && m !== "introduce" && !used.has(m));
  return [...kind.map((m) => [m]), kind];
}

for (const scenario of loadAllScenarios()) {
  describe(`generated conversations with ${scenario.id}`, () => {
    const machine = createCallMachine(scenario);
    const conversations = fc.array(turnArb(scenario), { minLength: 1, maxLength: scenario.maxTurns + 2 });

    it("keep every invariant: no need voiced once met, no request answered by filler or by her goodbye, nothing revealed before it is unlocked", () => {
      fc.assert(
        fc.property(conversations, (turns) => {
          const end = play(scenario, turns, machine);
          expect(invariantViolations(scenario, end.context)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });

    it("reach every outcome a call can have, so the invariants are not checked on trivial calls only", () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(conversations, (turns) => {
          seen.add(play(scenario, turns, machine).value);
        }),
        { numRuns: RUNS },
      );
      expect([...seen].sort()).toEqual(["customer_left", "resolved", "unresolved"]);
    });

    it("never improve a call's outcome, nor bring its goal sooner, by padding it with kind words alone", () => {
      expect(paddingFor(scenario).flat().length).toBeGreaterThan(0);
      // With turns to spare, so that running out of turns does not decide the comparison.
      const roomy: Scenario = { ...scenario, maxTurns: 60 };
      const roomyMachine = createCallMachine(roomy);
      fc.assert(
        fc.property(
          conversations,
          fc.array(fc.tuple(fc.nat(), fc.constantFrom(...paddingFor(scenario))), { minLength: 1, maxLength: 4 }),
          (turns, pads) => {
            const plain = play(roomy, turns, roomyMachine);
            // A call that reaches its goal is padded before it (afterwards she only waits for the goodbye, and what
            // the trainee says then decides the end); one that never does is padded anywhere.
            const settled = plain.context.settledAtTurn;
            const upTo = settled ?? turns.length;
            const padded: Said[] = [...turns];
            const inserted = [...pads].map(([at, moves]) => [at % (upTo + 1), moves] as const).sort((a, b) => b[0] - a[0]);
            for (const [at, moves] of inserted) padded.splice(at, 0, { type: "TRAINEE.SAID", moves, topics: [] });
            const withPadding = play(roomy, settled === null ? padded : padded.slice(0, settled + 1 + inserted.length), roomyMachine);
            if (settled === null) {
              expect(RANK[withPadding.value as Outcome]).toBeLessThanOrEqual(RANK[plain.value as Outcome]);
            } else if (withPadding.context.settledAtTurn !== null) {
              // Padding never brings the goal sooner: the same substantive turns are needed.
              expect(withPadding.context.settledAtTurn - inserted.length).toBeGreaterThanOrEqual(settled);
            }
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}

describe("the generators", () => {
  it("draw turns from every condition set of the scenario", () => {
    const [scenario] = loadAllScenarios();
    const sample = fc.sample(turnArb(scenario!), 400);
    const topics = new Set(sample.flatMap((t) => t.topics));
    for (const t of scenario!.facts.flatMap((f) => conditionsOf(f.unlockedBy)).filter((c) => c.startsWith("topic:"))) expect(topics.has(t.slice(6))).toBe(true);
  });
});
