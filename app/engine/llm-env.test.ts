import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, describeLlmEnv, LlmEnvError, parseLlmEnv } from "./llm-env";

describe("parseLlmEnv", () => {
  it("uses the scripted customer and the heuristic judge when nothing is configured", () => {
    expect(parseLlmEnv({})).toEqual({ customer: { kind: "scripted" }, judge: { kind: "heuristic" } });
  });

  it("turns the LLM on with a small default model when OPENAI_API_KEY is set", () => {
    const env = parseLlmEnv({ OPENAI_API_KEY: "sk-test" });
    expect(env.customer).toEqual({ kind: "llm", model: DEFAULT_MODEL, apiKey: "sk-test", timeoutMs: 20000 });
    expect(env.judge).toMatchObject({ kind: "llm", model: DEFAULT_MODEL });
  });

  it("accepts a local server without a key and uses its model for the judge too", () => {
    const env = parseLlmEnv({ OPENAI_BASE_URL: "http://localhost:11434/v1", CUSTOMER_MODEL: "llama3.1", LLM_TIMEOUT_MS: "5000" });
    expect(env.customer).toEqual({ kind: "llm", model: "llama3.1", baseURL: "http://localhost:11434/v1", apiKey: "not-needed", timeoutMs: 5000 });
    expect(env.judge).toMatchObject({ kind: "llm", model: "llama3.1" });
  });

  it("forces offline engines with CUSTOMER_MODEL=scripted and JUDGE_MODEL=heuristic", () => {
    const env = parseLlmEnv({ OPENAI_API_KEY: "sk", CUSTOMER_MODEL: "scripted", JUDGE_MODEL: "heuristic" });
    expect(env).toEqual({ customer: { kind: "scripted" }, judge: { kind: "heuristic" } });
  });

  it("treats blank variables as unset", () => {
    expect(parseLlmEnv({ OPENAI_API_KEY: "  ", OPENAI_BASE_URL: "" })).toEqual({ customer: { kind: "scripted" }, judge: { kind: "heuristic" } });
  });

  it.each([
    [{ OPENAI_BASE_URL: "localhost:11434" }, "OPENAI_BASE_URL"],
    [{ OPENAI_API_KEY: "sk", LLM_TIMEOUT_MS: "soon" }, "LLM_TIMEOUT_MS"],
    [{ OPENAI_API_KEY: "sk", LLM_TIMEOUT_MS: "10" }, "LLM_TIMEOUT_MS"],
    [{ OPENAI_API_KEY: "sk", CUSTOMER_MODEL: "gpt 4o" }, "CUSTOMER_MODEL"],
    [{ CUSTOMER_MODEL: "llama3.1" }, "CUSTOMER_MODEL"],
    [{ OPENAI_API_KEY: "sk", JUDGE_MODEL: "scripted" }, "JUDGE_MODEL"],
  ])("rejects %o with a message naming %s", (env, name) => {
    expect(() => parseLlmEnv(env)).toThrow(LlmEnvError);
    expect(() => parseLlmEnv(env)).toThrow(new RegExp(`${name}:`));
  });

  it("never shows the API key in its messages or its description", () => {
    const env = parseLlmEnv({ OPENAI_API_KEY: "sk-secret-123" });
    expect(describeLlmEnv(env)).not.toContain("sk-secret-123");
    expect(describeLlmEnv(env)).toBe("customer: LLM (gpt-4o-mini at OpenAI); judge: LLM (gpt-4o-mini at OpenAI)");
  });
});
