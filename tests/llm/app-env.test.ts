import { describe, expect, it } from "vitest";
import { customerEngineKind, InvalidEnvironmentError, judgeKind, llmEnvOf, parseEnv } from "../../app/env.server";

describe("the app's environment with the language-model variables", () => {
  it("turns the LLM on for a local server without a key, and the judge uses the customer's model", () => {
    const env = parseEnv({ OPENAI_BASE_URL: "http://localhost:11434/v1", CUSTOMER_MODEL: "llama3.1" });
    expect([customerEngineKind(env), judgeKind(env)]).toEqual(["llm", "llm"]);
    expect(env.JUDGE_MODEL).toBe("llama3.1");
    expect(llmEnvOf(env).customer).toMatchObject({ kind: "llm", model: "llama3.1", baseURL: "http://localhost:11434/v1" });
  });

  it("refuses at start-up a model name with no server, and the offline keyword of the other variable", () => {
    expect(() => parseEnv({ CUSTOMER_MODEL: "llama3.1" })).toThrow(/^Invalid environment: CUSTOMER_MODEL: .*OPENAI_API_KEY or OPENAI_BASE_URL/);
    expect(() => parseEnv({ OPENAI_API_KEY: "sk", CUSTOMER_MODEL: "heuristic" })).toThrow(InvalidEnvironmentError);
  });

  it("reports a wrong base URL once", () => {
    try {
      parseEnv({ OPENAI_BASE_URL: "localhost:11434" });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidEnvironmentError).problems.filter((p) => p.startsWith("OPENAI_BASE_URL"))).toHaveLength(1);
    }
  });
});
