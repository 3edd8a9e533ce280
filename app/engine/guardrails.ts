/**
 * Checks on every LLM-written customer line. A line that trips one is
 * replaced by the scripted line for the same beat (see llm-customer.ts).
 *
 *   empty             nothing left once cleaned
 *   out-of-character  "as an AI", "language model", "en tant qu'IA", stage directions
 *                     in *…* / (…) / […], a receptionist label, speaking for the receptionist
 *   leak              distinctive words or numbers of a fact the machine has not unlocked
 *   too-long          more than MAX_WORDS words or MAX_SENTENCES sentences
 */
import type { Scenario } from "../../scenarios/schema";
import type { Beat, CallView } from "../../machines/types";
import type { Locale } from "../../scenarios/moves";
import { normalize } from "../../scenarios/text";
import type { HistoryTurn } from "./types";

export type GuardrailReason = "empty" | "out-of-character" | "leak" | "too-long";

export const MAX_WORDS = 60;
export const MAX_SENTENCES = 3;

const OUT_OF_CHARACTER: RegExp[] = [
  /\bas an? (ai|a\.i\.|artificial intelligence|language model|assistant)\b/,
  /\blanguage model\b/,
  /\b(i'?m|i am) (just )?(an? )?(ai|a\.i\.|artificial intelligence|virtual assistant|assistant|chatbot|bot)\b/,
  /\bartificial intelligence\b/,
  /\bopenai\b/,
  /\ben tant qu'?\s?(ia|intelligence artificielle|assistant|modele)/,
  /\bmodele de (langage|langue)\b/,
  /\bje suis (juste |seulement )?(une? )?(ia|intelligence artificielle|assistant|assistante|chatbot|robot conversationnel)\b/,
  /\bintelligence artificielle\b/,
  /\b(this|the|cette|la) (simulation|role-?play|jeu de role)\b/,
];

const STAGE_DIRECTION: RegExp[] = [/\*[^*\n]+\*/, /\([^)\n]*\)/, /\[[^\]\n]*\]/];

/** Labels that mean the model is writing the receptionist's side (at the start of a line). */
const RECEPTIONIST_LABEL =
  /^\s*(receptionist|receptionniste|reception|agent|employee|employe|employee|staff|clerk|conseiller|conseillere|hotesse|hote|front desk|accueil|you|vous|trainee|stagiaire|user|assistant|system)\s*:/m;

/**
 * Common words (normalised, 4+ letters) that never make a fact distinctive on
 * their own: saying "I want to think about it" must not count as giving away a
 * fact that happens to contain "want" and "think".
 */
const STOPWORDS = new Set(
  (
    // English
    "this that these those with have from they them their there what when where which will would your yours about been were into than then also just only very much more most some such each other over under again once here because before after while being does done dont cant wont " +
    "want wants wanted think thought thing things whole real really last around time times month months year years week weeks three four five first second people nobody someone something anything everything nothing " +
    "know knew need needs like good well right sure maybe please thank thanks sorry today tomorrow yesterday morning evening night come came comes going goes take took taken make made said tell told give gave look find found " +
    "back still even ever never always little small great long front family okay yeah help call called could should might must shall can't didn't doesn't isn't wasn't haven't " +
    // French
    "avec dans pour sont elle elles nous vous mais plus tout tous toute toutes cette cela comme fait faire etre avoir aussi bien tres leur leurs quand alors donc sans sous chez encore deja juste votre notre parce apres avant depuis meme entre quelque quoi " +
    "veux veut voulez voulais pense pensez pensais vrai vraiment fois personne derniere dernier gros grosse petit petite etait etais vers pres chose choses rien merci bonjour bonsoir aujourd demain hier matin soir mois annee annees trois quatre cinq premier premiere " +
    "faut peux peut pouvez sais savez sait dire dit dites aller vais venu venue prendre pris prise donner donne jamais toujours celle celui celles ceux grand grande famille ecoute ecoutez voila voir vois quelqu"
  ).split(/\s+/),
);

function tokens(normalized: string): string[] {
  return normalized.split(/[^a-z0-9]+/).filter(Boolean);
}

/** A crude stem shared by both languages: plural dropped, then the first 6 letters (terrified ~ terrify, brodée ~ brodées). */
const stem = (w: string) => (w.length > 4 ? w.replace(/(s|x)$/, "") : w).slice(0, 6);

export interface HiddenFactTerms {
  id: string;
  /** Digit sequences of 2+ digits (prices, dates, account numbers): one match is a leak. */
  numbers: string[];
  /** Proper names (capitalised inside a sentence, e.g. a street): one match is a leak. */
  names: string[];
  /** Distinctive words (stemmed): `threshold` of them in one reply is a leak. */
  words: string[];
  threshold: number;
}

export interface GuardContext {
  hidden: HiddenFactTerms[];
  /** Labels the model may put before its own line (the customer's name), stripped, not a fault. */
  ownLabels: string[];
}

/**
 * The still-hidden facts' distinctive terms, in both languages: words of 4+
 * letters and numbers of 2+ digits that appear nowhere in what the customer
 * may legitimately say (persona, setting, opening, unlocked facts, the beat's
 * reference line, the conversation so far).
 */
const staticCache = new WeakMap<Scenario, { words: Set<string>; numbers: Set<string> }>();

/** What the customer may say in any call of the scenario (persona, setting, opening), computed once. */
function staticAllowed(scenario: Scenario): { words: Set<string>; numbers: Set<string> } {
  let entry = staticCache.get(scenario);
  if (!entry) {
    const n = normalize(
      [scenario.customer.name, scenario.customer.persona.en, scenario.customer.persona.fr, scenario.setting.en, scenario.setting.fr, ...scenario.opening.en, ...scenario.opening.fr].join(" "),
    );
    entry = { words: new Set(tokens(n).map(stem)), numbers: new Set(n.match(/\d{2,}/g) ?? []) };
    staticCache.set(scenario, entry);
  }
  return entry;
}

export function buildGuardContext(args: {
  scenario: Scenario;
  view: CallView;
  beat: Beat;
  locale: Locale;
  history: HistoryTurn[];
  /** Extra text the customer may say (e.g. the beat's reference line). */
  allowedText?: string[];
}): GuardContext {
  const { scenario, view, beat, history } = args;
  const unlocked = new Set(view.factsUnlocked);
  if (beat.factId) unlocked.add(beat.factId);
  const base = staticAllowed(scenario);
  const allowedParts: string[] = [...history.map((h) => h.text), ...(args.allowedText ?? [])];
  for (const f of scenario.facts) if (unlocked.has(f.id)) allowedParts.push(f.text.en, f.text.fr);
  const normalizedParts = normalize(allowedParts.join(" "));
  const allowedWords = new Set([...base.words, ...tokens(normalizedParts).map(stem)]);
  const allowedNumbers = new Set([...base.numbers, ...(normalizedParts.match(/\d{2,}/g) ?? [])]);

  const hidden: HiddenFactTerms[] = [];
  for (const f of scenario.facts) {
    if (unlocked.has(f.id)) continue;
    const n = normalize(`${f.text.en} ${f.text.fr}`);
    const numbers = [...new Set((n.match(/\d{2,}/g) ?? []).filter((d) => !allowedNumbers.has(d)))];
    const words = [
      ...new Set(
        tokens(n)
          .filter((w) => w.length >= 4 && !/\d/.test(w) && !STOPWORDS.has(w))
          .map(stem)
          .filter((w) => w.length >= 4 && !STOPWORDS.has(w) && !allowedWords.has(w)),
      ),
    ];
    const names = [
      ...new Set(
        [f.text.en, f.text.fr]
          .flatMap((t) => [...t.matchAll(/(?<![.!?]\s|^)\b(\p{Lu}[\p{L}'-]{2,})/gu)].map((m) => m[1] ?? ""))
          .map((w) => stem(normalize(w)))
          .filter((w) => w.length >= 3 && !allowedWords.has(w)),
      ),
    ];
    if (numbers.length === 0 && words.length === 0 && names.length === 0) continue;
    hidden.push({ id: f.id, numbers, names, words, threshold: Math.min(2, words.length) });
  }
  const name = normalize(scenario.customer.name);
  const ownLabels = [name, ...name.split(/\s+/).filter((w) => w.length >= 3), "customer", "client", "cliente", "caller", "appelante", "appelant"];
  return { hidden, ownLabels };
}

/** The id of a hidden fact the text gives away, if any. */
export function leakedFact(text: string, ctx: GuardContext, normalized?: string): string | undefined {
  const n = normalized ?? normalize(text);
  const digits = new Set(n.match(/\d{2,}/g) ?? []);
  const words = new Set(tokens(n).map(stem));
  for (const f of ctx.hidden) {
    if (f.numbers.some((d) => digits.has(d))) return f.id;
    if (f.names.some((w) => words.has(w))) return f.id;
    if (f.threshold > 0 && f.words.filter((w) => words.has(w)).length >= f.threshold) return f.id;
  }
  return undefined;
}

export function isOutOfCharacter(text: string, normalized?: string): boolean {
  const n = normalized ?? normalize(text);
  if (OUT_OF_CHARACTER.some((re) => re.test(n))) return true;
  if (STAGE_DIRECTION.some((re) => re.test(text))) return true;
  const lines = text.includes("\n") ? text.split(/\n/).map(normalize) : [n];
  if (lines.some((line) => RECEPTIONIST_LABEL.test(line))) return true;
  return false;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Sentences in a finished line. */
export function sentenceCount(text: string): number {
  return text
    .split(/[.!?…]+(?:\s+|$)/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
}

/** Sentences already finished in a line still being written. */
function finishedSentences(text: string): number {
  return (text.match(/[\p{L}\p{N}][^.!?…]*[.!?…]+\s+/gu) ?? []).length;
}

/**
 * Tidies the start of a line: surrounding quotes and the customer's own name
 * as a label ("Mme Laurent: ...") are removed, not faults.
 */
export function cleanOpening(text: string, ctx: GuardContext): { text: string; strippedQuote: boolean } {
  let t = text.replace(/^\s+/, "");
  const m = /^\**([^:\n*]{1,60})\**\s*:\s*\**\s*/.exec(t);
  if (m && ctx.ownLabels.includes(normalize(m[1] ?? ""))) t = t.slice(m[0].length);
  let strippedQuote = false;
  const q = /^["“«]\s*/.exec(t);
  if (q) {
    t = t.slice(q[0].length);
    strippedQuote = true;
  }
  return { text: t, strippedQuote };
}

/** Checks on a line still being streamed (anything that can already be told). */
export function checkPartial(text: string, ctx: GuardContext): GuardrailReason | null {
  const n = normalize(text);
  if (isOutOfCharacter(text, n)) return "out-of-character";
  if (leakedFact(text, ctx, n)) return "leak";
  if (wordCount(text) > MAX_WORDS || finishedSentences(text) > MAX_SENTENCES) return "too-long";
  return null;
}

/** Checks on a finished line. */
export function checkFinal(text: string, ctx: GuardContext): GuardrailReason | null {
  if (!/[\p{L}\p{N}]/u.test(text)) return "empty";
  const n = normalize(text);
  if (isOutOfCharacter(text, n) || /^\s*[*([]/.test(text)) return "out-of-character";
  if (leakedFact(text, ctx, n)) return "leak";
  if (wordCount(text) > MAX_WORDS || sentenceCount(text) > MAX_SENTENCES) return "too-long";
  return null;
}
