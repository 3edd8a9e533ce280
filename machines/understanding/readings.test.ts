/**
 * The memoised readings of the moves model (decision 245): a text read again gives the same features, scores, moves
 * and topics as a text read for the first time, whatever was read in between, and the memo stays bounded.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import type { Locale } from "../../scenarios/moves";
import { offlineClauseReader } from "../scoring/index";
import { featurize } from "./features";
import { deserialize, scores } from "./network";
import { classify, classifyWithScores, clearUnderstood, detectTopics, movesArtifact, understand, UNDERSTOOD_LIMIT } from "./index";
import { clearReadings, partsOf, peekReading, readingOf, READINGS_LIMIT } from "./moves";

const TEXTS: Array<[string, Locale]> = [
  ["Good evening. No bother. What does the cap look like?", "en"],
  ["I'm so sorry, I've been through the whole box and asked Julien, and the lunch team is back tomorrow at 11 so they might know something, I'll call you as soon as I hear.", "en"],
  ["Ugh.", "en"],
  ["", "en"],
  ["   ", "en"],
  ["Bonsoir, je comprends, c'est vraiment pas drôle de perdre la casquette de son fils, je vais vérifier dans la boîte des objets trouvés et demander à l'équipe du midi, je vous rappelle ce soir.", "fr"],
  ["je comprends ce que vous ressentez", "fr"],
];

describe("readings of the moves model, memoised", () => {
  it("are the features and the scores of a fresh reading, the same object while kept", () => {
    for (const [text, locale] of TEXTS) {
      const r = readingOf(text, locale);
      expect(r.features).toEqual(featurize(text, locale));
      expect(Array.from(r.moveScores)).toEqual(Array.from(scores(deserialize(movesArtifact.locales[locale]!.model), featurize(text, locale))));
      expect(readingOf(text, locale)).toBe(r);
    }
    expect(readingOf("Ugh.", "fr")).not.toBe(readingOf("Ugh.", "en"));
  });

  it("give the same moves, scores and topics cold and memoised", () => {
    const scenario = loadScenarioById("lost-cap");
    const read = () =>
      TEXTS.map(([text, locale]) => ({
        whole: understand(scenario, text, locale),
        classified: classifyWithScores(text, locale),
        topics: detectTopics(scenario, text, locale),
        parts: partsOf(text, locale).map((p) => [p.text, p.read, p.clause]),
      }));
    clearReadings();
    clearUnderstood(scenario);
    const cold = read();
    const hot = read();
    expect(hot).toEqual(cold);
    // Read the other way round (the parts first, then the whole turns), still the same.
    clearReadings();
    clearUnderstood(scenario);
    for (const [text, locale] of TEXTS) for (const p of partsOf(text, locale)) classify(p.read, locale);
    clearReadings();
    for (const [text, locale] of TEXTS) for (const p of [...partsOf(text, locale)].reverse()) detectTopics(scenario, p.read, locale);
    expect(read()).toEqual(cold);
  });

  it("a text understood again is what it was understood as the first time, and each reader gets its own copy (decision 262)", () => {
    const scenario = loadScenarioById("lost-cap");
    clearReadings();
    clearUnderstood(scenario);
    const cold = TEXTS.map(([text, locale]) => understand(scenario, text, locale));
    // Kept: the same result whatever was read in between (readings forgotten, parts read alone).
    clearReadings();
    for (const [text, locale] of TEXTS) for (const p of partsOf(text, locale)) understand(scenario, p.read, locale);
    const kept = TEXTS.map(([text, locale]) => understand(scenario, text, locale));
    expect(kept).toEqual(cold);
    // A copy each time: changing what one reader got changes nothing for the next.
    const [text, locale] = TEXTS[0]!;
    const mine = understand(scenario, text, locale);
    mine.moves.push("rude");
    mine.topics.length = 0;
    mine.scores.extra = 1;
    expect(understand(scenario, text, locale)).toEqual(cold[0]);
    // Per scenario object: another scenario's topics are its own.
    const other = loadScenarioById("smile-25k");
    expect(understand(other, text, locale)).toEqual((clearUnderstood(other), understand(other, text, locale)));
    expect(understand(other, text, locale).topics.every((t) => t in other.topics)).toBe(true);
  });

  it("keeps at most UNDERSTOOD_LIMIT texts a scenario, the least recently used going first", () => {
    const scenario = loadScenarioById("lost-cap");
    clearUnderstood(scenario);
    const first = understand(scenario, "Good evening, what does the cap look like?", "en");
    for (let i = 0; i < UNDERSTOOD_LIMIT + 10; i++) understand(scenario, `filler ${i}`, "en");
    expect(understand(scenario, "Good evening, what does the cap look like?", "en")).toEqual(first);
  });

  it("the judge's clause reader reads as the classifier and the topic detector", () => {
    const scenario = loadScenarioById("lost-cap");
    clearReadings();
    const reader = offlineClauseReader(scenario, "en");
    for (const [text, locale] of TEXTS.filter(([, l]) => l === "en")) {
      expect(reader(text)).toEqual({ moves: classify(text, locale), topics: detectTopics(scenario, text, locale) });
      for (const p of partsOf(text, locale)) expect(reader(p.text)).toEqual({ moves: classify(p.text, locale), topics: detectTopics(scenario, p.text, locale) });
    }
  });

  it("keeps at most READINGS_LIMIT readings, the least recently used going first", () => {
    clearReadings();
    const first = readingOf("The first one.", "en");
    readingOf("The second one.", "en");
    for (let i = 0; i < READINGS_LIMIT - 2; i++) readingOf(`filler ${i}`, "en");
    readingOf("The first one.", "en"); // used again: now the most recent
    readingOf("one more", "en"); // the limit reached: the least recently used goes
    expect(peekReading("The second one.", "en")).toBeUndefined();
    expect(peekReading("The first one.", "en")).toBe(first);
    expect(peekReading("filler 0", "en")).toBeDefined();
    const again = readingOf("The second one.", "en");
    expect(again.features).toEqual(featurize("The second one.", "en"));
  });
});
