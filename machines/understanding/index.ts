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
import { Lru } from "../lru";

export { classify, classifyWithScores, warmMoves, movesArtifact } from "./moves";
export { detectTopics, patternTopics, setTopicModelStore, topicModel, topicModelKey, topicIds, TOPIC_THRESHOLD, type TopicModelStore } from "./topics";
export { CLASSIFIER_VERSION } from "./train";

export interface UnderstandingResult {
  moves: Move[];
  topics: string[];
  /** Confidence 0–1 per move and per `topic:<id>`. */
  scores: Record<string, number>;
}

/**
 * What a scenario's texts were understood as lately, per scenario object (as its topic model is kept) and by
 * locale and exact text, least recently used first (decision 262): a call's ending asks again about its turns,
 * their sentences and clauses (the judge's quotes), which the turns' requests or an earlier scoring already
 * understood. A pure function of (scenario, locale, text): the moves model is the committed one, the scenario's
 * topic model is fixed once made for that object. Bounded per scenario; a scenario object no longer used goes
 * with it.
 */
const kept = new WeakMap<Scenario, Lru<string, UnderstandingResult>>();
export const UNDERSTOOD_LIMIT = 1024;

/** Moves, topics and their confidences for one trainee turn; the utterance is featurised once. */
export function understand(scenario: Scenario, text: string, locale: Locale): UnderstandingResult {
  const r = understood(scenario, text, locale);
  // Copies: the kept result is shared by every later reader, and callers own what they are given.
  return { moves: [...r.moves], topics: [...r.topics], scores: { ...r.scores } };
}

const NOTHING: Readonly<UnderstandingResult> = Object.freeze({ moves: [], topics: [], scores: {} });

/**
 * `understand`'s result as kept (see `kept` above): shared, never to be changed by whoever reads it (the
 * judge's clause reader only reads the moves and topics).
 */
export function understood(scenario: Scenario, text: string, locale: Locale): Readonly<UnderstandingResult> {
  if (!isLocale(locale)) throw new Error(`understand: unknown locale "${String(locale)}" (expected en or fr)`);
  if (!text || !text.trim()) return NOTHING;
  const key = `${locale}\u0000${text}`;
  let memo = kept.get(scenario);
  let r = memo?.get(key);
  if (r) return r;
  // The text, its sentences and its clauses are read once (and kept a while: the call's scoring reads them again,
  // decision 245), for the moves and the topics.
  const { features, moveScores } = readingOf(text, locale);
  const parts = partsOf(text, locale);
  const m = movesFromFeatures(text, locale, features, parts, moveScores);
  const t = topicsFromFeatures(scenario, text, locale, features, parts, moveScores);
  r = { moves: m.moves, topics: t.topics, scores: { ...m.scores, ...t.scores } };
  if (!memo) kept.set(scenario, (memo = new Lru(UNDERSTOOD_LIMIT)));
  memo.set(key, r);
  return r;
}

/** Forget what every scenario's texts were understood as (tests: a cold understanding against a kept one). */
export function clearUnderstood(scenario: Scenario): void {
  kept.delete(scenario);
}
