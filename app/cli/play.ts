/**
 * `npm run --silent cli -- play <scenario> [--locale en|fr] [--answer-after-rings N] [--lines FILE] [--json] [--engine scripted|llm]`
 *
 * Plays a scenario in the terminal against the scripted customer, or the LLM
 * customer when a model is configured (--engine: default llm when configured;
 * app/engine/select.ts decides), through the
 * same one-turn pipeline as the web (app/engine/call-runner.ts).
 *   - interactive without --lines: shows the customer's words, reads yours; `/end` ends the call;
 *   - --lines FILE: one trainee utterance a line, in order; the call ends when the
 *     machine ends or the lines run out (the trainee then ends the call);
 *   - --json: one JSON object with the whole call.
 * Errors: one line on stderr; exit 2 for usage errors, 1 for the others.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { isLocale, type Locale } from "../../scenarios/moves";
import type { Move, Outcome, Step } from "../../machines/types";
import { answerCall, endCall, missCall, ringPolicy, startCall } from "../../machines/session";
import { ScenarioFileError, loadScenarioById } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";
import { renderStep, runTurn } from "../engine/call-runner";
import { createScriptedEngine } from "../engine/scripted";
import type { CustomerEngine, HistoryTurn, RenderStream, Understander } from "../engine/types";
import { LlmEnvError, parseLlmEnv } from "../engine/llm-env";
import { EngineSelectionError, selectEngines, type EnginesInfo } from "../engine/select";
import { cliUnderstandingCacheDir } from "../engine/understanding-cache";
import { scorePlayedCall } from "../scoring/index";
import { formatShortScorecard, scorecardJson } from "./score";

export const ENGINES = ["scripted", "llm"] as const;
export type EngineName = (typeof ENGINES)[number];

/** The one place the customer engine is chosen (the LLM engine adds its case here). */
export function createEngine(name: EngineName): CustomerEngine {
  switch (name) {
    case "scripted":
      return createScriptedEngine();
    case "llm":
      return selectEngines(parseLlmEnv(process.env), { engine: "llm" }).customer;
  }
}

export interface PlayedTurn {
  speaker: "customer" | "trainee";
  text: string;
  moves?: Move[];
  topics?: string[];
  /** Customer turns: the engine that said it, and why an LLM line was replaced by the scripted one. */
  engine?: "scripted" | "llm";
  fallbackReason?: string;
  /** Trainee turns: who understood them (the LLM classifier falls back to the offline one). */
  classifier?: "offline" | "llm";
}

export interface PlayResult {
  scenario: string;
  locale: Locale;
  engine: string;
  /** The customer model, with the LLM engine. */
  model?: string;
  answeredAfterRings: number | null;
  outcome: Outcome;
  turns: PlayedTurn[];
}

class UsageError extends Error {}

const UI = {
  en: {
    customer: "Customer",
    you: "You",
    rings: (n: number) => `(The phone rang ${n} time${n === 1 ? "" : "s"} before you answered.)`,
    missed: (n: number) => `(The phone rang ${n} times. Nobody answered: the caller hung up.)`,
    atDesk: "(The customer is at your desk.)",
    hint: "Type what you say and press Enter. /end ends the call.",
    ended: (o: Outcome, p: number) => `— Call over: ${OUTCOME_TEXT.en[o]} (patience ${p}/100).`,
    briefing: "Briefing",
    role: "Your role",
    engines: (i: EnginesInfo) =>
      i.customer === "llm"
        ? `Customer: LLM (${i.model}${i.baseURL ? ` at ${i.baseURL}` : " at OpenAI"}), scripted if it fails · understanding: ${i.understander === "llm" ? "LLM, offline if it fails" : "offline"}`
        : "Customer: scripted · understanding: offline",
    fellBack: (reason: string) => `(scripted line: ${reason})`,
  },
  fr: {
    customer: "Cliente",
    you: "Vous",
    rings: (n: number) => `(Le téléphone a sonné ${n} fois avant que vous décrochiez.)`,
    missed: (n: number) => `(Le téléphone a sonné ${n} fois. Personne n'a répondu : la personne a raccroché.)`,
    atDesk: "(La cliente est devant vous.)",
    hint: "Tapez ce que vous dites puis Entrée. /end termine l'appel.",
    ended: (o: Outcome, p: number) => `— Fin de l'échange : ${OUTCOME_TEXT.fr[o]} (patience ${p}/100).`,
    briefing: "Contexte",
    role: "Votre rôle",
    engines: (i: EnginesInfo) =>
      i.customer === "llm"
        ? `Client : LLM (${i.model}${i.baseURL ? ` sur ${i.baseURL}` : " chez OpenAI"}), scripté en cas d'échec · compréhension : ${i.understander === "llm" ? "LLM, hors ligne en cas d'échec" : "hors ligne"}`
        : "Client : scripté · compréhension : hors ligne",
    fellBack: (reason: string) => `(réplique scriptée : ${reason})`,
  },
} as const;

const OUTCOME_TEXT: Record<Locale, Record<Outcome, string>> = {
  en: { resolved: "resolved", unresolved: "not resolved", customer_left: "the customer left", not_answered: "not answered" },
  fr: { resolved: "résolu", unresolved: "non résolu", customer_left: "la personne est partie", not_answered: "sans réponse" },
};

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        locale: { type: "string", default: "en" },
        "answer-after-rings": { type: "string", default: "1" },
        lines: { type: "string" },
        json: { type: "boolean", default: false },
        engine: { type: "string" },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split("\n")[0]! : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "play needs a scenario id (usage: play <scenario> [--locale en|fr] [--answer-after-rings N] [--lines FILE] [--json])"
        : `play takes one scenario, got ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const locale = values.locale!;
  if (!isLocale(locale)) throw new UsageError(`--locale must be en or fr, got "${locale}"`);
  const ringsText = values["answer-after-rings"]!;
  if (!/^\d+$/.test(ringsText)) throw new UsageError(`--answer-after-rings must be a whole number ≥ 0, got "${ringsText}"`);
  const engine = values.engine;
  if (engine !== undefined && !(ENGINES as readonly string[]).includes(engine)) {
    throw new UsageError(`--engine must be one of ${ENGINES.join(", ")}, got "${engine}"`);
  }
  return {
    scenarioId: positionals[0]!,
    locale,
    rings: Number(ringsText),
    linesFile: values.lines,
    json: values.json!,
    engine: engine as EngineName | undefined,
  };
}

/** Trainee lines from a file: one utterance a line, blank lines skipped. */
function readLinesFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`cannot read --lines file ${file}: ${code === "ENOENT" ? "no such file" : (code ?? String(err))}`);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Where the trainee's words come from: a file, or the terminal. */
interface TraineeSource {
  next(): Promise<string | null>;
  close(): void;
}

function fileSource(lines: string[]): TraineeSource {
  let i = 0;
  return { next: async () => (i < lines.length ? lines[i++]! : null), close() {} };
}

function terminalSource(prompt: string, output: NodeJS.WritableStream): TraineeSource {
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  const queue: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let closed = false;
  rl.on("line", (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  rl.on("close", () => {
    closed = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    async next() {
      for (;;) {
        if (process.stdin.isTTY) {
          rl.setPrompt(prompt);
          rl.prompt();
        }
        const line = queue.length > 0 ? queue.shift()! : closed ? null : await new Promise<string | null>((r) => waiting.push(r));
        if (line === null) return null;
        if (line.trim().length > 0) return line;
      }
    },
    close: () => rl.close(),
  };
}

export interface PlayOptions {
  scenario: Scenario;
  locale: Locale;
  rings: number;
  engine: CustomerEngine;
  understander: Understander;
  source: TraineeSource;
  /** Called with each piece of text to show (nothing in --json mode). */
  print?: (text: string) => void;
  /** Show the trainee's words too (when they come from a file, the terminal did not show them). */
  echoTrainee?: boolean;
  /** One time budget per turn for the model (LLM_TIMEOUT_MS; decision 112). */
  budgetMs?: number;
}

/** Play one call to the end. */
export async function playCall(options: PlayOptions): Promise<PlayResult> {
  const { scenario, locale, engine, understander, source } = options;
  const print = options.print ?? (() => {});
  const ui = UI[locale];
  const turns: PlayedTurn[] = [];
  const history = (): HistoryTurn[] => turns.map((t) => ({ speaker: t.speaker, text: t.text }));

  const say = async (render: RenderStream | null) => {
    if (!render) return;
    print(`${ui.customer}: `);
    let streamed = "";
    for await (const token of render.tokens) {
      streamed += token;
      print(token);
    }
    const done = await render.done;
    const { text } = done;
    if (text !== streamed) print(`\r${ui.customer}: ${text}`);
    if (done.fallbackReason && engine.name === "llm") print(` ${ui.fellBack(done.fallbackReason)}`);
    print("\n");
    turns.push({
      speaker: "customer",
      text: text || streamed,
      engine: done.engine,
      ...(done.fallbackReason ? { fallbackReason: done.fallbackReason } : {}),
    });
  };

  let step: Step = startCall(scenario);
  if (scenario.channel === "phone") {
    const { maxRings } = ringPolicy(scenario);
    if (options.rings > maxRings) {
      step = missCall(scenario, step.persisted);
      print(`${ui.missed(maxRings)}\n`);
    } else {
      step = answerCall(scenario, step.persisted, options.rings);
      print(`${ui.rings(options.rings)}\n`);
    }
  } else {
    print(`${ui.atDesk}\n`);
  }
  await say(renderStep(engine, { scenario, locale, step, history: history(), budgetMs: options.budgetMs }));

  while (step.view.status === "conversation") {
    const line = await source.next();
    if (line === null || line.trim() === "/end") {
      step = endCall(scenario, step.persisted);
      break;
    }
    if (options.echoTrainee) print(`${ui.you}: ${line.trim()}\n`);
    const result = await runTurn({
      scenario,
      locale,
      persisted: step.persisted,
      history: history(),
      text: line,
      understander,
      engine,
      budgetMs: options.budgetMs,
    });
    turns.push({
      speaker: "trainee",
      text: result.text,
      moves: result.understanding.moves,
      topics: result.understanding.topics,
      classifier: result.understanding.classifier,
    });
    step = result.step;
    await say(result.render);
  }
  source.close();

  const outcome = step.view.outcome ?? "unresolved";
  print(`${ui.ended(outcome, step.view.patience)}\n`);
  return {
    scenario: scenario.id,
    locale,
    engine: engine.name,
    ...(engine.model ? { model: engine.model } : {}),
    answeredAfterRings: scenario.channel === "phone" ? step.view.answeredAfterRings : null,
    outcome,
    turns,
  };
}

export async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    console.error(`error: ${(err as Error).message}`);
    return 2;
  }
  let engines: ReturnType<typeof selectEngines>;
  try {
    engines = selectEngines(parseLlmEnv(process.env), { engine: args.engine, understandingCacheDir: cliUnderstandingCacheDir() });
  } catch (err) {
    if (err instanceof LlmEnvError) console.error(`error: ${err.problems.join("; ")}`);
    else console.error(`error: ${err instanceof EngineSelectionError ? err.message : String(err)}`);
    return 2;
  }
  try {
    const scenario = loadScenarioById(args.scenarioId);
    const lines = args.linesFile !== undefined ? readLinesFile(args.linesFile) : null;
    const ui = UI[args.locale];
    const interactive = lines === null;
    const print = args.json ? undefined : (text: string) => void process.stdout.write(text);
    if (interactive && !args.json) {
      print!(`\n${scenario.title[args.locale]}\n${ui.briefing}: ${scenario.setting[args.locale]}\n${ui.role}: ${scenario.role[args.locale]}\n${ui.hint}\n\n`);
    }
    print?.(`(${ui.engines(engines.info)})\n`);
    const result = await playCall({
      scenario,
      locale: args.locale,
      rings: args.rings,
      engine: engines.customer,
      understander: engines.understander,
      // With --json, stdout carries only the JSON: the prompt goes to stderr.
      source: lines ? fileSource(lines) : terminalSource(`${ui.you}: `, args.json ? process.stderr : process.stdout),
      print,
      echoTrainee: !interactive,
      budgetMs: engines.turnBudgetMs,
    });
    // Scored like the web: the state the trainee lived, the LLM judge when configured (issue 4).
    const card = await scorePlayedCall(scenario, args.locale, result.turns, args.rings);
    if (args.json) process.stdout.write(`${JSON.stringify({ ...result, scorecard: scorecardJson(card) })}\n`);
    else print!(`\n${formatShortScorecard(card)}\n`);
    return 0;
  } catch (err) {
    const message =
      err instanceof ScenarioFileError ? err.problems.join("; ") : err instanceof Error ? err.message : String(err);
    console.error(`error: ${message}`);
    return 1;
  }
}
