/**
 * A circuit breaker for the model server (decision 112): after a failed request (timeout, network,
 * HTTP error, malformed answer) the following turns go straight to the offline engines — the
 * scripted customer, the offline classifier, the heuristic judge — for `coolDownMs`; then one
 * request is let through as a probe: its success closes the breaker, its failure opens it again.
 * One breaker per process and model server, shared by the customer engine, the classifier and
 * the judge's choice; each process learns on its own (a few seconds of one failed turn each).
 */
export interface CircuitBreaker {
  /** True when a request may be sent (closed, or the one probe after the cool-down). */
  allow(): boolean;
  success(): void;
  failure(reason: string): void;
  /** True while the model is considered down (requests go to the offline engines). */
  isOpen(): boolean;
  /** Why it opened (the last failure's reason), for logs. */
  lastReason(): string | null;
}

export const DEFAULT_COOL_DOWN_MS = 30_000;

export function createCircuitBreaker(options: { coolDownMs?: number; now?: () => number } = {}): CircuitBreaker {
  const coolDownMs = options.coolDownMs ?? DEFAULT_COOL_DOWN_MS;
  const now = options.now ?? Date.now;
  let openUntil: number | null = null;
  let probeUntil = 0;
  let reason: string | null = null;
  return {
    allow() {
      if (openUntil === null) return true;
      const t = now();
      if (t < openUntil) return false;
      // Half-open: one probe at a time (a probe that never reports frees the slot after a cool-down).
      if (t < probeUntil) return false;
      probeUntil = t + coolDownMs;
      return true;
    },
    success() {
      openUntil = null;
      probeUntil = 0;
      reason = null;
    },
    failure(why) {
      reason = why;
      openUntil = now() + coolDownMs;
      probeUntil = 0;
    },
    isOpen: () => openUntil !== null,
    lastReason: () => reason,
  };
}
