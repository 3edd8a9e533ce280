/**
 * One trainee turn, end to end, shared by the CLI and the web (no database
 * here: the caller commits the trainee's words before calling `runTurn`, and
 * the customer's line with the new snapshot after the render is done).
 *
 *   understand (Understander) → direct (machines/session traineeSaid) → act (CustomerEngine render)
 */
import { z } from "zod";
import type { Scenario } from "../../scenarios/schema";
import { prepareStep, traineeSaid } from "../../machines/session";
import type { Locale, PersistedCall, Step } from "../../machines/types";
import type { CustomerEngine, HistoryTurn, RenderStream, UnderstandResult, Understander } from "./types";
import { startDeadline, TurnBudgetError, type Deadline } from "./deadline";

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
  /**
   * One time budget for the whole turn (ms): the classifier, the customer's line and its retry share
   * it; when it is spent, what is still waiting on the model falls back (decision 112).
   */
  budgetMs?: number;
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

/** The turn's time budget, as a signal (null without a budget: then only each request's own limit applies). */
function budgetOf(budgetMs: number | undefined, signal?: AbortSignal): Deadline | null {
  return budgetMs ? startDeadline(budgetMs, () => new TurnBudgetError(budgetMs), signal) : null;
}

function render(
  engine: CustomerEngine,
  request: { scenario: Scenario; locale: Locale; step: Step; history: HistoryTurn[] },
  signal: AbortSignal | undefined,
  budget: Deadline | null,
): RenderStream | null {
  if (!request.step.beat) {
    budget?.clear();
    return null;
  }
  const stream = engine.render({
    scenario: request.scenario,
    locale: request.locale,
    beat: request.step.beat,
    view: request.step.view,
    history: request.history,
    signal,
  });
  // Once the line is said nothing waits on the budget: cleared after the turn's end is delivered.
  if (budget) void stream.done.then(() => budget.clearSoon(), () => budget.clearSoon());
  return stream;
}

/** Render the customer's line for a step (opening, answer...), within `budgetMs` when given. */
export function renderStep(
  engine: CustomerEngine,
  request: { scenario: Scenario; locale: Locale; step: Step; history: HistoryTurn[]; signal?: AbortSignal; budgetMs?: number },
): RenderStream | null {
  const budget = budgetOf(request.budgetMs, request.signal);
  return render(engine, request, budget?.signal ?? request.signal, budget);
}

/** `TraineeText`'s answer: a text it accepts is checked without zod (trim and length are all it does). */
function traineeText(raw: unknown): string {
  if (typeof raw === "string") {
    const trimmed = raw.trim();
    if (trimmed.length >= 1 && trimmed.length <= 2000) return trimmed;
  }
  const parsed = TraineeText.safeParse(raw);
  if (!parsed.success) throw new InvalidTurnError(parsed.error.issues[0]!.message);
  return parsed.data;
}

export async function runTurn(request: TurnRequest): Promise<TurnResult> {
  const text = traineeText(request.text);
  const budget = budgetOf(request.budgetMs, request.signal);
  const signal = budget?.signal ?? request.signal;
  try {
    const understood = request.understander.understand(text, request.locale, request.scenario, { signal });
    // While the classifier's request is in flight (after the microtasks that send it), restore the call
    // from its snapshot: the machine keeps the restored snapshot per stored object, so the step below,
    // on the critical path once the answer is in, does not validate, clone and revive it again. A
    // snapshot that cannot be restored is reported by that step, as before. (The offline classifier
    // answers at once: nothing to overlap.)
    if (request.understander.name === "llm") {
      setImmediate(() => {
        try {
          prepareStep(request.scenario, request.persisted);
        } catch {
          // traineeSaid throws it below
        }
      });
    }
    const understanding = await understood;
    const step = traineeSaid(request.scenario, request.persisted, text, {
      moves: understanding.moves,
      topics: understanding.topics,
    });
    const stream = render(
      request.engine,
      { scenario: request.scenario, locale: request.locale, step, history: [...request.history, { speaker: "trainee", text }] },
      signal,
      budget,
    );
    // The stored form of the new snapshot is needed only to commit the turn, once the line is said: it is
    // made while the customer's request is in flight (after the microtasks that send it), not before it
    // is sent (machines/session.ts makes it when first read; decision 230).
    setImmediate(() => {
      void step.persisted;
    });
    return { text, understanding, step, render: stream };
  } catch (error) {
    budget?.clear();
    throw error;
  }
}

/** Read a whole render stream (for callers that do not stream). */
export async function collect(render: RenderStream): Promise<string> {
  let streamed = "";
  for await (const token of render.tokens) streamed += token;
  const result = await render.done;
  return result.text || streamed;
}
