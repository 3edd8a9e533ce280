/**
 * The environment, validated with zod once (DESIGN.md § Configuration).
 * A wrong value stops the app at start-up with `Invalid environment: VAR: message`.
 */
import { z } from "zod";

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
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`),
    );
  }
  return result.data;
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

/** Whether the LLM customer is in use (a key, and a model that is not `scripted`). */
export function customerEngineKind(env: Env = getEnv()): "scripted" | "llm" {
  return env.OPENAI_API_KEY && env.CUSTOMER_MODEL !== "scripted" ? "llm" : "scripted";
}

/** Whether the LLM judge is in use (a key, and a model that is not `heuristic`). */
export function judgeKind(env: Env = getEnv()): "heuristic" | "llm" {
  return env.OPENAI_API_KEY && env.JUDGE_MODEL !== "heuristic" ? "llm" : "heuristic";
}
