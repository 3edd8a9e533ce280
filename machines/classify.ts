/**
 * Offline understanding: `classify(text, locale)` returns the moves (see
 * machines/moves.ts) a trainee's turn carries, without network or model.
 *
 * Pipeline: normalise (lower case, accents folded) → canonical form per
 * language (contractions and informal spellings expanded: "j'vais" → "je
 * vais", "gonna" → "going to") → small typos corrected against the cue
 * vocabulary (one edit: "bonjours", "sorr y" no, "apologise", "transfert") →
 * split into sentences and clauses → per-language cue rules, each able to be
 * cancelled by a negation in its clause ("I'm not going to transfer you") →
 * sentence-level rules (a question is `ask_question` unless it is an offer,
 * a hold request or doubt) → utterance-level rules ("No, we found nothing."
 * is `dismiss` only when nothing constructive comes with it).
 *
 * Moves (one line each; the glossary scenarios/moves.ts MOVE_GLOSSARY feeds the LLM classifier):
 * - greet: opens the conversation politely (hello, good morning, thank you for calling).
 * - introduce: says who is speaking — own name, role or the organisation.
 * - acknowledge_feeling: names or validates what the customer feels (frustrating, stressful, I understand).
 * - apologize: says sorry / apologises for the situation or for the wait.
 * - reassure: tells the customer not to worry, that it will be sorted, that they are not alone.
 * - use_name: addresses the customer by title and name (Mrs Laurent, Madame Tremblay).
 * - ask_question: asks the customer a genuine question to understand their situation or need.
 * - paraphrase: restates what the customer said to check understanding (so if I understand correctly…).
 * - take_ownership: personally commits to handling the problem or owns the mistake (I'll take care of it, our mistake).
 * - check_with_colleague: says they will ask or check with a colleague, team or another service.
 * - explain: explains why something happened or how something works.
 * - offer_solution: proposes or carries out a concrete fix or option (refund, new appointment, resend).
 * - set_expectation: gives a time frame or says what will happen next and when (by Friday, within 48 hours).
 * - take_contact: asks for or notes the customer's contact details (name, phone, email).
 * - promise_callback: commits to calling, writing or updating the customer later.
 * - share_tip: volunteers useful knowledge the customer did not ask for (good to know, next time…).
 * - offer_more: asks whether there is anything else they can do.
 * - close_warmly: ends warmly (have a nice day, thank you for calling, take care, goodbye).
 * - hold_request: asks the customer to hold or wait a moment.
 * - transfer: passes the customer to someone else or sends them to another service.
 * - dismiss: brushes the customer off: not my problem, nothing we can do, a bare "we found nothing".
 * - blame_customer: doubts or blames the customer (are you sure you left it here? you must have…).
 * - rude: insults, sarcasm, impatience, minimising, orders such as "calm down".
 * - off_topic: talks about something unrelated to the customer's request (weather, football…).
 */
import { MOVES, type Locale, type Move } from "../scenarios/moves";
import { normalize } from "../scenarios/text";
import { en } from "./lexicon/en";
import { fr } from "./lexicon/fr";
import type { Lexicon } from "./lexicon/types";


const LEXICONS: Record<Locale, Lexicon> = { en, fr };

// ---------------------------------------------------------------------------
// Typo correction: one edit (insertion, deletion, substitution, transposition)
// from a cue word, for unknown words of five letters or more. Symmetric-delete
// index per language, corrections memoised per token.

interface Speller {
  known: Set<string>;
  deletes: Map<string, string[]>;
  memo: Map<string, string>;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b are at most one edit apart (Damerau: adjacent transposition counts as one). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function buildSpeller(lexicon: Lexicon): Speller {
  const known = new Set<string>([...lexicon.vocabulary, ...lexicon.knownWords]);
  const deletes = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = deletes.get(key);
    if (!list) deletes.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of new Set(lexicon.vocabulary)) {
    if (word.length < 4) continue;
    add(word, word);
    for (const d of deletions(word)) add(d, word);
  }
  return { known, deletes, memo: new Map() };
}

const spellers = new Map<Locale, Speller>();
function spellerFor(locale: Locale): Speller {
  let s = spellers.get(locale);
  if (!s) {
    s = buildSpeller(LEXICONS[locale]);
    spellers.set(locale, s);
  }
  return s;
}

/**
 * Same word up to an inflection (plural, feminine, verb ending: "minute"/"minutes",
 * "rassuree"/"rassurez", "credite"/"crediter"): not a typo, the rules handle those.
 */
function inflection(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short)) return ["s", "e", "es", "x", "d", "ed", "r", "z"].includes(long.slice(short.length));
  return short.length >= 6 && a.length === b.length && a.slice(0, -1) === b.slice(0, -1);
}

function correctWord(word: string, speller: Speller, proper: Set<string>): string {
  if (word.length < 5 || word.length > 24 || proper.has(word) || !/^[a-z]+$/.test(word) || speller.known.has(word)) return word;
  const cached = speller.memo.get(word);
  if (cached !== undefined) return cached;
  const candidates = new Set<string>();
  for (const key of [word, ...deletions(word)]) {
    for (const c of speller.deletes.get(key) ?? []) {
      if (c.length < 5 || !withinOneEdit(word, c) || inflection(word, c)) continue;
      // Short words: a typo rarely hits the first letter, and "might" is not "right".
      if (word.length <= 6 && c[0] !== word[0]) continue;
      candidates.add(c);
    }
  }
  // Only correct when the fix is unambiguous.
  const fixed = candidates.size === 1 ? [...candidates][0]! : word;
  if (speller.memo.size < 10_000) speller.memo.set(word, fixed);
  return fixed;
}

/** Capitalised words that do not start a sentence: names of people and businesses, never "corrected". */
function properNouns(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![.!?]\s*|^\s*)(?<=[\s,;:'’"«(-])(\p{Lu}[\p{L}]+)/gu)) out.add(normalize(m[1]!));
  return out;
}

/** Normalised, canonical, typo-corrected text with punctuation as separate tokens. */
export function canonicalText(text: string, locale: Locale): string {
  const lexicon = LEXICONS[locale];
  const speller = spellerFor(locale);
  let t = normalize(text)
    .replace(/[\u2026]/g, "...")
    .replace(/[^a-z0-9'?!.,;:\s-]/g, " ");
  // Keep decimal points and times ("10.30", "9:30") inside their token.
  t = t.replace(/(\d)[.:](\d)/g, "$1h$2");
  t = t.replace(/([?!.,;:])/g, " $1 ").replace(/\s+/g, " ").trim();
  const proper = properNouns(text);
  t = t
    .split(" ")
    .map((w) => correctWord(w, speller, proper))
    .join(" ");
  t = lexicon.canonical(` ${t} `.replace(/\s+/g, " ").trim());
  return t.replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------

interface Sentence {
  text: string;
  question: boolean;
}

function splitSentences(canonical: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^.!?;]+(?:[.!?;]+|$)/g;
  for (const m of canonical.matchAll(re)) {
    const text = m[0].trim();
    if (!text || /^[.!?;\s]+$/.test(text)) continue;
    out.push({ text, question: /\?/.test(text) });
  }
  return out;
}

const CLAUSE_BREAK = /(?:^|\s)(?:,|:|but|mais|and then|et puis|however|cependant|par contre|sauf que|though)\s/g;

function clausePrefix(sentence: string, index: number): string {
  const before = sentence.slice(0, index);
  let start = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) start = (m.index ?? 0) + m[0].length;
  return before.slice(start);
}

function clauseSuffix(sentence: string, end: number): string {
  const after = sentence.slice(end);
  const stop = after.search(/\s[,.!?;:]\s|\s[,.!?;:]$/);
  return stop === -1 ? after : after.slice(0, stop);
}

function negated(lexicon: Lexicon, sentence: string, index: number, end: number): boolean {
  const prefix = clausePrefix(sentence, index).trim().split(" ").slice(-8).join(" ");
  if (lexicon.negationBefore.test(prefix)) return true;
  return lexicon.negationAfter.test(clauseSuffix(sentence, end));
}

function movesOfSentence(lexicon: Lexicon, sentence: Sentence, strong: Set<Move>): Set<Move> {
  const found = new Set<Move>();
  const future = lexicon.future.test(sentence.text);
  const conditional: Array<[Move, Move[]]> = [];
  for (const r of lexicon.rules) {
    if (found.has(r.move)) continue;
    if (r.statementOnly && sentence.question) continue;
    if (r.questionOnly && !sentence.question) continue;
    if (r.needsFuture && !future) continue;
    for (const m of sentence.text.matchAll(r.re)) {
      const index = m.index ?? 0;
      if (r.neg && negated(lexicon, sentence.text, index, index + m[0].length)) continue;
      if (r.notAfter && r.notAfter.test(clausePrefix(sentence.text, index))) continue;
      if (r.unless) {
        conditional.push([r.move, r.unless]);
        break;
      }
      found.add(r.move);
      if (!r.weak) strong.add(r.move);
      break;
    }
  }
  for (const [move, unless] of conditional) {
    if (!unless.some((m) => found.has(m))) {
      found.add(move);
      strong.add(move);
    }
  }
  // Small talk is neither a question about the customer's need nor a tip; a restatement is not an explanation.
  if (found.has("off_topic")) {
    found.delete("share_tip");
    found.delete("set_expectation");
  }
  if (found.has("paraphrase")) found.delete("explain");
  // A question mark, or a question word at the start of a sentence typed without final punctuation.
  const asks = sentence.question || (!/[.!]$/.test(sentence.text) && lexicon.questionStart.test(sentence.text));
  if (asks && !lexicon.notAQuestion.test(sentence.text)) {
    const notGenuine = (["offer_more", "hold_request", "blame_customer", "rude", "dismiss", "off_topic"] as const).some((m) =>
      found.has(m),
    );
    if (!notGenuine) found.add("ask_question");
  }
  return found;
}

// Title + capitalised name, on the original text (case matters).
const NAME = "[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+(?:[- ][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+)?";
const USE_NAME: Record<Locale, RegExp> = {
  en: new RegExp(`(?:^|[^\\p{L}])(?:[Mm]r|[Mm]rs|[Mm]s|[Mm]iss|[Mm]ister|Mx)\\.? ${NAME}`, "u"),
  fr: new RegExp(`(?:^|[^\\p{L}])(?:[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|Mme|Mlle|M\\.)\\.? ${NAME}`, "u"),
};
/** Typed in lower case: a title followed by a word that is not a common word is still a name. */
const USE_NAME_LOWER: Record<Locale, RegExp> = {
  en: /\b(?:mr|mrs|ms|miss)\.? ([a-z][a-z'-]{2,})/,
  fr: /\b(?:madame|monsieur|mademoiselle|mme|mlle)\.? ([a-z][a-z'-]{2,})/,
};
const NOT_A_NAME = new Set([
  "le", "la", "les", "de", "des", "du", "je", "vous", "tu", "est", "et", "que", "qui", "pour", "avec", "votre", "mais", "svp",
  "alors", "bien", "oui", "non", "merci", "desole", "desolee", "bonjour", "bonsoir", "comment", "quoi", "excusez", "pardon",
  "ca", "c'est", "puis", "pas", "il", "elle", "nous", "ce", "cette", "on", "ou", "si", "en", "a", "au", "aux", "une", "un",
  "and", "the", "you", "your", "is", "are", "i", "we", "please", "thank", "thanks", "sorry", "so", "but", "or", "what", "how",
  "for", "with", "let", "can", "could", "would", "will", "have", "has", "do", "did", "good", "hello", "hi", "ok", "yes", "no",
]);

function usesName(text: string, locale: Locale): boolean {
  if (USE_NAME[locale].test(text)) return true;
  // Typed entirely in lower case ("merci madame tremblay"): accept a title followed by an uncommon word.
  if (text !== text.toLowerCase()) return false;
  const re = new RegExp(USE_NAME_LOWER[locale].source, "g");
  for (const m of normalize(text).matchAll(re)) {
    const word = m[1];
    if (word && !NOT_A_NAME.has(word)) return true;
  }
  return false;
}

// Self-introduction with a capitalised name ("This is Julie", "I'm Sam from billing", "Ici Julie").
const INTRODUCE: Record<Locale, RegExp> = {
  en: new RegExp(`(?:^|[^\\p{L}])(?:(?:[Tt]his is|[Ii]t's|[Ii]t is|I'm|I am|[Yy]ou're speaking with|[Yy]ou are speaking with|[Ss]peaking with) ${NAME}|${NAME} (?:here|speaking))(?:\\s|[,.!]|$)`, "u"),
  fr: new RegExp(`(?:^|[^\\p{L}])(?:[Cc]'est|[Mm]oi c'est|[Jj]e suis|[Ii]ci) ${NAME}(?:\\s|[,.!]|$)`, "u"),
};
const INTRODUCE_NOT = /\b(?:Monsieur|Madame|Mme|Mlle|Mr|Mrs|Ms|Miss|Dr|Docteur|Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche|Paris|Internet|Google|Visa|Mastercard|Noël|Christmas|Easter|Pâques|English|French|Canada|France|Québec|Quebec|Montréal|Montreal)\b/u;

function introduces(text: string, locale: Locale): boolean {
  const m = INTRODUCE[locale].exec(text);
  if (!m) return false;
  const words = m[0].trim().replace(/[,.!]+$/, "").split(/\s+/);
  const last = words[words.length - 1] ?? "";
  const name = last === "here" || last === "speaking" ? (words[words.length - 2] ?? "") : last;
  return !INTRODUCE_NOT.test(name);
}

/** Moves that make a bare "we found nothing" a step forward rather than a brush-off. */
const CONSTRUCTIVE: readonly Move[] = [
  "check_with_colleague",
  "offer_solution",
  "take_ownership",
  "promise_callback",
  "take_contact",
  "reassure",
  "explain",
  "ask_question",
  "hold_request",
  "share_tip",
];


/** The moves of one trainee turn, in vocabulary order. Pure, synchronous, no I/O. */
export function classify(text: string, locale: Locale): Move[] {
  const lexicon = LEXICONS[locale];
  if (!lexicon) throw new Error(`classify: unknown locale "${String(locale)}" (expected en or fr)`);
  if (!text || !text.trim()) return [];
  const canonical = canonicalText(text, locale);
  const found = new Set<Move>();
  const strong = new Set<Move>();
  for (const sentence of splitSentences(canonical)) {
    for (const move of movesOfSentence(lexicon, sentence, strong)) found.add(move);
  }
  if (usesName(text, locale)) found.add("use_name");
  if (introduces(text, locale)) found.add("introduce");

  // A bare "we found nothing" is a brush-off; with a next step it is just news.
  if (found.has("dismiss") && !strong.has("dismiss") && CONSTRUCTIVE.some((m) => found.has(m))) {
    found.delete("dismiss");
  }
  return MOVES.filter((m) => found.has(m));
}
