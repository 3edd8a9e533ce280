import { describe, expect, it } from "vitest";
import { angryCaller, driveCall } from "../../tests/llm/support";
import { customerLineInputs, customerLineMessages, customerLinePrompt, referenceLine, understandingInputs, understandingMessages, understandingPrompt } from "./prompts";

const scenario = angryCaller();

async function promptText(step: ReturnType<typeof driveCall>[number], locale: "en" | "fr", history: Array<{ speaker: "customer" | "trainee"; text: string }> = []) {
  const messages = await (await customerLinePrompt()).formatMessages(customerLineInputs({ scenario, locale, beat: step.beat!, view: step.view, history }));
  return messages.map((m) => String(m.content)).join("\n");
}

describe("the customer prompt", () => {
  it("holds the persona, the setting, the language and the beat's direction", async () => {
    const [opening] = driveCall(scenario, []);
    const text = await promptText(opening!, "fr");
    expect(text).toContain(scenario.customer.persona.fr);
    expect(text).toContain(scenario.setting.fr);
    expect(text).toContain("LANGUAGE: fr");
    expect(text).toContain("BEAT KIND: opening");
  });

  it("holds no hidden fact before the machine unlocks it, and the fact once it is revealed", async () => {
    const steps = driveCall(scenario, [
      { text: "Hello, I'm sorry for the wait.", moves: ["greet", "apologize"] },
      { text: "How much did we take?", moves: ["ask_question"], topics: ["amount"] },
    ]);
    for (const locale of ["en", "fr"] as const) {
      const before = await promptText(steps[1]!, locale);
      const after = await promptText(steps[2]!, locale);
      for (const fact of scenario.facts) expect(before).not.toContain(fact.text[locale]);
      expect(after).toContain(`FACT TO REVEAL NOW: ${scenario.facts.find((f) => f.id === "amount")!.text[locale]}`);
      expect(after).not.toContain(scenario.facts.find((f) => f.id === "date")!.text[locale]);
    }
  });

  it("puts the conversation so far in the prompt, the trainee's words included", async () => {
    const steps = driveCall(scenario, [{ text: "Hello, Connexa, Alex speaking.", moves: ["greet", "introduce"] }]);
    const text = await promptText(steps[1]!, "en", [
      { speaker: "customer", text: "Finally, a human being!" },
      { speaker: "trainee", text: "Hello, Connexa, Alex speaking." },
    ]);
    expect(text).toContain("Receptionist: Hello, Connexa, Alex speaking.");
    expect(text).toContain("Sylvie Tremblay (you): Finally, a human being!");
  });
});

describe("the understanding prompt", () => {
  it("lists every move and the scenario's topics, with the trainee's words", async () => {
    const messages = await (await understandingPrompt()).formatMessages(understandingInputs("What's your phone number?", "en", scenario));
    const text = messages.map((m) => String(m.content)).join("\n");
    expect(text).toContain("- ask_question:");
    expect(text).toContain("- identify-other:");
    expect(text).toContain("What's your phone number?");
  });
});

describe("the customer prompt as the engine builds it", () => {
  it("is message for message what the named prompt formats, in both languages and for every beat of a call", async () => {
    const steps = driveCall(scenario, [
      { text: "Hello, I'm sorry for the wait.", moves: ["greet", "apologize"] },
      { text: "How much did we take?", moves: ["ask_question"], topics: ["amount"] },
    ]);
    const history = [{ speaker: "trainee" as const, text: "Hello, I'm sorry for the wait." }];
    for (const locale of ["fr", "en", "fr"] as const) {
      for (const step of steps) {
        const args = { scenario, locale, beat: step.beat!, view: step.view, history };
        const expected = await (await customerLinePrompt()).formatMessages(customerLineInputs(args));
        const built = await customerLineMessages(scenario, customerLineInputs({ ...args, reference: referenceLine(args) ?? null }));
        expect(built.map((m) => [m.getType(), m.content])).toEqual(expected.map((m) => [m.getType(), m.content]));
      }
    }
  });
});

describe("the understanding prompt as the classifier builds it", () => {
  it("is message for message what the named prompt formats, whatever the language and the words", async () => {
    for (const [text, locale] of [["What's your phone number?", "en"], ["Je suis désolée, madame.", "fr"], ["And the amount?", "en"]] as const) {
      const expected = await (await understandingPrompt()).formatMessages(understandingInputs(text, locale, scenario));
      const built = await understandingMessages(text, locale, scenario);
      expect(built.map((m) => [m.getType(), m.content])).toEqual(expected.map((m) => [m.getType(), m.content]));
      expect(String(built[1]!.content)).toContain(text);
    }
  });
});


describe("the messages after the system one", () => {
  it("are formatted without the template's promises, into the same messages as formatMessages", async () => {
    const { HumanMessagePromptTemplate } = await import("@langchain/core/prompts");
    const format = HumanMessagePromptTemplate.prototype.format;
    let calls = 0;
    HumanMessagePromptTemplate.prototype.format = function (this: InstanceType<typeof HumanMessagePromptTemplate>, ...args: Parameters<typeof format>) {
      calls++;
      return format.apply(this, args);
    };
    try {
      // Braces and template-like words in the trainee's words stay as they are.
      const text = "Your {reference}? It's {{ 12 }} and \"\"\"quoted\"\"\"";
      const built = await understandingMessages(text, "en", scenario);
      const step = driveCall(scenario, [{ text: "Hello, I'm sorry for the wait.", moves: ["greet", "apologize"] }])[0]!;
      const args = { scenario, locale: "en" as const, beat: step.beat!, view: step.view, history: [{ speaker: "trainee" as const, text }] };
      const line = await customerLineMessages(scenario, customerLineInputs(args));
      expect(calls).toBe(0);
      const expected = await (await understandingPrompt()).formatMessages(understandingInputs(text, "en", scenario));
      const expectedLine = await (await customerLinePrompt()).formatMessages(customerLineInputs(args));
      expect(calls).toBe(2);
      expect(JSON.stringify(built)).toBe(JSON.stringify(expected));
      expect(JSON.stringify(line)).toBe(JSON.stringify(expectedLine));
      expect(built.map((m) => m.constructor)).toEqual(expected.map((m) => m.constructor));
    } finally {
      HumanMessagePromptTemplate.prototype.format = format;
    }
  });
});

describe("a template filled from its parsed form (decision 250)", () => {
  it("reports a missing value as LangChain's renderTemplate reports it", async () => {
    const prompts = await import("@langchain/core/prompts");
    const step = driveCall(scenario, [])[0]!;
    const inputs = customerLineInputs({ scenario, locale: "en", beat: step.beat!, view: step.view, history: [] });
    await customerLineMessages(scenario, inputs); // parsed here at the latest
    const { mood: _mood, ...missing } = inputs;
    const human = (await customerLinePrompt()).promptMessages[1] as unknown as { prompt: { template: string } };
    let expected = "";
    try {
      prompts.renderTemplate(human.prompt.template, "f-string", missing);
    } catch (err) {
      expected = (err as Error).message;
    }
    expect(expected).toMatch(/mood/);
    await expect(customerLineMessages(scenario, missing)).rejects.toThrow(expected);
  });
});

