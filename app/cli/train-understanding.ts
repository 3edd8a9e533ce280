/**
 * `npm run train`: trains the moves model on every file of the corpus (machines/understanding/corpus/) and
 * writes machines/understanding/moves-model.json (committed; a test fails when it is stale against the
 * corpus). Prints the cross-validated figures. Deterministic: the same corpus gives the same file.
 */
import { writeFileSync } from "node:fs";
import { trainMoves } from "../../machines/understanding/train";
import { MODEL_FILE, readCorpus, withoutDevSet } from "./understanding-corpus";

export function main(): number {
  const t0 = performance.now();
  const corpus = readCorpus();
  const { items, dropped } = withoutDevSet(corpus.items);
  if (dropped > 0) console.log(`left out ${dropped} corpus line(s) that are also in the dev set (tests/fixtures/moves/holdout.jsonl)`);
  const artifact = trainMoves({
    items,
    corpusHash: corpus.hash,
    progress: (m) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`),
  });
  writeFileSync(MODEL_FILE, `${JSON.stringify(artifact)}\n`);
  for (const [locale, cv] of Object.entries(artifact.cv)) {
    console.log(`${locale}: ${cv.n} utterances, ${cv.folds}-fold CV micro-F1 ${cv.microF1.toFixed(3)}, all moves found ${(cv.allFound * 100).toFixed(1)} %`);
  }
  console.log(`wrote ${MODEL_FILE} (corpus ${corpus.hash}, ${corpus.files.length} files) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
