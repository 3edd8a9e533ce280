/**
 * Contracts between the call (CLI or web) and the customer/understanding
 * engines. The scripted engine (offline, deterministic) and the LLM engine
 * (LangChain ChatOpenAI) both implement CustomerEngine; the offline
 * classifier and the LLM classifier both implement Understander.
 */
import type { Scenario } from "../../scenarios/schema";
import type { Beat, CallView, Locale, Understanding } from "../../machines/types";

export type Speaker = "customer" | "trainee";

export interface HistoryTurn {
  speaker: Speaker;
  text: string;
}

export interface RenderRequest {
  scenario: Scenario;
  locale: Locale;
  beat: Beat;
  view: CallView;
  /** The conversation so far, oldest first, not including the line being rendered. */
  history: HistoryTurn[];
  signal?: AbortSignal;
}

export interface RenderResult {
  text: string;
  engine: "scripted" | "llm";
  model?: string;
  /** Why the LLM line was replaced by the scripted one (timeout, http-429, leak, ...). */
  fallbackReason?: string;
  /**
   * True when tokens were already streamed before a guardrail replaced the line:
   * the streamed bubble must be replaced by `text` (the text to commit).
   */
  replaced?: boolean;
}

export interface RenderStream {
  /** Text chunks as they are produced; their concatenation is the final text unless a guardrail replaced it. */
  tokens: AsyncIterable<string>;
  /** Resolves when the line is final (after guardrails). Always resolves; never rejects. */
  done: Promise<RenderResult>;
}

export interface CustomerEngine {
  readonly name: "scripted" | "llm";
  readonly model?: string;
  render(request: RenderRequest): RenderStream;
}

export interface UnderstandResult extends Understanding {
  classifier: "offline" | "llm";
  fallbackReason?: string;
}

export interface Understander {
  readonly name: "offline" | "llm";
  /** `signal`: the turn's time budget (decision 112); an LLM classifier gives up when it aborts. */
  understand(text: string, locale: Locale, scenario: Scenario, options?: { signal?: AbortSignal }): Promise<UnderstandResult>;
}
