/**
 * Scenario topics (and what the receptionist knows, `knows`) from example phrases (decision 080, 091): per
 * scenario and language, one NLP.js multi-label network trained on the topics' and knows' examples, the
 * other topics' examples and a fixed sample of the general corpus as negatives. Optional `patterns` (regular
 * expressions on the normalised text) still count as a match.
 *
 * Trained synchronously on first use and cached by content (a hash of the scenario's topics, knows, the
 * classifier version and the negatives), in memory and, through an optional store the app provides (a data
 * dir), on disk, so start-up does not pay twice. Pure: the store is injected.
 */
import type { Scenario } from "../../scenarios/schema";
import type { Locale } from "../../scenarios/moves";
import { normalize } from "../../scenarios/text";
import { featurize, type Features } from "./features";
import { deserialize, mergeModels, scores, serialize, train, withColumn, type LinearModel, type SerializedModel } from "./network";
import { moveScoreFeatures, movesArtifact, partsOf, peekReading, readingOf, type TurnPart } from "./moves";
import { CLASSIFIER_VERSION, contentHash } from "./train";
import { Lru } from "../lru";

/** Where trained topic models may be kept between processes (the app's disk cache). */
export interface TopicModelStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Score from which a topic is read. Examples are few (10–30 a topic), so no per-topic threshold: one,
 *  chosen by 4-fold cross-validation on the seed scenarios' examples (decision 091; `npm run eval:moves`). */
export const TOPIC_THRESHOLD = 0.35;
/**
 * Score from which a topic the customer takes as a slight (a `reactions` entry on `topic:<id>` that costs
 * patience) is read by the model (decision 183): a false slight costs her patience and sometimes the call, a
 * missed one only the reaction, so a slight needs a clear reading. Patterns still count as a match.
 */
export const SLIGHT_TOPIC_THRESHOLD = 0.5;

const slightsByScenario = new WeakMap<Scenario, Set<string>>();

/**
 * The topics a scenario's customer takes as slights (a reaction on the topic that costs patience), derived once
 * per scenario object, not on every turn (kept apart from the topic model, whose cache key ignores reactions).
 */
function slightTopics(scenario: Scenario): Set<string> {
  let slights = slightsByScenario.get(scenario);
  if (!slights) {
    slights = new Set(
      Object.entries(scenario.reactions ?? {})
        .filter(([key, r]) => key.startsWith("topic:") && (r?.patience ?? 0) < 0)
        .map(([key]) => key.slice("topic:".length)),
    );
    slightsByScenario.set(scenario, slights);
  }
  return slights;
}

/** Training settings for topics: fewer iterations than the moves model, to stay well under a second. */
const TOPIC_TRAIN = { minCount: 1, iterations: 120, learningRate: 0.2 };
/** Each example counts three times: 10–30 examples a topic against a few hundred general negatives. */
const OVERSAMPLE = 3;
/** General negatives used per topic model (a deterministic sample of the artifact's). */
const MAX_NEG = 300;

export interface TopicModel {
  key: string;
  locale: Locale;
  /** Topic ids then knows ids, in the scenario's order. */
  labels: string[];
  model: LinearModel | null;
  patterns: Array<[string, RegExp[]]>;
}

/**
 * The trained models and the store live on the process, not on this module: the compiled server and the
 * Remix build each bundle their own copy of it, and the models the server warms at start must be the ones
 * the calls find (otherwise the first call of each scenario trained them again, ~240 ms, decision 116).
 */
declare global {
  var __motTopicModels: { store: TopicModelStore | undefined; memory: Lru<string, TopicModel> } | undefined;
}
// Bounded: scenario versions come and go in a long-running process; the least recently used goes first.
const shared = (globalThis.__motTopicModels ??= { store: undefined, memory: new Lru<string, TopicModel>(64) });
const memory = shared.memory;
const byScenario = new WeakMap<Scenario, Map<Locale, TopicModel>>();

/** Install (or remove) the persistent cache; app/engine does this where the app has a data dir. */
export function setTopicModelStore(s: TopicModelStore | undefined): void {
  shared.store = s;
}

/** Every topic id a scenario can detect: its topics, then what the receptionist knows. */
export function topicIds(scenario: Scenario): string[] {
  return [...Object.keys(scenario.topics), ...(scenario.knows ?? []).map((k) => k.id)];
}

function examplesOf(scenario: Scenario, locale: Locale): Array<[string, string[]]> {
  return [
    ...Object.entries(scenario.topics).map(([id, t]): [string, string[]] => [id, t.examples?.[locale] ?? []]),
    ...(scenario.knows ?? []).map((k): [string, string[]] => [k.id, k.examples[locale] ?? []]),
  ];
}

/**
 * Counter-examples (decision 282): phrases an author marks as NOT a topic or item although they share its words
 * ("The $36 goes back to your bank by Friday" is not "Connexa reimburses her bank's fees"). Each is a negative for
 * its own label only: it may well be another topic's positive.
 */
function counterExamplesOf(scenario: Scenario, locale: Locale): Array<{ text: string; id: string }> {
  return [
    ...Object.entries(scenario.topics).flatMap(([id, t]) => (t.counterExamples?.[locale] ?? []).map((text) => ({ text, id }))),
    ...(scenario.knows ?? []).flatMap((k) => (k.counterExamples?.[locale] ?? []).map((text) => ({ text, id: k.id }))),
  ];
}

/** The cache key: everything the trained model depends on. */
export function topicModelKey(scenario: Scenario, locale: Locale): string {
  return contentHash([
    `topics-v${CLASSIFIER_VERSION}-knows-apart`,
    locale,
    JSON.stringify(examplesOf(scenario, locale)),
    JSON.stringify(counterExamplesOf(scenario, locale)),
    JSON.stringify(Object.entries(scenario.topics).map(([id, t]) => [id, t.patterns?.[locale] ?? []])),
    JSON.stringify({ TOPIC_TRAIN, OVERSAMPLE, MAX_NEG }),
    String(TOPIC_THRESHOLD),
    movesArtifact.corpusHash,
  ]);
}

/** A topic model's input: the utterance's features and the moves model's scores. */
function topicFeatures(text: string, locale: Locale, base: Features = featurize(text, locale), moveScores?: ArrayLike<number>): Features {
  return { ...base, ...moveScoreFeatures(locale, base, moveScores) };
}

/**
 * A topic model's input for a text and its features: built once per reading of the moves model when the features
 * are that reading's (decision 245; `readingOf`), and then the same for every scenario that reads the text.
 */
function topicInputOf(text: string, locale: Locale, features: Features, moveScores?: ArrayLike<number>): Features {
  const reading = peekReading(text, locale);
  if (reading?.features !== features) return topicFeatures(text, locale, features, moveScores);
  return (reading.topicInput ??= topicFeatures(text, locale, reading.features, reading.moveScores));
}

function stems(f: Features): Set<string> {
  return new Set(Object.keys(f).filter((k) => k.startsWith("w:")));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * Train a topic model from labelled positives and general negatives (synchronous). Negatives that say nearly
 * the same words as a positive are left out: a corpus line about a lost item would otherwise teach the
 * lost-item topic that its own phrasing is off topic. Counter-examples (decision 282) are kept whatever their
 * words, and count against their own label only: each label that has some gets a column of its own, trained on
 * the same samples plus its counter-examples, in place of the shared one (NLP.js trains one independent
 * perceptron per label, so the other columns are what they would have been).
 */
export function trainTopics(
  labels: readonly string[],
  positives: ReadonlyArray<{ text: string; id: string }>,
  negativeTexts: readonly string[],
  locale: Locale,
  counters: ReadonlyArray<{ text: string; id: string }> = [],
): LinearModel | null {
  if (positives.length === 0) return null;
  const pos = positives.map((p) => ({ features: topicFeatures(p.text, locale), labels: [p.id] }));
  const posRep = Array.from({ length: OVERSAMPLE }, () => pos).flat();
  const posStems = pos.map((p) => stems(p.features));
  const negatives = negativeTexts
    .filter((_, i) => i % Math.max(1, Math.round(negativeTexts.length / MAX_NEG)) === 0)
    .map((text) => topicFeatures(text, locale))
    .filter((f) => {
      const s = stems(f);
      return !posStems.some((p) => jaccard(s, p) >= 0.5);
    })
    .map((features) => ({ features, labels: [] as string[] }));
  let model = train([...posRep, ...negatives], labels, TOPIC_TRAIN);
  const own = new Set(labels);
  for (const label of new Set(counters.map((c) => c.id).filter((id) => own.has(id)))) {
    if (!pos.some((p) => p.labels[0] === label)) continue; // no positive: the label never fires anyway
    const against = counters
      .filter((c) => c.id === label)
      .map((c) => ({ features: topicFeatures(c.text, locale), labels: [] as string[] }));
    const samples = [
      ...posRep.map((p) => ({ features: p.features, labels: p.labels[0] === label ? [label] : [] })),
      ...Array.from({ length: OVERSAMPLE }, () => against).flat(),
      ...negatives,
    ];
    model = withColumn(model, label, train(samples, [label], TOPIC_TRAIN));
  }
  return model;
}

function positivesOf(scenario: Scenario, locale: Locale): Array<{ text: string; id: string }> {
  return examplesOf(scenario, locale).flatMap(([id, texts]) => texts.map((text) => ({ text, id })));
}

/**
 * Topics and what the receptionist knows, trained apart and merged (decision 182): a sentence often carries
 * both ("the first consultation is free" is the consultation topic AND the free-consultation item), so a
 * topic's examples must not teach an item of knowledge that its own words are off-target, nor the reverse.
 * Topics stay each other's negatives (they are meant to be told apart), and so do the items.
 */
export function trainSplit(
  topicLabels: readonly string[],
  knowsLabels: readonly string[],
  positives: ReadonlyArray<{ text: string; id: string }>,
  negativeTexts: readonly string[],
  locale: Locale,
  counters: ReadonlyArray<{ text: string; id: string }> = [],
): LinearModel | null {
  const isKnows = new Set(knowsLabels);
  const topics = trainTopics(topicLabels, positives.filter((p) => !isKnows.has(p.id)), negativeTexts, locale, counters);
  const knows = knowsLabels.length > 0 ? trainTopics(knowsLabels, positives.filter((p) => isKnows.has(p.id)), negativeTexts, locale, counters) : null;
  if (topics && knows) return mergeModels(topics, knows);
  return topics ?? knows;
}

const knowsIdsOf = (scenario: Scenario) => (scenario.knows ?? []).map((k) => k.id);

/** Train one scenario's topic model for one language (synchronous; well under a second for 10–30 examples a topic). */
export function trainTopicModel(scenario: Scenario, locale: Locale): LinearModel | null {
  return trainSplit(Object.keys(scenario.topics), knowsIdsOf(scenario), positivesOf(scenario, locale), movesArtifact.negatives?.[locale] ?? [], locale, counterExamplesOf(scenario, locale));
}

export interface TopicCv {
  /** Per held-out positive: its topic and the scores of every label. */
  positives: Array<{ id: string; scores: Float64Array }>;
  /** Per held-out general negative: the scores of every label. */
  negatives: Float64Array[];
  labels: string[];
}

/** k-fold cross-validation of a scenario's topic model on its own examples and the general negatives. */
export function crossValidateTopics(scenario: Scenario, locale: Locale, folds = 4): TopicCv {
  const labels = topicIds(scenario);
  const pos = positivesOf(scenario, locale);
  const neg = movesArtifact.negatives?.[locale] ?? [];
  const out: TopicCv = { positives: [], negatives: [], labels };
  for (let f = 0; f < folds; f++) {
    const model = trainSplit(Object.keys(scenario.topics), knowsIdsOf(scenario), pos.filter((_, i) => i % folds !== f), neg.filter((_, i) => i % folds !== f), locale, counterExamplesOf(scenario, locale));
    if (!model) continue;
    out.labels = model.labels;
    pos.forEach((p, i) => {
      if (i % folds === f) out.positives.push({ id: p.id, scores: scores(model, topicFeatures(p.text, locale)) });
    });
    neg.forEach((t, i) => {
      if (i % folds === f) out.negatives.push(scores(model, topicFeatures(t, locale)));
    });
  }
  return out;
}

/** Recall (a held-out example read as its topic), wrong topics on examples, and topics read in general negatives, at a threshold. */
export function topicCvFigures(cv: TopicCv, threshold = TOPIC_THRESHOLD): { recall: number; wrongOnExamples: number; falseOnNegatives: number; n: number; negatives: number } {
  let found = 0;
  let wrong = 0;
  for (const p of cv.positives) {
    cv.labels.forEach((id, i) => {
      const on = (p.scores[i] ?? 0) >= threshold && (p.scores[i] ?? 0) > 0;
      if (on && id === p.id) found++;
      else if (on) wrong++;
    });
  }
  let falseNeg = 0;
  for (const n of cv.negatives) if ([...n].some((v) => v > 0 && v >= threshold)) falseNeg++;
  return {
    recall: cv.positives.length ? found / cv.positives.length : 0,
    wrongOnExamples: wrong,
    falseOnNegatives: cv.negatives.length ? falseNeg / cv.negatives.length : 0,
    n: cv.positives.length,
    negatives: cv.negatives.length,
  };
}

function compilePatterns(scenario: Scenario, locale: Locale): Array<[string, RegExp[]]> {
  return Object.entries(scenario.topics).map(([id, topic]) => [
    id,
    (topic.patterns?.[locale] ?? []).map((source) => new RegExp(normalize(source), "u")),
  ]);
}

/** The scenario's topic model for a language: from memory, the store, or trained now. */
export function topicModel(scenario: Scenario, locale: Locale): TopicModel {
  let perLocale = byScenario.get(scenario);
  const cached = perLocale?.get(locale);
  if (cached) return cached;
  const key = topicModelKey(scenario, locale);
  let tm = memory.get(key);
  if (!tm) {
    let model: LinearModel | null | undefined;
    const stored = shared.store?.get(key);
    if (stored !== undefined) {
      try {
        const parsed = JSON.parse(stored) as { model: SerializedModel | null };
        model = parsed.model ? deserialize(parsed.model) : null;
      } catch {
        model = undefined; // a damaged cache entry is retrained, never trusted
      }
    }
    if (model === undefined) {
      model = trainTopicModel(scenario, locale);
      shared.store?.set(key, JSON.stringify({ model: model ? serialize(model) : null }));
    }
    tm = { key, locale, labels: topicIds(scenario), model, patterns: compilePatterns(scenario, locale) };
    memory.set(key, tm);
  }
  if (!perLocale) {
    perLocale = new Map();
    byScenario.set(scenario, perLocale);
  }
  perLocale.set(locale, tm);
  return tm;
}

/** Topics (ids) and a confidence per `topic:<id>` from an utterance's features. */
export function topicsFromFeatures(
  scenario: Scenario,
  text: string,
  locale: Locale,
  features: Features,
  parts: readonly TurnPart[] = partsOf(text, locale),
  moveScores?: ArrayLike<number>,
): { topics: string[]; scores: Record<string, number> } {
  const tm = topicModel(scenario, locale);
  const s: Record<string, number> = {};
  const found = new Set<string>();
  if (tm.model) {
    const out = scores(tm.model, topicInputOf(text, locale, features, moveScores));
    // Examples are one sentence; a long turn's other sentences dilute a linear score, so each sentence of a
    // turn of several is also read on its own, and a run-on sentence clause by clause (as the moves are, decision
    // 180: "…, and what does it look like, this cap, because we find lots of them" asks about the cap), and a
    // topic keeps its best score.
    for (const part of parts) {
      const partScores = scores(tm.model, topicInputOf(part.read, locale, part.features, part.moveScores));
      partScores.forEach((v, i) => {
        if (v > out[i]!) out[i] = v;
      });
    }
    const slights = slightTopics(scenario);
    tm.model.labels.forEach((id, i) => {
      const v = out[i] ?? 0;
      s[`topic:${id}`] = Math.round(v * 1000) / 1000;
      if (v > 0 && v >= (slights.has(id) ? SLIGHT_TOPIC_THRESHOLD : TOPIC_THRESHOLD)) found.add(id);
    });
  }
  const normalized = normalize(text);
  for (const [id, patterns] of tm.patterns) {
    if (patterns.some((re) => re.test(normalized))) {
      found.add(id);
      s[`topic:${id}`] = 1;
    }
  }
  return { topics: tm.labels.filter((id) => found.has(id)), scores: s };
}

/** Topics matched by the scenario's authored `patterns` alone (no model; cheap): the LLM classifier unions them in. */
export function patternTopics(scenario: Scenario, text: string, locale: Locale): string[] {
  const normalized = normalize(text);
  return compilePatterns(scenario, locale)
    .filter(([, patterns]) => patterns.some((re) => re.test(normalized)))
    .map(([id]) => id);
}

/** The scenario topics (and knows) a trainee turn talks about, in the scenario's order. */
export function detectTopics(scenario: Scenario, text: string, locale: Locale): string[] {
  if (!text || !text.trim()) return [];
  const { features, moveScores } = readingOf(text, locale);
  return topicsFromFeatures(scenario, text, locale, features, partsOf(text, locale), moveScores).topics;
}
