/**
 * The language-model configuration, validated with zod from the environment.
 *
 *   OPENAI_API_KEY     turns the LLM customer and judge on (any value for local servers)
 *   OPENAI_BASE_URL    any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio);
 *                      setting it alone also turns the LLM on (local servers need no key)
 *   CUSTOMER_MODEL     model name for the customer (and the LLM classifier); "scripted" forces offline
 *   JUDGE_MODEL        model name for the judge; "heuristic" forces offline
 *   LLM_TIMEOUT_MS     per-request limit (time to first token and total), 100–600000, default 20000
 *
 * `parseLlmEnv` never reads process.env itself: the caller passes it.
 * On anything wrong it throws an LlmEnvError whose message names each variable and what is wrong.
 */
import { z } from "zod";

export const DEFAULT_MODEL = "gpt-4o-mini";
export const DEFAULT_TIMEOUT_MS = 20_000;

export interface LlmConfig {
  kind: "llm";
  model: string;
  /** Undefined = OpenAI's own endpoint. */
  baseURL?: string;
  apiKey: string;
  timeoutMs: number;
}

export type CustomerConfig = { kind: "scripted" } | LlmConfig;
export type JudgeConfig = { kind: "heuristic" } | LlmConfig;

export interface LlmEnv {
  customer: CustomerConfig;
  judge: JudgeConfig;
}

export class LlmEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid language-model configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "LlmEnvError";
  }
}

/** Unset and blank are the same thing. */
const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.string().optional(),
);

const modelName = z
  .string()
  .max(200, "must be at most 200 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, "must be a model name such as gpt-4o-mini, llama3.1 or meta-llama/Llama-3.1-8B-Instruct");

const RawLlmEnv = z.object({
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z
      .string()
      .refine((s) => {
        try {
          const u = new URL(s);
          return u.protocol === "http:" || u.protocol === "https:";
        } catch {
          return false;
        }
      }, "must be an http(s) URL such as http://localhost:11434/v1")
      .optional(),
  ),
  CUSTOMER_MODEL: optionalText.pipe(modelName.optional()),
  JUDGE_MODEL: optionalText.pipe(modelName.optional()),
  LLM_TIMEOUT_MS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of milliseconds")
      .transform(Number)
      .pipe(z.number().int().min(100, "must be at least 100").max(600_000, "must be at most 600000"))
      .optional(),
  ),
});

/** Variables read by parseLlmEnv (for messages and documentation). */
export const LLM_ENV_VARS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "CUSTOMER_MODEL", "JUDGE_MODEL", "LLM_TIMEOUT_MS"] as const;

export function parseLlmEnv(env: Record<string, string | undefined>): LlmEnv {
  const parsed = RawLlmEnv.safeParse(env);
  if (!parsed.success) {
    throw new LlmEnvError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "(environment)");
        const raw = env[name];
        const shown = name === "OPENAI_API_KEY" || raw === undefined ? "" : ` (got "${raw}")`;
        return `${name}: ${i.message}${shown}`;
      }),
    );
  }
  const v = parsed.data;
  const problems: string[] = [];
  const enabled = v.OPENAI_API_KEY !== undefined || v.OPENAI_BASE_URL !== undefined;
  const apiKey = v.OPENAI_API_KEY ?? "not-needed";
  const timeoutMs = v.LLM_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS;
  const base = v.OPENAI_BASE_URL !== undefined ? { baseURL: v.OPENAI_BASE_URL } : {};

  if (v.CUSTOMER_MODEL === "heuristic") problems.push('CUSTOMER_MODEL: "heuristic" is for JUDGE_MODEL; use "scripted" to force the scripted customer');
  if (v.JUDGE_MODEL === "scripted") problems.push('JUDGE_MODEL: "scripted" is for CUSTOMER_MODEL; use "heuristic" to force the heuristic judge');

  let customer: CustomerConfig = { kind: "scripted" };
  if (v.CUSTOMER_MODEL !== "scripted" && v.CUSTOMER_MODEL !== "heuristic") {
    if (enabled) customer = { kind: "llm", model: v.CUSTOMER_MODEL ?? DEFAULT_MODEL, apiKey, timeoutMs, ...base };
    else if (v.CUSTOMER_MODEL !== undefined)
      problems.push(`CUSTOMER_MODEL: "${v.CUSTOMER_MODEL}" needs OPENAI_API_KEY or OPENAI_BASE_URL (or set CUSTOMER_MODEL=scripted)`);
  }
  let judge: JudgeConfig = { kind: "heuristic" };
  if (v.JUDGE_MODEL !== "heuristic" && v.JUDGE_MODEL !== "scripted") {
    if (enabled) judge = { kind: "llm", model: v.JUDGE_MODEL ?? v.CUSTOMER_MODEL ?? DEFAULT_MODEL, apiKey, timeoutMs, ...base };
    else if (v.JUDGE_MODEL !== undefined)
      problems.push(`JUDGE_MODEL: "${v.JUDGE_MODEL}" needs OPENAI_API_KEY or OPENAI_BASE_URL (or set JUDGE_MODEL=heuristic)`);
  }
  if (judge.kind === "llm" && judge.model === "scripted") judge = { ...judge, model: DEFAULT_MODEL };
  if (problems.length > 0) throw new LlmEnvError(problems);
  return { customer, judge };
}

function where(c: LlmConfig): string {
  return c.baseURL ? `at ${c.baseURL}` : "at OpenAI";
}

/** One line for start-up logs and the CLI; never shows the key. */
export function describeLlmEnv(env: LlmEnv): string {
  const customer = env.customer.kind === "llm" ? `LLM (${env.customer.model} ${where(env.customer)})` : "scripted";
  const judge = env.judge.kind === "llm" ? `LLM (${env.judge.model} ${where(env.judge)})` : "heuristic";
  return `customer: ${customer}; judge: ${judge}`;
}
