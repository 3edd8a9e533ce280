import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { ScenarioSchema } from "../../scenarios/schema";
import { detectTopics } from "./topics";
import { topicListFor } from "../../app/engine/prompts";

// Decision 282: a counter-example is trained as a negative of its own topic or item only.
const seed = loadScenarioById("angry-caller");
const item = seed.knows!.find((k) => k.id === "fees-reimbursed")!;
const withoutCounters = ScenarioSchema.parse({
  ...seed,
  knows: seed.knows!.map((k) => (k.id === "fees-reimbursed" ? { ...k, counterExamples: undefined } : k)),
});

// Phrasings of "the money goes back to your bank" that are none of the seed's counter-examples. The English one
// was read as the item without them (the family of session 13's spent transcripts); French had no such misread.
const refundToTheBank = {
  en: "The refund will go back to your bank by Friday.",
  fr: "La différence retourne dans votre compte de banque.",
};
// Saying that Connexa repays her bank's fees, in words that are none of the item's examples.
const feesRepaid = {
  en: "Did your bank charge you fees? We'll cover those.",
  fr: "Si votre banque vous a chargé des frais, on vous les rembourse.",
};

describe("counter-examples of a topic or an item (decision 282)", () => {
  it("are in the seed scenario, in both languages", () => {
    expect(item.counterExamples?.en.length).toBeGreaterThanOrEqual(5);
    expect(item.counterExamples?.fr.length).toBeGreaterThanOrEqual(5);
  });

  it("stop a new phrasing like them being read as the item", () => {
    expect(detectTopics(withoutCounters, refundToTheBank.en, "en")).toContain("fees-reimbursed");
    expect(detectTopics(seed, refundToTheBank.en, "en")).not.toContain("fees-reimbursed");
  });

  it.each(["en", "fr"] as const)("leave the refund read in such a phrasing, and the item in its own (%s)", (locale) => {
    expect(detectTopics(seed, refundToTheBank[locale], locale)).not.toContain("fees-reimbursed");
    // The same sentence is still the refund: a counter-example counts against its own item only.
    expect(detectTopics(seed, refundToTheBank[locale], locale)).toContain("refund");
    expect(detectTopics(seed, feesRepaid[locale], locale)).toContain("fees-reimbursed");
  });

  it("are refused when one is also an example of the same item, with where and why", () => {
    const bad = {
      ...seed,
      knows: seed.knows!.map((k) =>
        k.id === "fees-reimbursed" ? { ...k, counterExamples: { en: [` ${item.examples.en[0]!.toUpperCase()} `], fr: [] } } : k,
      ),
    };
    const result = ScenarioSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.includes("counterExamples"))!;
    expect(issue.path.slice(-3)).toEqual(["counterExamples", "en", 0]);
    expect(issue.message).toMatch(/also one of the examples/);
  });

  it("are shown to the LLM classifier as what the item is not", () => {
    expect(topicListFor(seed, "en")).toContain(`(not: ${JSON.stringify(item.counterExamples!.en[0])}`);
    expect(topicListFor(withoutCounters, "en")).not.toContain("(not:");
  });
});
