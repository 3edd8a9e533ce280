/**
 * Chat models from the validated configuration. Retries are ours (see
 * llm-customer.ts), so the client's own are off; time limits are ours too
 * (an AbortController per attempt), the client's timeout is only a backstop.
 *
 * `@langchain/openai` is imported on the first call (app/engine/langchain.ts, decision 195): a
 * process without a model configured never loads it.
 */
import type { ChatOpenAI } from "@langchain/openai";
import { loadLangChainOpenAI } from "./langchain";
import type { LlmConfig } from "./llm-env";

export interface ChatModelOptions {
  temperature?: number;
  maxTokens?: number;
}

export async function createChatModel(config: LlmConfig, options: ChatModelOptions = {}): Promise<ChatOpenAI> {
  const { ChatOpenAI } = await loadLangChainOpenAI();
  return new ChatOpenAI({
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
  });
}
