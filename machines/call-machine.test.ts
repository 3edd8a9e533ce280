import { describe, expect, it } from "vitest";
import { initialTransition, transition } from "xstate";
import { parseScenario } from "../scenarios/load";
import type { Scenario } from "../scenarios/schema";
import { createCallMachine, SOOTHING_ONLY_GAIN, type CallEvent } from "./call-machine";
import type { Move } from "../scenarios/moves";

/** A small phone scenario written for these tests (every rule visible in one place). */
const YAML = `
id: test-call
title: { en: Test, fr: Test }
channel: phone
difficulty: 1
setting: { en: A test, fr: Un test }
role: { en: Agent, fr: Agent }
customer: { name: Ann, persona: { en: Ann, fr: Ann }, patience: 50 }
opening: { en: ["Hello, my order is late."], fr: ["Bonjour, ma commande est en retard."] }
goal: { en: Fix it, fr: Régler }
resolvedWhen: { all: [fact:order, topic:refund] }
maxTurns: 6
topics:
  order: { description: { en: order, fr: commande }, patterns: { en: [order], fr: [commande] } }
  when: { description: { en: when, fr: quand }, patterns: { en: [when], fr: [quand] } }
  refund: { description: { en: refund, fr: remboursement }, patterns: { en: [refund], fr: [rembours] } }
  fees: { description: { en: fees, fr: frais }, patterns: { en: [fees], fr: [frais] } }
  account: { description: { en: account number, fr: numéro de compte }, patterns: { en: [account], fr: [compte] } }
facts:
  - id: order
    unlockedBy: [ask_question, topic:order]
    text: { en: "Order 42.", fr: "Commande 42." }
  - id: when
    unlockedBy: [ask_question, topic:when]
    text: { en: "Last Monday.", fr: "Lundi dernier." }
needs:
  - id: fees
    description: { en: Fees, fr: Frais }
    voicedAfterTurn: 3
    metBy: [topic:fees]
reactions:
  topic:account: { patience: -5, beat: no-account, with: [ask_question], repeat: true }
lines:
  voice-need:fees: { en: ["And the fees?"], fr: ["Et les frais ?"] }
  no-account: { en: ["I don't have it."], fr: ["Je ne l'ai pas."] }
rubric: {}
`;

const scenario: Scenario = parseScenario(YAML, "test-call.yaml");
const machine = createCallMachine(scenario);

function said(moves: Move[], topics: string[] = []): CallEvent {
  return { type: "TRAINEE.SAID", moves, topics };
}

function play(...events: CallEvent[]) {
  let [snapshot] = initialTransition(machine);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

const answered: CallEvent = { type: "ANSWER", rings: 1 };

describe("the call machine", () => {
  it("rings first on the phone and opens the conversation when answered", () => {
    expect(play().value).toBe("ringing");
    const s = play(answered);
    expect(s.value).toBe("conversation");
    expect(s.context.beat?.id).toBe("opening");
    expect(s.context.patience).toBe(50);
  });

  it("costs patience when answered after the third ring, and records the rings", () => {
    const s = play({ type: "ANSWER", rings: 5 });
    expect(s.context.patience).toBe(40);
    expect(s.context.answeredAfterRings).toBe(5);
  });

  it("ends not_answered when the phone rings out or is answered after the maximum", () => {
    expect(play({ type: "MISSED" }).value).toBe("not_answered");
    expect(play({ type: "ANSWER", rings: 7 }).value).toBe("not_answered");
  });

  it("reveals one fact per turn even when a turn asks for two, and the second on a later turn", () => {
    const s1 = play(answered, said(["ask_question"], ["order", "when"]));
    expect(s1.context.factsUnlocked).toEqual(["order"]);
    expect(s1.context.beat).toMatchObject({ id: "reveal:order", kind: "reveal", factId: "order" });
    const s2 = play(answered, said(["ask_question"], ["order", "when"]), said(["ask_question"], ["when"]));
    expect(s2.context.factsUnlocked).toEqual(["order", "when"]);
  });

  it("does not volunteer a fact without the question that unlocks it", () => {
    const s = play(answered, said(["acknowledge_feeling"], ["order"]));
    expect(s.context.factsUnlocked).toEqual([]);
  });

  it("repeats her complaint when ignored, losing more patience each time", () => {
    const s1 = play(answered, said(["close_warmly"]));
    expect(s1.context.beat?.id).toBe("frustration:repeat");
    expect(s1.context.patience).toBe(46);
    const s2 = play(answered, said(["close_warmly"]), said(["off_topic"]));
    expect(s2.context.beat?.id).toBe("frustration:repeat");
    expect(s2.context.patience).toBeLessThan(46 - 8);
  });

  it("takes a greeting on the first turn as etiquette, but a greeting later as ignoring her", () => {
    const first = play(answered, said(["greet", "introduce"]));
    expect(first.context.beat?.id).toBe("acknowledge");
    expect(first.context.patience).toBe(50);
    const later = play(answered, said(["greet", "introduce"]), said(["greet"]));
    expect(later.context.beat?.id).toBe("frustration:repeat");
  });

  it("answers a slight before anything else and gives nothing away on that turn", () => {
    const s = play(answered, said(["ask_question", "blame_customer"], ["order"]));
    expect(s.context.beat?.id).toBe("react:blame");
    expect(s.context.factsUnlocked).toEqual([]);
    expect(s.context.patience).toBe(30);
  });

  it("marks being asked again for something she already said as a repeat, and it costs patience", () => {
    const first = play(answered, said(["ask_question"], ["account"]));
    expect(first.context.beat?.id).toBe("no-account");
    expect(first.context.trace.at(-1)?.madeRepeat).toBe(false);
    const again = play(answered, said(["ask_question"], ["account"]), said(["ask_question"], ["account"]));
    expect(again.context.trace.at(-1)?.madeRepeat).toBe(true);
    expect(again.context.patience).toBeLessThan(first.context.patience - 5);

    const factAgain = play(answered, said(["ask_question"], ["order"]), said(["ask_question"], ["order"]));
    expect(factAgain.context.trace.at(-1)?.madeRepeat).toBe(true);
  });

  it("counts being asked again once, at the stronger of the scenario's reaction and the repeat penalty", () => {
    const first = play(answered, said(["ask_question"], ["account"]));
    const again = play(answered, said(["ask_question"], ["account"]), said(["ask_question"], ["account"]));
    // The reaction costs 5, the repeat 8: asking again costs 8, not 13.
    expect(first.context.patience).toBe(45);
    expect(again.context.patience).toBe(37);
  });

  it("lets kind words alone win a little patience once, less the second time, then nothing — however many they stack", () => {
    const pad: Move[] = ["acknowledge_feeling", "apologize", "reassure", "use_name"];
    const gains = (events: CallEvent[]) =>
      play(answered, ...events).context.trace.filter((e) => e.event === "said").map((e) => e.patienceAfter - e.patienceBefore);
    expect(gains([said(pad), said(pad), said(pad)])).toEqual([...SOOTHING_ONLY_GAIN]);
    expect(SOOTHING_ONLY_GAIN[0]).toBeLessThan(12);
    // Kind words that come with substance are not capped.
    expect(gains([said([...pad, "offer_solution"], ["refund"])])[0]).toBe(12);
    // A bare greeting on the first turn won nothing, so it does not use up the allowance.
    expect(gains([said(["greet", "introduce"]), said(pad)])).toEqual([0, SOOTHING_ONLY_GAIN[0]]);
  });

  it("takes back what kind words alone had won when a slight follows them", () => {
    const pad = said(["acknowledge_feeling", "apologize", "reassure", "use_name"]);
    const plain = play(answered, said(["rude"]));
    const padded = play(answered, pad, pad, said(["rude"]));
    expect(plain.context.patience).toBe(20);
    expect(padded.context.patience).toBe(20);
    // Kind words with substance are not taken back.
    const helped = play(answered, said(["acknowledge_feeling", "offer_solution"], ["refund"]), said(["rude"]));
    expect(helped.context.patience).toBe(32);
  });

  it("does not let worn-off kind words break a run of turns that ignore her", () => {
    const pad = said(["acknowledge_feeling", "apologize"]);
    const ignoring = play(answered, pad, pad, said(["close_warmly"]), pad, said(["close_warmly"]));
    const entries = ignoring.context.trace.filter((e) => e.event === "said");
    // The second ignoring turn costs the second step of the penalty (8), not the first (4) again.
    expect(entries.at(-1)!.patienceAfter - entries.at(-1)!.patienceBefore).toBe(-8);
    expect(entries.at(-1)!.beatId).toBe("frustration:repeat");
  });

  it("does not let padding keep a customer on the line when a curt trainee was losing her", () => {
    const pad = said(["acknowledge_feeling", "apologize", "reassure", "use_name"]);
    // Answered late (40), rude (10), then brushed off (-15): she hangs up.
    const lost = play({ type: "ANSWER", rings: 5 }, said(["rude"]), said(["dismiss"]));
    expect(lost.value).toBe("customer_left");
    // The same curt call padded with kind words before and between the slights.
    const padded = play({ type: "ANSWER", rings: 5 }, pad, pad, said(["rude"]), pad, pad, said(["dismiss"]));
    expect(padded.value).toBe("customer_left");
    expect(padded.context.beat).toMatchObject({ id: "hang-up", final: true });
    // Kind words alone, turn after turn, never resolve the call.
    const allPad = play(answered, ...Array.from({ length: 6 }, () => pad));
    expect(allPad.value).toBe("unresolved");
  });

  it("gets terse and angry as patience drops, and leaves at 0", () => {
    const low = play(answered, said(["rude"]));
    expect(low.context.patience).toBe(20);
    expect(low.context.beat).toMatchObject({ mood: "angry", terse: true });
    const gone = play(answered, said(["rude"]), said(["rude"]));
    expect(gone.value).toBe("customer_left");
    expect(gone.context.patience).toBe(0);
    expect(gone.context.beat).toMatchObject({ id: "hang-up", kind: "hang-up", final: true });
  });

  it("kind words help but wear off when repeated", () => {
    const once = play(answered, said(["acknowledge_feeling"]));
    const twice = play(answered, said(["acknowledge_feeling"]), said(["acknowledge_feeling"]));
    const thrice = play(answered, said(["acknowledge_feeling"]), said(["acknowledge_feeling"]), said(["acknowledge_feeling"]));
    expect(once.context.patience).toBe(58);
    expect(twice.context.patience).toBe(62);
    expect(thrice.context.patience).toBe(62);
  });

  it("voices a need after its turn unless met, and records a need met before being voiced as anticipated", () => {
    const voiced = play(answered, said(["ask_question"], ["order"]), said(["acknowledge_feeling"]), said(["apologize"]));
    expect(voiced.context.beat?.id).toBe("voice-need:fees");
    expect(voiced.context.needs[0]).toMatchObject({ voicedAtTurn: 2, metAtTurn: null, anticipated: false });
    const metLate = play(answered, said(["ask_question"], ["order"]), said(["acknowledge_feeling"]), said(["apologize"]), said(["explain"], ["fees"]));
    expect(metLate.context.needs[0]).toMatchObject({ voicedAtTurn: 2, metAtTurn: 3, anticipated: false });
    const anticipated = play(answered, said(["explain"], ["fees"]));
    expect(anticipated.context.needs[0]).toMatchObject({ voicedAtTurn: null, metAtTurn: 0, anticipated: true });
    expect(anticipated.context.beat?.id).toBe("need-met:fees");
  });

  it("resolves on a cumulative condition, but first voices a need still unspoken", () => {
    const s1 = play(answered, said(["ask_question"], ["order"]), said(["offer_solution"], ["refund"]));
    expect(s1.value).toBe("conversation");
    expect(s1.context.beat?.id).toBe("voice-need:fees");
    const s2 = play(answered, said(["ask_question"], ["order"]), said(["offer_solution"], ["refund"]), said(["offer_solution"], ["fees"]));
    expect(s2.value).toBe("resolved");
    expect(s2.context.beat).toMatchObject({ id: "thank-and-leave", final: true });
  });

  it("does not thank and leave while the need she has just voiced is left unanswered: she asks once more", () => {
    const base = [answered, said(["ask_question"], ["order"]), said(["offer_solution"], ["refund"])];
    const asked = play(...base, said(["offer_more"]));
    expect(asked.value).toBe("conversation");
    expect(asked.context.beat?.id).toBe("voice-need:fees");
    expect(asked.context.needs[0]!.voicedAtTurn).toBe(1);
    const left = play(...base, said(["offer_more"]), said(["close_warmly"]));
    expect(left.value).toBe("resolved");
    expect(left.context.needs[0]).toMatchObject({ metAtTurn: null, anticipated: false });
  });

  it("resolves at once when every need is already met", () => {
    const s = play(answered, said(["explain"], ["fees"]), said(["ask_question"], ["order"]), said(["offer_solution"], ["refund"]));
    expect(s.value).toBe("resolved");
  });

  it("ends unresolved when the trainee ends the call, or when the turns run out", () => {
    expect(play(answered, { type: "END" }).value).toBe("unresolved");
    const events = Array.from({ length: 6 }, () => said(["explain"]));
    const s = play(answered, ...events);
    expect(s.value).toBe("unresolved");
    expect(s.context.beat?.id).toBe("leave-unresolved");
    const lastTurnAsks = play(answered, ...events.slice(0, 5), said(["ask_question"], ["order"]));
    expect(lastTurnAsks.context.beat?.id).toBe("leave-unresolved");
    expect(lastTurnAsks.context.factsUnlocked).toEqual([]);
    expect(lastTurnAsks.context.trace.at(-1)?.factsUnlocked).toEqual([]);
  });

  it("writes one trace entry per trainee turn with what happened", () => {
    const s = play(answered, said(["ask_question"], ["order"]), { type: "END" });
    expect(s.context.trace.map((t) => t.event)).toEqual(["answer", "said", "end"]);
    expect(s.context.trace[1]).toMatchObject({
      traineeTurn: 0,
      moves: ["ask_question"],
      topics: ["order"],
      beatId: "reveal:order",
      factsUnlocked: ["order"],
      patienceBefore: 50,
    });
  });

  it("starts an in-person encounter at the desk with the opening beat", () => {
    const inPerson = parseScenario(YAML.replace("channel: phone", "channel: in-person"), "test-call.yaml");
    const m = createCallMachine(inPerson);
    const [s] = initialTransition(m);
    expect(s.value).toBe("conversation");
    expect(s.context.beat?.id).toBe("opening");
    const [left] = transition(m, transition(m, s, said(["rude"]))[0], said(["rude"]));
    expect(left.context.beat?.id).toBe("walk-out");
  });
});
