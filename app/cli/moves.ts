/**
 * `npm run --silent cli -- moves [--locale en|fr] [--scores] (TEXT | --file FILE)`
 *
 * Classifies trainee utterances with the offline (trained) classifier, machines/understanding/.
 *   - TEXT: prints the moves as one JSON array, e.g. ["acknowledge_feeling"];
 *   - --file FILE: one utterance a line, one JSON array a line, in order
 *     (a blank line gives []); FILE "-" reads standard input.
 * --scores: each answer is {"moves": [...], "scores": {move: confidence 0–1}} instead (for authors
 * checking why a turn was read as it was).
 * Errors: one line on stderr; exit 2 for usage errors (bad locale, no text,
 * both a text and a file), 1 for an unreadable file.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { classifyWithScores } from "../../machines/understanding";
import { isLocale, type Locale } from "../../scenarios/moves";

const USAGE = "usage: moves [--locale en|fr] [--scores] (TEXT | --file FILE)";

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)} (${USAGE})`);
    return 2;
  }
  const { locale, file, text, withScores } = parsed;
  const answer = (t: string) => {
    if (!t.trim()) return withScores ? { moves: [], scores: {} } : [];
    const r = classifyWithScores(t, locale);
    return withScores ? r : r.moves;
  };

  if (file === undefined) {
    process.stdout.write(`${JSON.stringify(answer(text ?? ""))}\n`);
    return 0;
  }

  let content: string;
  try {
    content = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (err) {
    const reason = err instanceof Error && "code" in err ? String((err as NodeJS.ErrnoException).code) : String(err);
    console.error(`error: cannot read --file ${file} (${reason})`);
    return 1;
  }
  const lines = content.split(/\r?\n/);
  // A final newline ends the last line; it does not start an extra, empty one.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const out = lines.map((line) => JSON.stringify(answer(line)));
  if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

function parseOptions(argv: string[]): { locale: Locale; file?: string; text?: string; withScores: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      locale: { type: "string", short: "l" },
      file: { type: "string", short: "f" },
      scores: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const locale = values.locale ?? "en";
  if (!isLocale(locale)) throw new Error(`--locale must be en or fr, not "${locale}"`);
  const text = positionals.join(" ");
  if (values.file !== undefined) {
    if (!values.file) throw new Error("--file needs a file name");
    if (positionals.length > 0) throw new Error("give either a text or --file, not both");
    return { locale, file: values.file, withScores: values.scores ?? false };
  }
  if (!text.trim()) throw new Error("no text to classify");
  return { locale, text, withScores: values.scores ?? false };
}
