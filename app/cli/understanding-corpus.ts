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
export const DEV_SET_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "fixtures", "moves", "holdout.jsonl");
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

/** The corpus without the lines that are also in the dev set (same text, case and spaces aside): never trained on. */
export function withoutDevSet(items: CorpusItem[], devFile = DEV_SET_FILE): { items: CorpusItem[]; dropped: number } {
  const key = (t: string) => t.trim().toLowerCase().replace(/\s+/g, " ");
  const dev = new Set(parseCorpusFile("holdout.jsonl", readFileSync(devFile, "utf8")).map((i) => key(i.text)));
  const kept = items.filter((i) => !dev.has(key(i.text)));
  return { items: kept, dropped: items.length - kept.length };
}
