import { describe, expect, it } from "vitest";
import { startCall, traineeSaid, endCall } from "../../machines/session";
import { loadScenarioById } from "../../scenarios/load";
import { mayRead } from "./access.server";
import { persistedOf, timelineOf } from "./report.server";

describe("the customer's mood over a call", () => {
  const scenario = loadScenarioById("lost-cap");

  it("starts with her mood at the desk and marks a dismissive turn as the moment it turned worse", () => {
    let step = startCall(scenario);
    step = traineeSaid(scenario, step.persisted, "No, we found nothing.", { moves: ["dismiss"], topics: [] });
    step = traineeSaid(scenario, step.persisted, "Let me check with the team for you.", {
      moves: ["check_with_colleague"],
      topics: ["check"],
    });
    step = endCall(scenario, step.persisted);
    const texts = ["No, we found nothing.", "Let me check with the team for you."];
    const points = timelineOf(
      scenario,
      step.view,
      (i) => `turn-${2 * i + 1}`,
      (i) => texts[i] ?? null,
    );
    expect(points[0]).toMatchObject({
      traineeTurn: -1,
      anchor: null,
      patience: scenario.customer.patience,
      delta: 0,
      turned: null,
    });
    expect(points[1]).toMatchObject({
      traineeTurn: 0,
      anchor: "turn-1",
      turned: "worse",
      excerpt: "No, we found nothing.",
    });
    expect(points[1]!.delta).toBeLessThanOrEqual(-10);
    expect(points[2]).toMatchObject({ traineeTurn: 1, anchor: "turn-3" });
    expect(points[2]!.delta).toBeGreaterThan(0);
    expect(points).toHaveLength(3);
  });

  it("reads the machine snapshot whether the whole persisted call or only its snapshot was stored", () => {
    const step = startCall(scenario);
    const whole = persistedOf({ machineSnapshot: step.persisted, machineVersion: 999 }, scenario);
    expect(whole).toEqual(step.persisted);
    const bare = persistedOf(
      { machineSnapshot: step.persisted.snapshot, machineVersion: step.persisted.machineVersion },
      scenario,
    );
    expect(bare).toEqual(step.persisted);
    expect(persistedOf({ machineSnapshot: null, machineVersion: 1 }, scenario)).toBeNull();
  });
});

describe("who may read an attempt", () => {
  const attempt = { userId: "tara" };
  it.each([
    ["its owner, whatever their role", "tara", "trainee", true],
    ["its owner who left the organisation", "tara", null, true],
    ["a trainer of the organisation", "theo", "trainer", true],
    ["a manager of the organisation", "maya", "manager", true],
    ["an admin of the organisation", "ada", "admin", true],
    ["another trainee of the organisation", "sam", "trainee", false],
    ["someone outside the organisation", "olga", null, false],
  ] as const)("is decided for %s", (_who, userId, role, expected) => {
    expect(mayRead(attempt, userId, role)).toBe(expected);
  });
});
