import { describe, expect, it } from "vitest";
import { createActor, transition } from "xstate";
import { loadScenarioById } from "../scenarios/load";
import {
  CallStateError,
  MACHINE_VERSION,
  ScenarioMismatchError,
  UnknownMachineVersionError,
  answerCall,
  endCall,
  machineFor,
  missCall,
  prepareStep,
  startCall,
  traineeSaid,
  viewOf,
} from "./session";
import type { PersistedCall } from "./types";

const angry = loadScenarioById("angry-caller");
const cap = loadScenarioById("lost-cap");

const roundTrip = (p: PersistedCall): PersistedCall => JSON.parse(JSON.stringify(p)) as PersistedCall;

describe("the session API", () => {
  it("starts a phone call ringing with nothing to say, and an in-person one with the opening", () => {
    const phone = startCall(angry);
    expect(phone.view.status).toBe("ringing");
    expect(phone.beat).toBeNull();
    const desk = startCall(cap);
    expect(desk.view.status).toBe("conversation");
    expect(desk.beat?.id).toBe("opening");
    expect(desk.view.answeredAfterRings).toBe(0);
  });

  it("carries the machine version and scenario id, and survives a JSON round trip at every step", () => {
    let step = startCall(angry);
    expect(step.persisted).toMatchObject({ machineVersion: MACHINE_VERSION, scenarioId: "angry-caller" });
    step = answerCall(angry, roundTrip(step.persisted), 2);
    step = traineeSaid(angry, roundTrip(step.persisted), "What's your phone number?", {
      moves: ["ask_question"],
      topics: ["identify-other"],
    });
    expect(step.beat?.id).toBe("reveal:identity");
    const view = viewOf(angry, roundTrip(step.persisted));
    expect(view).toEqual(step.view);
    expect(view.factsUnlocked).toEqual(["identity"]);
    expect(view.traineeTurns).toBe(1);
  });

  it("refuses a snapshot saved by another machine version, with a clear error", () => {
    const step = startCall(angry);
    const old = { ...roundTrip(step.persisted), machineVersion: MACHINE_VERSION + 41 };
    expect(() => viewOf(angry, old)).toThrow(UnknownMachineVersionError);
    expect(() => viewOf(angry, old)).toThrow(new RegExp(`version ${MACHINE_VERSION + 41}.*version ${MACHINE_VERSION}`));
  });

  it("refuses a snapshot of another scenario", () => {
    const step = startCall(cap);
    expect(() => traineeSaid(angry, step.persisted, "hello", { moves: ["greet"], topics: [] })).toThrow(ScenarioMismatchError);
  });

  it("refuses to take a trainee's words on a call that is ringing or over", () => {
    const ringing = startCall(angry);
    expect(() => traineeSaid(angry, ringing.persisted, "hello", { moves: ["greet"], topics: [] })).toThrow(CallStateError);
    const over = endCall(cap, startCall(cap).persisted);
    expect(over.view.outcome).toBe("unresolved");
    expect(() => traineeSaid(cap, over.persisted, "wait", { moves: [], topics: [] })).toThrow(/call is ended/);
  });

  it("rejects an understanding with an unknown move or a topic of another scenario", () => {
    const desk = startCall(cap);
    expect(() => traineeSaid(cap, desk.persisted, "x", { moves: ["shout" as never], topics: [] })).toThrow(/moves\.0/);
    expect(() => traineeSaid(cap, desk.persisted, "x", { moves: [], topics: ["refund"] })).toThrow(/topic "refund"/);
  });

  it("accepts what the receptionist knows (`knows`) as a topic of the turn", () => {
    const step = traineeSaid(cap, startCall(cap).persisted, "We keep lost items for weeks.", { moves: ["explain"], topics: ["lost-items-kept"] });
    expect(step.view.seen.topics).toEqual(["lost-items-kept"]);
  });

  it("ends a call the trainee hangs up once its goal is reached as resolved", () => {
    let step = startCall(cap);
    for (const [moves, topics] of [
      [["ask_question"], ["cap-looks"]],
      [["check_with_colleague"], ["check"]],
      // Her details: a way to reach her asked for, not only her name (decision 261).
      [["ask_question", "take_contact"], ["contact", "ask-number"]],
    ] as const) step = traineeSaid(cap, step.persisted, "(turn)", { moves: [...moves], topics: [...topics] });
    expect(step.view.status).toBe("conversation");
    expect(endCall(cap, step.persisted).view.outcome).toBe("resolved");
  });

  it("records a missed call as not answered", () => {
    const step = missCall(angry, startCall(angry).persisted);
    expect(step.view).toMatchObject({ status: "ended", outcome: "not_answered" });
    expect(step.view.trace.at(-1)?.event).toBe("no-answer");
  });

  it("ends a call the trainee hangs up before the goal as unresolved, and ending twice changes nothing", () => {
    const answered = answerCall(angry, startCall(angry).persisted, 1);
    const ended = endCall(angry, answered.persisted);
    expect(ended.view.outcome).toBe("unresolved");
    expect(endCall(angry, ended.persisted).view).toEqual(ended.view);
  });

  it("reads a stored snapshot once per object: the same view and turn again, the stored object left as it was", () => {
    const answered = answerCall(angry, roundTrip(startCall(angry).persisted), 1);
    const stored = roundTrip(answered.persisted);
    const copy = JSON.stringify(stored);
    const understanding = { moves: ["ask_question" as const], topics: ["identify-other"] };
    const first = traineeSaid(angry, stored, "What's your phone number?", understanding);
    expect(viewOf(angry, stored)).toEqual(viewOf(angry, roundTrip(stored)));
    const again = traineeSaid(angry, stored, "What's your phone number?", understanding);
    expect(again).toEqual(first);
    expect(JSON.stringify(stored)).toBe(copy);
    expect(Object.isFrozen(stored.snapshot)).toBe(false);
    // A view is the caller's to change: the next read is not affected.
    const view = viewOf(angry, stored);
    view.trace.length = 0;
    view.factsUnlocked.push("identity");
    expect(viewOf(angry, stored)).toEqual(viewOf(angry, roundTrip(stored)));
    // The same snapshot object with another version or scenario around it is checked again.
    expect(() => viewOf(angry, { ...stored, machineVersion: MACHINE_VERSION + 41 })).toThrow(UnknownMachineVersionError);
    expect(() => viewOf(cap, stored)).toThrow(ScenarioMismatchError);
  });

  it("restores a snapshot exactly as an actor restores it: the same next snapshot at every step of a call", () => {
    const machine = machineFor(angry);
    const viaActor = (p: PersistedCall, event: Parameters<typeof transition<typeof machine>>[2]) => {
      const restored = createActor(machine, { snapshot: structuredClone(p.snapshot) as never }).getSnapshot();
      const [next] = transition(machine, restored, event);
      return roundTrip({ machineVersion: MACHINE_VERSION, scenarioId: angry.id, snapshot: machine.getPersistedSnapshot(next) });
    };
    let step = startCall(angry);
    let expected = viaActor(roundTrip(step.persisted), { type: "ANSWER", rings: 2 });
    step = answerCall(angry, roundTrip(step.persisted), 2);
    expect(step.persisted).toEqual(expected);
    const turns = [
      { moves: ["greet" as const, "introduce" as const], topics: [] },
      { moves: ["ask_question" as const], topics: ["identify-other"] },
      { moves: ["apologize" as const, "acknowledge_feeling" as const], topics: [] },
      { moves: ["blame_customer" as const], topics: [] },
      { moves: ["offer_solution" as const], topics: ["refund"] },
    ];
    for (const u of turns) {
      if (viewOf(angry, roundTrip(step.persisted)).status !== "conversation") break;
      expected = viaActor(roundTrip(step.persisted), { type: "TRAINEE.SAID", moves: u.moves, topics: u.topics });
      step = traineeSaid(angry, roundTrip(step.persisted), "words", u);
      expect(step.persisted).toEqual(expected);
    }
    const ended = endCall(angry, roundTrip(step.persisted));
    expect(viewOf(angry, roundTrip(ended.persisted))).toEqual(ended.view);
    expect(ended.persisted).toEqual(endCall(angry, roundTrip(ended.persisted)).persisted);
  });
});

describe("a step's stored form (decision 230)", () => {
  it("is made when first read, once, and is what an eager JSON round trip of the snapshot gives", () => {
    const answered = answerCall(angry, startCall(angry).persisted, 1);
    const step = traineeSaid(angry, answered.persisted, "I'm so sorry, let me look into it.", { moves: ["apologize", "take_ownership"], topics: [] });
    const first = step.persisted;
    expect(step.persisted).toBe(first); // made once
    expect(roundTrip(first)).toEqual(first); // already plain JSON
    // What it restores to is the step's own view, and an ordinary property to spread, JSON and equality.
    expect(viewOf(angry, roundTrip(first))).toEqual(step.view);
    expect(JSON.parse(JSON.stringify(step))).toEqual({ persisted: first, view: step.view, beat: step.beat });
    expect({ ...step }.persisted).toBe(first);
    const replaced = { machineVersion: MACHINE_VERSION, scenarioId: "angry-caller", snapshot: {} };
    step.persisted = replaced;
    expect(step.persisted).toBe(replaced);
  });
});

describe("a step prepared while the classifier's request is in flight (decision 250)", () => {
  const turns = [
    { moves: ["greet" as const, "introduce" as const], topics: [] },
    { moves: ["ask_question" as const], topics: ["identify-other"] },
    { moves: ["apologize" as const, "acknowledge_feeling" as const], topics: [] },
    { moves: ["ask_question" as const], topics: ["amount"] },
    { moves: ["take_ownership" as const, "offer_solution" as const, "set_expectation" as const], topics: ["cause", "refund", "deadline"] },
    { moves: ["offer_solution" as const, "take_ownership" as const], topics: ["bank-fees", "refund", "deadline"] },
    { moves: ["use_name" as const, "close_warmly" as const], topics: [] },
  ];

  it("is the step xstate's transition() makes: the same stored form, view and beat at every turn of a call, to its end", () => {
    for (const script of [turns, [{ moves: ["blame_customer" as const], topics: [] }, { moves: ["rude" as const], topics: [] }, { moves: ["dismiss" as const], topics: [] }]]) {
      let step = answerCall(angry, startCall(angry).persisted, 1);
      for (const u of script) {
        if (step.view.status !== "conversation") break;
        const unprepared = traineeSaid(angry, roundTrip(step.persisted), "words", u);
        const stored = roundTrip(step.persisted);
        prepareStep(angry, stored);
        const prepared = traineeSaid(angry, stored, "words", u);
        expect(prepared.persisted).toEqual(unprepared.persisted);
        expect(prepared.view).toEqual(unprepared.view);
        expect(prepared.beat).toEqual(unprepared.beat);
        step = prepared;
      }
      expect(step.view.status).toBe("ended");
    }
  });

  it("is taken once: the same snapshot's next step (a retry of the turn) is the same again", () => {
    const stored = roundTrip(answerCall(angry, startCall(angry).persisted, 1).persisted);
    prepareStep(angry, stored);
    prepareStep(angry, stored); // a second preparation of the same snapshot changes nothing
    const first = traineeSaid(angry, stored, "What's your phone number?", turns[1]!);
    const again = traineeSaid(angry, stored, "What's your phone number?", turns[1]!);
    expect(again.persisted).toEqual(first.persisted);
    expect(again.view).toEqual(first.view);
    // And another event of a prepared snapshot is that event's step.
    const ringing = roundTrip(startCall(angry).persisted);
    prepareStep(angry, ringing);
    expect(answerCall(angry, ringing, 2).persisted).toEqual(answerCall(angry, roundTrip(ringing), 2).persisted);
  });

  it("still refuses what the step refuses: a call in the wrong state, a snapshot that cannot be restored", () => {
    const over = endCall(cap, startCall(cap).persisted);
    prepareStep(cap, over.persisted);
    expect(() => traineeSaid(cap, over.persisted, "wait", { moves: [], topics: [] })).toThrow(/call is ended/);
    const other = { ...roundTrip(startCall(cap).persisted), machineVersion: MACHINE_VERSION + 41 };
    expect(() => prepareStep(cap, other)).toThrow(UnknownMachineVersionError);
    expect(() => traineeSaid(cap, other, "hello", { moves: ["greet"], topics: [] })).toThrow(UnknownMachineVersionError);
  });

  it("runs a machine whose actions are assignments only, as transition() would (nothing executed that it would not)", () => {
    for (const scenario of [angry, cap]) {
      const machine = machineFor(scenario);
      const named = machine.implementations.actions as Record<string, { type?: string }>;
      for (const action of Object.values(named)) expect(action.type).toBe("xstate.assign");
      const nodes = [machine.root];
      for (let i = 0; i < nodes.length; i++) nodes.push(...Object.values(nodes[i]!.states));
      expect(nodes.length).toBeGreaterThan(1);
      for (const node of nodes) {
        expect(node.entry).toEqual([]);
        expect(node.exit).toEqual([]);
        const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
        for (const t of transitions) for (const a of t.actions) expect(typeof a === "string" && a in named).toBe(true);
      }
    }
  });
});

describe("an understanding checked without zod when it is valid (decision 250)", () => {
  it("refuses what zod refuses, with zod's message", () => {
    const desk = startCall(cap).persisted;
    const bad: unknown[] = [
      null,
      [],
      "greet",
      { moves: "greet", topics: [] },
      { moves: ["greet"] },
      { moves: ["greet", 3], topics: [] },
      { moves: ["greet"], topics: [null] },
      { moves: [, "greet"], topics: [] }, // eslint-disable-line no-sparse-arrays
    ];
    for (const u of bad) {
      let message = "";
      try {
        traineeSaid(cap, desk, "x", u as never);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^invalid understanding at /);
    }
    expect(() => traineeSaid(cap, desk, "x", { moves: ["greet", 3] as never, topics: [] })).toThrow("invalid understanding at moves.1: Invalid option");
  });

  it("takes a valid one as zod would: extra fields ignored, the caller's arrays not kept", () => {
    const understanding = { moves: ["greet" as const, "introduce" as const], topics: [], extra: true };
    const step = traineeSaid(cap, startCall(cap).persisted, "Hello, I'm Alex.", understanding);
    understanding.moves.length = 0;
    expect(step.view.seen.moves).toEqual(["greet", "introduce"]);
    expect(step.view.trace.at(-1)?.moves).toEqual(["greet", "introduce"]);
  });
});
