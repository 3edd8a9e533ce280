/**
 * Development only (decision 285): a SPENT blind set's utterances as training lines for the moves reader, one file
 * per set and language, machines/understanding/corpus/<locale>.spent-<set>.jsonl. Refuses the current blind set
 * and the unread next one (as tests/misreads.ts does): only sets already measured once may be learnt.
 *
 * Labels: the writer's `must` moves, plus what the reader committed at the time reads that the writer did not
 * forbid (`mustNot`) — except a negative move the writer did not list, and any positive move on a line the writer
 * called negative (the writers label the clear moves only; an unlisted move is not an absent one). Each line keeps
 * its `scenario`: it talks about that scenario's topics and so is never a general negative of the topic models.
 * The extra labels depend on the reader of the day: regenerating a set's file later may change a few of them.
 *
 *   npx tsx tests/spent-to-corpus.ts blind13 [blind14 ...]
 *
 * It also learns WRITTEN batches (decision 287): utterances in the blind sets' format written as training data by
 * helpers who were given the blind writers' pack (`tests/blind-pack.ts`) and nothing else — the same briefings,
 * glossary and task, new personas — kept in machines/understanding/corpus/written/<name>.jsonl. A batch line whose
 * text (case and spaces aside) is also a line of a blind set not yet spent is left out (short formulaic turns such
 * as a greeting with the business name come out word for word from the same briefing): the set that counts must
 * stay unseen.
 *
 *   npx tsx tests/spent-to-corpus.ts machines/understanding/corpus/written/s16a.jsonl [...]
 */
import { writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { classify } from "../machines/understanding";
import { MOVES, NEGATIVE_MOVES, type Move } from "../scenarios/moves";
import { loadBlind, UNREAD_BLIND_SETS } from "./eval-moves";

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = join(here, "..", "machines", "understanding", "corpus");
const valid = new Set<string>(MOVES);
const negative = new Set<string>(NEGATIVE_MOVES);

const sets = process.argv.slice(2);
if (sets.length === 0) {
  console.error("usage: npx tsx tests/spent-to-corpus.ts blindN|<written batch>.jsonl [...]");
  process.exit(2);
}
const normal = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
const unread = new Set(UNREAD_BLIND_SETS.flatMap((set) => loadBlind(resolve(here, "fixtures", set, "utterances.jsonl")).map((l) => normal(l.text))));
for (const set of sets) {
  const written = set.endsWith(".jsonl");
  if (!written && UNREAD_BLIND_SETS.includes(set)) {
    console.error(`${set}: not spent (the current blind set, or the next one frozen unread); it may not be learnt`);
    process.exit(2);
  }
  const all = loadBlind(written ? resolve(set) : resolve(here, "fixtures", set, "utterances.jsonl"));
  const lines = written ? all.filter((l) => !unread.has(normal(l.text))) : all;
  if (written) console.log(`${set}: ${all.length - lines.length} of ${all.length} lines left out (the same words as a line of an unread blind set)`);
  const out: Record<string, string[]> = { en: [], fr: [] };
  for (const l of lines) {
    const must = l.must.filter((m) => valid.has(m)) as Move[];
    const extra = classify(l.text, l.locale).filter(
      (m) => !must.includes(m) && !l.mustNot.includes(m) && !negative.has(m) && l.polarity !== "negative",
    );
    const moves = [...new Set([...must, ...extra])];
    out[l.locale]!.push(JSON.stringify({ text: l.text, moves, ...(l.scenario ? { scenario: l.scenario } : {}) }));
  }
  for (const locale of ["en", "fr"] as const) {
    if (written && out[locale]!.length === 0) continue;
    const file = join(CORPUS, written ? `${locale}.written-${basename(set, ".jsonl")}.jsonl` : `${locale}.spent-${set}.jsonl`);
    writeFileSync(file, `${out[locale]!.join("\n")}\n`);
    console.log(`${file}: ${out[locale]!.length} lines`);
  }
}
