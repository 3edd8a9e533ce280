/**
 * LangChain, loaded on first use (decision 195). `@langchain/openai` and the parts of `@langchain/core`
 * the engines use cost 0.7–0.9 s of CPU to import — about a third of a server's start — and a server
 * whose engines are offline (scripted customer, offline classifier, heuristic judge) never needs them.
 * So no module of the app imports them statically (types aside): the LLM engines, the prompts and the
 * judge load them here, once, when a model is first built or called. The server preloads them right
 * after listening when a model is configured (app/server/start.ts), so a first LLM turn does not wait.
 */
import type * as Prompts from "@langchain/core/prompts";
import type * as ChatModels from "@langchain/core/language_models/chat_models";
import type * as Callbacks from "@langchain/core/callbacks/manager";
import type * as OpenAI from "@langchain/openai";

export interface LangChainCore {
  prompts: typeof Prompts;
  chatModels: typeof ChatModels;
  callbacks: typeof Callbacks;
}

let core: LangChainCore | undefined;
let loadingCore: Promise<LangChainCore> | undefined;
let loadingOpenAI: Promise<typeof OpenAI> | undefined;

/** The core modules when already loaded (no wait on the hot path), else undefined. */
export function langchainCore(): LangChainCore | undefined {
  return core;
}

/** The core modules, imported once. */
export function loadLangChainCore(): Promise<LangChainCore> {
  loadingCore ??= Promise.all([
    import("@langchain/core/prompts"),
    import("@langchain/core/language_models/chat_models"),
    import("@langchain/core/callbacks/manager"),
  ]).then(([prompts, chatModels, callbacks]) => (core = { prompts, chatModels, callbacks }));
  return loadingCore;
}

/** `@langchain/openai`, imported once. */
export function loadLangChainOpenAI(): Promise<typeof OpenAI> {
  loadingOpenAI ??= import("@langchain/openai");
  return loadingOpenAI;
}

/** Load both in the background (a failure is reported where they are used). */
export function preloadLangChain(): void {
  loadLangChainCore().catch(() => undefined);
  loadLangChainOpenAI().catch(() => undefined);
}
