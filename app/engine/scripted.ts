/**
 * The scripted customer: renders the machine's beat with the scenario's
 * authored lines (machines/lines.ts), in the call's language, never repeating
 * a line verbatim while a variant is unused. Offline and deterministic; it
 * streams word by word like the LLM engine so both look the same to callers.
 */
import { chooseLine } from "../../machines/lines";
import { ringingOf } from "../../machines/call-machine";
import type { CustomerEngine, RenderRequest, RenderResult, RenderStream } from "./types";

/** The scripted line for a request (no streaming). Also the LLM engine's fallback. */
export function scriptedLine(request: RenderRequest): string {
  const { scenario, locale, beat, view, history } = request;
  const said = history.filter((t) => t.speaker === "customer").map((t) => t.text);
  const late =
    scenario.channel === "phone" &&
    view.answeredAfterRings !== null &&
    view.answeredAfterRings > ringingOf(scenario).patientUntilRing;
  return chooseLine(scenario, locale, beat, { said, seed: view.traineeTurns, answeredLate: late });
}

/** Split a line into word tokens whose concatenation is the line (white space kept with the word before). */
export function wordTokens(text: string): string[] {
  return text.match(/\S+\s*/gu) ?? [];
}

export interface ScriptedEngineOptions {
  /** Pause between words, in ms (0 by default; the web may slow it down to feel like speech). */
  wordDelayMs?: number;
}

export function createScriptedEngine(options: ScriptedEngineOptions = {}): CustomerEngine {
  const delay = options.wordDelayMs ?? 0;
  return {
    name: "scripted",
    render(request: RenderRequest): RenderStream {
      const text = scriptedLine(request);
      let resolveDone!: (r: RenderResult) => void;
      const done = new Promise<RenderResult>((resolve) => {
        resolveDone = resolve;
      });
      const result: RenderResult = { text, engine: "scripted" };
      async function* tokens(): AsyncGenerator<string> {
        try {
          for (const token of wordTokens(text)) {
            if (request.signal?.aborted) break;
            if (delay > 0) await new Promise((r) => setTimeout(r, delay));
            yield token;
          }
        } finally {
          resolveDone(result);
        }
      }
      // The line is final as soon as it is chosen: `done` does not wait for the stream to be read.
      resolveDone(result);
      return { tokens: tokens(), done };
    },
  };
}
