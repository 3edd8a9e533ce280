/**
 * A model server that accepts connections and never answers (issue 10.11, decision 112), against the
 * loopback fake server: one time budget per turn (the classifier, the customer's line and its retry
 * share it), and a circuit breaker that sends the following turns straight to the offline engines,
 * then tries the model again after its cool-down.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI, type Script } from "../fake-openai/server";
import { demoScript } from "../fake-openai/demo-script";
import { parseLlmEnv } from "../../app/engine/llm-env";
import { selectEngines } from "../../app/engine/select";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { renderStep, runTurn } from "../../app/engine/call-runner";
import { answerCall, startCall } from "../../machines/session";
import type { RenderResult } from "../../app/engine/types";
import { angryCaller, RESOLVING_TURNS, traineeWordsIn } from "./support";

const scenario = angryCaller();
const BUDGET_MS = 1_000;

const script: Script = (req) => {
  if (req.kind === "text") return demoScript(req);
  const row = RESOLVING_TURNS.find((t) => t.text === traineeWordsIn(req.promptText));
  return { json: { moves: row?.moves ?? [], topics: row?.topics ?? [] } };
};

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ script });
  // The offline classifier loads its model on first use: not part of any turn's figure below.
  await createOfflineUnderstander().understand("Hello.", "en", scenario);
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => fake.setBehaviour(null));

function engines(coolDownMs = 60_000) {
  return selectEngines(parseLlmEnv({ OPENAI_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: String(BUDGET_MS) }), { coolDownMs });
}

async function turn(e: ReturnType<typeof engines>, text = RESOLVING_TURNS[0]!.text) {
  const opening = answerCall(scenario, startCall(scenario).persisted, 1);
  const mark = fake.requests.length;
  const t0 = performance.now();
  const result = await runTurn({
    scenario,
    locale: "en",
    persisted: opening.persisted,
    history: [],
    text,
    understander: e.understander,
    engine: e.customer,
    budgetMs: e.turnBudgetMs,
  });
  let streamed = "";
  for await (const token of result.render!.tokens) streamed += token;
  const done: RenderResult = await result.render!.done;
  return { ms: performance.now() - t0, done, streamed, understanding: result.understanding, requests: fake.requests.length - mark };
}

describe("a model that hangs", () => {
  it("costs a turn one time budget, not a timeout per request and per retry", async () => {
    fake.setBehaviour({ hang: true });
    const e = engines();
    expect(e.turnBudgetMs).toBe(BUDGET_MS);
    const r = await turn(e);
    // Before: classifier timeout + customer timeout + backoff + retry timeout ≈ 3.25 budgets.
    expect(r.ms).toBeLessThan(BUDGET_MS * 1.5);
    expect(r.understanding).toMatchObject({ classifier: "offline", fallbackReason: "timeout" });
    expect(r.done.engine).toBe("scripted");
    expect(r.streamed.trim()).toBe(r.done.text);
    expect(e.breaker!.isOpen()).toBe(true);
  });

  it("sends the following turns straight to the offline engines without asking the model", async () => {
    fake.setBehaviour({ hang: true });
    const e = engines();
    await turn(e);
    const next = await turn(e, RESOLVING_TURNS[1]!.text);
    expect(next.requests).toBe(0);
    expect(next.ms).toBeLessThan(BUDGET_MS / 2);
    expect(next.understanding).toMatchObject({ classifier: "offline", fallbackReason: "offline-mode" });
    expect(next.done).toMatchObject({ engine: "scripted", fallbackReason: "offline-mode" });
    // An opening line is offline too while the breaker is open.
    const step = answerCall(scenario, startCall(scenario).persisted, 1);
    const line = await renderStep(e.customer, { scenario, locale: "en", step, history: [], budgetMs: e.turnBudgetMs })!.done;
    expect(line).toMatchObject({ engine: "scripted", fallbackReason: "offline-mode" });
  });

  it("tries the model again after the cool-down, and is back to the model's lines when it answers", async () => {
    fake.setBehaviour({ hang: true });
    const e = engines(300);
    await turn(e);
    fake.setBehaviour(null);
    expect((await turn(e)).done.fallbackReason).toBe("offline-mode");
    await new Promise((r) => setTimeout(r, 350));
    const back = await turn(e);
    expect(back.requests).toBe(2);
    expect(back.understanding.classifier).toBe("llm");
    expect(back.done.engine).toBe("llm");
    expect(e.breaker!.isOpen()).toBe(false);
  });

  it("opens the breaker again when the probe after the cool-down fails too", async () => {
    fake.setBehaviour({ hang: true });
    const e = engines(200);
    await turn(e);
    await new Promise((r) => setTimeout(r, 250));
    const probe = await turn(e);
    expect(probe.requests).toBeGreaterThan(0);
    expect(probe.ms).toBeLessThan(BUDGET_MS * 1.5);
    const after = await turn(e);
    expect(after.requests).toBe(0);
    expect(after.done.fallbackReason).toBe("offline-mode");
  });
});
