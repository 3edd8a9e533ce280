/**
 * The two model calls of a turn — the classifier's answer and the customer's streamed line — on a
 * LangChain chat model, without LangChain's run layer when nothing listens to it (decision 170).
 *
 * `model.invoke` / `model.stream` wrap the model's own `_generate` / `_streamResponseChunks` (the
 * methods every LangChain chat model implements, ChatOpenAI's included) in a run: callback
 * managers, tracing metadata (the request's parameters computed once more), a run context per
 * chunk, and the whole message re-merged at every streamed chunk for `handleLLMEnd`. With no
 * callback handler, no tracer and no cache, all of that is thrown away: measured, it is about a
 * third of what a turn adds over a bare fetch of the same two requests. So:
 *
 * - nobody listening (as LangChain itself decides: `CallbackManager.configure` with the model's
 *   callbacks, tags, metadata and verbosity, tracing environment and context hooks included), no
 *   cache → the model's own method, with the same call options (the same request, byte for byte);
 * - otherwise → the public `invoke` / `stream`, so a callback handler or a tracer still sees every
 *   call.
 *
 * A model that cannot stream (no `_streamResponseChunks` of its own, or `disableStreaming`) goes
 * through `stream`, which answers in one chunk.
 *
 * LangChain itself is loaded on first use (app/engine/langchain.ts, decision 195). The model may be
 * given as a promise (select.ts builds ChatOpenAI once `@langchain/openai` is loaded).
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { langchainCore, loadLangChainCore, type LangChainCore } from "./langchain";

/** A chat model, or one being built (awaited at the first call). */
export type ChatModelRef = BaseChatModel | PromiseLike<BaseChatModel>;

type CallOptions = Parameters<BaseChatModel["invoke"]>[1] & { signal: AbortSignal };
type ParsedOptions = Parameters<BaseChatModel["_generate"]>[1];

/** Models given as promises, once they are built: a call does not wait a turn of the microtask queue for them. */
const built = new WeakMap<PromiseLike<BaseChatModel>, BaseChatModel>();

async function modelOf(ref: ChatModelRef): Promise<BaseChatModel> {
  if (!("then" in ref)) return ref;
  const model = await ref;
  built.set(ref, model);
  return model;
}

/** A message's text (a string, or the text parts of a list). */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : "")).join("");
  return "";
}

/** True when a callback handler, a tracer or a cache would see this model's calls (then the public API is used). */
async function observed(model: BaseChatModel, lc: LangChainCore): Promise<boolean> {
  if (model.cache) return true;
  const manager = await lc.callbacks.CallbackManager.configure(undefined, model.callbacks, undefined, model.tags, undefined, model.metadata, { verbose: model.verbose });
  return (manager?.handlers.length ?? 0) > 0;
}

/** `model.invoke(messages, options)`'s message. */
export async function invokeModel(ref: ChatModelRef, messages: BaseMessage[], options: CallOptions): Promise<BaseMessage> {
  const model = ("then" in ref ? built.get(ref) : ref) ?? (await modelOf(ref));
  const lc = langchainCore() ?? (await loadLangChainCore());
  if (await observed(model, lc)) return model.invoke(messages, options);
  const result = await model._generate(messages, options as ParsedOptions);
  const message = result.generations[0]?.message;
  if (!message) throw new Error("the model returned no message");
  return message;
}

/**
 * The text pieces of `model.stream(messages, options)`, in order (empty pieces included). `controller`: the
 * controller of `options.signal` when the caller owns it for this one request (llm-customer.ts): the request then
 * uses that signal, and a finished line's rest that takes too long aborts it (drain, below). Without it, the
 * request has a controller of its own that follows `options.signal`.
 */
export async function* streamText(ref: ChatModelRef, messages: BaseMessage[], options: CallOptions, controller?: AbortController): AsyncGenerator<string> {
  const model = ("then" in ref ? built.get(ref) : ref) ?? (await modelOf(ref));
  const lc = langchainCore() ?? (await loadLangChainCore());
  if (model._streamResponseChunks === lc.chatModels.BaseChatModel.prototype._streamResponseChunks || model.disableStreaming || (await observed(model, lc))) {
    for await (const chunk of await model.stream(messages, options)) yield messageText(chunk.content);
    return;
  }
  // Like `stream`, every wait for a chunk ends when the signal aborts, even with a model that does not
  // watch it (ChatOpenAI's does: the request is aborted as well).
  const { signal } = options;
  signal.throwIfAborted();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  // The request's own signal: follows the caller's, and also ends the reading of a finished line's rest
  // (drain, below) if that takes too long.
  const own = controller?.signal === signal ? undefined : new AbortController();
  const request = own ?? controller!;
  const follow = own ? () => own.abort(signal.reason) : undefined;
  if (follow) signal.addEventListener("abort", follow, { once: true });
  const unfollow = () => {
    if (follow) signal.removeEventListener("abort", follow);
  };
  const chunks = model._streamResponseChunks(messages, (own ? { ...options, signal: own.signal } : options) as ParsedOptions)[Symbol.asyncIterator]();
  let finished = false;
  let complete = false;
  try {
    for (;;) {
      const next = await Promise.race([chunks.next(), aborted]);
      if (next.done) break;
      signal.throwIfAborted();
      yield messageText(next.value.message.content);
      // The model's last chunk carries its finish reason; with one choice and no usage asked for, only the
      // `[DONE]` line and the end of the body follow. The line is complete here, not once the end of the
      // stream has come up through every layer (undici, the SDK's SSE decoder, ChatOpenAI's generators).
      const finish: unknown = next.value.generationInfo?.finish_reason;
      if (typeof finish === "string" && finish.length > 0) {
        complete = true;
        break;
      }
    }
    finished = true;
    signal.throwIfAborted();
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (!finished) {
      // Stopped early (a guardrail, an abort, an error): let the model's generator close its request.
      unfollow();
      void chunks.return?.(undefined)?.catch(() => undefined);
    } else if (complete) {
      // What is left of the response is read in the background, so that its connection goes back to the
      // pool (closing the generator now would abort the request and lose its keep-alive connection).
      drain(chunks, request, unfollow);
    } else unfollow();
  }
}

/** How long the rest of a finished line's response may take (ms): then its request is aborted. */
export const DRAIN_LIMIT_MS = 10_000;

/**
 * Reads what follows a stream's finish chunk (the `[DONE]` line, the end of the body) and discards it.
 * Started in a `setImmediate`: the finished line goes to its reader first (the guardrails' last check, the
 * turn's end) instead of sharing the microtask queue with the rest of the response coming up through
 * ChatOpenAI's and the SDK's generators (decision 230). What is left is buffered by then or still to come.
 */
function drain(chunks: AsyncIterator<unknown>, request: AbortController, done: () => void): void {
  setImmediate(() => {
    const limit = setTimeout(() => request.abort(new Error("the rest of a finished answer took too long")), DRAIN_LIMIT_MS);
    limit.unref?.();
    const end = () => {
      clearTimeout(limit);
      done();
    };
    const step = (): void => {
      chunks.next().then((next) => (next.done ? end() : step()), end);
    };
    step();
  });
}
