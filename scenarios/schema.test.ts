import { describe, expect, it } from "vitest";
import { ScenarioFileError, loadAllScenarios, parseScenario } from "./load";
import { parse as parseYaml } from "yaml";
import { conditionSetHolds } from "./conditions";
import { ScenarioSchema, StoredScenarioSchema } from "./schema";

/** A small valid scenario; each test breaks one thing in it. */
const YAML = `
id: schema-test
title: { en: Test, fr: Test }
channel: phone
difficulty: 1
setting: { en: A test, fr: Un test }
role: { en: Agent, fr: Agent }
customer: { name: Ann, persona: { en: Ann, fr: Ann }, patience: 50, openingMood: annoyed }
opening: { en: ["Hello."], fr: ["Bonjour."] }
goal: { en: Fix it, fr: Régler }
resolvedWhen: { all: [fact:order, topic:refund] }
topics:
  order: { description: { en: order, fr: commande }, examples: { en: [where is my order], fr: [ou est ma commande] } }
  refund: { description: { en: refund, fr: remboursement }, examples: { en: [a refund], fr: [un remboursement] } }
facts:
  - id: order
    unlockedBy: [ask_question, topic:order]
    text: { en: "Order 42.", fr: "Commande 42." }
needs:
  - id: fees
    description: { en: Fees, fr: Frais }
    voicedWhen: { after: [fact:order], latestTurn: 4 }
    metBy: [topic:refund]
lines:
  voice-need:fees: { en: ["And the fees?"], fr: ["Et les frais ?"] }
  accept:refund: { en: ["Yes please."], fr: ["Oui, merci."] }
rubric: {}
`;

function problems(yaml: string): string[] {
  try {
    parseScenario(yaml, "schema-test.yaml");
    return [];
  } catch (err) {
    if (err instanceof ScenarioFileError) return err.problems;
    throw err;
  }
}

describe("the scenario schema", () => {
  it("accepts the small scenario and every seed scenario", () => {
    expect(problems(YAML)).toEqual([]);
    expect(loadAllScenarios().length).toBeGreaterThanOrEqual(3);
  });

  it("has every seed need come due by the conversation's progress", () => {
    for (const s of loadAllScenarios()) for (const n of s.needs) expect(n.voicedWhen.after, `${s.id} ${n.id}`).toBeDefined();
  });

  it("refuses voicedAfterTurn: needs come due by progress (voicedWhen), never by turn number alone", () => {
    const old = YAML.replace("    voicedWhen: { after: [fact:order], latestTurn: 4 }", "    voicedAfterTurn: 3");
    const found = problems(old).join("\n");
    expect(found).toMatch(/voicedAfterTurn/);
    expect(found).toMatch(/voicedWhen/);
    const onlyLatest = YAML.replace("voicedWhen: { after: [fact:order], latestTurn: 4 }", "voicedWhen: { latestTurn: 4 }");
    expect(problems(onlyLatest).join("\n")).toMatch(/needs\.0\.voicedWhen\.after/);
  });

  it("reads a definition stored before needs came due by progress, with the old timing as a safety net", () => {
    const stored = parseYaml(YAML.replace("    voicedWhen: { after: [fact:order], latestTurn: 4 }", "    voicedAfterTurn: 3"));
    expect(ScenarioSchema.safeParse(stored).success).toBe(false);
    const upgraded = StoredScenarioSchema.parse(stored);
    expect(upgraded.needs[0]!.voicedWhen).toEqual({ after: { all: ["fact:order", "topic:refund"] }, latestTurn: 3 });
    // A current definition goes through unchanged.
    expect(StoredScenarioSchema.parse(parseYaml(YAML))).toEqual(ScenarioSchema.parse(parseYaml(YAML)));
  });

  it("checks what a fact includes: another fact, known (decision 266)", () => {
    const withIncludes = (ids: string) => YAML.replace("    unlockedBy: [ask_question, topic:order]", `    unlockedBy: [ask_question, topic:order]\n    includes: [${ids}]`);
    expect(problems(withIncludes("nothing")).join("\n")).toMatch(/facts\.0\.includes\.0: unknown fact "nothing"/);
    expect(problems(withIncludes("order")).join("\n")).toMatch(/facts\.0\.includes\.0: a fact cannot include itself/);
  });

  it("checks what voicedWhen refers to", () => {
    const unknown = YAML.replace("after: [fact:order]", "after: [fact:nothing]");
    expect(problems(unknown).join("\n")).toMatch(/needs\.0\.voicedWhen\.after\.0: unknown fact "nothing"/);
    const itself = YAML.replace("after: [fact:order]", "after: [need:fees]");
    expect(problems(itself).join("\n")).toMatch(/cannot wait for itself/);
  });

  it("refuses a condition set with nothing in it, or an empty all/any list", () => {
    for (const empty of ["resolvedWhen: []", "resolvedWhen: {}", "resolvedWhen: { any: [] }", "resolvedWhen: { all: [fact:order], any: [] }"]) {
      expect(problems(YAML.replace("resolvedWhen: { all: [fact:order, topic:refund] }", empty)).join("\n"), empty).toMatch(/resolvedWhen/);
    }
    // What the schema refuses never holds when evaluated either.
    expect(conditionSetHolds({ any: [] }, { moves: ["explain"], topics: [], facts: [], needs: [] })).toBe(false);
  });

  it("checks that beats naming a topic, fact or need name one that exists", () => {
    const badAccept = YAML.replace("  accept:refund:", "  accept:nothing:");
    expect(problems(badAccept).join("\n")).toMatch(/lines\.accept:nothing: no topic "nothing"/);
    const badRestate = YAML.replace("  accept:refund:", "  restate:nothing:");
    expect(problems(badRestate).join("\n")).toMatch(/no fact "nothing"/);
  });

  it("checks that the mood shown at the opening matches how she opens", () => {
    const shy = YAML.replace("openingMood: annoyed", "openingMood: calm");
    expect(problems(shy).join("\n")).toMatch(/customer\.openingMood: her opening is calm but patience 50 shows "annoyed"/);
    expect(problems(shy.replace("patience: 50,", "patience: 65,"))).toEqual([]);
    for (const s of loadAllScenarios()) expect(s.customer.openingMood, s.id).toBeDefined();
  });
});
