/**
 * The studio in the reader's language (the French tour): the scenario format's problems, a failing test's
 * explanation, the templates' customer answering an open question with the reason for the call.
 */
import { describe, expect, it } from "vitest";
import "../../app/author/messages";
import { idProblem, importProblemMessage, scenarioFieldErrors, warningVars } from "../../app/author/issues";
import { playLines, runTest } from "../../app/author/play.server";
import { checkDraft } from "../../app/author/studio.server";
import { templateContent } from "../../app/author/templates";
import { failuresText } from "../../app/author/test-failures";
import { t, type Locale, type MessageKey, type MessageVars } from "../../app/i18n";
import author from "../../app/i18n/messages/author";
import forms from "../../app/i18n/messages/author-forms";
import { ScenarioSchema, type Scenario } from "../../scenarios/schema";

const inFrench = (key: MessageKey, vars?: MessageVars) => t("fr", key, vars);
const phone = () => structuredClone(templateContent("phone", "late-parcel")) as unknown as Scenario;

describe("the scenario format's problems, in the studio's words", () => {
  it("refuses a topic id with a space, saying what an id is and offering one", () => {
    const s = phone() as unknown as { topics: Record<string, unknown> };
    s.topics["Suivi Colis"] = { description: { en: "Tracking", fr: "Suivi" }, examples: { en: ["where is it"], fr: ["où est-il"] } };
    const check = checkDraft(s);
    const error = check.errors["topics.Suivi Colis"]!;
    expect(error.key).toBe("author.issueTopicIdFormat");
    expect(inFrench(error.key, error.vars)).toBe(
      "« Suivi Colis » ne peut pas être l'identifiant d'un sujet : seulement des lettres minuscules, des chiffres et des tirets, sans espace ni accent (par ex. « suivi-colis »). Renommez-le ici.",
    );
    expect(Object.values(check.errors).map((e) => t("fr", e.key, e.vars)).join(" ")).not.toMatch(/Invalid key/);
  });

  it("says a topic needs example phrases in this language, in French", () => {
    const s = phone();
    s.topics["order-number"]!.examples.fr = [];
    const errors = checkDraft(s).errors;
    expect(inFrench(errors["topics.order-number.examples.fr"]!.key)).toMatch(/^Aucun exemple de phrase dans cette langue : /);
  });

  it("words the cross-reference checks (an unknown fact, a beat without lines) without English", () => {
    const s = phone() as unknown as Record<string, unknown> & { resolvedWhen: { all: string[] }; needs: Array<{ id: string }> };
    s.resolvedWhen.all = ["fact:nowhere"];
    const parsed = ScenarioSchema.safeParse(s);
    expect(parsed.success).toBe(false);
    const errors = scenarioFieldErrors(parsed.error!, s);
    const words = Object.values(errors).map((e) => inFrench(e.key, e.vars));
    expect(words).toContain("Il n'y a pas de fait « nowhere » : ajoutez-le dans Faits cachés, ou choisissez-en un autre.");
  });

  it("refuses an id where it is typed, and accepts a good one", () => {
    expect(idProblem("suivi-colis")).toBeNull();
    expect(idProblem("")).toBeNull();
    const refusal = idProblem("Suivi Colis")!;
    expect(t("en", refusal.key, refusal.vars)).toBe(
      "“Suivi Colis” is not an id: use lower-case letters, digits and hyphens only, with no space or accent (e.g. “suivi-colis”).",
    );
  });

  it("shows one problem for an empty English title: the error, not also a missing translation", () => {
    const s = phone();
    s.title.en = "";
    const check = checkDraft(s);
    expect(check.errors["title.en"]?.key).toBe("forms.required");
    expect(check.warnings.filter((w) => w.path === "title.en")).toEqual([]);
  });
});

describe("a failing scenario test, explained in the reader's language", () => {
  it("says in French that a call expected to fail passed", async () => {
    const scenario = ScenarioSchema.parse(templateContent("phone", "late-parcel"));
    const lines = [
      "Bonjour, je suis vraiment désolé pour ce retard, je comprends votre inquiétude. Quel est votre numéro de commande ?",
      "Merci. Votre colis arrivera demain avant midi, je vous le garantis.",
    ];
    const played = await playLines(scenario, "fr", lines);
    const outcome = await runTest(scenario, { locale: "fr", lines, expectation: { passed: !played.endedNow.score.passed, unlocks: [] } });
    expect(outcome.passed).toBe(false);
    const text = failuresText(inFrench, outcome.failures);
    expect(text).toMatch(played.endedNow.score.passed ? /^score \d+, réussi \(seuil 60\) : il devait échouer$/ : /^score \d+, échoué \(seuil 60\) : il devait réussir$/);
    expect(inFrench("author.testFailedNamed", { name: "Devrait échouer", why: text })).toMatch(/^Devrait échouer : score/);
  });

  it("names a line that did not unlock its fact, and an outcome, in French", async () => {
    const scenario = ScenarioSchema.parse(templateContent("phone", "late-parcel"));
    const outcome = await runTest(scenario, {
      locale: "fr",
      lines: ["Bonjour."],
      expectation: { outcome: "resolved", unlocks: [{ turn: 0, fact: "order-number" }, { turn: 3, fact: "order-number" }] },
    });
    expect(failuresText(inFrench, outcome.failures)).toBe(
      "la ligne 1 n'a pas débloqué « order-number » ; la ligne 4 n'existe pas ; l'échange s'est terminé « Non résolu », il devait se terminer « Résolu »",
    );
  });
});

describe("the templates' customer", () => {
  it.each([
    ["phone", "fr", "Bonjour… Que puis-je faire pour vous ?", /colis|cadeau/],
    ["phone", "en", "Hello, how can I help you?", /parcel|present/],
    ["in-person", "fr", "Bonsoir, que puis-je faire pour vous ?", /réserv/],
    ["in-person", "en", "Good evening, what can I do for you?", /book/],
  ] as const)("of the %s template answers an open question in %s with the reason for the call", async (name, locale, line, reason) => {
    const scenario = ScenarioSchema.parse(templateContent(name, "a-b-c"));
    expect(scenario.lines.clarify?.en.length).toBeGreaterThan(0);
    expect(scenario.lines.clarify?.fr.length).toBeGreaterThan(0);
    const played = await playLines(scenario, locale as Locale, [line]);
    expect(played.turns[0]!.answer).toMatch(reason);
    expect(played.turns[0]!.answer).not.toMatch(/ne vois pas bien|not sure what you/i);
  });
});

describe("French typography of the studio's messages", () => {
  it.each([
    ["author", author.fr],
    ["author-forms", forms.fr],
  ] as const)("%s: a space before : ; ? ! and inside « » (ids such as topic:<id> aside)", (_area, messages) => {
    const bad = Object.entries(messages as Record<string, string>).filter(([, text]) => {
      const words = text.replace(/[a-z-]+:(<[^>]*>|\{\w+\}|[a-z][\w-]*)/g, "");
      return /[^\s\u00a0\u202f][:;!?](?=\s|$|")/.test(words) || /«[^\s\u00a0\u202f]|[^\s\u00a0\u202f]»/.test(words);
    });
    expect(bad).toEqual([]);
  });

  it("catches what the tour saw", () => {
    const words = "Vérifications: Aucune erreur";
    expect(/[^\s\u00a0\u202f][:;!?](?=\s|$|")/.test(words)).toBe(true);
    expect(t("fr", "author.checksSummary", { summary: "Aucune erreur" })).toBe("Vérifications : Aucune erreur");
    expect(t("fr", "author.debugSummary", { moves: "saluer" })).toBe("Ce que la machine a compris : saluer");
    expect(t("fr", "author.debugFactsInline", { facts: "order-number" })).toBe("Faits débloqués : order-number");
  });
});

describe("a warning's languages", () => {
  it("are named in the reader's language, not by their codes", () => {
    expect(t("fr", "author.warnMissingTranslation", warningVars((k) => t("fr", k), { language: "en" }))).toBe(
      "Traduction manquante (anglais) : écrivez-la, elle n'est pas copiée de l'autre langue.",
    );
    expect(warningVars((k) => t("en", k), { id: "x", languages: "en+fr" })).toEqual({ id: "x", languages: "English + French" });
  });
});

describe("an imported file's problems", () => {
  it("are worded in the reader's language when the studio knows them, and kept as they are otherwise", async () => {
    const { checkScenarioText } = await import("../../scenarios/parse");
    const { scenarioToYaml } = await import("../../app/author/yaml");
    const s = phone() as unknown as Record<string, unknown> & { topics: Record<string, unknown>; title: { en: string; fr: string } };
    s.topics["Suivi Colis"] = { description: { en: "Tracking", fr: "Suivi" }, examples: { en: ["where is it"], fr: ["où est-il"] } };
    s.title.fr = "";
    const problems = checkScenarioText(scenarioToYaml(s)).problems;
    const words = problems.map((p) => {
      const m = importProblemMessage(p);
      return m ? t("fr", m.key, m.vars) : p.message;
    });
    expect(words).toContain("Obligatoire.");
    expect(words.some((w) => w.startsWith("« Suivi Colis » ne peut pas être l'identifiant d'un sujet"))).toBe(true);
    expect(importProblemMessage({ path: "(yaml)", message: "Map keys must be unique" })).toBeNull();
    const big = checkScenarioText(scenarioToYaml({ ...s, difficulty: 9 })).problems.find((p) => p.path === "difficulty")!;
    const m = importProblemMessage(big)!;
    expect(t("fr", m.key, m.vars)).toMatch(/^Trop grand : au plus \d\.$/);
  });
});
