/**
 * The offline Understander: the rule/lexicon classifier for moves and the
 * scenario's keyword topics. No network, no model; always available, and the
 * fallback of the LLM classifier.
 */
import type { Scenario } from "../../scenarios/schema";
import type { Locale } from "../../scenarios/moves";
import { classify } from "../../machines/classify";
import { detectTopics } from "../../machines/topics";
import type { UnderstandResult, Understander } from "./types";

export function createOfflineUnderstander(): Understander {
  return {
    name: "offline",
    async understand(text: string, locale: Locale, scenario: Scenario): Promise<UnderstandResult> {
      return {
        moves: classify(text, locale),
        topics: detectTopics(scenario, text, locale),
        classifier: "offline",
      };
    },
  };
}
