import { afterEach, describe, expect, it, vi } from "vitest";
import { budgetSpent, startDeadline, TurnBudgetError } from "./deadline";

afterEach(() => {
  vi.useRealTimers();
});

describe("a request's deadline", () => {
  it("aborts with its reason when the time is up, and says it timed out", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const d = startDeadline(100, () => new Error("too slow"));
    vi.advanceTimersByTime(99);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toEqual(new Error("too slow"));
    expect(d.timedOut()).toBe(true);
    expect(d.controller.signal).toBe(d.signal);
  });

  it("follows an outer signal (already aborted or later), without timing out", () => {
    const budget = new AbortController();
    const d = startDeadline(10_000, () => new Error("too slow"), budget.signal);
    budget.abort(new TurnBudgetError(5));
    expect(d.signal.aborted).toBe(true);
    expect(budgetSpent(d.signal)).toBe(true);
    expect(d.timedOut()).toBe(false);
    d.clear();
    const late = startDeadline(10_000, () => new Error("too slow"), budget.signal);
    expect(late.signal.reason).toBeInstanceOf(TurnBudgetError);
    late.clear();
  });

  it("clear() stops both at once; clearSoon() from the next turn of the event loop (decision 250)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const outer = new AbortController();
    const now = startDeadline(100, () => new Error("too slow"), outer.signal);
    now.clear();
    const soon = startDeadline(100, () => new Error("too slow"), outer.signal);
    soon.clearSoon();
    await new Promise((r) => setImmediate(r));
    vi.advanceTimersByTime(1_000);
    outer.abort(new Error("gone"));
    expect(now.signal.aborted).toBe(false);
    expect(soon.signal.aborted).toBe(false);
    // Until then it still holds: an outer abort in the meantime reaches the request.
    const outer2 = new AbortController();
    const pending = startDeadline(100, () => new Error("too slow"), outer2.signal);
    pending.clearSoon();
    outer2.abort(new Error("meanwhile"));
    expect(pending.signal.reason).toEqual(new Error("meanwhile"));
  });
});
