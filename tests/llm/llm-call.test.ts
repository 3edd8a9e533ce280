/**
 * The LLM customer and classifier end to end against the loopback fake
 * OpenAI-compatible server: real ChatOpenAI, real machine, real scripted
 * fallback, the one-turn pipeline of the CLI and the web (call-runner).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI, type RecordedRequest, type Script } from "../fake-openai/server";
import { demoScript } from "../fake-openai/demo-script";
import { createChatModel } from "../../app/engine/models";
import { createLlmCustomerEngine } from "../../app/engine/llm-customer";
import { createLlmUnderstander } from "../../app/engine/llm-understander";
import { createScriptedEngine, scriptedLine } from "../../app/engine/scripted";
import { renderStep, runTurn } from "../../app/engine/call-runner";
import { answerCall, startCall } from "../../machines/session";
import type { HistoryTurn, RenderResult, UnderstandResult } from "../../app/engine/types";
import type { Locale, Step } from "../../machines/types";
import { angryCaller, RESOLVING_TURNS, tableUnderstander, traineeWordsIn } from "./support";

const scenario = angryCaller();

/** Customer lines from the demo script; understanding from the table. */
const callScript: Script = (req) => {
  if (req.kind === "text") return demoScript(req);
  const words = traineeWordsIn(req.promptText);
  const row = RESOLVING_TURNS.find((t) => t.text === words);
  return { json: { moves: row?.moves ?? [], topics: row?.topics ?? [] } };
};

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ script: callScript });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.setBehaviour(null);
  fake.setLatency({});
});

function engines(options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const config = { kind: "llm" as const, model: "gpt-4o-mini", apiKey: "test", baseURL: options.baseUrl ?? fake.baseUrl, timeoutMs: options.timeoutMs ?? 2000 };
  const model = createChatModel(config);
  const offline = tableUnderstander();
  return {
    customer: createLlmCustomerEngine({ model, fallback: createScriptedEngine(), timeoutMs: config.timeoutMs, backoffMs: 20 }),
    understander: createLlmUnderstander({ model, fallback: offline, timeoutMs: config.timeoutMs }),
    offline,
  };
}

interface PlayedTurn {
  trainee: string;
  understanding: UnderstandResult;
  step: Step;
  customer: RenderResult;
  /** Requests the fake received during this turn. */
  requests: RecordedRequest[];
}

/** Plays the opening and the turns, one by one, as the CLI does. `before(i)` runs before turn i (0 = opening). */
async function play(locale: Locale, e: ReturnType<typeof engines>, turns = RESOLVING_TURNS, before?: (i: number) => void | Promise<void>) {
  const history: HistoryTurn[] = [];
  let step = answerCall(scenario, startCall(scenario).persisted, 1);
  await before?.(0);
  let mark = fake.requests.length;
  const opening = await renderStep(e.customer, { scenario, locale, step, history })!.done;
  history.push({ speaker: "customer", text: opening.text });
  const openingRequests = fake.requests.slice(mark);
  const played: PlayedTurn[] = [];
  for (const [i, t] of turns.entries()) {
    if (step.view.status === "ended") break;
    await before?.(i + 1);
    mark = fake.requests.length;
    const r = await runTurn({ scenario, locale, persisted: step.persisted, history, text: t.text, understander: e.understander, engine: e.customer });
    history.push({ speaker: "trainee", text: r.text });
    const customer = await r.render!.done;
    history.push({ speaker: "customer", text: customer.text });
    step = r.step;
    played.push({ trainee: r.text, understanding: r.understanding, step, customer, requests: fake.requests.slice(mark) });
  }
  return { opening, openingRequests, played, history, step };
}

describe("an LLM-played call against an OpenAI-compatible server", () => {
  it.each(["en", "fr"] as const)("follows the machine's beats to a resolved call in %s, with LLM-written lines", async (locale) => {
    const { opening, played, step } = await play(locale, engines());
    expect(opening).toMatchObject({ engine: "llm", model: "gpt-4o-mini" });
    expect(played.map((p) => p.step.beat?.id)).toEqual([
      "calm-down",
      "reveal:identity",
      "reveal:amount",
      "reveal:date",
      "voice-need:overdraft-fees",
      "need-met:overdraft-fees",
      "thank-and-leave",
    ]);
    for (const p of played) {
      expect(p.customer.engine).toBe("llm");
      expect(p.understanding.classifier).toBe("llm");
    }
    // The demo server says the fact it was told to reveal: the line follows the beat.
    expect(played[2]!.customer.text).toBe(scenario.facts.find((f) => f.id === "amount")!.text[locale]);
    expect(step.view.outcome).toBe("resolved");
  });

  it.each(["en", "fr"] as const)("never sends a hidden fact before the machine unlocks it, and sends it once it is (%s)", async (locale) => {
    fake.clearRequests();
    const { openingRequests, played } = await play(locale, engines());
    const log: Array<{ requests: RecordedRequest[]; unlocked: string[] }> = [
      { requests: openingRequests, unlocked: [] },
      ...played.map((p) => ({ requests: p.requests, unlocked: p.step.view.factsUnlocked })),
    ];
    expect(fake.requests.length).toBe(log.reduce((n, l) => n + l.requests.length, 0));
    for (const fact of scenario.facts) {
      for (const { requests, unlocked } of log) {
        for (const req of requests) {
          for (const lang of ["en", "fr"] as const) {
            if (!unlocked.includes(fact.id)) expect(req.promptText, `${fact.id} (${lang}) in request #${req.index}`).not.toContain(fact.text[lang]);
          }
        }
      }
      const revealTurn = played.find((p) => p.step.beat?.factId === fact.id)!;
      const customerRequest = revealTurn.requests.find((r) => r.kind === "text")!;
      expect(customerRequest.promptText).toContain(fact.text[locale]);
    }
  });

  it("streams the customer's words to the caller chunk by chunk, before the server has finished", async () => {
    fake.setLatency({ firstByteMs: 20, betweenChunksMs: 15 });
    const e = engines();
    const step = answerCall(scenario, startCall(scenario).persisted, 1);
    fake.setBehaviour({ text: "Finally, a human being. You took the wrong amount from my account and I want it fixed today." }, { times: 1 });
    const render = renderStep(e.customer, { scenario, locale: "en", step, history: [] })!;
    const arrivals: Array<{ token: string; at: number }> = [];
    for await (const token of render.tokens) arrivals.push({ token, at: performance.now() });
    const done = await render.done;
    const req = fake.requests.at(-1)!;
    expect(arrivals.length).toBeGreaterThan(10);
    expect(arrivals.map((a) => a.token).join("")).toBe(done.text);
    expect(arrivals[0]!.at).toBeLessThan(req.endedAt!);
    expect(new Set(arrivals.map((a) => Math.round(a.at))).size).toBeGreaterThan(10);
  });
});

describe("when the model fails, the customer still answers", () => {
  const opening = () => answerCall(scenario, startCall(scenario).persisted, 1);
  async function renderOpening(e = engines()) {
    const step = opening();
    const mark = fake.requests.length;
    const render = renderStep(e.customer, { scenario, locale: "en", step, history: [] })!;
    let streamed = "";
    for await (const t of render.tokens) streamed += t;
    return { done: await render.done, streamed, requests: fake.requests.slice(mark), expected: scriptedLine({ scenario, locale: "en", beat: step.beat!, view: step.view, history: [] }) };
  }

  it.each([
    ["http-429", { status: 429 }],
    ["http-500", { status: 500 }],
    ["http-503", { status: 503 }],
    ["malformed-response", { malformed: true }],
  ] as const)("says the scripted line after one retry on %s", async (reason, behaviour) => {
    fake.setBehaviour(behaviour, { times: 2 });
    const r = await renderOpening();
    expect(r.requests).toHaveLength(2);
    expect(r.done).toEqual({ text: r.expected, engine: "scripted", fallbackReason: reason });
    expect(r.streamed).toBe(r.expected);
  });

  it("says the scripted line when the server does not answer within LLM_TIMEOUT_MS, twice", async () => {
    fake.setBehaviour({ hang: true }, { times: 2 });
    const r = await renderOpening(engines({ timeoutMs: 300 }));
    expect(r.requests).toHaveLength(2);
    expect(r.done).toMatchObject({ engine: "scripted", fallbackReason: "timeout", text: r.expected });
  });

  it("counts a stream that is too slow in total as a timeout too", async () => {
    fake.setBehaviour({ text: "Well. I have been waiting for a very long time on this phone line.", latency: { betweenChunksMs: 80 } }, { times: 2 });
    const r = await renderOpening(engines({ timeoutMs: 400 }));
    expect(r.done).toMatchObject({ engine: "scripted", fallbackReason: "timeout", replaced: true });
    expect(r.requests).toHaveLength(1); // words were already shown: no retry
  });

  it("uses the model's line when the retry succeeds, waiting as long as retry-after says", async () => {
    fake.setBehaviour({ status: 429, retryAfterSeconds: 1 }, { times: 1 });
    const r = await renderOpening();
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1]!.receivedAt - r.requests[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    expect(r.done.engine).toBe("llm");
  });

  it("replaces a line whose connection drops mid-stream, and says the bubble must be replaced", async () => {
    fake.setBehaviour({ text: "Finally, a human being, I have been waiting for ten minutes on this line.", dropAfterChunks: 8 }, { times: 1 });
    const r = await renderOpening();
    expect(r.streamed.length).toBeGreaterThan(0);
    expect(r.done).toMatchObject({ engine: "scripted", text: r.expected, fallbackReason: "network", replaced: true });
  });

  it.each([
    ["leak", "I want it fixed now: you took $189.47 instead of $64.99!"],
    ["out-of-character", "As an AI, I don't have an account."],
    ["out-of-character", "*sighs loudly* Finally."],
    ["empty", ""],
    ["too-long", "I waited. I pressed buttons. I got transferred. I got transferred again. Now fix it."],
  ])("replaces a %s reply with the scripted line", async (reason, text) => {
    fake.setBehaviour({ text }, { times: 1 });
    const r = await renderOpening();
    expect(r.requests).toHaveLength(1);
    expect(r.done).toMatchObject({ engine: "scripted", text: r.expected, fallbackReason: reason });
  });

  it("keeps the call going through a failure on every turn, recording which engine said each line", async () => {
    const failures = [{ status: 500 }, { hang: true }, { text: "You took $189.47 and it came out on the 3rd." }, { status: 429 }, { malformed: true }, null, null, null] as const;
    const { played, opening: first, step, history } = await play("en", engines({ timeoutMs: 300 }), RESOLVING_TURNS, (i) => {
      const f = failures[i];
      if (f) fake.setBehaviour(f, { times: 2, kinds: ["text"] });
      else fake.setBehaviour(null);
    });
    expect(history).toHaveLength(1 + 2 * RESOLVING_TURNS.length);
    expect([first, ...played.map((p) => p.customer)].map((c) => c.fallbackReason ?? c.engine)).toEqual([
      "http-500",
      "timeout",
      "leak",
      "http-429",
      "malformed-response",
      "llm",
      "llm",
      "llm",
    ]);
    expect(step.view.outcome).toBe("resolved");
  });

  it("degrades to the scripted customer and the offline classifier when the server goes away mid-call", async () => {
    const other = await startFakeOpenAI({ script: callScript });
    const e = engines({ baseUrl: other.baseUrl });
    const { played, step, history } = await play("en", e, RESOLVING_TURNS, async (i) => {
      if (i === 3) await other.close();
    });
    expect(history).toHaveLength(1 + 2 * RESOLVING_TURNS.length);
    expect(played.slice(0, 2).map((p) => p.customer.engine)).toEqual(["llm", "llm"]);
    for (const p of played.slice(2)) {
      expect(p.customer).toMatchObject({ engine: "scripted", fallbackReason: "network" });
      expect(p.understanding).toMatchObject({ classifier: "offline", fallbackReason: "network" });
    }
    expect(step.view.outcome).toBe("resolved");
  });
});

describe("the LLM classifier against the server", () => {
  const turn = RESOLVING_TURNS[2]!;
  it.each([
    ["malformed JSON", { malformed: true }, /^invalid-output/],
    ["a move outside the vocabulary", { json: { moves: ["fly"], topics: [] } }, /^invalid-output/],
    ["a topic the scenario does not have", { json: { moves: ["greet"], topics: ["weather"] } }, /^invalid-output/],
    ["an HTTP 500", { status: 500 }, /^http-500$/],
  ] as const)("falls back to the offline classifier on %s", async (_label, behaviour, reason) => {
    const e = engines();
    fake.setBehaviour(behaviour, { times: 1, kinds: ["json_schema"] });
    const r = await e.understander.understand(turn.text, "en", scenario);
    expect(r.classifier).toBe("offline");
    expect(r.fallbackReason).toMatch(reason);
    expect(r.moves).toEqual(turn.moves);
    expect(e.offline.calls).toBe(1);
  });

  it("falls back to the offline classifier when the server does not answer in time", async () => {
    const e = engines({ timeoutMs: 200 });
    fake.setBehaviour({ hang: true }, { times: 1, kinds: ["json_schema"] });
    const r = await e.understander.understand(turn.text, "en", scenario);
    expect(r).toMatchObject({ classifier: "offline", fallbackReason: "timeout", moves: turn.moves });
  });

  it("asks for structured output with the moves vocabulary and the scenario's topic ids", async () => {
    const e = engines();
    const r = await e.understander.understand(turn.text, "en", scenario);
    expect(r).toMatchObject({ classifier: "llm", moves: turn.moves });
    const req = fake.requests.at(-1)!;
    expect(req.kind).toBe("json_schema");
    expect(req.schemaName).toBe("understanding");
    expect(JSON.stringify(req.schema)).toContain("acknowledge_feeling");
    expect(JSON.stringify(req.schema)).toContain("identify-other");
  });
});
