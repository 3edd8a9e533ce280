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
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
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
  console.error("usage: npx tsx tests/spent-to-corpus.ts blindN [blindM ...]");
  process.exit(2);
}
for (const set of sets) {
  if (UNREAD_BLIND_SETS.includes(set)) {
    console.error(`${set}: not spent (the current blind set, or the next one frozen unread); it may not be learnt`);
    process.exit(2);
  }
  const lines = loadBlind(resolve(here, "fixtures", set, "utterances.jsonl"));
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
    const file = join(CORPUS, `${locale}.spent-${set}.jsonl`);
    writeFileSync(file, `${out[locale]!.join("\n")}\n`);
    console.log(`${file}: ${out[locale]!.length} lines`);
  }
}
