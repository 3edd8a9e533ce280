/**
 * YAML syntax errors as data (decision 277): the yaml library's error code, the line and column (1-based) and,
 * for the common mistakes, which one it is — so that the studio can say what is wrong in the reader's language
 * (app/author/issues.ts, yamlSyntaxMessage) and the command line in English (scenarios/parse.ts). Pure and
 * browser-safe: the studio's YAML view checks the text as it is typed.
 */
import { LineCounter, parseDocument, type Document, type YAMLError } from "yaml";

/**
 * The common mistakes a trainer makes in YAML, each explained by the studio:
 * - `tab`: a tab used to indent (YAML indents with spaces only);
 * - `indent`: lines of one block that do not start at the same column, or a line indented too far;
 * - `colon`: a line with no `:` after its name (or indented under a value, which reads the same);
 * - `quote`: a quote opened and not closed (`quote` is the quote character);
 * - `bracket`: a `[` or `{` not closed;
 * - `duplicate`: the same name twice in one block;
 * - `badStart`: a value starting with a character YAML reserves (`@`, a backquote…: `near` is the character);
 * - `other`: anything else (the yaml library's English `message` stays for developers).
 */
export type YamlMistake = "tab" | "indent" | "colon" | "quote" | "bracket" | "duplicate" | "badStart" | "other";

export interface YamlSyntaxError {
  mistake: YamlMistake;
  /** 1-based line and column of the place the parser stopped at. */
  line: number;
  column: number;
  /** The character concerned, when the mistake has one (the quote, the reserved character). */
  near?: string;
  /** The yaml library's code (e.g. TAB_AS_INDENT) and its English message (first line, without its position). */
  code: string;
  message: string;
}

export function mistakeOf(error: Pick<YAMLError, "code" | "message">, text: string, offset: number): { mistake: YamlMistake; near?: string } {
  const message = error.message;
  switch (error.code) {
    case "TAB_AS_INDENT":
      return { mistake: "tab" };
    case "MULTILINE_IMPLICIT_KEY":
      return { mistake: "colon" };
    case "DUPLICATE_KEY":
      return { mistake: "duplicate" };
    case "BAD_SCALAR_START":
      return { mistake: "badStart", near: text.charAt(offset) || undefined };
    case "MISSING_CHAR": {
      const quote = /closing (["'])/.exec(message);
      if (quote) return { mistake: "quote", near: quote[1] };
      // A name alone on its line ("name Ann" under a block of "name: value" lines).
      if (/followed by map values/.test(message)) return { mistake: "colon" };
      return { mistake: /[\]}]/.test(message) ? "bracket" : "other" };
    }
    case "BAD_INDENT":
      // A flow collection ([…] or {…}) left open is reported as its indentation.
      return { mistake: /^Flow (sequence|mapping)/.test(message) ? "bracket" : "indent" };
    case "BLOCK_AS_IMPLICIT_KEY":
      // A value followed by a line indented further ("en: Hello" then "    fr: …").
      return { mistake: "indent" };
    default:
      return { mistake: "other" };
  }
}

/** The syntax errors of a parsed document, as data. */
export function yamlSyntaxErrors(doc: Document, counter: LineCounter, text: string): YamlSyntaxError[] {
  return doc.errors.map((e) => {
    const { line, col } = counter.linePos(e.pos[0]);
    return {
      ...mistakeOf(e, text, e.pos[0]),
      line,
      column: col,
      code: e.code,
      message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
    };
  });
}

/** Parse YAML text: the data, or the syntax errors as data (never throws). */
export function readYamlText(text: string): { data?: unknown; errors: YamlSyntaxError[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { errors: yamlSyntaxErrors(doc, counter, text) };
  return { data: doc.toJS() as unknown, errors: [] };
}
