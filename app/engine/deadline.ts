/**
 * The time limit of one model request (LLM_TIMEOUT_MS): an AbortController that aborts with
 * `reason()` when the time is up, and also when an outer signal (the caller giving up) aborts.
 * Used by the LLM customer, the LLM classifier and the LLM judge; `clear()` in a `finally`.
 */
/** The reason a turn's requests are aborted when its one time budget is spent (decision 112). */
export class TurnBudgetError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the turn's time budget of ${budgetMs} ms is spent`);
    this.name = "TurnBudgetError";
  }
}

/** True when `signal` was aborted because the turn's time budget ran out. */
export function budgetSpent(signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted && signal.reason instanceof TurnBudgetError);
}

export interface Deadline {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** True once the time limit (not the outer signal) aborted the request. */
  timedOut(): boolean;
  clear(): void;
}

export function startDeadline(timeoutMs: number, reason: () => Error, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(reason());
  }, timeoutMs);
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener("abort", onAbort, { once: true });
  return {
    controller,
    signal: controller.signal,
    timedOut: () => expired,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    },
  };
}
