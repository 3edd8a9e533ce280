/**
 * Quotes: the exact words of a trainee turn that earned a checkpoint. A quote
 * is always a verbatim slice of the turn's text (a clause, a sentence, or the
 * whole turn), never a paraphrase.
 */
import { normalize } from "../../scenarios/text";

export interface Segment {
  text: string;
  start: number;
  end: number;
}

function trimSegment(source: string, start: number, end: number): Segment | null {
  while (start < end && /[\s,;:.!?…—–-]/u.test(source[start] ?? "")) start++;
  while (end > start && /[\s,;:—–-]/u.test(source[end - 1] ?? "")) end--;
  if (end <= start) return null;
  const text = source.slice(start, end);
  return /[\p{L}\p{N}]/u.test(text) ? { text, start, end } : null;
}

function splitBy(source: string, from: number, to: number, re: RegExp): Segment[] {
  const out: Segment[] = [];
  const slice = source.slice(from, to);
  let last = 0;
  for (const m of slice.matchAll(re)) {
    const cut = (m.index ?? 0) + m[0].length;
    const seg = trimSegment(source, from + last, from + cut);
    if (seg) out.push(seg);
    last = cut;
  }
  const tail = trimSegment(source, from + last, to);
  if (tail) out.push(tail);
  return out;
}

/** Sentences of a text (split after . ! ? … and line breaks), verbatim with offsets. */
export function sentences(text: string): Segment[] {
  return splitBy(text, 0, text.length, /[.!?…]+["»”)]*\s+|\n+/gu);
}

/** Clauses of a text: sentences further split at commas, semicolons, colons and dashes. */
export function clauses(text: string): Segment[] {
  return sentences(text).flatMap((s) => splitBy(text, s.start, s.end, /[,;:]\s+|\s+[—–-]\s+/gu));
}

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
