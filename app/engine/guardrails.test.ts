import { describe, expect, it } from "vitest";
import { loadAllScenarios } from "../../scenarios/load";
import { angryCaller, driveCall } from "../../tests/llm/support";
import { buildGuardContext, checkFinal, checkPartial, cleanOpening, leakedFact, sentenceCount } from "./guardrails";

const scenario = angryCaller();
const [opening] = driveCall(scenario, []);
const ctxAtOpening = () => buildGuardContext({ scenario, view: opening!.view, beat: opening!.beat!, locale: "en", history: [] });

describe("guardrails on a customer line", () => {
  it("accepts a short in-character line", () => {
    expect(checkFinal("Finally! You took the wrong amount and I want it fixed today.", ctxAtOpening())).toBeNull();
  });

  it.each([
    "As an AI, I cannot be angry.",
    "I'm an assistant, how can I help?",
    "En tant qu'IA, je ne peux pas.",
    "*sighs heavily* Fine.",
    "(angrily) I want my money back.",
    "[pause] Hello?",
    "Sure.\nReceptionist: Let me check that for you.",
  ])("flags %j as out of character", (line) => {
    expect(checkFinal(line, ctxAtOpening())).toBe("out-of-character");
  });

  it("flags an empty line", () => {
    expect(checkFinal("  \n ", ctxAtOpening())).toBe("empty");
  });

  it("flags a line of more than sixty words or three sentences as too long", () => {
    expect(checkFinal(Array.from({ length: 61 }, () => "word").join(" "), ctxAtOpening())).toBe("too-long");
    expect(checkFinal("One. Two. Three. Four.", ctxAtOpening())).toBe("too-long");
    expect(sentenceCount("I'm angry. Fix it!")).toBe(2);
  });

  it("catches a still-hidden fact given away, in either language, by its numbers or its words", () => {
    const ctx = ctxAtOpening();
    expect(leakedFact("You took $189.47 from me!", ctx)).toBe("amount");
    expect(leakedFact("Mon numéro, c'est le 514-555-0182.", ctx)).toBe("identity");
    expect(leakedFact("I live on rue Masson.", ctx)).toBe("identity");
    expect(checkPartial("It came out on the 3rd, not the 15th as I set", ctx)).toBe("leak");
  });

  it("lets the customer say a fact once the machine has unlocked it", () => {
    const steps = driveCall(scenario, [{ text: "How much was taken?", moves: ["ask_question"], topics: ["amount"] }]);
    const last = steps.at(-1)!;
    expect(last.beat?.factId).toBe("amount");
    const ctx = buildGuardContext({ scenario, view: last.view, beat: last.beat!, locale: "en", history: [] });
    expect(leakedFact("You took $189.47 and my plan is $64.99.", ctx)).toBeUndefined();
    expect(leakedFact("It came out on the 3rd, not the 15th.", ctx)).toBe("date");
  });

  it("removes the customer's own name label and an opening quote instead of rejecting the line", () => {
    expect(cleanOpening('Sylvie Tremblay: "Finally!', ctxAtOpening())).toEqual({ text: "Finally!", strippedQuote: true });
    expect(cleanOpening("Well, finally.", ctxAtOpening())).toEqual({ text: "Well, finally.", strippedQuote: false });
    expect(cleanOpening("**Sylvie:** Finally.", ctxAtOpening()).text).toBe("Finally.");
    expect(cleanOpening("Customer: Finally.", ctxAtOpening()).text).toBe("Finally.");
    expect(cleanOpening("Note: I am angry.", ctxAtOpening()).text).toBe("Note: I am angry.");
  });

  it("does not count ordinary words as a leak, and catches a described fact in the other seed scenarios", () => {
    const all = loadAllScenarios();
    const atStart = (id: string) => {
      const sc = all.find((x) => x.id === id)!;
      const [first] = driveCall(sc, []);
      return buildGuardContext({ scenario: sc, view: first!.view, beat: first!.beat!, locale: "en", history: [] });
    };
    expect(leakedFact("I want to think about the whole thing, really.", atStart("smile-25k"))).toBeUndefined();
    expect(leakedFact("Honestly I'm terrified it will hurt.", atStart("smile-25k"))).toBe("fear");
    expect(leakedFact("It's a navy blue one with a white seagull.", atStart("lost-cap"))).toBe("cap-description");
    expect(leakedFact("Elle est bleu marine avec une mouette.", atStart("lost-cap"))).toBe("cap-description");
    expect(leakedFact("We sat at a small table, a little while ago.", atStart("lost-cap"))).toBeUndefined();
  });
});
