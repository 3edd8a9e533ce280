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
  /**
   * `clear()` from the next turn of the event loop: for a deadline whose request is over (the answer read, the
   * line said), so that what waits for the result does not wait for the timer's and the listener's removal.
   */
  clearSoon(): void;
}

class TimedDeadline implements Deadline {
  readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private expired = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    timeoutMs: number,
    reason: () => Error,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(reason());
    }, timeoutMs);
    if (!outer) return;
    if (outer.aborted) this.controller.abort(outer.reason);
    else outer.addEventListener("abort", (this.onAbort = () => this.controller.abort(outer.reason)), { once: true });
  }

  timedOut(): boolean {
    return this.expired;
  }

  clear(): void {
    clearTimeout(this.timer);
    if (this.onAbort) this.outer!.removeEventListener("abort", this.onAbort);
  }

  clearSoon(): void {
    setImmediate(() => this.clear());
  }
}

export function startDeadline(timeoutMs: number, reason: () => Error, outer?: AbortSignal): Deadline {
  return new TimedDeadline(timeoutMs, reason, outer);
}
