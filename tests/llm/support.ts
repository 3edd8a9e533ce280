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
import type { CustomerEngine, RenderResult } from "../../app/engine/types";

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
