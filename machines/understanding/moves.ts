/**
 * Moves of a trainee turn from the trained model (decision 090): the committed artifact moves-model.json
 * (written by `npm run train` from machines/understanding/corpus/), its per-move thresholds, and the hand
 * rules of ./rules.ts. Pure and synchronous; the artifact is imported statically and decoded on first use.
 */
import { z } from "zod";
import type { Locale, Move } from "../../scenarios/moves";
import { isLocale, MOVES, NEGATIVE_MOVES } from "../../scenarios/moves";
import { clausesOf, normalize, sentences } from "../../scenarios/text";
import artifactJson from "./moves-model.json";
import { featurize, type Features } from "./features";
import { deserialize, scores, type LinearModel } from "./network";
import { bidsFarewell, CONTESTING_MOVES, decideMoves, doubtsWithAReason } from "./rules";
import { SecondLevelSchema, secondLevelScores, type SecondLevel } from "./second-level";
import { CLASSIFIER_VERSION, type MovesArtifact } from "./train";
import { Lru } from "../lru";

export const movesArtifact = artifactJson as unknown as MovesArtifact;

interface LocaleReader {
  model: LinearModel;
  second: SecondLevel;
  /** The second level's thresholds: a whole turn. */
  thresholds: Record<string, number>;
  /** The first level's thresholds: a part of a turn read alone. */
  firstThresholds: Record<string, number>;
}
const models = new Map<Locale, LocaleReader>();

const Thresholds = z.record(z.string(), z.number().min(0).max(1));

function modelFor(locale: Locale): LocaleReader {
  let m = models.get(locale);
  if (!m) {
    const entry = movesArtifact.locales[locale];
    if (!entry) throw new Error(`understanding: no moves model for locale "${locale}" (run npm run train)`);
    if (movesArtifact.version !== CLASSIFIER_VERSION)
      throw new Error(`understanding: moves-model.json is version ${movesArtifact.version}, the code ${CLASSIFIER_VERSION} (run npm run train)`);
    const model = deserialize(entry.model);
    const L = model.labels.length;
    const checked = z
      .object({ second: SecondLevelSchema, thresholds: Thresholds, firstThresholds: Thresholds })
      .refine((e) => e.second.bias.length === L && e.second.weights.length === L * L, { message: "second level: size does not match the labels" })
      .safeParse(entry);
    if (!checked.success) throw new Error(`understanding: moves-model.json (${locale}): ${checked.error.issues[0]!.message} (run npm run train)`);
    m = { model, second: checked.data.second, thresholds: checked.data.thresholds, firstThresholds: checked.data.firstThresholds };
    models.set(locale, m);
  }
  return m;
}

function checkLocale(locale: Locale, what: string) {
  if (!isLocale(locale)) throw new Error(`${what}: unknown locale "${String(locale)}" (expected en or fr)`);
}

/** Weight of the moves model's scores when they are given to a topic model as features. */
const MOVE_FEATURE_WEIGHT = 1;

/**
 * The moves model's scores as features (`m:<move>`) for the scenario topic models (decision 091): a topic
 * has 10–30 examples, the moves model thousands; "asks for her number" is mostly take_contact, "checks with
 * the lunch staff" mostly check_with_colleague, whatever the words.
 */
export function moveScoreFeatures(locale: Locale, features: Features, moveScores?: ArrayLike<number>): Features {
  const { model } = modelFor(locale);
  const s = moveScores ?? scores(model, features);
  const out: Features = {};
  model.labels.forEach((label, i) => {
    if ((s[i] ?? 0) > 0) out[`m:${label}`] = s[i]! * MOVE_FEATURE_WEIGHT;
  });
  return out;
}

/** A part of a turn read on its own (a sentence, or a clause of a long one), featurised and scored once. */
export interface TurnPart {
  text: string;
  clause: boolean;
  /** What is read: a clause has no end punctuation of its own, so it is read as the statement it is part of
   * (a full stop added), not as a question typed without "?" (the features mark a turn without an ending). */
  read: string;
  features: Features;
  /** The moves model's scores for `read`. */
  moveScores: ArrayLike<number>;
}

/**
 * A text as the moves model reads it: its features and the model's scores (and, once asked for, the parts of the
 * turn and the topic models' input). Shared, never to be changed by whoever reads it.
 */
export interface Reading {
  features: Features;
  moveScores: Float64Array;
  /** `partsOf` of the text, once asked for. */
  parts?: TurnPart[];
  /** The features and the moves model's scores as a topic model reads them (./topics.ts), once asked for. */
  topicInput?: Features;
}

/**
 * The readings of the texts read lately, by locale and exact text, least recently used first (decision 245): a
 * call's ending reads again, clause by clause and sentence by sentence, the turns its calls already read, and the
 * same sentence is read as a part of its turn and on its own. A pure function of (locale, text) for the committed
 * model, which never changes in a process; bounded, so memory stays a few megabytes.
 */
export const READINGS_LIMIT = 2048;
const readings = new Lru<string, Reading>(READINGS_LIMIT);

/** The features and the moves model's scores of `text` (memoised: see `readings`). */
export function readingOf(text: string, locale: Locale): Reading {
  const key = `${locale}\u0000${text}`;
  let r = readings.get(key);
  if (r) return r;
  const features = featurize(text, locale);
  r = { features, moveScores: scores(modelFor(locale).model, features) };
  readings.set(key, r);
  return r;
}

/** Forget every reading (tests: a cold reading against a memoised one). */
export function clearReadings(): void {
  readings.clear();
}

/** The reading of `text` when it is memoised (without making it the most recently used). */
export function peekReading(text: string, locale: Locale): Reading | undefined {
  return readings.get(`${locale}\u0000${text}`);
}

/**
 * The parts of a turn read apart from it (none for a turn of one part), each featurised and scored by the moves
 * model once: the moves and the topics both read them (`understand` passes the same parts to both).
 */
export function partsOf(text: string, locale: Locale): TurnPart[] {
  const reading = readingOf(text, locale);
  return (reading.parts ??= partsRead(text, locale));
}

function partsRead(text: string, locale: Locale): TurnPart[] {
  const parts = sentencesOf(text);
  if (parts.length < 2) return [];
  return parts.map((part) => {
    const read = part.clause && !/[.!?]$/.test(part.text) ? `${part.text}.` : part.text;
    const { features, moveScores } = readingOf(read, locale);
    return { ...part, read, features, moveScores };
  });
}

/** Moves and their confidences (0–1) from an utterance's features (and its parts, when already read). */
export function movesFromFeatures(
  text: string,
  locale: Locale,
  features: Features,
  parts: readonly TurnPart[] = partsOf(text, locale),
  moveScores: ArrayLike<number> = scores(modelFor(locale).model, features),
): { moves: Move[]; scores: Record<string, number> } {
  const { model, second, thresholds, firstThresholds } = modelFor(locale);
  // The whole turn is read by the second level (decision 265), from the first level's scores; its parts by the
  // first level alone (read by the second level, a sentence such as "the others weren't much help" crossed the
  // plain-negative score below, and a good spent script failed on it).
  const whole = decideMoves(text, locale, model.labels, secondLevelScores(second, moveScores), thresholds);
  if (parts.length < 2) return whole;
  // A turn of several sentences is also read sentence by sentence (decision 180): the corpus is mostly one
  // sentence an utterance, and a long turn dilutes each sentence's words ("Good evening. No bother. What does
  // the cap look like?" lost its greeting). Only helpful moves are added this way: a negative move needs the
  // whole turn's reading ("Ugh." alone is not rude; "ugh, that's awful, I'm so sorry" is not either).
  const found = new Set<Move>(whole.moves);
  const s = { ...whole.scores };
  const lastSentence = parts.filter((p) => !p.clause).at(-1);
  const reads = parts.map((part) => decideMoves(part.read, locale, model.labels, part.moveScores, firstThresholds));
  const lastSays = lastSentence ? reads[parts.indexOf(lastSentence)]!.moves : [];
  // A goodbye followed by a last kind word and nothing else ("Bonne soirée à vous deux. Ça va aller, ma petite, on va
  // tout faire pour la retrouver.") is still a goodbye (session 14), when the goodbye is said in words of farewell
  // ("Bonne soirée", "Take care"), not thanks ("Thank you for your patience").
  const endsOnKindWord = kindWordOnly(lastSentence, lastSays);
  const farewellBefore = (part: TurnPart) => endsOnKindWord && part !== lastSentence && !part.clause && bidsFarewell(part.text, locale);
  const saidGoodbye = parts.some((part, i) => farewellBefore(part) && reads[i]!.moves.includes("close_warmly"));
  parts.forEach((part, i) => {
    const r = reads[i]!;
    for (const m of r.moves) {
      if ((NEGATIVE_MOVES as readonly string[]).includes(m) || m === "transfer") {
        // A whole sentence that is plainly negative on its own counts even when the rest of the turn dilutes it
        // ("No, we found nothing. Are you sure she left it here?" read whole was only a brush-off), unless the turn
        // also helps (decision 240): "Ugh." or a clause is still no slight, and rudeness is the whole turn's tone.
        const plain = !part.clause && wordCount(part.text) >= PLAIN_NEGATIVE_WORDS && (r.scores[m] ?? 0) >= PLAIN_NEGATIVE_SCORE;
        const explained = m === "blame_customer" && doubtsWithAReason(normalize(text), locale);
        if (plain && PLAIN_NEGATIVES.has(m) && !explained && !whole.moves.some((w) => CONTESTING_MOVES.has(w))) {
          found.add(m);
          s[m] = Math.max(s[m] ?? 0, r.scores[m] ?? 0);
        }
        continue;
      }
      // A goodbye ends the call: only the turn's last sentence, read whole, can be one ("Oh, happy early
      // birthday! So how it works: …" says no goodbye; nor does "…, don't worry, thank you for your patience").
      if (m === "close_warmly" && part !== lastSentence && !farewellBefore(part)) continue;
      // A clause cut out of a statement can look like a question ("je comprends ce que vous ressentez"): a
      // clause asks only with its own question mark.
      if (m === "ask_question" && part.clause && !part.text.includes("?")) continue;
      found.add(m);
      s[m] = Math.max(s[m] ?? 0, r.scores[m] ?? 0);
    }
  });
  // A goodbye is said at the end: a turn of several sentences closes only when its last sentence, read alone,
  // is a goodbye ("bon dsl, rien dans la boite… ce soir… jsuis vraiment desolee" read whole looked like one, and
  // a goodbye ends the call).
  if (found.has("close_warmly") && parts.filter((p) => !p.clause).length > 1 && !lastSays.includes("close_warmly") && !saidGoodbye)
    found.delete("close_warmly");
  return { moves: MOVES.filter((m) => found.has(m)), scores: s };
}

/** What a kind last word after a goodbye may say: nothing that asks, offers or takes work on. */
const KIND_LAST_WORD = new Set<Move>(["reassure", "acknowledge_feeling", "apologize", "use_name", "close_warmly"]);

/** Whether the turn's last sentence is only a kind word (see KIND_LAST_WORD), with no question mark. */
function kindWordOnly(last: TurnPart | undefined, moves: readonly Move[]): boolean {
  return last !== undefined && !last.text.includes("?") && moves.length > 0 && moves.every((m) => KIND_LAST_WORD.has(m));
}

/** A sentence read alone adds a negative move from this many words and this score (decision 240). */
const PLAIN_NEGATIVE_WORDS = 4;
const PLAIN_NEGATIVE_SCORE = 0.8;
/** Only what a sentence says (a doubt, a brush-off), not its tone: "ça te tente un sirop ?" alone looked rude. */
const PLAIN_NEGATIVES = new Set<Move>(["blame_customer", "dismiss"]);

/** Words from which a sentence is long enough to be read clause by clause too (a run-on turn joined by commas). */
const LONG_SENTENCE_WORDS = 16;
/** A clause read alone needs this many words (a lone "so" or "and then" says nothing). */
const MIN_CLAUSE_WORDS = 3;

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * The sentences of a turn that have words (the shared splitter of scenarios/text.ts: after . ! ? … and line
 * breaks); a long sentence is also split into its clauses (at commas, semicolons, colons and dashes), each read
 * alone when it has a few words.
 */
function sentencesOf(text: string): Array<{ text: string; clause: boolean }> {
  const out: Array<{ text: string; clause: boolean }> = [];
  for (const sentence of sentences(text)) {
    if (!/\p{L}/u.test(sentence.text)) continue;
    out.push({ text: sentence.text, clause: false });
    if (wordCount(sentence.text) < LONG_SENTENCE_WORDS) continue;
    const parts = clausesOf(text, sentence).filter((c) => wordCount(c.text) >= MIN_CLAUSE_WORDS);
    if (parts.length > 1) out.push(...parts.map((c) => ({ text: c.text, clause: true })));
  }
  return out;
}

/** Moves of one trainee turn with a confidence (0–1) per move. */
export function classifyWithScores(text: string, locale: Locale): { moves: Move[]; scores: Record<string, number> } {
  checkLocale(locale, "classify");
  if (!text || !text.trim()) return { moves: [], scores: {} };
  const { features, moveScores } = readingOf(text, locale);
  return movesFromFeatures(text, locale, features, partsOf(text, locale), moveScores);
}

/** The moves of one trainee turn, in vocabulary order. Pure, synchronous, no I/O. */
export function classify(text: string, locale: Locale): Move[] {
  return classifyWithScores(text, locale).moves;
}

/** Decode the models now (the app's warm-up), so the first turn does not pay it. */
export function warmMoves(): void {
  for (const locale of ["en", "fr"] as const) modelFor(locale);
}
