/**
 * Training the moves model (decision 090): per language, NLP.js perceptrons on ./features.ts; per-move
 * thresholds chosen on out-of-fold scores (k-fold cross-validation on the training corpus); the final model
 * trained on the whole corpus. Pure and deterministic (folds by position, weights start at zero).
 * The I/O (reading the corpus folder, writing the artifact) is app/cli/train-understanding.ts.
 */
import { z } from "zod";
import { LOCALES, MOVES, NEGATIVE_MOVES, type Locale, type Move } from "../../scenarios/moves";
import { featurize, type Features } from "./features";
import { DEFAULT_TRAIN, scores, serialize, train, type SerializedModel, type TrainOptions } from "./network";
import { RULE_MOVES, decideMoves } from "./rules";
import { secondLevelOutOfFold, trainSecondLevel, type SecondLevel } from "./second-level";

/** Bump when features, training or rules change: it invalidates cached topic models and the moves artifact.
 * 3: the second level (decision 265). 4: the moves' first level has a hidden layer (decision 285). */
export const CLASSIFIER_VERSION = 4;

/** The moves' first level (decision 285): one hidden layer shared by the moves; topics stay perceptrons. */
export const MOVES_TRAIN: TrainOptions = { learner: "mlp", minCount: 3, ensemble: 4, hiddenSize: 32 };

/** Moves the network learns; `use_name` is a rule (an address such as "Mrs Laurent" or "madame Tremblay"). */
export const MODEL_MOVES: readonly Move[] = MOVES.filter((m) => !RULE_MOVES.includes(m));

export interface CorpusItem {
  text: string;
  moves: Move[];
  locale: Locale;
  /** The scenario a line was written for (the spent blind sets' lines, decision 285): it talks about that
   * scenario's topics, so it is never one of the topic models' general negatives. */
  scenario?: string;
}

const CorpusLine = z.strictObject({
  text: z.string().trim().min(1, "must not be empty"),
  moves: z.array(z.enum(MOVES)).refine((m) => new Set(m).size === m.length, { message: "lists a move twice" }),
  /** Optional: must match the file's locale when given. */
  locale: z.enum(LOCALES).optional(),
  scenario: z.string().trim().min(1, "must not be empty").optional(),
});

/** The locale of a corpus file, from its name `<locale>.<source>.jsonl`. */
export function corpusFileLocale(name: string): Locale | undefined {
  const m = /^(en|fr)\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.jsonl$/.exec(name);
  return m ? (m[1] as Locale) : undefined;
}

/** Parse one corpus file; every line is validated and an error says file:line and what is wrong. */
export function parseCorpusFile(name: string, content: string, defaultLocale?: Locale): CorpusItem[] {
  const fileLocale = corpusFileLocale(name) ?? defaultLocale;
  const out: CorpusItem[] = [];
  content.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${name}:${i + 1}: not valid JSON`);
    }
    const parsed = CorpusLine.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${name}:${i + 1}: ${issue.path.join(".") || "line"} ${issue.message}`);
    }
    const locale = parsed.data.locale ?? fileLocale;
    if (!locale) throw new Error(`${name}:${i + 1}: no locale (name the file <locale>.<source>.jsonl or give "locale")`);
    if (fileLocale && parsed.data.locale && parsed.data.locale !== fileLocale)
      throw new Error(`${name}:${i + 1}: locale "${parsed.data.locale}" in a ${fileLocale} file`);
    out.push({ text: parsed.data.text, moves: parsed.data.moves, locale, ...(parsed.data.scenario ? { scenario: parsed.data.scenario } : {}) });
  });
  return out;
}

/** A stable 64-bit content hash (two FNV-1a 32 lanes), hex. Pure: no crypto module in machines/. */
export function contentHash(parts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const part of parts) {
    const s = `${part.length}:${part}`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

/** The hash of a corpus folder's files (names and contents, in name order), stored in the artifact. */
export function corpusHash(files: ReadonlyArray<{ name: string; content: string }>): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return contentHash([`v${CLASSIFIER_VERSION}`, ...sorted.flatMap((f) => [f.name, f.content])]);
}

// ---------------------------------------------------------------------------

export interface LocaleModel {
  model: SerializedModel;
  /** The second level over the first level's scores (decision 265): what a whole turn is read as. */
  second: SecondLevel;
  /** Per move: the second level's probability from which a whole turn is read (chosen on its out-of-fold probabilities). */
  thresholds: Record<string, number>;
  /** Per move: the first level's score from which a part of a turn (a sentence, a clause) is read (chosen on its
   * out-of-fold scores). */
  firstThresholds: Record<string, number>;
}

export interface CvFigures {
  n: number;
  folds: number;
  microF1: number;
  /** Share of utterances whose every labelled move was found. */
  allFound: number;
  perMove: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

export interface MovesArtifact {
  version: number;
  corpusHash: string;
  trainedOn: Record<Locale, number>;
  options: Required<TrainOptions>;
  locales: Record<Locale, LocaleModel>;
  /** Cross-validated figures on the training corpus (thresholds chosen on the same out-of-fold scores). */
  cv: Record<Locale, CvFigures>;
  /** A fixed sample of the corpus per language: the general negatives of every scenario's topic model. */
  negatives: Record<Locale, string[]>;
}

/** How many corpus utterances per language serve as negatives for scenario topics (every k-th, deterministic). */
export const TOPIC_NEGATIVES = 600;

const THRESHOLD_GRID = Array.from({ length: 15 }, (_, i) => 0.15 + i * 0.05); // 0.15 … 0.85
const DEFAULT_THRESHOLD = 0.5;

/**
 * The utterance as it is typed in a hurry: no apostrophes ("n y est pas", "jvous", "dont"), no full stops,
 * commas or exclamation marks (a question mark stays: it still says a question). Accents and case are already
 * folded by the features. Every corpus line is also learnt in this form (decision 186): trainees text.
 */
export function typedInAHurry(text: string): string {
  return text
    .replace(/['’]/g, " ")
    .replace(/[.!,;:…]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function examplesOf(items: readonly CorpusItem[], feats: readonly Features[]) {
  return items.map((item, i) => ({ features: feats[i]!, labels: item.moves.filter((m) => MODEL_MOVES.includes(m)) }));
}

/** Each item's hurried form (features), or null when it reads the same. */
function hurriedFeatures(items: readonly CorpusItem[], locale: Locale): Array<Features | null> {
  return items.map((item) => {
    const hurried = typedInAHurry(item.text);
    return hurried === item.text.trim() ? null : featurize(hurried, locale);
  });
}

/** The training examples kept by `keep`, and the hurried form of each when it differs. */
function withHurried(base: ReturnType<typeof examplesOf>, hurried: ReadonlyArray<Features | null> | null, keep: (i: number) => boolean) {
  const out = base.filter((_, i) => keep(i));
  hurried?.forEach((h, i) => h && keep(i) && out.push({ features: h, labels: base[i]!.labels }));
  return out;
}

/**
 * Out-of-fold scores: fold f holds the items whose position mod k is f (with their hurried forms, when
 * given: a held-out line's other form is never trained on).
 */
export function outOfFoldScores(
  items: readonly CorpusItem[],
  feats: readonly Features[],
  folds: number,
  options: TrainOptions = {},
  hurried: ReadonlyArray<Features | null> | null = null,
): Float64Array[] {
  const out: Float64Array[] = new Array(items.length);
  const all = examplesOf(items, feats);
  for (let f = 0; f < folds; f++) {
    const trainSet = withHurried(all, hurried, (i) => i % folds !== f);
    const model = train(trainSet, MODEL_MOVES, options);
    all.forEach((e, i) => {
      if (i % folds === f) out[i] = scores(model, e.features);
    });
  }
  return out;
}

/**
 * Per move, the threshold on the grid that maximises F-beta on the out-of-fold scores (ties: the lower one). A
 * negative move (dismiss, blame, rude, off topic) costs a penalty and the customer's patience when read, so the
 * perceptrons weighed precision about twice as much as recall for it (beta 0.7, decision 220). The hidden-layer
 * reader's probabilities need no such lean (decision 285): at beta 1 the held-out spent set read 0.890 must-found
 * and 4.0 % swaps (0.873 and 4.3 % at 0.7), the spent scripts as many good passes and one more poor failure.
 */
export const NEGATIVE_MOVE_BETA = 1;

export function chooseThresholds(items: readonly CorpusItem[], oof: readonly Float64Array[]): Record<string, number> {
  const out: Record<string, number> = {};
  MODEL_MOVES.forEach((move, col) => {
    const b2 = (NEGATIVE_MOVES as readonly string[]).includes(move) ? NEGATIVE_MOVE_BETA ** 2 : 1;
    const support = items.filter((i) => i.moves.includes(move)).length;
    if (support < 3) {
      out[move] = DEFAULT_THRESHOLD;
      return;
    }
    let best = DEFAULT_THRESHOLD;
    let bestF1 = -1;
    for (const t of THRESHOLD_GRID) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      items.forEach((item, i) => {
        const got = oof[i]![col]! >= t;
        const want = item.moves.includes(move);
        if (got && want) tp++;
        else if (got) fp++;
        else if (want) fn++;
      });
      const f1 = tp === 0 ? 0 : ((1 + b2) * tp) / ((1 + b2) * tp + b2 * fn + fp);
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        best = t;
      }
    }
    out[move] = Math.round(best * 100) / 100;
  });
  return out;
}

export function cvFigures(items: readonly CorpusItem[], predicted: ReadonlyArray<ReadonlySet<Move>>, folds: number): CvFigures {
  const perMove: CvFigures["perMove"] = {};
  let TP = 0;
  let FP = 0;
  let FN = 0;
  for (const move of MOVES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    items.forEach((item, i) => {
      const got = predicted[i]!.has(move);
      const want = item.moves.includes(move);
      if (got && want) tp++;
      else if (got) fp++;
      else if (want) fn++;
    });
    TP += tp;
    FP += fp;
    FN += fn;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    perMove[move] = { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), support: tp + fn };
  }
  const allFound = items.filter((item, i) => item.moves.every((m) => predicted[i]!.has(m))).length;
  return { n: items.length, folds, microF1: TP === 0 ? 0 : (2 * TP) / (2 * TP + FP + FN), allFound: items.length ? allFound / items.length : 0, perMove };
}

export interface TrainMovesInput {
  items: readonly CorpusItem[];
  corpusHash: string;
  folds?: number;
  options?: TrainOptions;
  progress?: (message: string) => void;
}

export function trainMoves(input: TrainMovesInput): MovesArtifact {
  const folds = input.folds ?? 5;
  const options = { ...DEFAULT_TRAIN, ...MOVES_TRAIN, ...input.options };
  const locales = {} as Record<Locale, LocaleModel>;
  const cv = {} as Record<Locale, CvFigures>;
  const trainedOn = {} as Record<Locale, number>;
  const negatives = {} as Record<Locale, string[]>;
  for (const locale of LOCALES) {
    const items = input.items.filter((i) => i.locale === locale);
    trainedOn[locale] = items.length;
    const feats = items.map((i) => featurize(i.text, locale));
    const hurried = hurriedFeatures(items, locale);
    input.progress?.(`${locale}: ${items.length} utterances (and their hurried forms), ${folds}-fold cross-validation`);
    const oof = outOfFoldScores(items, feats, folds, options, hurried);
    const firstThresholds = chooseThresholds(items, oof);
    // The second level (decision 265) learns from the first level's out-of-fold scores: what it says of a turn it
    // has not seen. Its thresholds come from its own out-of-fold probabilities (the same folds, by position).
    const Y = items.map((item) => MODEL_MOVES.map((m) => (item.moves.includes(m) ? 1 : 0)));
    const oof2 = secondLevelOutOfFold(oof, Y, folds);
    const thresholds = chooseThresholds(items, oof2);
    const predicted = items.map((item, i) => new Set(decideMoves(item.text, locale, MODEL_MOVES, oof2[i]!, thresholds).moves));
    cv[locale] = cvFigures(items, predicted, folds);
    input.progress?.(`${locale}: cross-validated micro-F1 ${cv[locale].microF1.toFixed(3)}; training on all`);
    const model = train(withHurried(examplesOf(items, feats), hurried, () => true), MODEL_MOVES, options);
    locales[locale] = { model: serialize(model), second: trainSecondLevel(oof, Y), thresholds, firstThresholds };
    const general = items.filter((i) => !i.scenario);
    const step = Math.max(1, general.length / TOPIC_NEGATIVES);
    negatives[locale] = [];
    for (let k = 0; Math.floor(k) < general.length && negatives[locale].length < TOPIC_NEGATIVES; k += step) negatives[locale].push(general[Math.floor(k)]!.text);
  }
  return { version: CLASSIFIER_VERSION, corpusHash: input.corpusHash, trainedOn, options, locales, cv, negatives };
}
