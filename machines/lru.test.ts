import { describe, expect, it } from "vitest";
import { Lru, memoized } from "./lru";

describe("Lru", () => {
  it("forgets the least recently used entry when full, and a hit makes an entry recent", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1).set("b", 2);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3); // b goes
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });

  it("replacing a key keeps one entry and makes it recent", () => {
    const lru = new Lru<string, number>(2);
    lru.set("a", 1).set("b", 2).set("a", 10).set("c", 3);
    expect(lru.get("a")).toBe(10);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.size).toBe(2);
  });

  it("refuses a limit that is not a whole number of at least 1", () => {
    expect(() => new Lru(0)).toThrow(/limit must be a whole number/);
    expect(() => new Lru(1.5)).toThrow(/limit must be a whole number/);
  });
});

describe("memoized", () => {
  it("calls the function once per argument while it is kept, again once forgotten", () => {
    const calls: string[] = [];
    const upper = memoized(2, (s: string) => (calls.push(s), s.toUpperCase()));
    expect([upper("a"), upper("a"), upper("b"), upper("c"), upper("a")]).toEqual(["A", "A", "B", "C", "A"]);
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });
});
