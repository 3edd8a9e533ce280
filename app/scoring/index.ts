/**
 * The one entry point the CLI and the web use to score a call.
 *
 *   scoreCall(input, { judge: "heuristic" })            offline, deterministic
 *   scoreCall(input, { judge: "llm", model })           LLM judge (falls back to heuristic)
 *   scoreCall(input, { judge: "llm" })                  LLM judge configured from the environment
 *                                                        (JUDGE_MODEL / OPENAI_API_KEY / OPENAI_BASE_URL)
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ScoreInput, Scorecard } from "../../machines/scorecard";
import { judgeHeuristic, offlineClauseReader } from "../../machines/scoring/index";
import { parseLlmEnv } from "../engine/llm-env";
import { llmEnvOf } from "../env.server";
import { createChatModel } from "../engine/models";
import { createLlmJudge } from "./llm-judge";

import { replayTranscript } from "./replay";
import type { Scenario } from "../../scenarios/schema";
import type { Locale, Move } from "../../scenarios/moves";
import type { Understander } from "../engine/types";

export { replayTranscript, TranscriptFile, describeTranscriptError } from "./replay";
export { createLlmJudge } from "./llm-judge";

export interface ScoreOptions {
  judge: "heuristic" | "llm";
  /** The judge model (temperature 0). Without it, the LLM judge is configured from `env`. */
  model?: BaseChatModel;
  /** Per-request limit for the LLM judge (ms). */
  timeoutMs?: number;
  /** Defaults to the environment parsed once (app/env.server.ts getEnv). */
  env?: Record<string, string | undefined>;
}

export async function scoreCall(input: ScoreInput, options: ScoreOptions): Promise<Scorecard> {
  if (options.judge === "heuristic") return judgeHeuristic(input);
  let model = options.model;
  let timeoutMs = options.timeoutMs;
  if (!model) {
    let config;
    try {
      config = (options.env ? parseLlmEnv(options.env) : llmEnvOf()).judge;
    } catch (err) {
      return judgeHeuristic(input, { fallbackReason: `config: ${err instanceof Error ? err.message.split("\n").join(" ") : String(err)}` });
    }
    if (config.kind !== "llm") {
      return judgeHeuristic(input, { fallbackReason: "no judge model configured (set OPENAI_API_KEY or OPENAI_BASE_URL, and JUDGE_MODEL)" });
    }
    model = await createChatModel(config, { temperature: 0 });
    timeoutMs ??= config.timeoutMs;
  }
  const judge = createLlmJudge({
    model,
    readClause: (i) => offlineClauseReader(i.scenario, i.locale),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return judge.judge(input);
}

/** "llm" when the environment configures a judge model, else "heuristic" (a bad configuration is reported by whoever validates it). */
export function judgeFromEnv(env?: Record<string, string | undefined>): "heuristic" | "llm" {
  try {
    return (env ? parseLlmEnv(env) : llmEnvOf()).judge.kind === "llm" ? "llm" : "heuristic";
  } catch {
    return "heuristic";
  }
}

/**
 * Score a call that was just played (cli play): the trainee turns are
 * replayed through the machine with the moves and topics they were understood
 * as during the call, so the state scored is the one the trainee lived.
 */
export async function scorePlayedCall(
  scenario: Scenario,
  locale: Locale,
  turns: Array<{ speaker: "customer" | "trainee"; text: string; moves?: Move[]; topics?: string[] }>,
  answeredAfterRings: number | undefined,
  options: Partial<ScoreOptions> = {},
): Promise<Scorecard> {
  const said = turns.filter((t) => t.speaker === "trainee");
  let next = 0;
  const recorded: Understander = {
    name: "offline",
    async understand() {
      const t = said[next++];
      return { moves: [...(t?.moves ?? [])], topics: [...(t?.topics ?? [])], classifier: "offline" };
    },
  };
  const input = await replayTranscript(scenario, locale, turns, recorded, scenario.channel === "phone" ? answeredAfterRings : undefined);
  return scoreCall(input, { ...options, judge: options.judge ?? judgeFromEnv(options.env) });
}
