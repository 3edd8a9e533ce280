/**
 * Text normalisation shared by the offline classifier, topic detection and
 * the judges' quote checks: lower case, accents folded, typographic
 * apostrophes and quotes straightened, white space collapsed.
 */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d«»]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// --- sentences and clauses -------------------------------------------------------------------------------------
// One splitter for the understanding (a turn read sentence by sentence and clause by clause) and the judges'
// quotes (verbatim slices with offsets).

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

/** The clauses of one sentence of `text`: split at commas, semicolons, colons and dashes. */
export function clausesOf(text: string, sentence: Segment): Segment[] {
  return splitBy(text, sentence.start, sentence.end, /[,;:]\s+|\s+[—–-]\s+/gu);
}

/** Clauses of a text: sentences further split at commas, semicolons, colons and dashes. */
export function clauses(text: string): Segment[] {
  return sentences(text).flatMap((s) => clausesOf(text, s));
}
