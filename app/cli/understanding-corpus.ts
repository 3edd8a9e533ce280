/**
 * Reading the understanding's training corpus (machines/understanding/corpus/<locale>.<source>.jsonl, lines
 * {"text", "moves"}): every file there is part of it. Used by `npm run train`, `npm run eval:moves` and the
 * test that fails when the committed moves model is stale against the corpus.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusFileLocale, corpusHash, parseCorpusFile, type CorpusItem } from "../../machines/understanding/train";

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "machines", "understanding", "corpus");
export const MODEL_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "machines", "understanding", "moves-model.json");

export interface Corpus {
  files: Array<{ name: string; content: string }>;
  items: CorpusItem[];
  hash: string;
}

/** Every corpus file, validated (an error names file:line); a file whose name has no locale is an error too. */
export function readCorpus(dir = CORPUS_DIR): Corpus {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith(".jsonl"))
    .sort();
  const files = names.map((name) => {
    if (!corpusFileLocale(name)) throw new Error(`${name}: corpus files are named <locale>.<source>.jsonl (en or fr)`);
    return { name, content: readFileSync(join(dir, name), "utf8") };
  });
  const items = files.flatMap((f) => parseCorpusFile(f.name, f.content));
  return { files, items, hash: corpusHash(files) };
}
