/**
 * Features of an utterance for the trained understanding (decision 090): NLP.js normalisation, tokenising
 * and stemming per language, plus
 *   - word stems (`w:`), marked `!` inside a negation's scope ("I'm not going to transfer you" → `w:!transfer`);
 *   - word bigrams inside a clause (`b:`), and the first word of each sentence (`s:`), which tells a question
 *     typed without "?" ("can you tell me", "est-ce que") from a statement;
 *   - character trigrams inside words (`c:`), so a typo or a missing accent still shares most of its features
 *     with the word the corpus has ("apologise"/"appologize", "desolee"/"désolée");
 *   - punctuation and length cues (`x:`): a question mark, an exclamation, a very short turn.
 * Pure and deterministic; the same function serves training and inference.
 */
import { StemmerEn, TokenizerEn } from "@nlpjs/lang-en-min";
import { StemmerFr, TokenizerFr } from "@nlpjs/lang-fr";
import type { Locale } from "../../scenarios/moves";
import { normalize } from "../../scenarios/text";
import { memoized } from "../lru";

export type Features = Record<string, number>;

interface Language {
  stem(word: string): string;
  tokenize(text: string): string[];
  /** Words that open a negation's scope (to the end of the clause). */
  negation: Set<string>;
  /** French "pas"/"jamais"/"rien" without "ne" (spoken and Québécois French): the verb before is negated too. */
  negationAfter: Set<string>;
  /** Words that start a new clause (and so end a negation's scope). */
  clauseBreak: Set<string>;
}

/** A word's stem, remembered for the last 50,000 words (a pure function of the word). */
const stemmerCache = (stemWord: (w: string) => string) => memoized(50_000, stemWord);

const stemmerEn = new StemmerEn();
const stemmerFr = new StemmerFr();
const tokenizerEn = new TokenizerEn();
const tokenizerFr = new TokenizerFr();

const LANGUAGES: Record<Locale, Language> = {
  en: {
    stem: stemmerCache((w) => stemmerEn.stemWord(w)),
    // NLP.js expands "n't", "'ll", "gonna"; "can't" becomes "ca not".
    tokenize: (t) => tokenizerEn.tokenize(t, false),
    negation: new Set(["not", "no", "never", "nothing", "nobody", "none", "nowhere", "cannot", "without", "nor", "neither", "nope"]),
    negationAfter: new Set(),
    clauseBreak: new Set(["but", "however", "though", "although", "unless", "except"]),
  },
  fr: {
    stem: stemmerCache((w) => stemmerFr.stemWord(w)),
    tokenize: (t) => tokenizerFr.tokenize(t, false),
    negation: new Set(["ne", "n", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "pantoute"]),
    negationAfter: new Set(["pas", "jamais", "rien", "pantoute"]),
    clauseBreak: new Set(["mais", "cependant", "pourtant", "sauf", "toutefois", "quoique"]),
  },
};

/** One sentence: its clauses (each a list of lower-case, accent-free words) and whether it asks. */
interface Sentence {
  clauses: string[][];
  question: boolean;
  exclamation: boolean;
}

function sentences(text: string, lang: Language): Sentence[] {
  const t = normalize(text)
    .replace(/\u2026/g, "...")
    .replace(/(\p{L})-(\p{L})/gu, "$1 $2") // "qu'est-ce", "pouvez-vous", "mix-up": one spelling with or without the hyphen
    .replace(/\d+/g, "0"); // numbers, times and prices generalise: "48 hours", "4pm", "10h30"
  const out: Sentence[] = [];
  for (const m of t.matchAll(/[^.!?]+[.!?]*|[.!?]+/g)) {
    const raw = m[0];
    const clauses: string[][] = [];
    for (const part of raw.split(/[,;:()"]+|\s-\s/)) {
      let clause: string[] = [];
      for (const tok of lang.tokenize(part)) {
        const w = tok.toLowerCase();
        if (!w) continue;
        if (lang.clauseBreak.has(w) && clause.length > 0) {
          clauses.push(clause);
          clause = [];
        }
        clause.push(w);
      }
      if (clause.length > 0) clauses.push(clause);
    }
    if (clauses.length === 0) continue;
    out.push({ clauses, question: raw.includes("?"), exclamation: raw.includes("!") });
  }
  return out;
}

/** Which words of a clause are inside a negation's scope. */
function negationScope(clause: string[], lang: Language): boolean[] {
  const marks = clause.map(() => false);
  let open = false;
  let sawNe = false;
  clause.forEach((w, i) => {
    if (lang.negation.has(w)) {
      if (lang.negationAfter.has(w) && !sawNe) {
        // "je vous transfère pas": the verb comes before the negation.
        for (let j = Math.max(0, i - 2); j < i; j++) marks[j] = true;
      }
      if (w === "ne" || w === "n") sawNe = true;
      open = true;
      return;
    }
    if (open) marks[i] = true;
  });
  return marks;
}

function add(f: Features, key: string, value: number) {
  f[key] = (f[key] ?? 0) + value;
}

const WORD = 1;
const BIGRAM = 1;
const CHAR = 0.3;

/** The features of one utterance in one language. */
export function featurize(text: string, locale: Locale): Features {
  const lang = LANGUAGES[locale];
  const f: Features = {};
  let words = 0;
  const all = sentences(text, lang);
  for (const sentence of all) {
    let first = true;
    for (const clause of sentence.clauses) {
      const neg = negationScope(clause, lang);
      let prev = "^";
      clause.forEach((w, i) => {
        words++;
        const mark = neg[i] ? "!" : "";
        const stem = lang.stem(w);
        const key = mark + stem;
        add(f, `w:${key}`, WORD);
        add(f, `b:${prev}_${key}`, BIGRAM);
        if (first) {
          add(f, `s:${stem}`, WORD);
          first = false;
        }
        prev = key;
        if (w.length >= 4 && /^\p{L}+$/u.test(w)) {
          const padded = `#${w}#`;
          for (let k = 0; k + 3 <= padded.length; k++) add(f, `c:${mark}${padded.slice(k, k + 3)}`, CHAR);
        }
      });
    }
    if (sentence.question) f["x:?"] = 1;
    if (sentence.exclamation) f["x:!"] = 1;
  }
  const last = all[all.length - 1];
  if (last && !last.question && !last.exclamation && !/[.]\s*$/.test(text)) f["x:noend"] = 1;
  if (words > 0 && words <= 3) f["x:short"] = 1;
  if (words >= 25) f["x:long"] = 1;
  return f;
}
