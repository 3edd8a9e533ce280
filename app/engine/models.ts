/**
 * Chat models from the validated configuration. Retries are ours (see
 * llm-customer.ts), so the client's own are off; time limits are ours too
 * (an AbortController per attempt), the client's timeout is only a backstop.
 */
import { ChatOpenAI } from "@langchain/openai";
import type { LlmConfig } from "./llm-env";

export interface ChatModelOptions {
  temperature?: number;
  maxTokens?: number;
}

export function createChatModel(config: LlmConfig, options: ChatModelOptions = {}): ChatOpenAI {
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
