/**
 * The offline Understander: the trained classifier of machines/understanding/ (moves from the committed
 * model, the scenario's topics and knows from their example phrases), with a confidence per move and per
 * `topic:<id>`. No network; always available, and the fallback of the LLM classifier.
 */
import type { Scenario } from "../../scenarios/schema";
import type { Locale } from "../../scenarios/moves";
import { understand } from "../../machines/understanding";
import type { UnderstandResult, Understander } from "./types";
import { installUnderstandingCache } from "./understanding-cache";

export interface OfflineUnderstanderOptions {
  /** A directory for the topic models' disk cache (the app's data dir); none: memory only. */
  cacheDir?: string;
}

export function createOfflineUnderstander(options: OfflineUnderstanderOptions = {}): Understander {
  if (options.cacheDir) installUnderstandingCache(options.cacheDir);
  return {
    name: "offline",
    async understand(text: string, locale: Locale, scenario: Scenario): Promise<UnderstandResult> {
      const { moves, topics, scores } = understand(scenario, text, locale);
      return { moves, topics, scores, classifier: "offline" };
    },
  };
}
