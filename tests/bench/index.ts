/**
 * `npm run bench` — what our code adds to a turn, against the loopback fake
 * OpenAI-compatible server with a fixed upstream delay.
 *
 *   LLM turn   = call-runner's runTurn: LLM classifier (structured output) → machine → LLM customer
 *                (streamed, guardrails) with a scripted fallback, real ChatOpenAI over HTTP.
 *   added      = turn time − the upstream's own time (Σ arrival→last byte of the turn's requests,
 *                measured at the fake server).
 *   TTFT added = first token at the consumer − first content chunk written by the server. The engine
 *                holds back the first OPENING_WORDS words (decision 050), so this is also reported
 *                against the chunk that completes them ("TTFT added, after hold").
 *   baseline   = a raw fetch() stream of the same customer request to the same server, same run.
 *
 * Also: the offline classifier per utterance, and a whole scripted turn (offline classifier → machine
 * → scripted line). Options: --turns N (default 240), --first-byte-ms (50), --chunks (20), --chunk-gap-ms (2), --json.
 * The fake server runs in this process (one clock); its own work is inside the upstream window.
 */
import { parseArgs } from "node:util";
import { startFakeOpenAI, type RecordedRequest, type Script } from "../fake-openai/server";
import type { UnderstandResult } from "../../app/engine/types";
import { createChatModel } from "../../app/engine/models";
import { createLlmCustomerEngine, OPENING_WORDS } from "../../app/engine/llm-customer";
import { createLlmUnderstander } from "../../app/engine/llm-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { renderStep, runTurn } from "../../app/engine/call-runner";
import { customerLineInputs, customerLinePrompt } from "../../app/engine/prompts";
import { answerCall, startCall } from "../../machines/session";
import { classify } from "../../machines/classify";
import type { CustomerEngine, HistoryTurn, Understander } from "../../app/engine/types";
import type { Step } from "../../machines/types";
import { angryCaller, RESOLVING_TURNS } from "../llm/support";

const { values } = parseArgs({
  options: {
    turns: { type: "string", default: "240" },
    "first-byte-ms": { type: "string", default: "50" },
    chunks: { type: "string", default: "20" },
    "chunk-gap-ms": { type: "string", default: "2" },
    json: { type: "boolean", default: false },
  },
});
const num = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`error: --${name} must be a whole number ≥ ${min} (got "${v}")`);
    process.exit(2);
  }
  return n;
};
const TURNS = num("turns", values.turns, 10);
const FIRST_BYTE = num("first-byte-ms", values["first-byte-ms"], 0);
const CHUNKS = num("chunks", values.chunks, OPENING_WORDS + 2);
const GAP = num("chunk-gap-ms", values["chunk-gap-ms"], 0);

const scenario = angryCaller();
const WORDS = "Okay then so what are you going to do about it because I really need this sorted out today please and thanks a lot".split(" ");
const line = Array.from({ length: CHUNKS }, (_, i) => WORDS[i % WORDS.length]).join(" ") + ".";
const chunks = line.match(/\s*\S+/g)!; // exactly CHUNKS chunks, leading spaces like OpenAI tokens

const script: Script = (req) => {
  if (req.kind === "text") return { text: line, chunks };
  const words = /"""([\s\S]*)"""/.exec(req.promptText)?.[1];
  const row = RESOLVING_TURNS.find((t) => t.text === words);
  return { json: { moves: row?.moves ?? [], topics: row?.topics ?? [] } };
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), mean: xs.reduce((a, b) => a + b, 0) / xs.length });
const upstream = (reqs: RecordedRequest[]) => reqs.reduce((t, r) => t + ((r.endedAt ?? r.receivedAt) - r.receivedAt), 0);

interface Sample {
  classifierAddedMs: number;
  machineMs: number;
  customerAddedMs: number;
  turnMs: number;
  upstreamMs: number;
  addedMs: number;
  ttftAddedMs: number;
  ttftAfterHoldMs: number;
  engine: string;
  classifier: string;
}

async function main() {
  const fake = await startFakeOpenAI({ script, latency: { firstByteMs: FIRST_BYTE, betweenChunksMs: GAP } });
  const config = { kind: "llm" as const, model: "gpt-4o-mini", apiKey: "bench", baseURL: fake.baseUrl, timeoutMs: 10_000 };
  const model = createChatModel(config);
  const customer = createLlmCustomerEngine({ model, fallback: createScriptedEngine(), timeoutMs: config.timeoutMs });
  const understander = createLlmUnderstander({ model, fallback: createOfflineUnderstander(), timeoutMs: config.timeoutMs });

  // --- LLM turns -----------------------------------------------------------
  const samples: Sample[] = [];
  async function llmTurns(count: number, record: boolean) {
    let done = 0;
    while (done < count) {
      let step: Step = answerCall(scenario, startCall(scenario).persisted, 1);
      const history: HistoryTurn[] = [{ speaker: "customer", text: scenario.opening.en[0]! }];
      for (const t of RESOLVING_TURNS) {
        if (done >= count || step.view.status === "ended") break;
        const mark = fake.requests.length;
        const started = performance.now();
        let understoodAt = NaN;
        const timed: Understander = {
          name: understander.name,
          async understand(...args): Promise<UnderstandResult> {
            const u = await understander.understand(...args);
            understoodAt = performance.now();
            return u;
          },
        };
        const r = await runTurn({ scenario, locale: "en", persisted: step.persisted, history, text: t.text, understander: timed, engine: customer });
        const renderStarted = performance.now();
        let firstToken = NaN;
        let text = "";
        for await (const tok of r.render!.tokens) {
          if (Number.isNaN(firstToken)) firstToken = performance.now();
          text += tok;
        }
        const result = await r.render!.done;
        const ended = performance.now();
        const reqs = fake.requests.slice(mark);
        const customerReq = reqs.find((q) => q.kind === "text");
        history.push({ speaker: "trainee", text: r.text }, { speaker: "customer", text: result.text });
        step = r.step;
        done++;
        if (!record || !customerReq) continue;
        const up = upstream(reqs);
        const classifyReqs = reqs.filter((q) => q.kind !== "text");
        samples.push({
          classifierAddedMs: understoodAt - started - upstream(classifyReqs),
          machineMs: renderStarted - understoodAt,
          customerAddedMs: ended - renderStarted - upstream([customerReq]),
          turnMs: ended - started,
          upstreamMs: up,
          addedMs: ended - started - up,
          ttftAddedMs: firstToken - customerReq.chunkTimes[0]!,
          ttftAfterHoldMs: firstToken - customerReq.chunkTimes[Math.min(OPENING_WORDS, customerReq.chunkTimes.length - 1)]!,
          engine: result.engine,
          classifier: r.understanding.classifier,
        });
      }
    }
  }
  await llmTurns(12, false); // warm-up
  await llmTurns(TURNS, true);
  fake.clearRequests();

  // --- Baseline: raw fetch stream of the same customer request --------------
  const baseStep = answerCall(scenario, startCall(scenario).persisted, 1);
  const messages = await customerLinePrompt.formatMessages(
    customerLineInputs({ scenario, locale: "en", beat: baseStep.beat!, view: baseStep.view, history: [] }),
  );
  const body = JSON.stringify({
    model: "gpt-4o-mini",
    stream: true,
    messages: messages.map((m) => ({ role: m.getType() === "system" ? "system" : "user", content: String(m.content) })),
  });
  const base: { added: number[]; ttft: number[] } = { added: [], ttft: [] };
  for (let i = 0; i < TURNS + 12; i++) {
    const mark = fake.requests.length;
    const started = performance.now();
    const res = await fetch(`${fake.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer bench" }, body });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    let first = NaN;
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let idx: number;
      while ((idx = buf.indexOf("\n\n")) >= 0) {
        const ev = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        const data = ev.replace(/^data: /, "");
        if (data === "[DONE]") continue;
        const piece = (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content;
        if (piece) {
          if (Number.isNaN(first)) first = performance.now();
          text += piece;
        }
      }
    }
    const ended = performance.now();
    const req = fake.requests[mark]!;
    if (i < 12 || text !== line) continue;
    base.added.push(ended - started - upstream([req]));
    base.ttft.push(first - req.chunkTimes[0]!);
  }
  await fake.close();

  // --- Offline classifier and scripted turns ------------------------------
  const offline = createOfflineUnderstander();
  const utterances = RESOLVING_TURNS.map((t) => t.text);
  const classifyMs: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const u = utterances[i % utterances.length]!;
    const t0 = performance.now();
    classify(u, "en");
    classifyMs.push(performance.now() - t0);
  }
  const scripted = createScriptedEngine();
  const scriptedMs: number[] = [];
  await scriptedTurns(scripted, offline, 12, []);
  await scriptedTurns(scripted, offline, TURNS, scriptedMs);

  const s = stats(samples.map((x) => x.addedMs));
  const t = stats(samples.map((x) => x.ttftAddedMs));
  const th = stats(samples.map((x) => x.ttftAfterHoldMs));
  const b = stats(base.added);
  const bt = stats(base.ttft);
  const fallbacks = samples.filter((x) => x.engine !== "llm" || x.classifier !== "llm").length;
  const rows: Array<[string, number, number, number, string]> = [
    ["LLM turn: total (ms)", samples.length, stats(samples.map((x) => x.turnMs)).p50, stats(samples.map((x) => x.turnMs)).p99, ""],
    ["LLM turn: upstream's own time (ms)", samples.length, stats(samples.map((x) => x.upstreamMs)).p50, stats(samples.map((x) => x.upstreamMs)).p99, ""],
    ["LLM turn: added latency (ms)", s.n, s.p50, s.p99, `target p50 < 5, p99 < 20: ${s.p50 < 5 && s.p99 < 20 ? "met" : "NOT met"}`],
    ["  of which LLM classifier (ms)", s.n, pct(samples.map((x) => x.classifierAddedMs), 50), pct(samples.map((x) => x.classifierAddedMs), 99), ""],
    ["  of which machine + render start (ms)", s.n, pct(samples.map((x) => x.machineMs), 50), pct(samples.map((x) => x.machineMs), 99), ""],
    ["  of which LLM customer line (ms)", s.n, pct(samples.map((x) => x.customerAddedMs), 50), pct(samples.map((x) => x.customerAddedMs), 99), ""],
    ["LLM turn: TTFT added (ms)", t.n, t.p50, t.p99, `includes holding ${OPENING_WORDS} words`],
    ["LLM turn: TTFT added, after hold (ms)", th.n, th.p50, th.p99, `vs chunk ${OPENING_WORDS + 1}`],
    ["baseline raw fetch: added latency (ms)", b.n, b.p50, b.p99, `ours/baseline p50 ×${(s.p50 / b.p50).toFixed(1)}`],
    ["baseline raw fetch: TTFT added (ms)", bt.n, bt.p50, bt.p99, ""],
    ["offline classifier per utterance (ms)", classifyMs.length, pct(classifyMs, 50), pct(classifyMs, 99), ""],
    ["scripted turn, whole (ms)", scriptedMs.length, pct(scriptedMs, 50), pct(scriptedMs, 99), ""],
  ];
  if (values.json) {
    console.log(JSON.stringify({ config: { turns: TURNS, firstByteMs: FIRST_BYTE, chunks: CHUNKS, chunkGapMs: GAP }, rows: rows.map(([name, n, p50, p99, note]) => ({ name, n, p50, p99, note })), fallbacks }, null, 2));
  } else {
    console.log(`Upstream (fake server, loopback): ${FIRST_BYTE} ms to first byte, ${CHUNKS} chunks ${GAP} ms apart; ${TURNS} turns; Node ${process.version}`);
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`${"measure".padEnd(w)}  ${"n".padStart(5)}  ${"p50".padStart(8)}  ${"p99".padStart(8)}  note`);
    for (const [name, n, p50, p99, note] of rows) {
      console.log(`${name.padEnd(w)}  ${String(n).padStart(5)}  ${p50.toFixed(3).padStart(8)}  ${p99.toFixed(3).padStart(8)}  ${note}`);
    }
    if (fallbacks > 0) console.log(`warning: ${fallbacks} turns fell back to an offline engine (figures include them)`);
  }
}

async function scriptedTurns(engine: CustomerEngine, understander: Understander, count: number, out: number[]) {
  let done = 0;
  while (done < count) {
    let step: Step = answerCall(scenario, startCall(scenario).persisted, 1);
    const history: HistoryTurn[] = [];
    const opening = renderStep(engine, { scenario, locale: "en", step, history })!;
    history.push({ speaker: "customer", text: (await opening.done).text });
    for (const t of RESOLVING_TURNS) {
      if (done >= count || step.view.status === "ended") break;
      const t0 = performance.now();
      const r = await runTurn({ scenario, locale: "en", persisted: step.persisted, history, text: t.text, understander, engine });
      for await (const _ of r.render!.tokens);
      const result = await r.render!.done;
      out.push(performance.now() - t0);
      history.push({ speaker: "trainee", text: r.text }, { speaker: "customer", text: result.text });
      step = r.step;
      done++;
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
