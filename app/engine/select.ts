/**
 * The one place that decides which customer engine and which understander a
 * call uses, from the validated configuration (llm-env.ts) and an optional
 * explicit choice (`--engine scripted|llm` on the CLI).
 *
 *   no LLM configured            → scripted customer + offline classifier
 *   LLM configured               → LLM customer (scripted fallback) + LLM classifier (offline fallback)
 *   engine: "scripted"           → scripted + offline, whatever is configured
 *   engine: "llm", not configured → EngineSelectionError naming the variables to set
 */
import type { CustomerEngine, Understander } from "./types";
import { describeLlmEnv, type LlmConfig, type LlmEnv } from "./llm-env";
import { createChatModel } from "./models";
import { createLlmCustomerEngine } from "./llm-customer";
import { createLlmUnderstander } from "./llm-understander";
import { createScriptedEngine } from "./scripted";
import { createOfflineUnderstander } from "./offline-understander";
import { createCircuitBreaker, type CircuitBreaker } from "./circuit-breaker";

export type EngineChoice = "scripted" | "llm";

export interface EnginesInfo {
  customer: "scripted" | "llm";
  model?: string;
  /** Undefined: OpenAI's own endpoint. */
  baseURL?: string;
  understander: "offline" | "llm";
}

export interface SelectedEngines {
  customer: CustomerEngine;
  understander: Understander;
  /** What was chosen, for messages in the user's language. */
  info: EnginesInfo;
  /** One time budget per turn for the model's requests (LLM_TIMEOUT_MS); none offline. Decision 112. */
  turnBudgetMs?: number;
  /** Open while the model server is considered down: the offline engines answer (decision 112). */
  breaker?: CircuitBreaker;
  /** e.g. "customer: LLM (gpt-4o-mini at OpenAI), scripted fallback; understanding: LLM, offline fallback" */
  describe(): string;
}

export class EngineSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineSelectionError";
  }
}

export interface SelectOptions {
  engine?: EngineChoice;
  /** Options for the scripted engine (e.g. a word delay for the web). */
  scripted?: Parameters<typeof createScriptedEngine>[0];
  /** How long the offline engines answer after a model failure before the model is tried again (ms). */
  coolDownMs?: number;
  /** Disk cache of the offline understanding's topic models (under the app's data dir; decision 091). */
  understandingCacheDir?: string;
}

export function selectEngines(llmEnv: LlmEnv, options: SelectOptions = {}): SelectedEngines {
  const scripted = createScriptedEngine(options.scripted);
  const offline = createOfflineUnderstander({ cacheDir: options.understandingCacheDir });
  const wantLlm = options.engine === undefined ? llmEnv.customer.kind === "llm" : options.engine === "llm";

  if (!wantLlm) {
    return {
      customer: scripted,
      understander: offline,
      info: { customer: "scripted", understander: "offline" },
      describe: () => "customer: scripted; understanding: offline classifier",
    };
  }
  if (llmEnv.customer.kind !== "llm") {
    throw new EngineSelectionError(
      "the LLM engine is not configured: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (a local OpenAI-compatible server such as Ollama or vLLM), and leave CUSTOMER_MODEL unset or a model name (not \"scripted\")",
    );
  }
  const config: LlmConfig = llmEnv.customer;
  // Slightly warm for varied lines; the classifier wants the same answer every time.
  // Built once `@langchain/openai` is loaded (decision 195); the engines await them at their first call.
  const actor = createChatModel(config, { temperature: 0.7, maxTokens: 160 });
  const labeller = createChatModel(config, { temperature: 0 });
  actor.catch(() => undefined); // a failure is the first call's, reported there
  labeller.catch(() => undefined);
  const where = config.baseURL ? `at ${config.baseURL}` : "at OpenAI";
  const breaker = createCircuitBreaker({ coolDownMs: options.coolDownMs });
  return {
    customer: createLlmCustomerEngine({ model: actor, fallback: scripted, timeoutMs: config.timeoutMs, modelName: config.model, breaker }),
    understander: createLlmUnderstander({ model: labeller, fallback: offline, timeoutMs: config.timeoutMs, breaker }),
    turnBudgetMs: config.timeoutMs,
    breaker,
    info: { customer: "llm", model: config.model, ...(config.baseURL ? { baseURL: config.baseURL } : {}), understander: "llm" },
    describe: () => `customer: LLM (${config.model} ${where}), scripted fallback; understanding: LLM classifier, offline fallback`,
  };
}

export { describeLlmEnv };
