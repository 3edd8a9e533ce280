/**
 * Chat models from the validated configuration. Retries are ours (see
 * llm-customer.ts), so the client's own are off; time limits are ours too
 * (an AbortController per attempt), the client's timeout is only a backstop.
 *
 * `@langchain/openai` is imported on the first call (app/engine/langchain.ts, decision 195): a
 * process without a model configured never loads it.
 *
 * Each request goes through LangChain's `AsyncCaller` (`completionWithRetry` → `caller.callWithOptions`):
 * a p-queue and p-retry around the SDK's call. With no retries and no concurrency limit they have nothing
 * to do but cost two layers of promises, a queue entry and a retry operation per request, on the critical
 * path of a turn. The models' callers are `DirectCaller`s instead (given to `ChatOpenAI` through its public
 * `completions` / `responses` fields): the same call, its error handler and its error once (decision 230).
 */
import type { ChatOpenAI, ChatOpenAIFields } from "@langchain/openai";
import type { AsyncCaller, AsyncCallerCallOptions } from "@langchain/core/utils/async_caller";
import { loadLangChainOpenAI } from "./langchain";
import type { LlmConfig } from "./llm-env";

export interface ChatModelOptions {
  temperature?: number;
  maxTokens?: number;
}

type CallerClass = new (params: ConstructorParameters<typeof AsyncCaller>[0]) => AsyncCaller;

/**
 * LangChain's AsyncCaller, calling at once when its queue and its retries would do nothing: no retries
 * (`maxRetries` 0), no concurrency limit, no abort signal (then the parent's queue-and-retry path, as
 * before). What p-retry does with no retries left is kept: a non-Error is made an Error, the failed-attempt
 * handler sees the error (LangChain's default marks it not retryable or classifies a rate limit, and may
 * throw instead), then the error is thrown.
 */
export function directCallerClass(Base: typeof AsyncCaller): CallerClass {
  return class DirectCaller extends Base {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of AsyncCaller's
    override call<A extends any[], T extends (...args: A) => Promise<any>>(callable: T, ...args: Parameters<T>): Promise<Awaited<ReturnType<T>>> {
      return this.callWithOptions({}, callable, ...args);
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of AsyncCaller's
    override callWithOptions<A extends any[], T extends (...args: A) => Promise<any>>(
      options: AsyncCallerCallOptions,
      callable: T,
      ...args: Parameters<T>
    ): Promise<Awaited<ReturnType<T>>> {
      const retries = options.maxRetries ?? this.maxRetries;
      if (options.signal || retries !== 0 || this.maxConcurrency !== Infinity) return super.callWithOptions(options, callable, ...args);
      return this.once(() => callable(...args)) as Promise<Awaited<ReturnType<T>>>;
    }

    private async once(call: () => Promise<unknown>): Promise<unknown> {
      try {
        return await call();
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(thrown as string);
        await this.onFailedAttempt?.(error);
        throw error;
      }
    }
  };
}

let DirectCaller: CallerClass | undefined;

async function directCaller(): Promise<CallerClass> {
  const { AsyncCaller } = await import("@langchain/core/utils/async_caller");
  return (DirectCaller ??= directCallerClass(AsyncCaller));
}

export async function createChatModel(config: LlmConfig, options: ChatModelOptions = {}): Promise<ChatOpenAI> {
  const [{ ChatOpenAI, ChatOpenAICompletions, ChatOpenAIResponses }, Caller] = await Promise.all([loadLangChainOpenAI(), directCaller()]);
  const fields: ChatOpenAIFields = {
    model: config.model,
    apiKey: config.apiKey,
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    timeout: config.timeoutMs + 1_000,
    maxRetries: 0,
    useResponsesApi: false,
    // Token usage is not used; asking for it adds a chunk and work to every streamed reply.
    streamUsage: false,
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
  };
  // What ChatOpenAI builds from the same fields, with the direct caller (AsyncCaller takes its
  // parameters — maxRetries, maxConcurrency, onFailedAttempt — from the model's fields as well).
  const completions = new ChatOpenAICompletions(fields);
  completions.caller = new Caller(fields);
  const responses = new ChatOpenAIResponses(fields);
  responses.caller = new Caller(fields);
  const model = new ChatOpenAI({ ...fields, completions, responses });
  model.caller = new Caller(fields);
  return model;
}
