/**
 * Every seed scenario, played with the LLM engines against the fake server's
 * demo script (customer lines that follow the beat written in the prompt,
 * understanding from the offline classifier), behaves as with the scripted
 * customer: same beats, same outcome — the machine directs, the model acts —
 * and no request carries a fact before it is unlocked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server";
import { demoScript } from "../fake-openai/demo-script";
import { loadAllScenarios } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";
import { createChatModel } from "../../app/engine/models";
import { createLlmCustomerEngine } from "../../app/engine/llm-customer";
import { createLlmUnderstander } from "../../app/engine/llm-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { renderStep, runTurn } from "../../app/engine/call-runner";
import { answerCall, startCall } from "../../machines/session";
import type { CustomerEngine, HistoryTurn, RenderResult, Understander } from "../../app/engine/types";
import type { Locale } from "../../machines/types";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "play");

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ script: demoScript });
});
afterAll(async () => {
  await fake.close();
});

async function play(scenario: Scenario, locale: Locale, lines: string[], engine: CustomerEngine, understander: Understander) {
  let step = startCall(scenario);
  if (scenario.channel === "phone") step = answerCall(scenario, step.persisted, 1);
  const history: HistoryTurn[] = [];
  const results: RenderResult[] = [];
  const beats: string[] = [step.beat!.id];
  const log: Array<{ from: number; to: number; unlocked: string[] }> = [];
  let mark = fake.requests.length;
  const opening = await renderStep(engine, { scenario, locale, step, history })!.done;
  log.push({ from: mark, to: fake.requests.length, unlocked: [...step.view.factsUnlocked] });
  results.push(opening);
  history.push({ speaker: "customer", text: opening.text });
  for (const text of lines) {
    if (step.view.status === "ended") break;
    mark = fake.requests.length;
    const r = await runTurn({ scenario, locale, persisted: step.persisted, history, text, understander, engine });
    const done = await r.render!.done;
    log.push({ from: mark, to: fake.requests.length, unlocked: [...r.step.view.factsUnlocked] });
    step = r.step;
    beats.push(step.beat?.id ?? "-");
    results.push(done);
    history.push({ speaker: "trainee", text: r.text }, { speaker: "customer", text: done.text });
  }
  return { beats, results, outcome: step.view.outcome, log };
}

const scenarios = loadAllScenarios();
const cases = scenarios.flatMap((s) => (["en", "fr"] as const).map((locale) => [s.id, locale] as const));

describe("the seed scenarios with an LLM-played customer", () => {
  it("covers every seed scenario", () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(["angry-caller", "lost-cap", "smile-25k"]);
  });

  it.each(cases)("%s (%s) follows the same beats to the same outcome as the scripted customer, and leaks nothing", async (id, locale) => {
    const scenario = scenarios.find((s) => s.id === id)!;
    const lines = readFileSync(join(FIXTURES, `${id}.${locale}.thoughtful.txt`), "utf8").split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const model = createChatModel({ kind: "llm", model: "gpt-4o-mini", apiKey: "test", baseURL: fake.baseUrl, timeoutMs: 5000 });
    const llm = await play(
      scenario,
      locale,
      lines,
      createLlmCustomerEngine({ model, fallback: createScriptedEngine(), timeoutMs: 5000 }),
      createLlmUnderstander({ model, fallback: createOfflineUnderstander() }),
    );
    const scripted = await play(scenario, locale, lines, createScriptedEngine(), createOfflineUnderstander());
    expect(llm.beats).toEqual(scripted.beats);
    expect(llm.outcome).toEqual(scripted.outcome);
    expect(llm.results.every((r) => r.engine === "llm"), JSON.stringify(llm.results.filter((r) => r.engine !== "llm"))).toBe(true);
    for (const { from, to, unlocked } of llm.log) {
      for (const req of fake.requests.slice(from, to)) {
        for (const fact of scenario.facts) {
          if (unlocked.includes(fact.id)) continue;
          expect(req.promptText, `${fact.id} before unlock`).not.toContain(fact.text.en);
          expect(req.promptText, `${fact.id} before unlock`).not.toContain(fact.text.fr);
        }
      }
    }
  });
});
