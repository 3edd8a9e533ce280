import { describe, expect, it, vi } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { ChatGenerationChunk } from "@langchain/core/outputs";
import { DRAIN_LIMIT_MS, invokeModel, streamText } from "./model-calls";

const messages = [new HumanMessage("Hello")];
const LINE = "Finally, someone answers the phone.";

/** A model whose line finishes at once and whose response then never ends (until its request is aborted). */
function finishedLineThatHangs(): { model: FakeListChatModel; requestSignal: () => AbortSignal | undefined } {
  const model = new FakeListChatModel({ responses: [LINE] });
  let requestSignal: AbortSignal | undefined;
  model._streamResponseChunks = async function* (_messages, options) {
    requestSignal = options.signal;
    yield new ChatGenerationChunk({ text: LINE, message: new AIMessageChunk(LINE), generationInfo: { finish_reason: "stop" } });
    await new Promise((_, reject) => options.signal?.addEventListener("abort", () => reject(options.signal?.reason)));
  };
  return { model, requestSignal: () => requestSignal };
}

async function pieces(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe("model calls without LangChain's run layer (decision 170)", () => {
  it("streams the same pieces as model.stream, through the model's own method when nobody listens", async () => {
    const model = new FakeListChatModel({ responses: [LINE, LINE] });
    let own = 0;
    const original = model._streamResponseChunks.bind(model);
    model._streamResponseChunks = (...args) => (own++, original(...args));
    const direct = await pieces(streamText(model, messages, { signal: new AbortController().signal }));
    expect(own).toBe(1);
    const viaStream: string[] = [];
    for await (const chunk of await model.stream(messages)) viaStream.push(String(chunk.content));
    expect(direct).toEqual(viaStream);
    expect(direct.join("")).toBe(LINE);
  });

  it("goes through the public API when a callback handler listens", async () => {
    let starts = 0;
    let tokens = 0;
    const model = new FakeListChatModel({
      responses: [LINE, '{"moves":[]}'],
      callbacks: [{ handleChatModelStart: () => void starts++, handleLLMNewToken: () => void tokens++ }],
    });
    expect((await pieces(streamText(model, messages, { signal: new AbortController().signal }))).join("")).toBe(LINE);
    expect(starts).toBe(1);
    expect(tokens).toBeGreaterThan(0);
    expect((await invokeModel(model, messages, { signal: new AbortController().signal })).content).toBe('{"moves":[]}');
    expect(starts).toBe(2);
  });

  it("invokes the model's own _generate when nobody listens, with the same answer", async () => {
    const model = new FakeListChatModel({ responses: ['{"moves":["greet"]}'] });
    let own = 0;
    const original = model._generate.bind(model);
    model._generate = (...args) => (own++, original(...args));
    const message = await invokeModel(model, messages, { signal: new AbortController().signal });
    expect(own).toBe(1);
    expect(message.content).toBe('{"moves":["greet"]}');
  });

  it("stops waiting for a chunk when the signal aborts, even if the model does not watch it", async () => {
    const model = new FakeListChatModel({ responses: [LINE], sleep: 10_000 });
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(new Error("given up")), 50);
    await expect(pieces(streamText(model, messages, { signal: ac.signal }))).rejects.toThrow("given up");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("does not send a request with a signal already aborted", async () => {
    const model = new FakeListChatModel({ responses: [LINE] });
    let own = 0;
    const original = model._streamResponseChunks.bind(model);
    model._streamResponseChunks = (...args) => (own++, original(...args));
    const ac = new AbortController();
    ac.abort(new Error("too late"));
    await expect(pieces(streamText(model, messages, { signal: ac.signal }))).rejects.toThrow("too late");
    expect(own).toBe(0);
  });

  it("ends the line at the model's finish chunk and reads the rest of the response in the background", async () => {
    const model = new FakeListChatModel({ responses: [LINE] });
    let releaseRest!: () => void;
    const rest = new Promise<void>((r) => (releaseRest = r));
    let closed: "drained" | "returned" | null = null;
    model._streamResponseChunks = async function* () {
      try {
        for (const [i, word] of LINE.split(" ").entries()) {
          yield new ChatGenerationChunk({ text: `${i ? " " : ""}${word}`, message: new AIMessageChunk(`${i ? " " : ""}${word}`), generationInfo: {} });
        }
        yield new ChatGenerationChunk({ text: "", message: new AIMessageChunk(""), generationInfo: { finish_reason: "stop" } });
        await rest; // the `[DONE]` line and the end of the body, still to come
        closed = "drained";
      } finally {
        closed ??= "returned";
      }
    };
    const got = await pieces(streamText(model, messages, { signal: new AbortController().signal }));
    expect(got.join("")).toBe(LINE);
    expect(closed).toBeNull(); // not waited for, and not cut (that would abort the request and lose its connection)
    releaseRest();
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe("drained");
  });

  it("aborts the request when the rest of a finished line does not come within the limit", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { model, requestSignal } = finishedLineThatHangs();
      const caller = new AbortController();
      expect((await pieces(streamText(model, messages, { signal: caller.signal }))).join("")).toBe(LINE);
      expect(requestSignal()?.aborted).toBe(false);
      await new Promise((r) => setImmediate(r)); // the rest is read from the next turn of the event loop on
      vi.advanceTimersByTime(DRAIN_LIMIT_MS + 1);
      expect(requestSignal()?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("uses the caller's controller for the request when given, and the limit on a finished line's rest aborts it (decision 250)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { model, requestSignal } = finishedLineThatHangs();
      const caller = new AbortController();
      expect((await pieces(streamText(model, messages, { signal: caller.signal }, caller))).join("")).toBe(LINE);
      expect(requestSignal()).toBe(caller.signal);
      await new Promise((r) => setImmediate(r));
      vi.advanceTimersByTime(DRAIN_LIMIT_MS + 1);
      expect(caller.signal.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // A controller that is not the signal's is not used: the request gets its own, which follows the signal.
    const model = new FakeListChatModel({ responses: [LINE] });
    let requestSignal: AbortSignal | undefined;
    const original = model._streamResponseChunks.bind(model);
    model._streamResponseChunks = (m, options, run) => ((requestSignal = options.signal), original(m, options, run));
    const signal = new AbortController();
    await pieces(streamText(model, messages, { signal: signal.signal }, new AbortController()));
    expect(requestSignal).not.toBe(signal.signal);
  });

  it("calls a model given as a promise once it is built, with the same answer", async () => {
    const model = new FakeListChatModel({ responses: [LINE, LINE, LINE] });
    const ref = Promise.resolve(model);
    expect((await invokeModel(ref, messages, { signal: new AbortController().signal })).content).toBe(LINE);
    expect((await invokeModel(ref, messages, { signal: new AbortController().signal })).content).toBe(LINE);
    expect((await pieces(streamText(ref, messages, { signal: new AbortController().signal }))).join("")).toBe(LINE);
  });
});
