import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MOVES } from "../scenarios/moves";
import { movesArtifact } from "../machines/understanding";
import { MODEL_MOVES } from "../machines/understanding/train";
import { readCorpus, withoutDevSet } from "../app/cli/understanding-corpus";
import { blindByLocale, blindReport, evaluate, loadBlind, loadHoldout } from "./eval-moves";

describe("the training corpus and the committed moves model", () => {
  const corpus = readCorpus();

  it("has at least 1000 utterances per language, every move at least 30 times per language, and turns with no move", () => {
    for (const locale of ["en", "fr"] as const) {
      const items = corpus.items.filter((i) => i.locale === locale);
      expect(items.length).toBeGreaterThanOrEqual(1000);
      for (const move of MOVES) expect(items.filter((i) => i.moves.includes(move)).length, `${locale} ${move}`).toBeGreaterThanOrEqual(30);
    }
  });

  it("was trained on the corpus as it is now (run npm run train when this fails)", () => {
    expect(movesArtifact.corpusHash, "the moves model is stale: run `npm run train` and commit moves-model.json").toBe(corpus.hash);
  });

  it("has a threshold chosen by cross-validation for every move the network learns", () => {
    for (const locale of ["en", "fr"] as const) {
      const t = movesArtifact.locales[locale].thresholds;
      for (const m of MODEL_MOVES) {
        expect(t[m], `${locale} ${m}`).toBeGreaterThanOrEqual(0.15);
        expect(t[m], `${locale} ${m}`).toBeLessThanOrEqual(0.85);
      }
    }
  });

  it("reaches a cross-validated micro-F1 of at least 0.78 in each language", () => {
    expect(movesArtifact.cv.en.microF1).toBeGreaterThanOrEqual(0.78);
    expect(movesArtifact.cv.fr.microF1).toBeGreaterThanOrEqual(0.78);
  });
});

describe("the dev set (never trained on)", () => {
  const holdout = loadHoldout();

  it("keeps at least 60 utterances in both languages, and training leaves out any corpus line that repeats one", () => {
    expect(holdout.length).toBeGreaterThanOrEqual(60);
    expect(holdout.some((i) => i.locale === "en") && holdout.some((i) => i.locale === "fr")).toBe(true);
    const repeated = { text: `  ${holdout[0]!.text.toUpperCase()} `, moves: [], locale: holdout[0]!.locale };
    const { items, dropped } = withoutDevSet([...readCorpus().items, repeated]);
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(items).not.toContain(repeated);
  });

  it("is read with a micro-F1 of at least 0.85 and at most 5 polarity swaps per 100 utterances", () => {
    const r = evaluate(holdout);
    expect(r.microF1).toBeGreaterThanOrEqual(0.85);
    expect(r.polaritySwaps / r.n).toBeLessThanOrEqual(0.05);
  });
});

describe("the blind-set report", () => {
  it("prints aggregate figures per locale and never an utterance", () => {
    const dir = mkdtempSync(join(tmpdir(), "blind-"));
    const file = join(dir, "utterances.jsonl");
    const lines = [
      { id: "a1", locale: "en", scenario: "lost-cap", style: "plain", text: "I'm so sorry about that.", must: ["apologize"], mustNot: ["rude"], polarity: "positive" },
      { id: "a2", locale: "en", scenario: "lost-cap", style: "curt", text: "Not my problem, lady. Calm down.", must: ["rude"], mustNot: [], polarity: "negative" },
      { id: "a3", locale: "fr", scenario: "lost-cap", style: "plain", text: "Je suis vraiment désolée.", must: ["apologize"], mustNot: ["dismiss"], polarity: "positive" },
      { id: "a4", locale: "fr", scenario: "lost-cap", style: "plain", text: "Zzqx wibble frob.", must: ["take_ownership"], mustNot: [], polarity: "positive" },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const figures = blindByLocale(loadBlind(file));
    expect(figures.all!.n).toBe(4);
    expect(figures.en!.n).toBe(2);
    expect(figures.fr!.n).toBe(2);
    expect(figures.fr!.mustRecall.take_ownership).toEqual({ found: 0, of: 1, recall: 0 });
    expect(figures.fr!.mustFound).toBeLessThanOrEqual(0.5);
    const report = blindReport("Blind set (synthetic)", figures);
    for (const l of lines) expect(report).not.toContain(l.text);
    expect(report).toMatch(/en: 2 utterances; must-moves all found/);
    expect(report).toMatch(/polarity swaps/);
  });

  it("refuses a malformed line by its number, without quoting it", () => {
    const dir = mkdtempSync(join(tmpdir(), "blind-"));
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"id":1,"locale":"en","text":"secret words","must":[],"mustNot":[],"polarity":"positive"}\n{"id":2,"locale":"de","text":"geheim","polarity":"positive"}\n');
    expect(() => loadBlind(file)).toThrow(/^blind set line 2: locale/);
    try {
      loadBlind(file);
    } catch (err) {
      expect(String(err)).not.toContain("geheim");
    }
  });
});
