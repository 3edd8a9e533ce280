import { describe, expect, it } from "vitest";
import { detectTopics } from "./understanding";
import { normalize } from "../scenarios/text";
import { ScenarioSchema } from "../scenarios/schema";
import { loadScenarioById } from "../scenarios/load";

describe("normalize", () => {
  it("folds accents and case, straightens apostrophes and collapses white space", () => {
    expect(normalize("  Élodie,   ÇA   m’a l´air  ")).toBe("elodie, ca m'a l'air");
  });

  it("keeps regular-expression syntax such as ^ and backquotes intact", () => {
    expect(normalize("(^|your )account")).toBe("(^|your )account");
    expect(normalize("j`ai")).toBe("j'ai");
  });
});

describe("detectTopics", () => {
  it("honours an anchored pattern: it matches at the start of the turn only", () => {
    const base = loadScenarioById("lost-cap");
    const scenario = ScenarioSchema.parse({
      ...base,
      topics: {
        ...base.topics,
        "start-only": {
          description: { en: "Starts with 'hello'", fr: "Commence par « bonjour »" },
          patterns: { en: ["^hello"], fr: ["^bonjour"] },
        },
      },
    });
    expect(detectTopics(scenario, "Hello, good evening", "en")).toContain("start-only");
    expect(detectTopics(scenario, "Well, hello there", "en")).not.toContain("start-only");
    expect(detectTopics(scenario, "Bonjour madame", "fr")).toContain("start-only");
  });
});
