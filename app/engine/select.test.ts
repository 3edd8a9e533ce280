import { describe, expect, it } from "vitest";
import { parseLlmEnv } from "./llm-env";
import { EngineSelectionError, selectEngines } from "./select";

describe("selectEngines", () => {
  it("chooses the scripted customer and the offline classifier when no model is configured", () => {
    const s = selectEngines(parseLlmEnv({}));
    expect([s.customer.name, s.understander.name]).toEqual(["scripted", "offline"]);
    expect(s.describe()).toBe("customer: scripted; understanding: offline classifier");
  });

  it("chooses the LLM customer and classifier when a server is configured, and says which model and where", () => {
    const s = selectEngines(parseLlmEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", CUSTOMER_MODEL: "llama3.1" }));
    expect([s.customer.name, s.customer.model, s.understander.name]).toEqual(["llm", "llama3.1", "llm"]);
    expect(s.describe()).toContain("llama3.1 at http://127.0.0.1:11434/v1");
    expect(s.info).toEqual({ customer: "llm", model: "llama3.1", baseURL: "http://127.0.0.1:11434/v1", understander: "llm" });
  });

  it("lets --engine scripted override a configured model", () => {
    const s = selectEngines(parseLlmEnv({ OPENAI_API_KEY: "sk-test" }), { engine: "scripted" });
    expect(s.customer.name).toBe("scripted");
  });

  it("refuses --engine llm without a configured server, naming the variables to set", () => {
    expect(() => selectEngines(parseLlmEnv({}), { engine: "llm" })).toThrow(EngineSelectionError);
    expect(() => selectEngines(parseLlmEnv({}), { engine: "llm" })).toThrow(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });
});
