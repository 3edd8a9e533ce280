/**
 * Decision 277: every problem the studio shows is worded from data (a YAML syntax error's mistake, line and
 * column; a schema issue's code, figures and reason), in the reader's language — here French — and the field
 * is named as the form names it. The command line keeps its English.
 */
import { describe, expect, it } from "vitest";
import "../../app/author/messages";
import { fieldPathLabel } from "../../app/author/field-path";
import { BEAT_PATTERN, ID_PATTERN, importProblemMessage, scenarioFieldErrors, yamlSyntaxMessage } from "../../app/author/issues";
import { checkDraft } from "../../app/author/studio.server";
import { templateContent } from "../../app/author/templates";
import { scenarioToYaml } from "../../app/author/yaml";
import { readYaml } from "../../app/author/editor/YamlView";
import { t, translator, type MessageKey, type MessageVars } from "../../app/i18n";
import { checkScenarioText, parseScenario, type ScenarioFileError } from "../../scenarios/parse";
import * as schema from "../../scenarios/schema";
import { readYamlText } from "../../scenarios/yaml-syntax";

const fr = translator("fr");
const inFrench = (e: { key: MessageKey; vars?: MessageVars }) => t("fr", e.key, e.vars);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test breaks the template in its own way
const phone = () => structuredClone(templateContent("phone", "late-parcel")) as Record<string, any>;

/** The French words of the first YAML syntax error of `text`. */
function yamlInFrench(text: string): string {
  const { errors } = readYamlText(text);
  expect(errors.length).toBeGreaterThan(0);
  return inFrench(yamlSyntaxMessage(errors[0]!));
}

describe("a YAML syntax error, in French, with its line, its column and what is wrong", () => {
  it("a tab used to indent", () => {
    expect(yamlInFrench("title:\n\ten: Bonjour\n")).toBe(
      "Ligne 2, colonne 1 : une tabulation sert d'indentation. Le YAML n'indente qu'avec des espaces : remplacez la tabulation par des espaces (deux par niveau).",
    );
  });

  it("lines of one block that do not line up", () => {
    expect(yamlInFrench("title:\n  en: Hello\n fr: Bonjour\nid: x\n")).toMatch(/^Ligne 3, colonne 1 : l'indentation ne correspond pas\./);
    expect(yamlInFrench("title:\n  en: Hello\n    fr: Bonjour\n")).toMatch(/^Ligne 2, colonne \d+ : l'indentation ne correspond pas\./);
  });

  it("a missing colon", () => {
    expect(yamlInFrench("customer:\n  name Ann\n  patience: 3\n")).toBe(
      "Ligne 2, colonne 3 : il manque les deux-points après le nom d'un champ (écrivez « nom: valeur », avec une espace après les deux-points), ou la ligne est plus indentée que celle du dessus.",
    );
  });

  it("a name alone on its line, after a block of fields", () => {
    expect(yamlInFrench("id: x\npassMark: 60\nmot sans deux points\n")).toMatch(/^Ligne 3, colonne 1 : il manque les deux-points après le nom d'un champ/);
  });

  it("an unclosed quote, naming the quote", () => {
    expect(yamlInFrench('title:\n  en: "Hello\n  fr: Bonjour\nid: x\n')).toMatch(/^Ligne \d+, colonne \d+ : un texte ouvert par " n'est pas refermé : ajoutez " à sa fin\.$/);
    expect(yamlInFrench("title:\n  en: 'Hello\n")).toMatch(/ouvert par ' n'est pas refermé/);
  });

  it("an unclosed bracket, a name used twice, a reserved first character, anything else", () => {
    expect(yamlInFrench("id: [unclosed\n")).toMatch(/^Ligne \d+, colonne \d+ : une liste ou un groupe ouvert par \[ ou \{ n'est pas refermé/);
    expect(yamlInFrench("id: a\nid: b\n")).toMatch(/^Ligne 2, colonne 1 : ce nom de champ est déjà employé/);
    expect(yamlInFrench("id: `x`\n")).toMatch(/^Ligne 1, colonne 5 : une valeur ne peut pas commencer par « ` »/);
    expect(inFrench(yamlSyntaxMessage({ mistake: "other", line: 4, column: 2 }))).toMatch(/^Ligne 4, colonne 2 : le YAML ne peut pas être lu/);
  });

  it("reaches the YAML view and an imported file in French, and stays English for the command line", () => {
    const text = "id: late-parcel\ntitle:\n\ten: Late\n";
    const view = readYaml(text).problems;
    expect(view).toHaveLength(1);
    expect(inFrench(view[0]!.text)).toMatch(/^Ligne 3, colonne 1 : une tabulation/);
    const badId = checkScenarioText(scenarioToYaml({ ...phone(), id: "Colis Perdu" })).problems.find((p) => p.path === "id")!;
    expect(inFrench(importProblemMessage(badId)!)).toMatch(/^« Colis Perdu » n'est pas un identifiant : .*« colis-perdu »/);
    const imported = checkScenarioText(text).problems[0]!;
    expect(inFrench(importProblemMessage(imported)!)).toMatch(/^Ligne 3, colonne 1 : une tabulation/);
    try {
      parseScenario(text, "late-parcel.yaml");
      expect.unreachable();
    } catch (err) {
      expect((err as ScenarioFileError).problems).toEqual(["late-parcel.yaml:3 (yaml): Tabs are not allowed as indentation (column 1)"]);
    }
  });
});

describe("a schema issue, in French, from its data", () => {
  it("a missing field, a wrong type, an empty list, an unknown topic (the studio's checks)", () => {
    const s = phone();
    delete s.goal;
    s.difficulty = "deux";
    s.resolvedWhen = [];
    s.facts[0].unlockedBy = ["topic:nowhere"];
    const errors = checkDraft(s).errors;
    expect(inFrench(errors["goal"]!)).toBe("Obligatoire.");
    expect(inFrench(errors["difficulty"]!)).toBe("Doit être un nombre.");
    expect(inFrench(errors["resolvedWhen"]!)).toBe("Ajoutez au moins une condition.");
    // Cross-references are checked once the shape is right.
    const s2 = phone();
    s2.facts[0].unlockedBy = ["topic:nowhere"];
    expect(inFrench(checkDraft(s2).errors["facts.0.unlockedBy.0"]!)).toBe(
      "Il n'y a pas de sujet « nowhere » : ajoutez-le dans Sujets, ou choisissez-en un autre.",
    );
  });

  it("too short, too big, not an option, not a whole number, an unknown field, a bad id", () => {
    const s = phone();
    s.customer.name = "   ";
    s.customer.patience = 500;
    s.customer.openingMood = "furious";
    s.maxTurns = 3.5;
    s.colour = "blue";
    s.facts[0].id = "Numéro Colis";
    s.knows = [{ id: "hours", description: { en: "Hours", fr: "Horaires" }, examples: { en: ["we open at 9"], fr: [] } }];
    const parsed = schema.ScenarioSchema.safeParse(s);
    const errors = scenarioFieldErrors(parsed.error!, s);
    expect(inFrench(errors["customer.name"]!)).toBe("Obligatoire.");
    expect(inFrench(errors["customer.patience"]!)).toBe("Trop grand : au plus 100.");
    expect(inFrench(errors["customer.openingMood"]!)).toBe("Doit être l'une de ces valeurs : calm, annoyed, angry.");
    expect(inFrench(errors["maxTurns"]!)).toBe("Doit être un nombre entier.");
    expect(inFrench(errors[""]!)).toBe("Champ inconnu : colour.");
    expect(inFrench(errors["facts.0.id"]!)).toMatch(/^« Numéro Colis » n'est pas un identifiant : .*« numero-colis »/);
    expect(inFrench(errors["knows.0.examples.fr"]!)).toMatch(/^Aucun exemple de phrase dans cette langue/);
  });

  it("never shows the format's English message to a French reader, in the editor or for an imported file", () => {
    const s = phone();
    delete s.setting;
    s.channel = "fax";
    s.difficulty = 9;
    s.opening.fr = [];
    s.reactions = { "topic:nowhere": { beat: "Not A Beat" } };
    s.lines["reveal:ghost"] = { en: ["Boo."], fr: ["Bouh."] };
    const check = checkScenarioText(scenarioToYaml(s));
    expect(check.problems.length).toBeGreaterThan(4);
    for (const p of check.problems) {
      const words = inFrench(importProblemMessage(p, check.raw)!);
      expect(words, p.message).not.toContain(p.message);
      expect(words).not.toMatch(/\b(must|expected|Invalid|unknown|Too)\b/);
    }
    const s2 = phone();
    s2.lines["reveal:ghost"] = { en: ["Boo."], fr: ["Bouh."] };
    s2.customer.openingMood = "angry";
    s2.needs[0].metBy = ["fact:nowhere"];
    const problems = checkScenarioText(scenarioToYaml(s2)).problems;
    expect(problems.length).toBeGreaterThan(2);
    for (const p of problems) {
      expect(p.issue?.params?.reason, p.message).toBeTruthy();
      expect(inFrench(importProblemMessage(p)!)).not.toContain(p.message);
    }
  });

  it("keeps the studio's patterns those of the format", () => {
    expect(String(ID_PATTERN)).toBe(String(schema.ID_PATTERN));
    expect(String(BEAT_PATTERN)).toBe(String(schema.BEAT_PATTERN));
  });
});

describe("the field a problem is about, named as the form names it", () => {
  it("by the form's labels, an item by its id, the language by its name", () => {
    const s = phone();
    expect(fieldPathLabel(fr, "customer.patience", s)).toBe("Le client › Patience au départ");
    expect(fieldPathLabel(fr, "facts.0.text.fr", s)).toBe(`${t("fr", "author.field_facts")} · ${s.facts[0].id} › ${t("fr", "author.field_text")} › Français`);
    expect(fieldPathLabel(fr, "")).toBe("Le scénario entier");
    expect(fieldPathLabel(fr, "facts.1.id")).toBe(`${t("fr", "author.field_facts")} · #2 › ${t("fr", "author.field_id")}`);
  });
});
