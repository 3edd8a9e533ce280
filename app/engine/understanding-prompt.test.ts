import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { ScenarioSchema } from "../../scenarios/schema";
import { PROMPT_EXAMPLES_PER_TOPIC, topicListFor, understandingInputs } from "./prompts";
import { understandingSchema } from "./llm-understander";

const base = loadScenarioById("lost-cap");
const scenario = ScenarioSchema.parse({
  ...base,
  topics: {
    ...base.topics,
    "opening-hours": {
      description: { en: "Tells the opening hours", fr: "Donne les heures d'ouverture" },
      examples: { en: ["We're open 9 to 5.", "we close at 5", "Open every day until five.", "Hours are nine to five.", "fifth example"], fr: ["On est ouverts de 9 h à 17 h.", "on ferme a 17h"] },
    },
  },
  knows: [
    ...base.knows,
    { id: "keeps-a-month", description: { en: "Lost items are kept a month", fr: "Objets gardés un mois" }, examples: { en: ["We keep lost items for a month."], fr: ["On garde les objets un mois."] } },
  ],
});

describe("the LLM classifier's prompt", () => {
  it("lists each topic and what the receptionist knows with its description and a few examples in the trainee's language", () => {
    const en = topicListFor(scenario, "en");
    expect(en).toContain('- opening-hours: Tells the opening hours (e.g. "We\'re open 9 to 5."; "we close at 5"');
    expect(en).not.toContain("fifth example"); // at most PROMPT_EXAMPLES_PER_TOPIC
    expect(PROMPT_EXAMPLES_PER_TOPIC).toBe(4);
    expect(en).toContain("- keeps-a-month: the receptionist shares something the customer did not know: Lost items are kept a month");
    const fr = understandingInputs("Bonjour", "fr", scenario).topicList!;
    expect(fr).toContain('"On est ouverts de 9 h à 17 h."');
    expect(fr).not.toContain("We're open 9 to 5.");
  });

  it("accepts the ids of what the receptionist knows as topics in the model's answer", () => {
    const schema = understandingSchema(scenario);
    expect(schema.safeParse({ moves: ["share_tip"], topics: ["keeps-a-month", "opening-hours"] }).success).toBe(true);
    expect(schema.safeParse({ moves: [], topics: ["not-a-topic"] }).success).toBe(false);
  });
});
