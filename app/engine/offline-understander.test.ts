import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { createOfflineUnderstander } from "./offline-understander";
import { NEGATIVE_MOVES } from "../../scenarios/moves";

describe("offline understander", () => {
  const scenario = loadScenarioById("lost-cap");
  const understander = createOfflineUnderstander();

  it("is named offline and labels its answers as coming from the offline classifier", async () => {
    expect(understander.name).toBe("offline");
    const result = await understander.understand("Hello!", "en", scenario);
    expect(result.classifier).toBe("offline");
    expect(result.fallbackReason).toBeUndefined();
  });

  it("returns the turn's moves and the scenario topics it talks about, in English", async () => {
    const result = await understander.understand("I'm so sorry. Let me ask the lunch staff.", "en", scenario);
    // "I'm so sorry" may also read as acknowledging her feeling; what must be there is the apology and the check.
    expect(result.moves).toEqual(expect.arrayContaining(["apologize", "check_with_colleague"]));
    expect(result.moves.filter((m) => (NEGATIVE_MOVES as readonly string[]).includes(m) || m === "transfer")).toEqual([]);
    expect(result.topics).toContain("check");
  });

  it("returns the turn's moves and the scenario topics it talks about, in French", async () => {
    const result = await understander.understand("Je vais demander à l'équipe du midi.", "fr", scenario);
    expect(result.moves).toContain("check_with_colleague");
    expect(result.moves).not.toContain("transfer");
    expect(result.topics).toContain("check");
  });

  it("gives a confidence between 0 and 1 for every move found and every topic it read", async () => {
    const result = await understander.understand("I'm so sorry. Let me ask the lunch staff.", "en", scenario);
    for (const m of result.moves) expect(result.scores?.[m]).toBeGreaterThan(0);
    for (const t of result.topics) expect(result.scores?.[`topic:${t}`]).toBeGreaterThan(0);
    for (const v of Object.values(result.scores ?? {})) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it("answers an empty turn with no move and no topic", async () => {
    expect(await understander.understand("   ", "en", scenario)).toEqual({ moves: [], topics: [], scores: {}, classifier: "offline" });
  });
});
