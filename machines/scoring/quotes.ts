/**
 * Quotes: the exact words of a trainee turn that earned a checkpoint. A quote
 * is always a verbatim slice of the turn's text (a clause, a sentence, or the
 * whole turn), never a paraphrase.
 */
import { clauses, normalize, sentences } from "../../scenarios/text";

export { clauses, sentences, type Segment } from "../../scenarios/text";

/**
 * The shortest verbatim segment (clause, then sentence) for which `carries`
 * is true; the whole (trimmed) turn when no smaller segment carries it alone.
 */
export function findQuote(text: string, carries: (segment: string) => boolean): string {
  const whole = sentences(text);
  for (const seg of clauses(text)) {
    if (!carries(seg.text)) continue;
    // A cue alone ("By the way") says little: show its whole sentence when the clause is under four words.
    if (seg.text.split(/\s+/).length >= MIN_QUOTE_WORDS) return seg.text;
    const sentence = whole.find((s) => s.start <= seg.start && seg.end <= s.end);
    return sentence ? sentence.text : seg.text;
  }
  for (const seg of whole) if (carries(seg.text)) return seg.text;
  return text.trim();
}

const MIN_QUOTE_WORDS = 4;

/** True when `quote` appears in `turnText` after white-space/case/accent normalisation (and is not empty). */
export function quoteIsIn(quote: string, turnText: string): boolean {
  const q = normalize(quote).replace(/^["'«“]+|["'»”]+$/g, "").trim();
  if (q.length === 0) return false;
  return normalize(turnText).includes(q);
}
