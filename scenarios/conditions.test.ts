import { describe, expect, it } from "vitest";
import { conditionHolds, conditionParts, conditionSetHolds, conditionsOf, parseCondition, topicsOf, verbalParts, type Signals } from "./conditions";

const signals = (over: Partial<Signals> = {}): Signals => ({ moves: [], topics: [], facts: [], needs: [], ...over });

describe("the condition language", () => {
  it("reads a bare list as `all`, and flattens `all` then `any`", () => {
    expect(conditionParts(["ask_question", "topic:x"])).toEqual({ all: ["ask_question", "topic:x"], any: [] });
    expect(conditionsOf({ all: ["fact:a"], any: ["explain", "topic:b"] })).toEqual(["fact:a", "explain", "topic:b"]);
    expect(topicsOf({ all: ["fact:a", "topic:c"], any: ["explain", "topic:b"] })).toEqual(["topic:c", "topic:b"].map((t) => t.slice(6)));
  });

  it("parses each kind of condition", () => {
    expect(parseCondition("ask_question")).toEqual({ kind: "move", id: "ask_question" });
    expect(parseCondition("topic:cap-looks")).toEqual({ kind: "topic", id: "cap-looks" });
    expect(parseCondition("fact:amount")).toEqual({ kind: "fact", id: "amount" });
    expect(parseCondition("need:when-news")).toEqual({ kind: "need", id: "when-news" });
  });

  it("evaluates moves, topics, facts and needs against sets or arrays alike", () => {
    const s = signals({ moves: new Set(["explain"]), topics: ["refund"], facts: new Set(["amount"]), needs: ["fees"] });
    expect(["explain", "topic:refund", "fact:amount", "need:fees"].every((c) => conditionHolds(c, s))).toBe(true);
    expect(["ask_question", "topic:date", "fact:date", "need:other"].some((c) => conditionHolds(c, s))).toBe(false);
  });

  it("holds when every `all` and at least one `any` condition holds", () => {
    const s = signals({ moves: ["explain"], topics: ["refund"] });
    expect(conditionSetHolds({ all: ["topic:refund"], any: ["ask_question", "explain"] }, s)).toBe(true);
    expect(conditionSetHolds({ all: ["topic:refund"], any: ["ask_question"] }, s)).toBe(false);
    expect(conditionSetHolds({ any: ["ask_question", "explain"] }, s)).toBe(true);
    expect(conditionSetHolds(["topic:refund", "explain"], s)).toBe(true);
    expect(conditionSetHolds(["topic:refund", "ask_question"], s)).toBe(false);
  });

  it("never holds for an empty set, whichever way it is written", () => {
    const everything = signals({ moves: ["explain"], topics: ["refund"], facts: ["a"], needs: ["b"] });
    expect(conditionSetHolds([], everything)).toBe(false);
    expect(conditionSetHolds({}, everything)).toBe(false);
    expect(conditionSetHolds({ all: [], any: [] }, everything)).toBe(false);
  });

  it("keeps only what words can carry in the verbal part", () => {
    expect(verbalParts({ all: ["fact:a", "topic:b"], any: ["need:c", "explain"] })).toEqual({ all: ["topic:b"], any: ["explain"] });
  });
});
