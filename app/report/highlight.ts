/**
 * Where the quoted words of a checkpoint sit inside a trainee turn, so the transcript can
 * wrap them in <mark>. Pure (shared by the server, which computes the ranges, and the tests).
 */

export interface Highlight {
  start: number;
  end: number;
  /** The checkpoint / penalty ids whose quote covers this range. */
  ids: string[];
  /** "hit" (earned a checkpoint) or "penalty" (cost points). A range in both is "penalty". */
  kind: "hit" | "penalty";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The [start, end) of `quote` in `text`: verbatim first, then ignoring case, then ignoring
 * runs of white space and surrounding quotation marks. Null when the words are not there.
 */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const q = quote
    .trim()
    .replace(/^["'«“]+|["'»”]+$/g, "")
    .trim();
  if (!q) return null;
  let at = text.indexOf(q);
  if (at >= 0) return { start: at, end: at + q.length };
  at = text.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (at >= 0 && text.toLocaleLowerCase().length === text.length) return { start: at, end: at + q.length };
  const words = q.split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return null;
  const m = new RegExp(words.join("\\s+"), "iu").exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Merge the located quotes of one turn into non-overlapping ranges, in order. */
export function highlightsFor(
  text: string,
  quotes: ReadonlyArray<{ id: string; quote: string; kind: "hit" | "penalty" }>,
): Highlight[] {
  const located = quotes
    .map((q) => ({ ...q, at: locateQuote(text, q.quote) }))
    .filter((q): q is typeof q & { at: { start: number; end: number } } => q.at !== null)
    .sort((a, b) => a.at.start - b.at.start || b.at.end - a.at.end);
  const out: Highlight[] = [];
  for (const q of located) {
    const last = out[out.length - 1];
    if (last && q.at.start < last.end) {
      last.end = Math.max(last.end, q.at.end);
      if (!last.ids.includes(q.id)) last.ids.push(q.id);
      if (q.kind === "penalty") last.kind = "penalty";
    } else {
      out.push({ start: q.at.start, end: q.at.end, ids: [q.id], kind: q.kind });
    }
  }
  return out;
}

/** Split a text into plain and highlighted pieces (for rendering). */
export function pieces(
  text: string,
  highlights: readonly Highlight[],
): Array<{ text: string; mark: Highlight | null }> {
  const out: Array<{ text: string; mark: Highlight | null }> = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start > at) out.push({ text: text.slice(at, h.start), mark: null });
    out.push({ text: text.slice(h.start, h.end), mark: h });
    at = h.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}
