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
