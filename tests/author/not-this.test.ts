/**
 * "Not this" from the studio's test-play (app/author/counter-examples.ts): the draft update that adds a trainee line
 * to the counter-examples of the topic or item of knowledge it was read as, in the line's language, and the words the
 * trainer is told, in English and French.
 */
import { describe, expect, it } from "vitest";
import { addCounterExample } from "../../app/author/counter-examples";
import { setIn } from "../../app/author/form-spec";
import { templateContent } from "../../app/author/templates";
import { t } from "../../app/i18n";
import "../../app/author/messages";
import { ScenarioSchema, type Scenario } from "../../scenarios/schema";

const draft = () => structuredClone(templateContent("phone", "late-parcel")) as unknown as Scenario;
const apply = (content: unknown, change: ReturnType<typeof addCounterExample>) => {
  if (change.kind !== "add") throw new Error(`expected an addition, got ${change.kind}`);
  return setIn(content, change.path, change.value) as Scenario;
};

describe("adding a test-play line to a topic's counter-examples", () => {
  it("adds it to a topic that had none, in the line's language only, and the draft stays valid", () => {
    const before = draft();
    expect(before.topics["order-number"]!.counterExamples).toBeUndefined();
    const change = addCounterExample(before, "order-number", "en", "  Can I have your name, please?  ");
    expect(change).toEqual({ kind: "add", path: ["topics", "order-number", "counterExamples"], value: { en: ["Can I have your name, please?"], fr: [] } });
    const after = apply(before, change);
    expect(after.topics["order-number"]!.counterExamples).toEqual({ en: ["Can I have your name, please?"], fr: [] });
    expect(after.topics["order-number"]!.examples).toEqual(before.topics["order-number"]!.examples);
    expect(before.topics["order-number"]!.counterExamples).toBeUndefined(); // the draft given is not changed
    expect(ScenarioSchema.safeParse(after).success).toBe(true);
  });

  it("adds it to an item of knowledge, after the counter-examples it has, keeping the other language", () => {
    let content = draft();
    content.knows[0]!.counterExamples = { en: ["The link is broken."], fr: ["Le lien ne marche pas."] };
    const change = addCounterExample(content, "tracking-link", "fr", "Je vous envoie le lien de paiement par mail.");
    expect(change.kind === "add" && change.path).toEqual(["knows", 0, "counterExamples"]);
    content = apply(content, change);
    expect(content.knows[0]!.counterExamples).toEqual({ en: ["The link is broken."], fr: ["Le lien ne marche pas.", "Je vous envoie le lien de paiement par mail."] });
    expect(ScenarioSchema.safeParse(content).success).toBe(true);
  });

  it("adds no duplicate: the same phrase again (case, accents and spaces aside) is already there", () => {
    const content = apply(draft(), addCounterExample(draft(), "tracking-link", "fr", "Je vous envoie le lien de paiement."));
    expect(addCounterExample(content, "tracking-link", "fr", "je vous  envoie le LIEN de paiement.")).toEqual({ kind: "already" });
    expect(addCounterExample(content, "tracking-link", "fr", "Jé vous envoie le lien de paiement.")).toEqual({ kind: "already" });
    // Another language is another list.
    expect(addCounterExample(content, "tracking-link", "en", "Je vous envoie le lien de paiement.").kind).toBe("add");
  });

  it("refuses a phrase that is one of the topic's examples (it cannot be both) and an id the draft no longer has", () => {
    const content = draft();
    expect(addCounterExample(content, "order-number", "en", content.topics["order-number"]!.examples.en[0]!.toUpperCase())).toEqual({ kind: "isExample" });
    expect(addCounterExample(content, "renamed-since", "en", "Anything")).toEqual({ kind: "missing" });
    expect(addCounterExample(content, "__proto__", "en", "Anything")).toEqual({ kind: "missing" });
    expect(addCounterExample(content, "order-number", "en", "   ")).toEqual({ kind: "missing" });
  });

  it("tells the trainer what it did, in English and in French", () => {
    expect(t("en", "author.notThisLabel", { id: "order-number" })).toBe("Not this (order-number): add this phrase to its counter-examples");
    expect(t("fr", "author.notThisLabel", { id: "order-number" })).toBe("Pas ceci (order-number) : ajouter cette phrase à ses contre-exemples");
    expect(t("en", "author.notThisAdded", { id: "order-number" })).toBe("Added to the counter-examples of order-number. Test-play again to see the new reading.");
    expect(t("fr", "author.notThisAdded", { id: "order-number" })).toBe("Ajoutée aux contre-exemples de order-number. Rejouez l'essai pour voir la nouvelle lecture.");
    expect(t("fr", "author.notThisAlready", { id: "order-number" })).toBe("Figure déjà parmi les contre-exemples de order-number.");
  });
});
