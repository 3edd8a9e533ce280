/**
 * Shape of a per-language lexicon for the offline move classifier
 * (machines/classify.ts). Patterns are matched against the *canonical* text:
 * normalised (lower case, accents folded), contractions expanded, small typos
 * corrected, punctuation split into its own tokens (" , " " ? " " . ").
 */
import type { Move } from "../../scenarios/moves";

export interface Rule {
  move: Move;
  re: RegExp;
  /** Ignore the match when a negation precedes it in the same clause ("I'm not going to transfer you"). */
  neg?: boolean;
  /** Only in a sentence that is not a question ("by Friday" is a time frame; "would Friday work?" is not). */
  statementOnly?: boolean;
  /** Only in a sentence that ends with a question mark. */
  questionOnly?: boolean;
  /** Only when the sentence speaks of the future ("we'll call you tomorrow", not "I'm on duty tonight"). */
  needsFuture?: boolean;
  /** Drop this match when one of these moves is also in the sentence ("you can pay in the app" after "Top tip:" is a tip, not an offer). */
  unless?: Move[];
  /** A weak cue: the move holds only if nothing constructive comes with it ("we found nothing" vs "…yet, but I'll ask"). */
  weak?: boolean;
  /** Ignore the match when the clause before it matches (e.g. "so I can send", "ask whether we can"). */
  notAfter?: RegExp;
}

export interface Lexicon {
  /** Expand contractions and informal spellings into the canonical forms the rules are written for. */
  canonical(text: string): string;
  rules: Rule[];
  /** Words that negate what follows within the same clause (matched on the clause before a cue). */
  negationBefore: RegExp;
  /** Words that negate what precedes (French "je vous transfère pas"), matched right after a cue. */
  negationAfter: RegExp;
  /** Start of a sentence that asks something even without a question mark. */
  questionStart: RegExp;
  /** Questions that are not a request for information (offers, hold requests, doubt): no ask_question for them. */
  notAQuestion: RegExp;
  /** Marks of the future in a sentence (will, going to; va, -rai, -rez…). */
  future: RegExp;
  /** Correctly spelled cue words; unknown words within one edit of one of them are corrected to it. */
  vocabulary: string[];
  /** Common words that must never be "corrected" (they are real words close to a cue word). */
  knownWords: string[];
}

/** Build a rule from a regex source (compiled with the unicode flag, global for scanning every occurrence). */
export function rule(move: Move, source: string, options: Omit<Rule, "move" | "re"> = {}): Rule {
  // A final word boundary after a group that can end in "?", "'" or a space would need a letter next:
  // accept instead "the match ends after a non-letter, or no letter follows".
  const fixed = source.replace(/\)\\b(?=$|\||\))/g, ")(?:(?<=\\W)|(?!\\w))");
  return { move, re: new RegExp(fixed, "gu"), ...options };
}
