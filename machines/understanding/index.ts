/**
 * The offline understanding of a trainee turn (decisions 090–091): moves from the trained model and its
 * rules, scenario topics (and knows) from the scenario's example phrases, each with a confidence.
 * Pure and synchronous; I/O (the topic models' disk cache, the warm-up) lives in app/engine/.
 */
import type { Scenario } from "../../scenarios/schema";
import type { Locale, Move } from "../../scenarios/moves";
import { isLocale } from "../../scenarios/moves";
import { movesFromFeatures, partsOf, readingOf } from "./moves";
import { topicsFromFeatures } from "./topics";

export { classify, classifyWithScores, warmMoves, movesArtifact } from "./moves";
export { detectTopics, patternTopics, setTopicModelStore, topicModel, topicModelKey, topicIds, TOPIC_THRESHOLD, type TopicModelStore } from "./topics";
export { CLASSIFIER_VERSION } from "./train";

export interface UnderstandingResult {
  moves: Move[];
  topics: string[];
  /** Confidence 0–1 per move and per `topic:<id>`. */
  scores: Record<string, number>;
}

/** Moves, topics and their confidences for one trainee turn; the utterance is featurised once. */
export function understand(scenario: Scenario, text: string, locale: Locale): UnderstandingResult {
  if (!isLocale(locale)) throw new Error(`understand: unknown locale "${String(locale)}" (expected en or fr)`);
  if (!text || !text.trim()) return { moves: [], topics: [], scores: {} };
  // The text, its sentences and its clauses are read once (and kept a while: the call's scoring reads them again,
  // decision 245), for the moves and the topics.
  const { features, moveScores } = readingOf(text, locale);
  const parts = partsOf(text, locale);
  const m = movesFromFeatures(text, locale, features, parts, moveScores);
  const t = topicsFromFeatures(scenario, text, locale, features, parts, moveScores);
  return { moves: m.moves, topics: t.topics, scores: { ...m.scores, ...t.scores } };
}
