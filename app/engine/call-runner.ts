/**
 * One trainee turn, end to end, shared by the CLI and the web (no database
 * here: the caller commits the trainee's words before calling `runTurn`, and
 * the customer's line with the new snapshot after the render is done).
 *
 *   understand (Understander) → direct (machines/session traineeSaid) → act (CustomerEngine render)
 */
import { z } from "zod";
import type { Scenario } from "../../scenarios/schema";
import { answerCall, endCall, missCall, startCall, traineeSaid } from "../../machines/session";
import type { Locale, PersistedCall, Step } from "../../machines/types";
import type { CustomerEngine, HistoryTurn, RenderStream, UnderstandResult, Understander } from "./types";

/** A trainee turn as accepted everywhere: trimmed, 1–2,000 characters. */
export const TraineeText = z
  .string()
  .trim()
  .min(1, "say something (the turn is empty)")
  .max(2000, "a turn is at most 2,000 characters");

export interface TurnRequest {
  scenario: Scenario;
  locale: Locale;
  persisted: PersistedCall;
  /** The conversation so far, oldest first, not including `text`. */
  history: HistoryTurn[];
  text: string;
  understander: Understander;
  engine: CustomerEngine;
  signal?: AbortSignal;
}

export interface TurnResult {
  /** The trainee's words after validation (trimmed): what must be stored. */
  text: string;
  understanding: UnderstandResult;
  step: Step;
  /** The customer's answer (null when the machine has nothing to say). */
  render: RenderStream | null;
}

export class InvalidTurnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidTurnError";
  }
}

/** Render the customer's line for a step (opening, answer...). */
export function renderStep(
  engine: CustomerEngine,
  request: { scenario: Scenario; locale: Locale; step: Step; history: HistoryTurn[]; signal?: AbortSignal },
): RenderStream | null {
  if (!request.step.beat) return null;
  return engine.render({
    scenario: request.scenario,
    locale: request.locale,
    beat: request.step.beat,
    view: request.step.view,
    history: request.history,
    signal: request.signal,
  });
}

export async function runTurn(request: TurnRequest): Promise<TurnResult> {
  const parsed = TraineeText.safeParse(request.text);
  if (!parsed.success) throw new InvalidTurnError(parsed.error.issues[0]!.message);
  const text = parsed.data;
  const understanding = await request.understander.understand(text, request.locale, request.scenario);
  const step = traineeSaid(request.scenario, request.persisted, text, {
    moves: understanding.moves,
    topics: understanding.topics,
  });
  const render = renderStep(request.engine, {
    scenario: request.scenario,
    locale: request.locale,
    step,
    history: [...request.history, { speaker: "trainee", text }],
    signal: request.signal,
  });
  return { text, understanding, step, render };
}

/** Read a whole render stream (for callers that do not stream). */
export async function collect(render: RenderStream): Promise<string> {
  let streamed = "";
  for await (const token of render.tokens) streamed += token;
  const result = await render.done;
  return result.text || streamed;
}

export { answerCall, endCall, missCall, startCall };
