/**
 * The LLM-played customer: puts the machine's beat into words with a LangChain
 * chat model, streaming, behind guardrails, never losing a turn.
 *
 * - The prompt (prompts.ts) holds only unlocked facts; the beat says what to reveal now.
 * - Streaming (decision 050): the first OPENING_WORDS words are held back to
 *   catch an out-of-character opening and to tidy a label or quote; after
 *   that, chunks are passed on as they arrive while every guardrail is checked
 *   on the text so far. If one trips mid-stream, the upstream request is
 *   aborted, `tokens` ends, and `done` resolves with the scripted line,
 *   `fallbackReason` and `replaced: true`: the web layer swaps the bubble. The
 *   text to commit is always `done`'s.
 * - Failures: timeout (LLM_TIMEOUT_MS per attempt, to first token and in
 *   total, and never beyond the turn's one time budget, the request's `signal`),
 *   HTTP 429 and 5xx, network errors → one retry after a short backoff
 *   (honouring retry-after up to a cap) if nothing was streamed yet and the
 *   budget is not spent, then the scripted line. Other HTTP errors (401, 404...)
 *   go straight to the scripted line.
 * - A circuit breaker (decision 112): a line that fell back on a failure opens it;
 *   while it is open the scripted line is said at once (`offline-mode`), and the
 *   model is tried again after the cool-down.
 * - `done` always resolves, never rejects; `tokens` always ends.
 */
import type { BaseMessage } from "@langchain/core/messages";
import type { CustomerEngine, RenderRequest, RenderResult, RenderStream } from "./types";
import { customerLineInputs, customerLineMessages, referenceLine } from "./prompts";
import { buildGuardContext, checkFinal, checkPartial, cleanOpening, isOutOfCharacter, type GuardContext } from "./guardrails";
import { budgetSpent, startDeadline } from "./deadline";
import type { CircuitBreaker } from "./circuit-breaker";
import { streamText, type ChatModelRef } from "./model-calls";

export const OPENING_WORDS = 3;

export interface LlmCustomerOptions {
  /** Any LangChain chat model: ChatOpenAI (models.ts, a promise until LangChain is loaded) or a fake in tests. */
  model: ChatModelRef;
  /** The scripted engine: says the line when the model cannot. */
  fallback: CustomerEngine;
  /** Per-attempt limit: to first token and in total. */
  timeoutMs: number;
  /** Shown in results (defaults to the model's `model` field). */
  modelName?: string;
  /** Wait before the one retry (ms, default 250). */
  backoffMs?: number;
  /** Largest retry-after honoured (ms, default 2000). */
  maxRetryAfterMs?: number;
  /** Shared with the classifier: while open, the scripted line at once (decision 112). */
  breaker?: CircuitBreaker;
}

/** An async iterable fed by pushes; one consumer. */
export class TokenChannel implements AsyncIterable<string> {
  private queue: string[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  push(token: string): void {
    if (this.ended || token.length === 0) return;
    this.queue.push(token);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.queue.length > 0) {
        yield this.queue.shift() as string;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}

export class LlmTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = "LlmTimeoutError";
  }
}

type Attempt =
  | { kind: "ok"; text: string }
  | { kind: "guard"; reason: string; emitted: boolean }
  | { kind: "error"; reason: string; retryable: boolean; retryAfterMs?: number; emitted: boolean };

/** Classifies a failed request: reason for the record, whether a retry may help. */
export function classifyError(err: unknown, timedOut: boolean): { reason: string; retryable: boolean; retryAfterMs?: number } {
  if (timedOut || err instanceof LlmTimeoutError) return { reason: "timeout", retryable: true };
  const e = err as { status?: unknown; headers?: unknown; name?: unknown; message?: unknown } | null;
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status !== undefined) {
    let retryAfterMs: number | undefined;
    const h = e?.headers as { get?: (k: string) => string | null } | Record<string, string> | undefined;
    const raw = typeof h?.get === "function" ? h.get("retry-after") : (h as Record<string, string> | undefined)?.["retry-after"];
    if (raw != null) {
      const secs = Number(raw);
      if (Number.isFinite(secs)) retryAfterMs = Math.max(0, secs * 1000);
      else {
        const at = Date.parse(String(raw));
        if (Number.isFinite(at)) retryAfterMs = Math.max(0, at - Date.now());
      }
    }
    return { reason: `http-${status}`, retryable: status === 429 || status === 408 || status >= 500, retryAfterMs };
  }
  if (e?.name === "AbortError") return { reason: "aborted", retryable: false };
  if (err instanceof SyntaxError || e?.name === "SyntaxError") return { reason: "malformed-response", retryable: true };
  return { reason: "network", retryable: true };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** A failure building the guardrails' context: ours, never retried as if the model had failed. */
class GuardBuildError extends Error {
  constructor(override readonly cause: unknown) {
    super("guardrail context");
  }
}

/** Characters held back at the end of what has been streamed, so a closing quote or spaces can be dropped. */
const TAIL = /[\s"”»]+$/u;

export function createLlmCustomerEngine(options: LlmCustomerOptions): CustomerEngine {
  const { model, fallback, timeoutMs } = options;
  const nameOf = (m: unknown) => (m as { model?: string }).model || undefined;
  let modelName = options.modelName ?? ("then" in model ? undefined : nameOf(model));
  // A model being built (select.ts, decision 195): its name once it is there, before its first answer.
  if ("then" in model && modelName === undefined) model.then((m) => (modelName ??= nameOf(m)), () => undefined);
  const backoffMs = options.backoffMs ?? 250;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 2000;

  async function attempt(messages: BaseMessage[], guardOf: () => GuardContext, out: TokenChannel, signal?: AbortSignal): Promise<Attempt> {
    const deadline = startDeadline(timeoutMs, () => new LlmTimeoutError(timeoutMs), signal);
    const ac = deadline.controller;

    let text = ""; // the line so far, after the opening was tidied
    let raw = ""; // before the opening is released
    let opened = false;
    let strippedQuote = false;
    let sent = 0; // characters of `text` passed on
    const flush = () => {
      const visible = text.replace(TAIL, "");
      if (visible.length > sent) {
        out.push(visible.slice(sent));
        sent = visible.length;
      }
    };
    const trip = (reason: string): Attempt => {
      ac.abort(new Error(`guardrail: ${reason}`));
      return { kind: "guard", reason, emitted: sent > 0 };
    };
    let guard: GuardContext | undefined;
    try {
      // The request is sent when the stream is first read (model-calls.ts, decision 170); the guardrails'
      // context is needed from the first piece on (usually built while the request was in flight).
      for await (const piece of streamText(model, messages, { signal: ac.signal }, ac)) {
        guard ??= guardOf();
        if (!piece) continue;
        if (!opened) {
          raw += piece;
          // Held back until OPENING_WORDS full words are in (or the answer ends).
          if (isOutOfCharacter(raw) || /^\s*[*([]/.test(raw)) return trip("out-of-character");
          const words = raw.trimStart().split(/\s+/);
          if (words.length <= OPENING_WORDS) continue;
          const cleaned = cleanOpening(raw, guard);
          text = cleaned.text;
          strippedQuote = cleaned.strippedQuote;
          opened = true;
        } else text += piece;
        const reason = checkPartial(text, guard);
        if (reason) return trip(reason);
        flush();
      }
      guard ??= guardOf();
      if (!opened) {
        const cleaned = cleanOpening(raw, guard);
        text = cleaned.text;
        strippedQuote = cleaned.strippedQuote;
      }
      const tail = TAIL.exec(text)?.[0] ?? "";
      let final = text.slice(0, text.length - tail.length);
      if (!strippedQuote) final += tail.replace(/\s+/gu, "");
      final = final.trim();
      const reason = checkFinal(final, guard);
      if (reason) return { kind: "guard", reason, emitted: sent > 0 };
      if (final.length > sent) out.push(final.slice(sent));
      return { kind: "ok", text: final };
    } catch (err) {
      // Our own failure (building the guardrails), not the model's: no retry (render's catch says the line).
      if (err instanceof GuardBuildError) {
        ac.abort(err);
        throw err.cause;
      }
      if (budgetSpent(signal)) return { kind: "error", reason: "timeout", retryable: false, emitted: sent > 0 };
      if (signal?.aborted) return { kind: "error", reason: "aborted", retryable: false, emitted: sent > 0 };
      return { kind: "error", ...classifyError(err, deadline.timedOut()), emitted: sent > 0 };
    } finally {
      // The attempt is over; its limit now only covers the rest of a finished answer being read (model-calls.ts),
      // and is removed once the line has gone to its reader.
      deadline.clearSoon();
    }
  }

  async function scripted(request: RenderRequest, reason: string, emitted: boolean, out: TokenChannel): Promise<RenderResult> {
    const line = await fallback.render({ ...request, signal: undefined }).done;
    if (!emitted) out.push(line.text);
    return { text: line.text, engine: "scripted", fallbackReason: reason, ...(emitted ? { replaced: true } : {}) };
  }

  async function run(request: RenderRequest, out: TokenChannel): Promise<RenderResult> {
    const { breaker } = options;
    if (breaker && !breaker.allow()) return scripted(request, "offline-mode", false, out);
    if (budgetSpent(request.signal)) return scripted(request, "timeout", false, out);
    const { scenario, locale, beat, view, history } = request;
    const reference = referenceLine({ scenario, locale, beat, view, history });
    const messages = await customerLineMessages(scenario, customerLineInputs({ scenario, locale, beat, view, history, reference: reference ?? null }));
    // The guardrails' context is needed from the first chunk on, not to send the request: it is
    // built while the request is in flight (setImmediate runs once the request's microtasks, which
    // write it to the socket, are done), or on first use if a chunk comes first.
    let guard: GuardContext | undefined;
    let guardError: GuardBuildError | undefined;
    const guardOf = (): GuardContext => {
      if (guardError) throw guardError;
      try {
        return (guard ??= buildGuardContext({ scenario, view, beat, locale, history, allowedText: reference ? [reference] : [] }));
      } catch (err) {
        throw (guardError = new GuardBuildError(err));
      }
    };
    setImmediate(() => {
      try {
        guardOf();
      } catch {
        // Reported when the stream needs it.
      }
    });
    for (let n = 0; ; n++) {
      const result = await attempt(messages, guardOf, out, request.signal);
      if (result.kind === "ok") {
        breaker?.success();
        return { text: result.text, engine: "llm", ...(modelName ? { model: modelName } : {}) };
      }
      if (result.kind === "guard") {
        breaker?.success(); // the model answered: the words were the problem, not the server
        return scripted(request, result.reason, result.emitted, out);
      }
      if (n === 0 && result.retryable && !result.emitted && !request.signal?.aborted) {
        await sleep(Math.min(maxRetryAfterMs, Math.max(backoffMs, result.retryAfterMs ?? 0)), request.signal);
        if (!request.signal?.aborted) continue;
      }
      if (result.reason !== "aborted") breaker?.failure(result.reason);
      return scripted(request, budgetSpent(request.signal) ? "timeout" : result.reason, result.emitted, out);
    }
  }

  return {
    name: "llm",
    // A getter: a model given as a promise (select.ts, decision 195) has its name once it is built.
    get model() {
      return modelName;
    },
    render(request: RenderRequest): RenderStream {
      const out = new TokenChannel();
      const done = run(request, out)
        .catch(async (err: unknown) => {
          // A bug of ours or a failing prompt must not lose the turn either.
          try {
            return await scripted(request, `internal-error: ${err instanceof Error ? err.message : String(err)}`, false, out);
          } catch {
            return { text: "…", engine: "scripted", fallbackReason: "internal-error" } satisfies RenderResult;
          }
        })
        .finally(() => out.end());
      return { tokens: out, done };
    },
  };
}
