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
import { ScenarioSchema, type Scenario } from "./schema";

export interface ScenarioProblem {
  /** 1-based line in the file, when it could be located. */
  line?: number;
  /** Dotted path of the field (e.g. `facts.1.unlockedBy`), "(root)" for the whole file. */
  path: string;
  message: string;
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
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
        path: "(yaml)",
        message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
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
