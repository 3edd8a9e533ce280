/**
 * The public API of the simulation core, implemented with the XState machine
 * in machines/call-machine.ts. Pure functions: no I/O.
 *
 *   startCall(scenario)                      -> Step   (phone: ringing; in person: customer at the desk, beat "opening")
 *   answerCall(scenario, persisted, rings)   -> Step   (phone only; rings heard before answering; beat "opening")
 *   missCall(scenario, persisted)            -> Step   (the caller hung up after the scenario's maximum rings: outcome not_answered)
 *   traineeSaid(scenario, persisted, text, understanding) -> Step
 *   endCall(scenario, persisted)             -> Step   (the trainee ends the call: resolved if its goal was reached)
 *   viewOf(scenario, persisted)              -> CallView
 *
 * restore refuses a snapshot whose machineVersion is not MACHINE_VERSION
 * (UnknownMachineVersionError), or that belongs to another scenario
 * (ScenarioMismatchError). Events that make no sense in the call's state
 * (answering a call in conversation, speaking on an ended call) throw
 * CallStateError: the caller must not lose the trainee's words silently.
 */
import { createActor, initialTransition, transition, type Actor, type SnapshotFrom } from "xstate";
import { z } from "zod";
import type { Scenario } from "../scenarios/schema";
import { FINAL_STATES, MACHINE_VERSION, createCallMachine, moodOf, ringingOf, type CallContext, type CallEvent, type CallMachine } from "./call-machine";
import { MOVES } from "../scenarios/moves";
import type { CallStatus, CallView, Outcome, PersistedCall, Step, Understanding } from "./types";

export { MACHINE_VERSION };

export class UnknownMachineVersionError extends Error {
  constructor(readonly found: unknown) {
    super(
      `cannot restore this call: it was saved by call machine version ${JSON.stringify(found)}, this build runs version ${MACHINE_VERSION}`,
    );
    this.name = "UnknownMachineVersionError";
  }
}

export class ScenarioMismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(`cannot restore this call: it belongs to scenario "${found}", not "${expected}"`);
    this.name = "ScenarioMismatchError";
  }
}

export class CallStateError extends Error {
  constructor(
    readonly status: CallStatus,
    action: string,
  ) {
    super(`cannot ${action}: the call is ${status}`);
    this.name = "CallStateError";
  }
}

export class InvalidPersistedCallError extends Error {
  constructor(detail: string) {
    super(`cannot restore this call: ${detail}`);
    this.name = "InvalidPersistedCallError";
  }
}

const machines = new WeakMap<Scenario, CallMachine>();

/** The call machine of a scenario (one per scenario object, cached). */
export function machineFor(scenario: Scenario): CallMachine {
  let machine = machines.get(scenario);
  if (!machine) {
    machine = createCallMachine(scenario);
    machines.set(scenario, machine);
  }
  return machine;
}

type CallSnapshot = SnapshotFrom<CallMachine>;

const PersistedCallSchema = z.object({
  machineVersion: z.unknown(),
  scenarioId: z.string(),
  snapshot: z.object({
    value: z.string(),
    context: z.object({ scenarioId: z.string(), patience: z.number(), trace: z.array(z.unknown()) }).loose(),
  }).loose(),
});

const STATE_NAMES = ["ringing", "conversation", ...FINAL_STATES] as const;

/**
 * Restored snapshots, per stored snapshot object (the row's parsed JSON): a request reads the same
 * snapshot more than once (the view that checks the call is live, then the turn itself), and each
 * restore validated it, deep-cloned it and created an actor. The restored snapshot is frozen (deep,
 * once): transitions are pure (actions only assign), so sharing it cannot leak one turn into another.
 * A hit also needs the same scenario object and the same version and scenario id around the snapshot.
 */
const restored = new WeakMap<object, { scenario: Scenario; machineVersion: unknown; scenarioId: string; snapshot: CallSnapshot }>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function restore(scenario: Scenario, persisted: PersistedCall): CallSnapshot {
  const key = persisted.snapshot;
  const cacheable = typeof key === "object" && key !== null;
  if (cacheable) {
    const hit = restored.get(key);
    if (hit && hit.scenario === scenario && hit.machineVersion === persisted.machineVersion && hit.scenarioId === persisted.scenarioId)
      return hit.snapshot;
  }
  const snapshot = restoreAnew(scenario, persisted);
  if (cacheable) {
    deepFreeze(snapshot.context);
    restored.set(key, { scenario, machineVersion: persisted.machineVersion, scenarioId: persisted.scenarioId, snapshot });
  }
  return snapshot;
}

function restoreAnew(scenario: Scenario, persisted: PersistedCall): CallSnapshot {
  const parsed = PersistedCallSchema.safeParse(persisted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidPersistedCallError(`${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  if (parsed.data.machineVersion !== MACHINE_VERSION) throw new UnknownMachineVersionError(parsed.data.machineVersion);
  if (parsed.data.scenarioId !== scenario.id || parsed.data.snapshot.context.scenarioId !== scenario.id) {
    throw new ScenarioMismatchError(scenario.id, parsed.data.scenarioId);
  }
  if (!(STATE_NAMES as readonly string[]).includes(parsed.data.snapshot.value)) {
    throw new InvalidPersistedCallError(`unknown state "${parsed.data.snapshot.value}"`);
  }
  const stored = structuredClone(persisted.snapshot) as StoredSnapshot;
  const machine = machineFor(scenario);
  if (Object.keys(stored.children ?? {}).length === 0 && Object.keys(stored.historyValue ?? {}).length === 0) {
    // The call machine has no child actors and no history states: restoring is resolving the state
    // value with the stored context, which is what an actor's restore does, without creating an
    // actor (its system, mailbox and scheduler were most of a restore's cost; decision 205).
    return machine.resolveState({
      value: stored.value,
      context: stored.context,
      status: stored.status,
      output: stored.output,
      error: stored.error,
    } as Parameters<CallMachine["resolveState"]>[0]);
  }
  // Creating (not starting) an actor only restores the snapshot: no side effects.
  return createActor(machine, { snapshot: stored as unknown as CallSnapshot }).getSnapshot();
}

/** A snapshot as stored (`getPersistedSnapshot`, through JSON). */
interface StoredSnapshot {
  value: string;
  context: CallContext;
  status?: "active" | "done" | "error" | "stopped";
  output?: unknown;
  error?: unknown;
  children?: Record<string, unknown>;
  historyValue?: Record<string, unknown>;
}

function persist(scenario: Scenario, snapshot: CallSnapshot): PersistedCall {
  const machine = machineFor(scenario);
  return {
    machineVersion: MACHINE_VERSION,
    scenarioId: scenario.id,
    // Round-trips through JSON: this is exactly what the database stores.
    snapshot: JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as unknown,
  };
}

function statusOf(snapshot: CallSnapshot): CallStatus {
  const value = snapshot.value as string;
  if (value === "ringing") return "ringing";
  if (value === "conversation") return "conversation";
  return "ended";
}

function view(scenario: Scenario, snapshot: CallSnapshot): CallView {
  const c: CallContext = snapshot.context;
  const status = statusOf(snapshot);
  const outcome = status === "ended" ? (snapshot.value as Outcome) : null;
  return {
    status,
    outcome,
    patience: c.patience,
    mood: moodOf(scenario, c.patience),
    answeredAfterRings: c.answeredAfterRings,
    traineeTurns: c.traineeTurns,
    factsUnlocked: [...c.factsUnlocked],
    needs: c.needs.map((n) => ({ ...n })),
    seen: { moves: [...c.seenMoves], topics: [...c.seenTopics] },
    resolved: outcome === "resolved",
    trace: c.trace.map((t) => ({ ...t })),
  };
}

/**
 * A step's `persisted` is made when first read (once): the view and the beat are what the customer's line
 * needs at once; the stored form (a JSON round trip of the snapshot) is needed only to commit the turn, so
 * a caller on the critical path of a turn can have it made while a request is in flight (call-runner.ts,
 * decision 230). The snapshot is never mutated (transitions are pure), so it is the same whenever it is
 * made. An ordinary enumerable property to every reader (spread, JSON, equality); assigning replaces it.
 */
function step(scenario: Scenario, snapshot: CallSnapshot, withBeat: boolean): Step {
  let persisted: PersistedCall | undefined;
  return {
    get persisted(): PersistedCall {
      return (persisted ??= persist(scenario, snapshot));
    },
    set persisted(value: PersistedCall) {
      persisted = value;
    },
    view: view(scenario, snapshot),
    beat: withBeat && snapshot.context.beat ? { ...snapshot.context.beat } : null,
  };
}

/**
 * Actors restored from a snapshot and started, each waiting for one event (prepareStep). xstate's `transition()`
 * builds a throw-away actor of the machine on every call — computing the machine's initial snapshot for nothing
 * (decision 053) — which the event's step then pays; a prepared actor is built ahead, while the turn waits for its
 * classifier, and the step only sends it the event: the same transition of the same machine from the same
 * snapshot. Taken once (the actor then holds the next state): any other step of that snapshot uses `transition()`.
 * The call machine's actions are `assign`s only, so running them in an actor executes nothing `transition()`
 * would not (machines/session.test.ts checks the machine for it).
 */
const prepared = new WeakMap<CallSnapshot, Actor<CallMachine>>();

/**
 * Restores the call and gets its next step ready (call-runner.ts calls it while the classifier's request is in
 * flight): the restored snapshot is kept (as by `viewOf`) and an actor of it is started for the step's event.
 * Changes nothing a step returns. Throws what restoring throws (the step reports it again).
 */
export function prepareStep(scenario: Scenario, persisted: PersistedCall): void {
  const current = restore(scenario, persisted);
  if (prepared.has(current) || statusOf(current) === "ended") return;
  const actor = createActor(machineFor(scenario), { snapshot: current });
  // An error in the step is the step's to throw (below), not an unhandled error of the actor.
  actor.subscribe({ error: () => undefined });
  actor.start();
  if (actor.getSnapshot().status === "active") prepared.set(current, actor);
}

function send(scenario: Scenario, persisted: PersistedCall, event: CallEvent, allowed: CallStatus[], action: string): CallSnapshot {
  const current = restore(scenario, persisted);
  const status = statusOf(current);
  if (!allowed.includes(status)) throw new CallStateError(status, action);
  const actor = prepared.get(current);
  if (!actor) return transition(machineFor(scenario), current, event)[0];
  prepared.delete(current);
  actor.send(event);
  const next = actor.getSnapshot();
  if (next.status === "error") throw next.error;
  return next;
}

/** A new call: ringing on the phone, the customer already at the desk in person (beat `opening`). */
export function startCall(scenario: Scenario): Step {
  const [snapshot] = initialTransition(machineFor(scenario));
  return step(scenario, snapshot, scenario.channel !== "phone");
}

/**
 * The trainee picks up after `rings` rings (phone only). Past the scenario's
 * maximum the caller has already hung up: outcome `not_answered`.
 */
export function answerCall(scenario: Scenario, persisted: PersistedCall, rings: number): Step {
  if (scenario.channel !== "phone") throw new CallStateError("conversation", "answer an in-person encounter");
  if (!Number.isInteger(rings) || rings < 0) throw new RangeError(`rings must be a whole number ≥ 0, got ${rings}`);
  const next = send(scenario, persisted, { type: "ANSWER", rings }, ["ringing"], "answer");
  return step(scenario, next, statusOf(next) === "conversation");
}

/** The phone rang out (the scenario's maximum rings): the caller hung up. */
export function missCall(scenario: Scenario, persisted: PersistedCall): Step {
  const next = send(scenario, persisted, { type: "MISSED" }, ["ringing"], "miss the call");
  return step(scenario, next, false);
}

const UnderstandingSchema = z.object({
  moves: z.array(z.enum(MOVES)),
  topics: z.array(z.string()),
});

const MOVE_SET: ReadonlySet<string> = new Set(MOVES);

/** `UnderstandingSchema`'s answer for a valid understanding, without zod (copies, as zod's parse makes); undefined otherwise. */
function validUnderstanding(u: unknown): { moves: (typeof MOVES)[number][]; topics: string[] } | undefined {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return undefined;
  const { moves, topics } = u as { moves?: unknown; topics?: unknown };
  if (!Array.isArray(moves) || !Array.isArray(topics)) return undefined;
  for (const m of moves) if (typeof m !== "string" || !MOVE_SET.has(m)) return undefined;
  for (const t of topics) if (typeof t !== "string") return undefined;
  return { moves: [...moves] as (typeof MOVES)[number][], topics: [...topics] as string[] };
}

/** The trainee said `text`, understood as `understanding`; returns the customer's next beat. */
export function traineeSaid(scenario: Scenario, persisted: PersistedCall, text: string, understanding: Understanding): Step {
  if (text.trim().length === 0) throw new RangeError("the trainee's turn is empty");
  let data = validUnderstanding(understanding);
  if (!data) {
    const parsed = UnderstandingSchema.safeParse(understanding);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TypeError(`invalid understanding at ${issue.path.join(".")}: ${issue.message}`);
    }
    data = parsed.data;
  }
  const unknownTopic = data.topics.find((t) => !(t in scenario.topics) && !scenario.knows.some((k) => k.id === t));
  if (unknownTopic) throw new TypeError(`invalid understanding: topic "${unknownTopic}" is not a topic of scenario "${scenario.id}"`);
  const next = send(
    scenario,
    persisted,
    { type: "TRAINEE.SAID", moves: data.moves, topics: data.topics },
    ["conversation"],
    "speak",
  );
  return step(scenario, next, true);
}

/**
 * The trainee ends the call (hangs up, or lets the customer go): `resolved` when its goal was reached (she was
 * only waiting for the goodbye), else `unresolved`.
 */
export function endCall(scenario: Scenario, persisted: PersistedCall): Step {
  const current = restore(scenario, persisted);
  const status = statusOf(current);
  if (status === "ended") return step(scenario, current, false);
  if (status === "ringing") {
    const [next] = transition(machineFor(scenario), current, { type: "MISSED" });
    return step(scenario, next, false);
  }
  const [next] = transition(machineFor(scenario), current, { type: "END" });
  return step(scenario, next, false);
}

export function viewOf(scenario: Scenario, persisted: PersistedCall): CallView {
  return view(scenario, restore(scenario, persisted));
}

/** The rings the scenario allows (phone): every 3 s, the caller hangs up after `maxRings`. */
export const RING_INTERVAL_MS = 3000;
export function ringPolicy(scenario: Scenario): { intervalMs: number; maxRings: number; patientUntilRing: number; latePenalty: number } {
  return { intervalMs: RING_INTERVAL_MS, ...ringingOf(scenario) };
}

/** The ring a phone is at `elapsedMs` after the call started: floor(elapsed / interval) + 1. */
export function ringsAt(scenario: Scenario, elapsedMs: number): number {
  return Math.floor(Math.max(0, elapsedMs) / RING_INTERVAL_MS) + 1;
}

/** True once the caller has hung up: the last ring has passed (elapsed ≥ maxRings × interval). */
export function hasRungOut(scenario: Scenario, elapsedMs: number): boolean {
  return elapsedMs >= ringingOf(scenario).maxRings * RING_INTERVAL_MS;
}
