/**
 * The environment, validated with zod once (DESIGN.md § Configuration).
 * A wrong value stops the app at start-up with `Invalid environment: VAR: message`.
 */
import { z } from "zod";
import { LlmEnvError, parseLlmEnv, type LlmEnv } from "./engine/llm-env";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalNonEmpty.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
    "must be a postgres:// or postgresql:// URL",
  ),
  DATA_DIR: z.string().trim().min(1, "must not be empty").default("./data"),
  OPENAI_API_KEY: optionalNonEmpty,
  OPENAI_BASE_URL: optionalNonEmpty.refine(
    (v) => v === undefined || /^https?:\/\/\S+$/.test(v),
    "must be an http(s) URL",
  ),
  /** Model name, or `scripted` to force the offline customer. */
  CUSTOMER_MODEL: z.string().trim().min(1, "must not be empty").default("gpt-4o-mini"),
  /** Model name, or `heuristic` to force the offline judge. */
  JUDGE_MODEL: z.string().trim().min(1, "must not be empty").default("gpt-4o-mini"),
  LLM_TIMEOUT_MS: z.coerce
    .number({ message: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(100, "must be at least 100")
    .max(600_000, "must be at most 600000")
    .default(20_000),
  SESSION_SECRET: optionalNonEmpty.refine(
    (v) => v === undefined || v.length >= 32,
    "must be at least 32 characters",
  ),
  SEED_DEMO: bool.default(true),
  PORT: z.coerce
    .number({ message: "must be a port number" })
    .int("must be a port number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  /** Trust X-Forwarded-For for the client IP (behind a proxy). */
  TRUST_PROXY: bool.default(false),
  /**
   * Pause between the scripted customer's words, so that a line arrives like speech (decision 115).
   * 0 turns the pacing off (the bench measures the server's own work that way).
   */
  SCRIPTED_WORD_DELAY_MS: z.coerce
    .number({ message: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be at least 0")
    .max(2_000, "must be at most 2000")
    .default(35),
  /** On SIGTERM/SIGINT, how long requests in flight (streamed replies included) may take to finish. */
  SHUTDOWN_GRACE_MS: z.coerce
    .number({ message: "must be a number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be at least 0")
    .max(120_000, "must be at most 120000")
    .default(5_000),
});

export type Env = z.infer<typeof EnvSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join("; ")}`);
    this.name = "InvalidEnvironmentError";
  }
}

/** Parse an environment (pure; throws InvalidEnvironmentError naming each wrong variable). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as "not set" for variables that have defaults.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = source[key];
    if (v !== undefined && v !== "") cleaned[key] = v;
  }
  const result = EnvSchema.safeParse(cleaned);
  // The language-model variables are also checked as a whole by parseLlmEnv (app/engine/llm-env.ts):
  // e.g. CUSTOMER_MODEL=heuristic, or a model name with neither OPENAI_API_KEY nor OPENAI_BASE_URL.
  let llm: LlmEnv | undefined;
  let llmProblems: string[] = [];
  try {
    llm = parseLlmEnv(source);
  } catch (error) {
    if (!(error instanceof LlmEnvError)) throw error;
    llmProblems = error.problems;
  }
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
  if (problems.length > 0 || llmProblems.length > 0) {
    const named = new Set(problems.map((p) => p.split(":")[0]));
    throw new InvalidEnvironmentError([...problems, ...llmProblems.filter((p) => !named.has(p.split(":")[0]))]);
  }
  const env = result.data!;
  // One local model usually serves both: JUDGE_MODEL defaults to CUSTOMER_MODEL (decision 052).
  if (cleaned.JUDGE_MODEL === undefined && llm?.judge.kind === "llm") env.JUDGE_MODEL = llm.judge.model;
  if (llm) llmEnvs.set(env, llm);
  return env;
}

const llmEnvs = new WeakMap<Env, LlmEnv>();

/** The language-model configuration parsed with the environment (which engines, models, server, time limit). */
export function llmEnvOf(env: Env = getEnv()): LlmEnv {
  return (
    llmEnvs.get(env) ??
    parseLlmEnv({
      OPENAI_API_KEY: env.OPENAI_API_KEY,
      OPENAI_BASE_URL: env.OPENAI_BASE_URL,
      CUSTOMER_MODEL: env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? env.CUSTOMER_MODEL : undefined,
      JUDGE_MODEL: env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? env.JUDGE_MODEL : undefined,
      LLM_TIMEOUT_MS: String(env.LLM_TIMEOUT_MS),
    })
  );
}

/**
 * What the web server needs beyond a valid environment. With a Postgres server there may be several
 * app processes: a session secret generated by each would make the cookies signed by one invalid in
 * the others, so SESSION_SECRET is required (decision 123). The CLI's database commands do not sign
 * cookies and do not need it.
 */
export function checkServerEnv(env: Env): void {
  if (env.DATABASE_URL !== undefined && env.SESSION_SECRET === undefined) {
    throw new InvalidEnvironmentError([
      "SESSION_SECRET: required when DATABASE_URL is set (every app process must sign cookies with the same secret of at least 32 characters, e.g. `openssl rand -base64 48`)",
    ]);
  }
}

let cached: Env | undefined;

/** The app's environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the server entry: forget the cached value. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Whether the LLM customer is in use (a key or a base URL, and a model that is not `scripted`). */
export function customerEngineKind(env: Env = getEnv()): "scripted" | "llm" {
  return llmEnvOf(env).customer.kind;
}

/** Whether the LLM judge is in use (a key or a base URL, and a model that is not `heuristic`). */
export function judgeKind(env: Env = getEnv()): "heuristic" | "llm" {
  return llmEnvOf(env).judge.kind;
}
