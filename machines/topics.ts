/**
 * Scenario-specific topics: each scenario lists, per language, regular
 * expressions (sources, matched against the normalised text, so write them
 * without accents and in lower case) that say the trainee talked about it.
 */
import type { Scenario } from "../scenarios/schema";
import type { Locale } from "../scenarios/moves";
import { normalize } from "../scenarios/text";

const cache = new WeakMap<Scenario, Map<Locale, Array<[string, RegExp[]]>>>();

function compiled(scenario: Scenario, locale: Locale): Array<[string, RegExp[]]> {
  let byLocale = cache.get(scenario);
  if (!byLocale) {
    byLocale = new Map();
    cache.set(scenario, byLocale);
  }
  let list = byLocale.get(locale);
  if (!list) {
    list = Object.entries(scenario.topics).map(([id, topic]) => [
      id,
      (topic.patterns?.[locale] ?? []).map((source) => new RegExp(normalize(source), "u")),
    ]);
    byLocale.set(locale, list);
  }
  return list;
}

export function detectTopics(scenario: Scenario, text: string, locale: Locale): string[] {
  const normalized = normalize(text);
  return compiled(scenario, locale)
    .filter(([, patterns]) => patterns.some((re) => re.test(normalized)))
    .map(([id]) => id);
}
