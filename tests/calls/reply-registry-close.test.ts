/**
 * Shutdown (decision 114): the server closes the reply registry before the database, and that close
 * waits for the replies still being produced.
 */
import { afterEach, describe, expect, it } from "vitest";
import { closeReplyRegistry } from "../../app/calls/reply-registry.server";
import type { ReplyRegistry } from "../../app/calls/reply-handle.server";

afterEach(() => {
  globalThis.__motReplyRegistry = undefined;
});

describe("closing the reply registry at shutdown", () => {
  it("resolves only once the reply in flight has finished, and forgets the registry", async () => {
    const order: string[] = [];
    let finish!: () => void;
    const inFlight = new Promise<void>((r) => (finish = r)).then(() => order.push("reply committed"));
    const registry = {
      local: () => undefined,
      ensure: () => Promise.resolve(null),
      close: async () => {
        await inFlight;
        order.push("registry closed");
      },
    } as unknown as ReplyRegistry;
    globalThis.__motReplyRegistry = { db: {}, registry };
    const closing = closeReplyRegistry().then(() => order.push("database may close"));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    finish();
    await closing;
    expect(order).toEqual(["reply committed", "registry closed", "database may close"]);
    expect(globalThis.__motReplyRegistry).toBeUndefined();
  });

  it("does nothing when this process never served a call", async () => {
    await expect(closeReplyRegistry()).resolves.toBeUndefined();
  });
});
