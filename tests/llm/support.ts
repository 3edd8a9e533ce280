/**
 * Shared helpers for the LLM engine tests and the benchmark: a scenario, a
 * call driven through the real session API to a given beat, and a fallback
 * customer engine.
 */
import { join } from "node:path";
import { loadScenarioFile, SCENARIOS_DIR } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";
import { answerCall, startCall, traineeSaid } from "../../machines/session";
import type { Move, Step } from "../../machines/types";
import type { CustomerEngine, RenderResult, UnderstandResult, Understander } from "../../app/engine/types";

export function angryCaller(): Scenario {
  return loadScenarioFile(join(SCENARIOS_DIR, "angry-caller.yaml"));
}

/** A call answered on the first ring, then driven by (text, moves, topics) turns. */
export function driveCall(scenario: Scenario, turns: Array<{ text: string; moves: Move[]; topics?: string[] }>): Step[] {
  const steps: Step[] = [];
  let step = startCall(scenario);
  if (scenario.channel === "phone") step = answerCall(scenario, step.persisted, 1);
  steps.push(step);
  for (const t of turns) {
    step = traineeSaid(scenario, step.persisted, t.text, { moves: t.moves, topics: t.topics ?? [] });
    steps.push(step);
  }
  return steps;
}

/**
 * The authored line for the beat, as a customer engine: what the LLM engine
 * falls back to in these tests (the real scripted engine picks among the
 * variants; this one always takes the first, so tests can predict it).
 */
export function firstLineEngine(): CustomerEngine & { calls: number } {
  const engine = {
    name: "scripted" as const,
    calls: 0,
    render(req: Parameters<CustomerEngine["render"]>[0]) {
      engine.calls++;
      const { scenario, beat, locale } = req;
      const lines =
        (beat.terse ? scenario.lines[`${beat.id}/terse`]?.[locale] : undefined) ??
        scenario.lines[beat.id]?.[locale] ??
        (beat.kind === "opening" ? scenario.opening[locale] : undefined) ??
        ["…"];
      const text = lines[0] ?? "…";
      const result: RenderResult = { text, engine: "scripted" };
      return {
        tokens: (async function* () {
          yield text;
        })(),
        done: Promise.resolve(result),
      };
    },
  };
  return engine;
}

export async function collect(tokens: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of tokens) out.push(t);
  return out;
}

/** A scripted call of the angry-caller scenario that ends resolved: the trainee's words and how they are understood. */
export const RESOLVING_TURNS: Array<{ text: string; moves: Move[]; topics: string[] }> = [
  { text: "Hello, Alex at Connexa. I'm so sorry you were passed around, that's really frustrating.", moves: ["greet", "introduce", "apologize", "acknowledge_feeling"], topics: [] },
  { text: "I can find your account without the number. What's your name and the phone number on the account?", moves: ["ask_question", "take_ownership"], topics: ["identify-other"] },
  { text: "Thank you. How much was taken?", moves: ["ask_question"], topics: ["amount"] },
  { text: "And on what date did it come out?", moves: ["ask_question"], topics: ["date"] },
  { text: "That's our error. I'm refunding the difference myself today; you'll see it within two business days.", moves: ["take_ownership", "offer_solution", "set_expectation"], topics: ["cause", "refund", "deadline"] },
  { text: "I'll also credit the overdraft fees your bank charged, today, with the refund.", moves: ["offer_solution", "take_ownership"], topics: ["bank-fees", "refund", "deadline"] },
  // Once settled she waits for the goodbye (decision 081).
  { text: "Thank you for your patience, Mrs Tremblay. Have a good day.", moves: ["use_name", "close_warmly"], topics: [] },
];

/** The trainee's words quoted in the understanding prompt (app/engine/prompts.ts). */
export function traineeWordsIn(prompt: string): string | undefined {
  return /"""([\s\S]*)"""/.exec(prompt)?.[1];
}

/**
 * An understander that knows the answers for a fixed table of turns: the
 * fallback in these tests, and what the fake server answers to understanding
 * requests. Unknown turns are understood as nothing.
 */
export function tableUnderstander(table = RESOLVING_TURNS): Understander & { calls: number } {
  const u = {
    name: "offline" as const,
    calls: 0,
    async understand(text: string): Promise<UnderstandResult> {
      u.calls++;
      const row = table.find((t) => t.text === text);
      return { moves: row ? [...row.moves] : [], topics: row ? [...row.topics] : [], classifier: "offline" };
    },
  };
  return u;
}
