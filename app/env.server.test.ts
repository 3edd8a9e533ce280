import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkServerEnv, customerEngineKind, InvalidEnvironmentError, judgeKind, parseEnv } from "./env.server";

describe("the environment", () => {
  it("works with no configuration at all: embedded database, offline engines, port 3000", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATA_DIR: "./data",
      PORT: 3000,
      SEED_DEMO: true,
      LLM_TIMEOUT_MS: 20000,
      NODE_ENV: "development",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(customerEngineKind(env)).toBe("scripted");
    expect(judgeKind(env)).toBe("heuristic");
  });

  it("turns on the LLM engines with a key, unless the models force offline", () => {
    expect(customerEngineKind(parseEnv({ OPENAI_API_KEY: "sk-x" }))).toBe("llm");
    expect(judgeKind(parseEnv({ OPENAI_API_KEY: "sk-x" }))).toBe("llm");
    const forced = parseEnv({ OPENAI_API_KEY: "sk-x", CUSTOMER_MODEL: "scripted", JUDGE_MODEL: "heuristic" });
    expect(customerEngineKind(forced)).toBe("scripted");
    expect(judgeKind(forced)).toBe("heuristic");
  });

  it("reads SEED_DEMO=false and numbers given as text", () => {
    const env = parseEnv({ SEED_DEMO: "false", PORT: "8080", LLM_TIMEOUT_MS: "5000" });
    expect(env.SEED_DEMO).toBe(false);
    expect(env.PORT).toBe(8080);
    expect(env.LLM_TIMEOUT_MS).toBe(5000);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ SEED_DEMO: "perhaps" }, "SEED_DEMO"],
    [{ SESSION_SECRET: "too-short" }, "SESSION_SECRET"],
    [{ OPENAI_BASE_URL: "localhost:11434" }, "OPENAI_BASE_URL"],
    [{ LLM_TIMEOUT_MS: "-1" }, "LLM_TIMEOUT_MS"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ SHUTDOWN_GRACE_MS: "soon" }, "SHUTDOWN_GRACE_MS"],
  ])("names the variable when a value is wrong: %j", (source, variable) => {
    expect(() => parseEnv(source)).toThrow(InvalidEnvironmentError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Invalid environment: ${variable}: `));
  });

  it("stops the server at start-up with a message naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "not-a-port", SKIP_BUILD: "1" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid environment: PORT: must be a port number");
  });

  it("requires SESSION_SECRET on a Postgres server, where several processes must sign cookies alike", () => {
    const shared = parseEnv({ DATABASE_URL: "postgres://db/app" });
    expect(() => checkServerEnv(shared)).toThrow(/^Invalid environment: SESSION_SECRET: required when DATABASE_URL is set/);
    expect(() => checkServerEnv(parseEnv({ DATABASE_URL: "postgres://db/app", SESSION_SECRET: "s".repeat(32) }))).not.toThrow();
    // The embedded database is one process: a secret kept in DATA_DIR is enough.
    expect(() => checkServerEnv(parseEnv({}))).not.toThrow();
  });

  it("stops the server at start-up on Postgres without SESSION_SECRET, naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATABASE_URL: "postgres://127.0.0.1:1/none", SKIP_BUILD: "1" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid environment: SESSION_SECRET: required when DATABASE_URL is set");
  });
});
