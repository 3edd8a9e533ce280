/**
 * The tester's session-13 findings on the studio, in both languages: an imported file that is not a YAML text,
 * the versions page's history, the Checks' warnings on example phrases and on what the receptionist knows, the
 * labels of the channel and of conditions, a title's length, the phone template's checkpoints.
 */
import { describe, expect, it } from "vitest";
import "../../app/author/messages";
import "../../app/author/messages-studio";
import { decodeImportFile, importSizeProblem, MAX_IMPORT_BYTES } from "../../app/author/import-file";
import { t } from "../../app/i18n";

describe("an imported file", () => {
  it("is refused when too large, with the limit, in both languages", () => {
    const p = importSizeProblem(4 * 1024 * 1024)!;
    expect(t("en", p.key, p.vars)).toBe("File too large (max 512 KB): this one is 4096 KB.");
    expect(t("fr", p.key, p.vars)).toBe("Fichier trop volumineux (max 512 Ko) : celui-ci fait 4096 Ko.");
    expect(importSizeProblem(MAX_IMPORT_BYTES)).toBeNull();
  });

  it("is refused when it is not a text: NUL, invalid UTF-8, control characters", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    for (const bytes of [png, new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe]), new TextEncoder().encode("id: a\u0007b\n"), new TextEncoder().encode("id: a\u0000\n")]) {
      const r = decodeImportFile(bytes);
      expect("problem" in r && r.problem.key).toBe("authorStudio.fileNotText");
    }
    const r = decodeImportFile(png);
    if (!("problem" in r)) throw new Error("expected a problem");
    expect(t("en", r.problem.key)).toMatch(/^This is not a YAML text file/);
    expect(t("fr", r.problem.key)).toMatch(/^Ce n'est pas un fichier texte YAML/);
  });

  it("says an empty file is empty, and reads a text (BOM, accents, tabs and CRLF kept as text)", () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode(" \n\t\r\n")]) {
      const r = decodeImportFile(bytes);
      expect("problem" in r && t("fr", r.problem.key)).toMatch(/^Le fichier est vide/);
      expect("problem" in r && t("en", r.problem.key)).toMatch(/^The file is empty/);
    }
    const ok = decodeImportFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("title:\r\n  fr: \"Réception\"\t# ok\n")]));
    expect(ok).toEqual({ text: "title:\r\n  fr: \"Réception\"\t# ok\n" });
  });
});

describe("the versions page's history", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 11, 3, 10, 0) + m * 60_000).toISOString();
  it("groups a person's consecutive autosaves into one line and names every action in words", async () => {
    const { historyLines, historyActionMessage } = await import("../../app/author/history");
    const events = [
      { action: "scenario.published", data: { version: 2 }, at: at(6), actor: "Théo Trainer" },
      ...Array.from({ length: 15 }, (_, i) => ({ action: "scenario.edited", data: null, at: at(5 - i / 5), actor: "Théo Trainer" })),
      { action: "scenario.edited", data: null, at: at(1), actor: "Maya Manager" },
      { action: "scenario.test-added", data: null, at: at(0), actor: "Théo Trainer" },
    ];
    const lines = historyLines(events);
    expect(lines.map((l) => [l.action, l.count])).toEqual([
      ["scenario.published", 1],
      ["scenario.edited", 15],
      ["scenario.edited", 1],
      ["scenario.test-added", 1],
    ]);
    expect(lines[1]!.from < lines[1]!.to).toBe(true);
    const say = (locale: "en" | "fr", i: number) => {
      const m = historyActionMessage(lines[i]!);
      return t(locale, m.key, m.vars);
    };
    expect([0, 1, 2, 3].map((i) => say("en", i))).toEqual(["Published", "Edited 15 times", "Edited", "Test added"]);
    expect([0, 1, 2, 3].map((i) => say("fr", i))).toEqual(["Publié", "Modifié 15 fois", "Modifié", "Test ajouté"]);
    expect(lines[0]!.version).toBe(2);
    for (const action of ["scenario.created", "scenario.imported", "scenario.rolled-back", "scenario.archived", "scenario.restored", "scenario.test-removed"]) {
      const m = historyActionMessage({ action, count: 1 });
      expect(t("fr", m.key, m.vars), action).not.toContain("scenario.");
    }
  });
});

describe("the Checks on example phrases and on what the receptionist knows", () => {
  const phone = async () => {
    const { templateContent } = await import("../../app/author/templates");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template edited freely, field by field, to build bad input
    return structuredClone(templateContent("phone", "late-parcel")) as Record<string, any>;
  };

  it("shows a topic with no example phrase its error alone, not also 'only 0 example phrases'", async () => {
    const { checkDraft } = await import("../../app/author/studio.server");
    const s = await phone();
    s.topics["order-number"].examples.fr = [];
    const check = checkDraft(s);
    expect(Object.keys(check.errors)).toContain("topics.order-number.examples.fr");
    expect(check.warnings.filter((w) => w.path === "topics.order-number.examples.fr")).toEqual([]);
  });

  it("warns about copies and about examples of fewer than two words (emoji, punctuation, markup), in both languages", async () => {
    const { scenarioWarnings } = await import("../../app/author/warnings");
    const s = await phone();
    const en: string[] = s.topics["order-number"].examples.en;
    s.topics["order-number"].examples.en = [...en.slice(0, 8), en[0]!.toUpperCase(), "📦📦!!", "<script>alert(1)</script>", "???"];
    const at = scenarioWarnings(s).filter((w) => w.path === "topics.order-number.examples.en");
    const dup = at.find((w) => w.key === "authorStudio.warnDuplicateExamples")!;
    const junk = at.find((w) => w.key === "authorStudio.warnJunkExamples")!;
    expect(t("en", dup.key, dup.vars)).toMatch(/^1 example phrase is written twice/);
    expect(t("fr", dup.key, dup.vars)).toMatch(/^1 exemple est écrit deux fois/);
    expect(junk.vars?.count).toBe(3);
    expect(t("en", junk.key, junk.vars)).toMatch(/^3 example phrases have fewer than two words \(“📦📦!!”\)/);
    expect(t("fr", junk.key, junk.vars)).toMatch(/^3 exemples ont moins de deux mots/);
    // Eight distinct phrases: enough, the copy and the junk aside.
    expect(at.some((w) => w.key === "author.warnFewExamples")).toBe(false);
    // Seven distinct and a copy: too few.
    s.topics["order-number"].examples.en = [...en.slice(0, 7), en[0]];
    const few = scenarioWarnings(s).find((w) => w.path === "topics.order-number.examples.en" && w.key === "author.warnFewExamples");
    expect(few?.vars?.count).toBe(7);
    const { scenarioWarnings: w2 } = await import("../../app/author/warnings");
    expect(w2(await phone()).filter((w) => w.key.startsWith("authorStudio.warn"))).toEqual([]);
  });

  it("warns when nothing is listed in what the receptionist knows", async () => {
    const { scenarioWarnings } = await import("../../app/author/warnings");
    const s = await phone();
    s.knows = [];
    const w = scenarioWarnings(s).find((x) => x.key === "authorStudio.warnNoKnows")!;
    expect(w.path).toBe("knows");
    expect(t("en", w.key)).toContain("“Shared something useful the customer did not know” can almost never be earned");
    expect(t("fr", w.key)).toContain("« A partagé une information utile que la personne ignorait » ne peut presque jamais être obtenu");
  });
});

describe("the templates' checkpoints", () => {
  it("replace the default empathy checkpoint with their own, and list what the receptionist knows", async () => {
    const { templateContent } = await import("../../app/author/templates");
    const { ScenarioSchema } = await import("../../scenarios/schema");
    const { rubricFor } = await import("../../machines/scoring/rubric");
    const { scenarioWarnings } = await import("../../app/author/warnings");
    for (const name of ["phone", "in-person"] as const) {
      const content = templateContent(name, "x-template");
      const scenario = ScenarioSchema.parse(content);
      const rubric = rubricFor(scenario);
      const feeling = rubric.filter((c) => c.id === "acknowledge-feeling");
      expect(feeling, name).toHaveLength(1);
      expect(feeling[0]!.origin, name).toBe("scenario");
      // No other empathy checkpoint answers the same move first.
      const onFeeling = rubric.filter((c) => c.dimension === "empathy" && JSON.stringify(c.when ?? "").includes("acknowledge_feeling"));
      expect(onFeeling.map((c) => c.id), name).toEqual(["acknowledge-feeling"]);
      expect(scenario.knows.length, name).toBeGreaterThanOrEqual(2);
      const share = rubric.find((c) => c.id === "share-knowledge")!;
      expect(share.knowledge?.length, name).toBe(scenario.knows.length);
      expect(scenarioWarnings(content).filter((w) => w.path.startsWith("knows")), name).toEqual([]);
    }
  });
});

describe("the form's labels", () => {
  it("name the channel as the rest of the app does, and a condition's kind in the reader's language", async () => {
    const { optionLabel, conditionText } = await import("../../app/author/labels");
    const { translator } = await import("../../app/i18n");
    const en = translator("en");
    const fr = translator("fr");
    expect(["phone", "in-person"].map((o) => optionLabel(en, "channel", o))).toEqual(["Phone", "In person"]);
    expect(["phone", "in-person"].map((o) => optionLabel(fr, "channel", o))).toEqual(["Téléphone", "En personne"]);
    expect(["topic:order-number", "fact:order-number", "need:arrives-when"].map((c) => conditionText(fr, c))).toEqual([
      "Sujet : order-number",
      "Fait : order-number",
      "Besoin : arrives-when",
    ]);
    expect(["topic:order-number", "fact:order-number", "need:arrives-when"].map((c) => conditionText(en, c))).toEqual([
      "Topic: order-number",
      "Fact: order-number",
      "Need: arrives-when",
    ]);
    expect(conditionText(fr, "acknowledge_feeling")).not.toContain("_");
  });
});

describe("a title's length", () => {
  it("is capped at 80 characters with a clear error in both languages (the draft is not valid, so not publishable)", async () => {
    const { checkDraft } = await import("../../app/author/studio.server");
    const { templateContent } = await import("../../app/author/templates");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template edited freely, field by field, to build bad input
    const s = structuredClone(templateContent("phone", "late-parcel")) as Record<string, any>;
    expect(checkDraft(s).valid).toBe(true);
    s.title.fr = `<b>${"📦".repeat(20)}${"a".repeat(123)}</b>`;
    const check = checkDraft(s);
    expect(check.valid).toBe(false);
    const e = check.errors["title.fr"]!;
    expect(t("fr", e.key, e.vars)).toBe("Le titre fait 150 caractères : 80 au maximum.");
    expect(t("en", e.key, e.vars)).toBe("The title is 150 characters long: keep it to 80 at most.");
    s.title.fr = "é".repeat(80);
    expect(checkDraft(s).valid).toBe(true);
  });
});
