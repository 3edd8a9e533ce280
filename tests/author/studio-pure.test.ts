/**
 * The studio's pure parts: warnings for a poor scenario, field-level differences, the flow graph, the form
 * derived from the schema, the templates.
 */
import { describe, expect, it } from "vitest";
import { diffDefinitions } from "../../app/author/diff";
import { scenarioFlow } from "../../app/author/flow";
import { scenarioFormSpec } from "../../app/author/form-spec.server";
import { emptyOf, setIn } from "../../app/author/form-spec";
import { templateContent } from "../../app/author/templates";
import { scenarioWarnings } from "../../app/author/warnings";
import { scenarioToYaml } from "../../app/author/yaml";
import { loadScenarioById } from "../../scenarios/load";
import { checkScenarioText } from "../../scenarios/parse";
import { ScenarioSchema, type Scenario } from "../../scenarios/schema";

const phone = () => structuredClone(templateContent("phone", "late-parcel")) as unknown as Scenario;

describe("the studio's warnings", () => {
  it("has nothing to say about the templates", () => {
    expect(scenarioWarnings(templateContent("phone", "a-b-c"))).toEqual([]);
    expect(scenarioWarnings(templateContent("in-person", "a-b-c"))).toEqual([]);
  });

  it("names a fact nothing can unlock, a need nothing can meet and a goal that can never be reached, per language", () => {
    const s = phone();
    s.topics["order-number"]!.examples.fr = [];
    const warnings = scenarioWarnings(s);
    expect(warnings).toContainEqual({ path: "facts.0.unlockedBy", key: "author.warnFactUnreachable", vars: { id: "order-number", languages: "fr" } });
    expect(warnings).toContainEqual({ path: "resolvedWhen", key: "author.warnGoalUnreachable", vars: { languages: "fr" } });
    expect(warnings).toContainEqual({ path: "topics.order-number.examples.fr", key: "author.warnFewExamples", vars: { count: 0, minimum: 8 } });
    s.needs[0]!.metBy = { any: ["fact:nowhere"] };
    expect(scenarioWarnings(s)).toContainEqual({ path: "needs.0.metBy", key: "author.warnNeedUnmeetable", vars: { id: "arrives-when", languages: "en+fr" } });
  });

  it("flags a topic with fewer than 8 examples, a checkpoint naming an unknown topic and a one-language text", () => {
    const s = phone();
    s.topics["order-number"]!.examples.en = s.topics["order-number"]!.examples.en.slice(0, 7);
    s.rubric.empathy[0]!.when = ["topic:nope"];
    s.title.fr = "";
    const warnings = scenarioWarnings(s);
    expect(warnings).toContainEqual({ path: "topics.order-number.examples.en", key: "author.warnFewExamples", vars: { count: 7, minimum: 8 } });
    expect(warnings).toContainEqual({ path: "rubric.empathy.0.when", key: "author.warnRubricUnknownTopic", vars: { topic: "nope" } });
    expect(warnings).toContainEqual({ path: "title.fr", key: "author.warnMissingTranslation", vars: { language: "fr" } });
  });

  it("finds no unreachable fact, need or goal in the seed scenarios", () => {
    for (const id of ["lost-cap", "angry-caller", "smile-25k"]) {
      const keys = scenarioWarnings(loadScenarioById(id)).map((w) => w.key);
      expect(keys, id).not.toContain("author.warnFactUnreachable");
      expect(keys, id).not.toContain("author.warnNeedUnmeetable");
      expect(keys, id).not.toContain("author.warnGoalUnreachable");
    }
  });
});

describe("field-level differences", () => {
  it("matches facts by id, so that inserting one does not show every later one as changed", () => {
    const a = phone();
    const b = phone();
    b.facts.unshift({ id: "first", unlockedBy: ["greet"], text: { en: "Hi", fr: "Salut" } });
    b.facts[1]!.text.en = "It's order 1.";
    const changes = diffDefinitions(a, b);
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: "facts[first]", kind: "added", after: b.facts[0] },
        { path: "facts[order-number].text.en", kind: "changed", before: "It's order 48213.", after: "It's order 1." },
      ]),
    );
  });
});

describe("the scenario flow", () => {
  it("links what unlocks each fact, what voices and meets each need, and what resolves the call", () => {
    const { nodes, edges } = scenarioFlow(phone());
    expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["start", "topic:order-number", "fact:order-number", "need:arrives-when", "end:resolved", "end:left", "end:gave-up"]));
    expect(edges).toContainEqual({ from: "topic:order-number", to: "fact:order-number", label: "any" });
    expect(edges).toContainEqual({ from: "fact:order-number", to: "need:arrives-when", label: "voiced after", dashed: true });
    expect(edges).toContainEqual({ from: "move:set_expectation", to: "need:arrives-when", label: "meets" });
    expect(edges).toContainEqual({ from: "fact:order-number", to: "end:resolved", label: "all" });
  });
});

describe("the form derived from the schema", () => {
  it("knows every top-level field of the format, texts in both languages and condition sets", () => {
    const spec = scenarioFormSpec();
    expect(spec.kind).toBe("object");
    if (spec.kind !== "object") return;
    const shape = (ScenarioSchema as unknown as { _zod: { def: { shape: object } } })._zod.def.shape;
    expect(spec.fields.map((f) => f.key)).toEqual(Object.keys(shape));
    const kind = (key: string) => spec.fields.find((f) => f.key === key)!.spec.kind;
    expect([kind("title"), kind("opening"), kind("resolvedWhen"), kind("topics"), kind("facts"), kind("difficulty")]).toEqual([
      "localized",
      "localizedList",
      "conditions",
      "record",
      "array",
      "number",
    ]);
  });

  it("adds a fact with every required part and updates values immutably", () => {
    const spec = scenarioFormSpec();
    if (spec.kind !== "object") return;
    const facts = spec.fields.find((f) => f.key === "facts")!.spec;
    if (facts.kind !== "array") return;
    expect(emptyOf(facts.item)).toEqual({ id: "", unlockedBy: [], text: { en: "", fr: "" } });
    const before = { facts: [{ id: "a" }] };
    const after = setIn(before, ["facts", 0, "id"], "b");
    expect(after).toEqual({ facts: [{ id: "b" }] });
    expect(before).toEqual({ facts: [{ id: "a" }] });
    expect(setIn(after, ["facts", 0], undefined)).toEqual({ facts: [] });
  });
});

describe("YAML of a scenario", () => {
  it("writes every seed scenario in the files' order, and reads it back identical", () => {
    for (const id of ["lost-cap", "angry-caller", "smile-25k"]) {
      const scenario = loadScenarioById(id);
      const yaml = scenarioToYaml(scenario);
      expect(yaml.startsWith(`id: ${id}\ntitle:`)).toBe(true);
      expect(checkScenarioText(yaml).scenario).toEqual(scenario);
    }
  });

  it("reports every problem of a file with its line, not only the first", () => {
    const yaml = scenarioToYaml(templateContent("phone", "late-parcel")).replace("difficulty: 1", "difficulty: 5").replace("patience: 55", "patience: 0");
    const problems = checkScenarioText(yaml).problems;
    expect(problems.map((p) => p.path)).toEqual(["difficulty", "customer.patience"]);
    expect(problems.every((p) => typeof p.line === "number")).toBe(true);
  });
});

describe("the editor's words for fields (what the trainer reads)", () => {
  it("gives an id the hint of what it is: the web address at the top, a name the scenario uses elsewhere", async () => {
    const { hintKeyOf } = await import("../../app/author/editor/SchemaForm");
    const { t } = await import("../../app/i18n");
    expect(hintKeyOf(["id"])).toBe("author.hint_id");
    expect(hintKeyOf(["facts", 0, "id"])).toBe("author.hint_id_facts");
    expect(hintKeyOf(["needs", 2, "id"])).toBe("author.hint_id_needs");
    expect(hintKeyOf(["knows", 0, "id"])).toBe("author.hint_id_knows");
    expect(hintKeyOf(["rubric", "empathy", 0, "id"])).toBe("author.hint_id_rubric");
    expect(hintKeyOf(["facts", 0, "includes", 0])).toBeNull();
    const fact = t("en", hintKeyOf(["facts", 0, "id"])!);
    expect(fact).not.toContain("web address");
    expect(fact).toContain("fact:<id>");
    expect(fact).toContain("reveal:<id>");
    expect(t("fr", hintKeyOf(["facts", 0, "id"])!)).toContain("fact:<id>");
  });

  it("wraps a flow box's label in lines no wider than the box, losing no character", async () => {
    const { wrapLabel } = await import("../../app/author/editor/FlowDiagram");
    const measure = (s: string) => s.length * 7;
    const label = "fact: a-very-long-fact-name-that-wraps-around";
    const lines = wrapLabel(label, measure, 140);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe(label);
    for (const line of lines) expect(measure(line.trimEnd())).toBeLessThanOrEqual(140);
    expect(wrapLabel("resolved", measure, 140)).toEqual(["resolved"]);
    // A piece longer than a line is cut.
    expect(wrapLabel("x".repeat(50), measure, 140).join("")).toBe("x".repeat(50));
  });

  it("names every move in both languages, with no underscore", async () => {
    const { MOVES } = await import("../../scenarios/moves");
    const { t } = await import("../../app/i18n");
    for (const move of MOVES)
      for (const locale of ["en", "fr"] as const) {
        const label = t(locale, `author.move_${move}` as Parameters<typeof t>[1]);
        expect(label, `${locale} ${move}`).not.toBe(`author.move_${move}`);
        expect(label).not.toContain("_");
      }
  });
});
