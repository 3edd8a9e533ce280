/**
 * Model-based tests (xstate/graph) over each seed scenario's call machine.
 * The event alphabet is derived from the scenario itself: one trainee turn
 * per fact, per need and for the resolution, plus representative kind, curt
 * and empty turns, the end of the call, and the ringing events.
 */
import { describe, expect, it } from "vitest";
import { createTestModel } from "xstate/graph";
import type { ConditionSet, Scenario } from "../scenarios/schema";
import { loadAllScenarios } from "../scenarios/load";
import { FINAL_STATES, createCallMachine, type CallContext, type CallEvent } from "./call-machine";
import type { Move } from "../scenarios/moves";
import { answerCall, endCall, missCall, startCall, traineeSaid } from "./session";
import { invariantViolations } from "./call-machine.invariants";
import type { NeedState, PersistedCall, Step } from "./types";

/** Depth of the exploration in trainee turns (keeps the graph small; `END` covers the rest). */
const MAX_DEPTH = 6;

function said(set: ConditionSet): CallEvent {
  const conditions = Array.isArray(set) ? set : [...(set.all ?? []), ...(set.any ?? []).slice(0, 1)];
  const moves = conditions.filter((c) => !c.includes(":")) as Move[];
  const topics = conditions.filter((c) => c.startsWith("topic:")).map((c) => c.slice(6));
  return { type: "TRAINEE.SAID", moves, topics };
}

function alphabet(scenario: Scenario): CallEvent[] {
  const events: CallEvent[] = [
    ...scenario.facts.map((f) => said(f.unlockedBy)),
    ...scenario.needs.map((n) => said(n.metBy)),
    said(scenario.resolvedWhen),
    ...scenario.needs.map((n) => said(n.voicedWhen.after)),
    { type: "TRAINEE.SAID", moves: ["acknowledge_feeling", "apologize"], topics: [] },
    { type: "TRAINEE.SAID", moves: ["dismiss", "blame_customer"], topics: [] },
    { type: "TRAINEE.SAID", moves: ["rude"], topics: [] },
    { type: "TRAINEE.SAID", moves: ["greet"], topics: [] },
    // A plain question she cannot place, "anything else?", and a goodbye.
    { type: "TRAINEE.SAID", moves: ["ask_question"], topics: [] },
    { type: "TRAINEE.SAID", moves: ["offer_more"], topics: [] },
    { type: "TRAINEE.SAID", moves: ["close_warmly"], topics: [] },
    { type: "END" },
  ];
  if (scenario.channel === "phone") {
    events.push({ type: "ANSWER", rings: 1 }, { type: "ANSWER", rings: 5 }, { type: "ANSWER", rings: 99 }, { type: "MISSED" });
  }
  // Deduplicate identical events.
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The model's notion of "the same state": the machine state, the facts
 * unlocked, the needs' progress, the topics and moves that count towards the
 * resolution, patience to the nearest 10 and the turn count up to the last
 * need's turn. Merging snapshots this way only prunes the exploration: every
 * state the model reports is a real snapshot reached by a real path.
 */
function abstractKey(scenario: Scenario, snapshot: { value: unknown; context: CallContext }): string {
  const c = snapshot.context;
  const lastNeedTurn = Math.max(0, ...scenario.needs.map((n) => n.voicedWhen.latestTurn ?? 0));
  return JSON.stringify([
    snapshot.value,
    [...c.factsUnlocked].sort(),
    c.needs.map((n) => [n.voicedAtTurn !== null, n.metAtTurn !== null, n.anticipated]),
    resolutionProgress(scenario.resolvedWhen, c),
    Math.round(c.patience / 20),
    Math.min(c.traineeTurns, lastNeedTurn + 1),
    Math.min(c.ignoredStreak, 1),
    c.settledAtTurn !== null,
    lastBeatClass(c),
  ]);
}

/** What of her last line drives the next one: a closing line (settled, nothing-else) or a need just voiced. */
function lastBeatClass(c: CallContext): string {
  const id = c.trace.at(-1)?.beatId ?? "";
  return id === "settled" || id === "nothing-else" ? "closing" : id.startsWith("voice-need:") ? id : "";
}

/** Which of the resolution's move/topic conditions have been seen so far (what "cumulative" remembers). */
function resolutionProgress(set: ConditionSet, c: CallContext): boolean[] {
  const conditions = Array.isArray(set) ? set : [...(set.all ?? []), ...(set.any ?? [])];
  return conditions
    .filter((x) => !x.startsWith("fact:") && !x.startsWith("need:"))
    .map((x) => (x.startsWith("topic:") ? c.seenTopics.includes(x.slice(6)) : c.seenMoves.includes(x as Move)));
}

function modelOf(scenario: Scenario) {
  const machine = createCallMachine(scenario);
  const model = createTestModel(machine, {
    events: alphabet(scenario),
    // Two snapshots are the same state for the model when everything that drives the future is equal.
    serializeState: (snapshot) => abstractKey(scenario, snapshot),
    stopWhen: (snapshot) => snapshot.context.traineeTurns >= MAX_DEPTH,
  });
  return { machine, model };
}

type Adjacency = ReturnType<ReturnType<typeof modelOf>["model"]["getAdjacencyMap"]>;
type Snap = Adjacency[keyof Adjacency]["state"];

/** Breadth-first over the model's adjacency map: the shortest event sequence to a state matching `target`. */
function shortestPath(adjacency: Adjacency, keyOf: (s: Snap) => string, target: (s: Snap) => boolean): CallEvent[] | null {
  const map = adjacency as Record<string, { state: Snap; transitions: Record<string, { event: unknown; state: Snap }> }>;
  const start = Object.keys(map)[0]!;
  const previous = new Map<string, { from: string; event: CallEvent } | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.shift()!;
    const node = map[key]!;
    if (target(node.state)) {
      const events: CallEvent[] = [];
      for (let at = previous.get(key); at; at = previous.get(at.from)) events.unshift(at.event);
      return events;
    }
    for (const t of Object.values(node.transitions)) {
      const next = keyOf(t.state);
      if (previous.has(next) || !map[next]) continue;
      previous.set(next, { from: key, event: t.event as CallEvent });
      queue.push(next);
    }
  }
  return null;
}

/** Replays a model path through the public session API (what the CLI and the web use). */
function replay(scenario: Scenario, events: CallEvent[]): Step {
  let step = startCall(scenario);
  let persisted: PersistedCall = step.persisted;
  for (const event of events) {
    if (event.type === "ANSWER") step = answerCall(scenario, persisted, event.rings);
    else if (event.type === "MISSED") step = missCall(scenario, persisted);
    else if (event.type === "END") step = endCall(scenario, persisted);
    else step = traineeSaid(scenario, persisted, "(model turn)", { moves: event.moves, topics: event.topics });
    persisted = JSON.parse(JSON.stringify(step.persisted)) as PersistedCall;
  }
  return step;
}

for (const scenario of loadAllScenarios()) {
  describe(`the ${scenario.id} machine, explored as a model`, () => {
    const { model } = modelOf(scenario);
    const adjacency = model.getAdjacencyMap();
    const states = Object.values(adjacency).map((v) => v.state);

    it("explores a bounded graph", () => {
      expect(states.length).toBeGreaterThan(10);
      expect(states.length).toBeLessThan(200_000);
    });

    const outcomes = scenario.channel === "phone" ? FINAL_STATES : FINAL_STATES.filter((o) => o !== "not_answered");
    for (const outcome of outcomes) {
      it(`can end ${outcome}, and the path replays through the session API to the same outcome`, () => {
        expect(states.some((s) => s.value === outcome)).toBe(true);
        const events = shortestPath(adjacency, (x) => abstractKey(scenario, x), (s) => s.value === outcome);
        expect(events).not.toBeNull();
        const step = replay(scenario, events!);
        expect(step.view.status).toBe("ended");
        expect(step.view.outcome).toBe(outcome);
      });
    }

    it("has no dead end: every reachable state that is not final accepts an event that changes it", () => {
      for (const [key, value] of Object.entries(adjacency)) {
        const final = (FINAL_STATES as readonly string[]).includes(value.state.value as string);
        if (final || value.state.context.traineeTurns >= MAX_DEPTH) continue;
        const transitions = Object.values(value.transitions) as Array<{ state: Snap }>;
        const moves = transitions.filter((t) => abstractKey(scenario, t.state) !== key);
        expect(moves.length, `state ${key.slice(0, 120)} is a dead end`).toBeGreaterThan(0);
      }
    });

    for (const fact of scenario.facts) {
      it(`lets the trainee unlock the fact "${fact.id}"`, () => {
        expect(states.some((s) => s.context.factsUnlocked.includes(fact.id))).toBe(true);
      });
    }

    for (const need of scenario.needs) {
      it(`lets the trainee meet the need "${need.id}", both before and after she voices it`, () => {
        const met = states.flatMap((s) => s.context.needs.filter((n: NeedState) => n.id === need.id && n.metAtTurn !== null));
        expect(met.some((n) => n.anticipated)).toBe(true);
        expect(met.some((n) => !n.anticipated && n.voicedAtTurn !== null)).toBe(true);
      });
    }

    it("keeps every invariant in every state it reaches (decision 081)", () => {
      for (const s of states) expect(invariantViolations(scenario, s.context)).toEqual([]);
    });

    it("never reveals more than one fact on a turn", () => {
      for (const s of states) for (const t of s.context.trace) expect(t.factsUnlocked.length).toBeLessThanOrEqual(1);
    });

    it("only ends with the customer gone when her patience reached 0", () => {
      for (const s of states.filter((x) => x.value === "customer_left")) expect(s.context.patience).toBe(0);
    });
  });
}
