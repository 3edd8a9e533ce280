import { describe, expect, it } from "vitest";
import { highlightsFor, locateQuote, pieces } from "./highlight";

describe("marking the quoted words inside a turn", () => {
  it("finds a verbatim quote, then one that differs only in case or spacing, and nothing that is not there", () => {
    const text = "Good evening!  Oh no, she must be so sad.\nLet me check for you.";
    expect(locateQuote(text, "Oh no")).toEqual({ start: 15, end: 20 });
    expect(
      text.slice(
        locateQuote(text, "let me CHECK for you")!.start,
        locateQuote(text, "let me CHECK for you")!.end,
      ),
    ).toBe("Let me check for you");
    const spaced = locateQuote(text, "sad. Let me");
    expect(text.slice(spaced!.start, spaced!.end)).toBe("sad.\nLet me");
    expect(locateQuote(text, "“Oh no”")).toEqual({ start: 15, end: 20 });
    expect(locateQuote(text, "we found nothing")).toBeNull();
    expect(locateQuote(text, "   ")).toBeNull();
  });

  it("merges overlapping quotes into one mark that names every checkpoint, and a penalty wins over a hit", () => {
    const text = "I'm so sorry, it isn't there tonight, but the lunch team is back tomorrow at 11.";
    const marks = highlightsFor(text, [
      { id: "regret", quote: "I'm so sorry", kind: "hit" },
      { id: "next-step", quote: "the lunch team is back tomorrow at 11", kind: "hit" },
      { id: "when-news", quote: "back tomorrow at 11", kind: "hit" },
      { id: "dismiss-0", quote: "it isn't there tonight", kind: "penalty" },
      { id: "ghost", quote: "not in the turn", kind: "hit" },
    ]);
    expect(marks.map((m) => [text.slice(m.start, m.end), m.ids, m.kind])).toEqual([
      ["I'm so sorry", ["regret"], "hit"],
      ["it isn't there tonight", ["dismiss-0"], "penalty"],
      ["the lunch team is back tomorrow at 11", ["next-step", "when-news"], "hit"],
    ]);
  });

  it("splits a turn into plain and marked pieces that put the whole text back together", () => {
    const text = "Bonsoir ! Oh non, elle doit être triste.";
    const marks = highlightsFor(text, [
      { id: "greet", quote: "Bonsoir", kind: "hit" },
      { id: "feel", quote: "Oh non", kind: "hit" },
    ]);
    const parts = pieces(text, marks);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["Bonsoir", "Oh non"]);
  });
});
