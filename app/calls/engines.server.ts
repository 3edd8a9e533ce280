/** The customer engine, understander and judge of the web app, chosen once per process from the environment. */
import type { LlmEnv } from "../engine/llm-env";
import { getEnv, llmEnvOf } from "../env.server";
import { understandingCacheDir } from "../engine/understanding-cache";
import { selectEngines, type SelectedEngines } from "../engine/select";

declare global {
  var __motCallEngines: { engines: SelectedEngines; llmEnv: LlmEnv } | undefined;
}

function selected() {
  if (!globalThis.__motCallEngines) {
    // The environment parsed once, at start-up (app/env.server.ts getEnv).
    const llmEnv = llmEnvOf();
    globalThis.__motCallEngines = {
      llmEnv,
      engines: selectEngines(llmEnv, {
        // The pause between the scripted customer's words: SCRIPTED_WORD_DELAY_MS (decision 115).
        scripted: { wordDelayMs: getEnv().SCRIPTED_WORD_DELAY_MS },
        understandingCacheDir: understandingCacheDir(getEnv().DATA_DIR),
      }),
    };
  }
  return globalThis.__motCallEngines;
}

export function getEngines(): SelectedEngines {
  return selected().engines;
}

/**
 * The judge of the environment: the LLM judge when configured, else the heuristic one; the heuristic
 * one too while the model server is considered down (decision 112: ending a call does not wait on it).
 */
export function getJudge(): "heuristic" | "llm" {
  if (selected().engines.breaker?.isOpen()) return "heuristic";
  return selected().llmEnv.judge.kind === "llm" ? "llm" : "heuristic";
}

/** True while the LLM customer is configured but answers offline (the model failed; decision 112). */
export function customerOffline(): boolean {
  const { engines } = selected();
  return engines.info.customer === "llm" && Boolean(engines.breaker?.isOpen());
}
