/**
 * `npm run --silent cli -- moves [--locale en|fr] (TEXT | --file FILE)`
 *
 * Classifies trainee utterances with the offline (trained) classifier, machines/understanding/.
 *   - TEXT: prints the moves as one JSON array, e.g. ["acknowledge_feeling"];
 *   - --file FILE: one utterance a line, one JSON array a line, in order
 *     (a blank line gives []); FILE "-" reads standard input.
 * Errors: one line on stderr; exit 2 for usage errors (bad locale, no text,
 * both a text and a file), 1 for an unreadable file.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { classify } from "../../machines/understanding";
import { isLocale, type Locale } from "../../scenarios/moves";

const USAGE = "usage: moves [--locale en|fr] (TEXT | --file FILE)";

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)} (${USAGE})`);
    return 2;
  }
  const { locale, file, text } = parsed;

  if (file === undefined) {
    process.stdout.write(`${JSON.stringify(classify(text ?? "", locale))}\n`);
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
  const out = lines.map((line) => JSON.stringify(line.trim() ? classify(line, locale) : []));
  if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}

function parseOptions(argv: string[]): { locale: Locale; file?: string; text?: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      locale: { type: "string", short: "l" },
      file: { type: "string", short: "f" },
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
    return { locale, file: values.file };
  }
  if (!text.trim()) throw new Error("no text to classify");
  return { locale, text };
}
