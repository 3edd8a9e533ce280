import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { TranscriptFile, describeTranscriptError, replayTranscript } from "../../app/scoring/replay";
import { judgeHeuristic } from "../../machines/scoring/index";

const understander = createOfflineUnderstander();

describe("replaying a transcript through the scenario's machine", () => {
  it("re-derives needs, facts and the outcome from the trainee's turns alone", async () => {
    const lostCap = loadScenarioById("lost-cap");
    const input = await replayTranscript(lostCap, "en", [
      { speaker: "customer", text: "Did you find my daughter's cap?" },
      { speaker: "trainee", text: "Good evening. What does it look like?" },
      { speaker: "customer", text: "(anything at all: context only)" },
      { speaker: "trainee", text: "If it turns up, we'll keep it aside under your name." },
    ], understander);
    expect(input.view.factsUnlocked).toContain("cap-description");
    expect(input.view.needs.find((n) => n.id === "kept-safe")).toMatchObject({ metAtTurn: 1, anticipated: true });
    expect(input.view.outcome).toBe("unresolved");
    expect(input.turns.filter((t) => t.speaker === "trainee").map((t) => t.moves)).toEqual([
      expect.arrayContaining(["ask_question"]),
      expect.any(Array),
    ]);
  });

  it("keeps and scores a goodbye said after she thanked and left, without changing the outcome", async () => {
    const lostCap = loadScenarioById("lost-cap");
    const turns = [
      { speaker: "trainee" as const, text: "Good evening, madam. What does the cap look like?" },
      { speaker: "trainee" as const, text: "Let me check with the team and the lost property." },
      { speaker: "trainee" as const, text: "The lunch team is back tomorrow, I'll ask them and call you before noon." },
      { speaker: "trainee" as const, text: "We'll keep it aside under your name. Could I take your phone number?" },
      { speaker: "trainee" as const, text: "Thank you, I have it. Have a lovely evening, both of you." },
      { speaker: "trainee" as const, text: "Goodbye, Léa, take care!" },
    ];
    const input = await replayTranscript(lostCap, "en", turns, understander);
    expect(input.view.outcome).toBe("resolved");
    // However many turns the call took, the last words came after she had thanked and left: kept, not replayed.
    expect(input.view.traineeTurns).toBeLessThan(6);
    expect(input.turns).toHaveLength(6);
    const card = judgeHeuristic(input);
    expect(card.outcome).toBe("resolved");
    expect(card.checkpoints.find((c) => c.id === "warm-close")).toMatchObject({ hit: true });
    expect(card.checkpoints.find((c) => c.id === "warm-close")!.turn).toBeGreaterThanOrEqual(input.view.traineeTurns - 1);
  });

  it("treats a phone answered after the scenario's last ring as a call never answered", async () => {
    const smile = loadScenarioById("smile-25k");
    const input = await replayTranscript(smile, "fr", [], understander, 7);
    expect(input.view.outcome).toBe("not_answered");
    const card = judgeHeuristic(input);
    expect(card.scores).toEqual({ empathy: 0, resolution: 0, anticipation: 0, overall: 0 });
    expect(card.penalties.map((p) => p.id)).toEqual(["not-answered"]);
  });

  it("names the first problem of a bad transcript with its path", () => {
    const r = TranscriptFile.safeParse({ scenario: "lost-cap", locale: "en", turns: [{ speaker: "trainee", text: "ok" }, { speaker: "boss" }] });
    expect(r.success).toBe(false);
    expect(describeTranscriptError(r.error!)).toBe('turns.1.speaker: must be "customer" or "trainee"');
  });
});
