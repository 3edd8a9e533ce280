import { describe, expect, it } from "vitest";
import { FakeListChatModel, FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { angryCaller, collect, driveCall, firstLineEngine } from "../../tests/llm/support";
import { classifyError, createLlmCustomerEngine, LlmTimeoutError } from "./llm-customer";
import type { RenderRequest } from "./types";

const scenario = angryCaller();
const [opening] = driveCall(scenario, []);
const request = (): RenderRequest => ({ scenario, locale: "en", beat: opening!.beat!, view: opening!.view, history: [] });

describe("the LLM customer engine (fake chat models)", () => {
  it("streams the model's line and commits exactly what was streamed", async () => {
    const model = new FakeListChatModel({ responses: ["Finally! You took the wrong amount and I want it fixed."] });
    const engine = createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 2000, modelName: "fake" });
    const stream = engine.render(request());
    const tokens = await collect(stream.tokens);
    const done = await stream.done;
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join("")).toBe("Finally! You took the wrong amount and I want it fixed.");
    expect(done).toEqual({ text: "Finally! You took the wrong amount and I want it fixed.", engine: "llm", model: "fake" });
  });

  it("replaces an out-of-character opening before any of it is shown", async () => {
    const fallback = firstLineEngine();
    const model = new FakeListChatModel({ responses: ["As an AI language model, I cannot feel anger."] });
    const stream = createLlmCustomerEngine({ model, fallback, timeoutMs: 2000 }).render(request());
    const tokens = await collect(stream.tokens);
    const done = await stream.done;
    expect(tokens.join("")).toBe(scenario.opening.en[0]);
    expect(done).toMatchObject({ text: scenario.opening.en[0], engine: "scripted", fallbackReason: "out-of-character" });
    expect(done.replaced).toBeUndefined();
  });

  it("stops a line that gives away a hidden fact mid-stream and says the bubble must be replaced", async () => {
    const model = new FakeListChatModel({ responses: ["I want this fixed today, you took $189.47 from my account!"] });
    const stream = createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 2000 }).render(request());
    const tokens = await collect(stream.tokens);
    const done = await stream.done;
    expect(tokens.join("")).not.toContain("189");
    expect(done).toMatchObject({ text: scenario.opening.en[0], engine: "scripted", fallbackReason: "leak", replaced: true });
  });

  it("drops the customer's own name label and surrounding quotes", async () => {
    const model = new FakeListChatModel({ responses: ['Sylvie Tremblay: "Finally, a human being!"'] });
    const stream = createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 2000 }).render(request());
    const tokens = await collect(stream.tokens);
    expect(tokens.join("")).toBe("Finally, a human being!");
    expect((await stream.done).text).toBe("Finally, a human being!");
  });

  it("retries once after an error, then says the scripted line", async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: "connection reset" });
    const fallback = firstLineEngine();
    const stream = createLlmCustomerEngine({ model, fallback, timeoutMs: 2000, backoffMs: 5 }).render(request());
    const done = await stream.done;
    expect(done).toMatchObject({ engine: "scripted", fallbackReason: "network", text: scenario.opening.en[0] });
    expect(await collect(stream.tokens)).toEqual([scenario.opening.en[0]]);
    expect(fallback.calls).toBe(1);
  });

  it("gives up on a model slower than the time limit", async () => {
    const model = new FakeListChatModel({ responses: ["Hello there, finally someone."], sleep: 200 });
    const started = Date.now();
    const done = await createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 100, backoffMs: 5 }).render(request()).done;
    expect(done).toMatchObject({ engine: "scripted", fallbackReason: "timeout" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("resolves with the scripted line, without waiting, when the caller aborts", async () => {
    const model = new FakeListChatModel({ responses: ["Hello there, finally someone."], sleep: 10_000 });
    const ac = new AbortController();
    const stream = createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 5000 }).render({ ...request(), signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const started = Date.now();
    const done = await stream.done;
    expect(done).toMatchObject({ engine: "scripted", fallbackReason: "aborted" });
    // Far below the model's 10 s: it did not wait for the model (a generous bound, robust on a loaded machine).
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("classifyError", () => {
  it("retries rate limits, server errors, timeouts and network errors, not client errors", () => {
    expect(classifyError({ status: 429, headers: { "retry-after": "3" } }, false)).toEqual({ reason: "http-429", retryable: true, retryAfterMs: 3000 });
    expect(classifyError({ status: 503 }, false)).toMatchObject({ reason: "http-503", retryable: true });
    expect(classifyError({ status: 401 }, false)).toMatchObject({ reason: "http-401", retryable: false });
    expect(classifyError({ status: 404 }, false)).toMatchObject({ reason: "http-404", retryable: false });
    expect(classifyError(new LlmTimeoutError(100), false)).toEqual({ reason: "timeout", retryable: true });
    expect(classifyError(new TypeError("fetch failed"), false)).toEqual({ reason: "network", retryable: true });
  });

  it("reads retry-after given as an HTTP date", () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    const r = classifyError({ status: 429, headers: new Headers({ "retry-after": at }) }, false);
    expect(r.retryAfterMs).toBeGreaterThan(3000);
    expect(r.retryAfterMs).toBeLessThanOrEqual(5000);
  });

  it("says the scripted line, without retrying the model, when its own guardrails cannot be set up", async () => {
    let requests = 0;
    const model = new FakeListChatModel({
      responses: ["Finally! You took the wrong amount.", "A second answer nobody should ask for."],
      callbacks: [{ handleChatModelStart: () => void requests++ }],
    });
    // A still-hidden fact without text: the prompt (unlocked facts only) builds, the leak guardrail cannot.
    const broken = { ...scenario, facts: [...scenario.facts, { id: "broken", text: undefined }] } as unknown as typeof scenario;
    const stream = createLlmCustomerEngine({ model, fallback: firstLineEngine(), timeoutMs: 2000, backoffMs: 1 }).render({ ...request(), scenario: broken });
    const tokens = await collect(stream.tokens);
    const done = await stream.done;
    expect(requests).toBe(1);
    expect(tokens.join("")).toBe(scenario.opening.en[0]);
    expect(done).toMatchObject({ text: scenario.opening.en[0], engine: "scripted" });
    expect(done.fallbackReason).toMatch(/^internal-error/);
  });
});

