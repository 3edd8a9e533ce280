/**
 * Parsing and validating scenario YAML text: pure (no file system), so that the studio, the import
 * and the CLI share one backbone (scenarios/load.ts reads files and calls it). Every problem names
 * the line (where it can be found), the field path and what is wrong, e.g.
 *
 *   lost-cap.yaml:42 facts.1.unlockedBy.0: must be a move name, or topic:<id>, fact:<id> or need:<id>
 *
 * `checkScenarioText` reports every problem (YAML syntax, then the schema's); `parseScenario` throws
 * them all at once as a ScenarioFileError.
 */
import { LineCounter, isCollection, isNode, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { ScenarioSchema, type IssueParams, type Scenario } from "./schema";
import { yamlSyntaxErrors, type YamlSyntaxError } from "./yaml-syntax";

export interface ScenarioProblem {
  /** 1-based line in the file, when it could be located. */
  line?: number;
  /** Dotted path of the field (e.g. `facts.1.unlockedBy`), "(root)" for the whole file. */
  path: string;
  /** In English, for developers and the command line. */
  message: string;
  /**
   * What is wrong as data, for a reader in another language (app/author/issues.ts words it; decision 277): a
   * schema issue's code and figures (zod's fields, and `params.reason` for the format's own checks), or a YAML
   * syntax error's mistake, line and column.
   */
  issue?: ProblemIssue;
  yaml?: YamlSyntaxError;
}

/** The fields of a zod issue the studio reads (plain data: it travels to the browser with the problem). */
export interface ProblemIssue {
  code: string;
  path: PropertyKey[];
  params?: IssueParams;
  origin?: string;
  minimum?: number;
  maximum?: number;
  expected?: string;
  keys?: string[];
  pattern?: string;
  values?: unknown[];
  /** For `invalid_type`: the field is not there at all (rather than of another type). */
  missing?: boolean;
  /** For `invalid_format`: the text refused (an id with a space is named, with the id it could be). */
  value?: string;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at = value;
  for (const p of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[p];
  }
  return at;
}

/** A zod issue as plain data (numbers, strings); `value` is what was validated (to tell a missing field). */
export function problemIssue(issue: z.core.$ZodIssue, value?: unknown): ProblemIssue {
  const i = issue as z.core.$ZodIssue & Partial<Record<"params" | "origin" | "minimum" | "maximum" | "expected" | "keys" | "pattern" | "values", unknown>>;
  const out: ProblemIssue = { code: i.code, path: [...i.path] };
  if (i.params && typeof i.params === "object") out.params = i.params as IssueParams;
  if (typeof i.origin === "string") out.origin = i.origin;
  if (i.minimum !== undefined) out.minimum = Number(i.minimum);
  if (i.maximum !== undefined) out.maximum = Number(i.maximum);
  if (typeof i.expected === "string") out.expected = i.expected;
  if (Array.isArray(i.keys)) out.keys = i.keys.map(String);
  if (typeof i.pattern === "string") out.pattern = i.pattern;
  if (Array.isArray(i.values)) out.values = i.values;
  if (i.code === "invalid_type") out.missing = valueAt(value, i.path) === undefined;
  if (i.code === "invalid_format") {
    const found = valueAt(value, i.path);
    if (typeof found === "string") out.value = found;
  }
  return out;
}

export class ScenarioFileError extends Error {
  readonly problems: string[];
  constructor(
    readonly file: string,
    readonly details: ScenarioProblem[],
  ) {
    const name = displayName(file);
    const problems = details.map((p) => `${name}${p.line ? `:${p.line}` : ""} ${p.path}: ${p.message}`);
    super(problems.join("\n"));
    this.problems = problems;
    this.name = "ScenarioFileError";
  }
}

/** A file under the working directory is named relative to it (string work only: no node:path here). */
function displayName(file: string): string {
  const cwd = typeof process !== "undefined" && typeof process.cwd === "function" ? process.cwd() : "";
  return cwd && file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

/** The line of the deepest existing node on `path` (falls back to the parent when the key is missing). */
export function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): number | undefined {
  const keys = path.map((k) => (typeof k === "symbol" ? String(k) : k));
  for (let n = keys.length; n >= 0; n--) {
    const sub = keys.slice(0, n);
    let node: unknown;
    try {
      node = n === 0 ? doc.contents : doc.getIn(sub, true);
    } catch {
      node = undefined;
    }
    if (isNode(node) && node.range) {
      // For a record key that is wrong (e.g. a bad reaction key), point at the key itself.
      if (n < keys.length && isCollection(node)) {
        const key = keys[n];
        const pair = (node.items as Array<{ key?: unknown }>).find(
          (item) => isNode(item.key) && (item.key as { value?: unknown }).value === key,
        );
        if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
      }
      return counter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

export interface ScenarioTextCheck {
  /** The YAML as data (when the YAML itself is well formed), valid or not. */
  raw?: unknown;
  /** The validated scenario, when there is no problem. */
  scenario?: Scenario;
  /** Every problem, sorted by line. */
  problems: ScenarioProblem[];
}

/** Parse and validate YAML text, reporting every problem (never throws on bad input). */
export function checkScenarioText(text: string): ScenarioTextCheck {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: yamlSyntaxErrors(doc, counter, text).map((e) => ({
        line: e.line,
        path: "(yaml)",
        message: `${e.message} (column ${e.column})`,
        yaml: e,
      })),
    };
  }
  const raw = doc.toJS() as unknown;
  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) {
    return {
      raw,
      problems: result.error.issues
        .map((i) => {
          // Unknown keys: point at the key itself.
          const path = i.code === "unrecognized_keys" && i.keys.length > 0 ? [...i.path, i.keys[0]!] : i.path;
          return {
            line: lineOf(doc, counter, path),
            path: path.map(String).join(".") || "(root)",
            message:
              i.code === "unrecognized_keys"
                ? `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}`
                : i.message,
            issue: problemIssue(i, raw),
          };
        })
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    };
  }
  return { raw, scenario: result.data, problems: [] };
}

/** The file's name without folders and without .yaml/.yml. */
function stemOf(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.ya?ml$/, "");
}

/** Parse and validate YAML text (the file name is used in messages, and its stem must match the id). */
export function parseScenario(text: string, file = "scenario.yaml"): Scenario {
  const checked = checkScenarioText(text);
  if (!checked.scenario) throw new ScenarioFileError(file, checked.problems);
  const scenario = checked.scenario;
  const stem = stemOf(file);
  if (stem !== "scenario" && stem !== scenario.id) {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    throw new ScenarioFileError(file, [
      { line: lineOf(doc, counter, ["id"]), path: "id", message: `must match the file name ("${stem}"), found "${scenario.id}"` },
    ]);
  }
  return scenario;
}
