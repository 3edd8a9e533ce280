import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";
import { startFakeOpenAI, type FakeOpenAI } from "./server";

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
});

function model(extra: Record<string, unknown> = {}) {
  return new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "test", maxRetries: 0, configuration: { baseURL: fake.baseUrl }, ...extra });
}

describe("the fake OpenAI-compatible server", () => {
  it("streams a text answer chunk by chunk and ends the stream", async () => {
    fake.setBehaviour({ text: "My cap is red and small." }, { times: 1 });
    const chunks: string[] = [];
    for await (const c of await model().stream("hello")) chunks.push(String(c.content));
    expect(chunks.filter((c) => c.length > 0)).toEqual(["My", " cap", " is", " red", " and", " small."]);
    const req = fake.requests.at(-1)!;
    expect(req.stream).toBe(true);
    expect(req.promptText).toContain("hello");
  });

  it("answers structured output requests with JSON that LangChain parses", async () => {
    const schema = z.object({ moves: z.array(z.string()), topics: z.array(z.string()) });
    fake.setBehaviour({ json: { moves: ["greet"], topics: [] } }, { times: 1 });
    const out = await model().withStructuredOutput(schema, { name: "understanding" }).invoke("hi");
    expect(out).toEqual({ moves: ["greet"], topics: [] });
    expect(fake.requests.at(-1)!.kind).toBe("json_schema");
    expect(fake.requests.at(-1)!.schemaName).toBe("understanding");
  });

  it("answers forced tool calls with the JSON as arguments", async () => {
    const schema = z.object({ moves: z.array(z.string()) });
    fake.setBehaviour({ json: { moves: ["apologize"] } }, { times: 1 });
    const out = await model().withStructuredOutput(schema, { name: "understanding", method: "functionCalling" }).invoke("sorry");
    expect(out).toEqual({ moves: ["apologize"] });
    expect(fake.requests.at(-1)!.kind).toBe("tool");
  });

  it("returns a 429 with retry-after, then goes back to the script", async () => {
    fake.setBehaviour({ status: 429, retryAfterSeconds: 2 }, { times: 1 });
    const res = await fetch(`${fake.baseUrl}/chat/completions`, { method: "POST", body: JSON.stringify({ messages: [] }) });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    const ok = await fetch(`${fake.baseUrl}/chat/completions`, { method: "POST", body: JSON.stringify({ messages: [] }) });
    expect(ok.status).toBe(200);
  });

  it("makes a structured answer fail to parse when told to send malformed JSON", async () => {
    fake.setBehaviour({ malformed: true }, { times: 1 });
    const schema = z.object({ moves: z.array(z.string()) });
    await expect(model().withStructuredOutput(schema).invoke("hi")).rejects.toThrow();
  });

  it("hangs until the client gives up", async () => {
    fake.setBehaviour({ hang: true }, { times: 1 });
    const started = Date.now();
    await expect(model({ timeout: 200 }).invoke("hi")).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("records every request with its body", async () => {
    const before = fake.requests.length;
    await model().invoke([["system", "You are Mme Laurent."], ["human", "Bonjour"]]);
    const req = fake.requests[before]!;
    expect(req.body?.messages?.map((m) => m.role)).toEqual(["system", "user"]);
    expect(req.promptText).toContain("Mme Laurent");
  });
});
