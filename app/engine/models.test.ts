import { describe, expect, it, vi } from "vitest";
import { AsyncCaller } from "@langchain/core/utils/async_caller";
import { createChatModel, directCallerClass } from "./models";

const DirectCaller = directCallerClass(AsyncCaller);

describe("the models' direct caller (decision 230)", () => {
  it("calls at once, without a queue or a retry, when there is nothing for them to do", async () => {
    const caller = new DirectCaller({ maxRetries: 0 });
    let calls = 0;
    const order: string[] = [];
    const answer = caller.callWithOptions({}, async (a: number, b: number) => {
      calls++;
      order.push("called");
      return a + b;
    }, 2, 3);
    order.push("returned");
    expect(order).toEqual(["called", "returned"]); // synchronously, as p-queue would not
    expect(await answer).toBe(5);
    expect(await caller.call(async () => "ok")).toBe("ok");
    expect(calls).toBe(1);
  });

  it("throws the error once, after the failed-attempt handler, as AsyncCaller does with no retries left", async () => {
    const seen: unknown[] = [];
    const caller = new DirectCaller({ maxRetries: 0, onFailedAttempt: (e) => void seen.push(e) });
    const boom = Object.assign(new Error("rate limited"), { status: 429 });
    let calls = 0;
    await expect(caller.callWithOptions({}, async () => {
      calls++;
      throw boom;
    })).rejects.toBe(boom);
    expect(calls).toBe(1);
    expect(seen).toEqual([boom]);
    // A non-Error is made an Error; a handler that throws decides what is thrown (LangChain's default does for a 4xx).
    await expect(caller.call(() => Promise.reject("plain"))).rejects.toThrow("plain");
    const stop = new Error("not retryable");
    const strict = new DirectCaller({ maxRetries: 0, onFailedAttempt: () => { throw stop; } });
    await expect(strict.call(async () => { throw boom; })).rejects.toBe(stop);
    // The same as AsyncCaller itself, with the same handler.
    const reference = new AsyncCaller({ maxRetries: 0, onFailedAttempt: () => { throw stop; } });
    await expect(reference.call(async () => { throw boom; })).rejects.toBe(stop);
  });

  it("leaves retries, a concurrency limit and abort signals to AsyncCaller", async () => {
    const parent = vi.spyOn(AsyncCaller.prototype, "callWithOptions");
    try {
      await new DirectCaller({ maxRetries: 0 }).call(async () => "direct");
      expect(parent).not.toHaveBeenCalled();
      expect(await new DirectCaller({ maxRetries: 2 }).call(async () => "retried if need be")).toBe("retried if need be");
      expect(await new DirectCaller({ maxRetries: 0 }).callWithOptions({ maxRetries: 1 }, async () => "this one too")).toBe("this one too");
      expect(await new DirectCaller({ maxRetries: 0, maxConcurrency: 1 }).call(async () => "queued")).toBe("queued");
      expect(parent).toHaveBeenCalledTimes(3);
      const ac = new AbortController();
      const pending = new DirectCaller({ maxRetries: 0 }).callWithOptions({ signal: ac.signal }, () => new Promise(() => undefined));
      ac.abort(new Error("stop"));
      await expect(pending).rejects.toThrow();
      expect(parent).toHaveBeenCalledTimes(4);
    } finally {
      parent.mockRestore();
    }
  });

  it("is what the chat models of the configuration call through", async () => {
    const model = await createChatModel({ kind: "llm", model: "gpt-4o-mini", apiKey: "test", baseURL: "http://127.0.0.1:1/v1", timeoutMs: 1000 });
    const { completions } = model as unknown as { completions: { caller: AsyncCaller } };
    expect(completions.caller).toBeInstanceOf(AsyncCaller);
    expect(completions.caller.constructor.name).toBe("DirectCaller");
    expect(model.caller.constructor.name).toBe("DirectCaller");
  });
});
