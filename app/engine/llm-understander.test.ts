import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { angryCaller } from "../../tests/llm/support";
import { createLlmUnderstander, understandingSchema } from "./llm-understander";
import type { Understander } from "./types";

const scenario = angryCaller();
const offline: Understander & { calls: number } = {
  name: "offline",
  calls: 0,
  async understand() {
    offline.calls++;
    return { moves: ["greet"], topics: [], classifier: "offline" };
  },
};

describe("the LLM classifier (fake chat model)", () => {
  it("returns the model's moves and adds the scenario topics its keywords find", async () => {
    const model = new FakeListChatModel({ responses: ['{"moves":["ask_question","apologize"],"topics":[]}'] });
    const u = createLlmUnderstander({ model, fallback: offline });
    const r = await u.understand("Sorry about that. What's the phone number on the account?", "en", scenario);
    expect(r).toEqual({ moves: ["ask_question", "apologize"], topics: ["identify-other"], classifier: "llm" });
  });

  it("falls back to the offline classifier when a move is not in the vocabulary", async () => {
    const model = new FakeListChatModel({ responses: ['{"moves":["flatter"],"topics":[]}'] });
    const before = offline.calls;
    const r = await createLlmUnderstander({ model, fallback: offline }).understand("You look great", "en", scenario);
    expect(r.classifier).toBe("offline");
    expect(r.moves).toEqual(["greet"]);
    expect(r.fallbackReason).toMatch(/^invalid-output/);
    expect(offline.calls).toBe(before + 1);
  });

  it("falls back to the offline classifier when the answer is not JSON", async () => {
    const model = new FakeListChatModel({ responses: ["moves: greet"] });
    const r = await createLlmUnderstander({ model, fallback: offline }).understand("Hello", "en", scenario);
    expect(r).toMatchObject({ classifier: "offline", fallbackReason: "invalid-output" });
  });

  it("falls back to the offline classifier when a topic is not one of the scenario's", async () => {
    const model = new FakeListChatModel({ responses: ['{"moves":["greet"],"topics":["weather"]}'] });
    const r = await createLlmUnderstander({ model, fallback: offline }).understand("Nice weather", "en", scenario);
    expect(r.classifier).toBe("offline");
  });
});

describe("the classifier's answer, read without zod when it is valid (decision 250)", () => {
  it("is what the zod schema makes of it: the same moves and topics, or the same invalid-output reason", async () => {
    const schema = understandingSchema(scenario);
    const answers: unknown[] = [
      { moves: ["ask_question", "apologize", "ask_question"], topics: ["amount", "amount"] },
      { moves: [], topics: [] },
      { moves: ["greet"], topics: ["date"], extra: "ignored" },
      { moves: ["fly"], topics: [] },
      { moves: ["greet"], topics: ["weather"] },
      { moves: ["greet", 1], topics: [] },
      { moves: "greet", topics: [] },
      { moves: ["greet"] },
      { topics: [] },
      ["greet"],
      null,
      "greet",
    ];
    for (const answer of answers) {
      const model = new FakeListChatModel({ responses: [JSON.stringify(answer)] });
      const r = await createLlmUnderstander({ model, fallback: offline }).understand("Sorry. How much was it?", "en", scenario);
      const expected = schema.safeParse(answer);
      if (expected.success) {
        expect(r.classifier).toBe("llm");
        expect(r.moves).toEqual([...new Set(expected.data.moves)]);
        expect(r.topics.slice(0, new Set(expected.data.topics).size)).toEqual([...new Set(expected.data.topics)]);
      } else {
        expect(r.classifier).toBe("offline");
        expect(r.fallbackReason).toBe(`invalid-output: ${expected.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
      }
    }
  });
});
