/**
 * Loading scenario files. A bad file gets an error that names the file, the
 * line (where it can be found), the field path and what is wrong, e.g.
 *
 *   scenarios/lost-cap.yaml:42 facts.1.unlockedBy.0: must be a move name, or topic:<id>, fact:<id> or need:<id>
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, isCollection, isNode, parseDocument, type Document } from "yaml";
import { ScenarioSchema, type Scenario } from "./schema";

export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));

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

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/** The line of the deepest existing node on `path` (falls back to the parent when the key is missing). */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): number | undefined {
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

/** Parse and validate YAML text (the file name is only used in messages). */
export function parseScenario(text: string, file = "scenario.yaml"): Scenario {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioFileError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
        path: "(yaml)",
        message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      })),
    );
  }
  const raw = doc.toJS() as unknown;
  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) {
    throw new ScenarioFileError(
      file,
      result.error.issues.map((i) => {
        // Unknown keys: point at the key itself.
        const path = i.code === "unrecognized_keys" && i.keys.length > 0 ? [...i.path, i.keys[0]!] : i.path;
        return {
          line: lineOf(doc, counter, path),
          path: path.map(String).join(".") || "(root)",
          message: i.code === "unrecognized_keys" ? `unknown field${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}` : i.message,
        };
      }).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    );
  }
  const scenario = result.data;
  const stem = basename(file).replace(/\.ya?ml$/, "");
  if (stem !== "scenario" && stem !== scenario.id) {
    throw new ScenarioFileError(file, [
      { line: lineOf(doc, counter, ["id"]), path: "id", message: `must match the file name ("${stem}"), found "${scenario.id}"` },
    ]);
  }
  return scenario;
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioFileError(file, [
      { path: "(file)", message: code === "ENOENT" ? "no such file" : `cannot read the file (${code ?? String(err)})` },
    ]);
  }
  return parseScenario(text, file);
}

export function scenarioFiles(dir = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}

export function loadAllScenarios(dir = SCENARIOS_DIR): Scenario[] {
  return scenarioFiles(dir).map((f) => loadScenarioFile(f));
}

/** A scenario by id (the file `<id>.yaml` in `dir`). Throws ScenarioFileError when missing or invalid. */
export function loadScenarioById(id: string, dir = SCENARIOS_DIR): Scenario {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    throw new ScenarioFileError(id, [{ path: "(id)", message: "a scenario id is kebab-case (a-z, 0-9, -)" }]);
  }
  const file = scenarioFiles(dir).find((f) => basename(f).replace(/\.ya?ml$/, "") === id);
  if (!file) {
    const known = scenarioFiles(dir).map((f) => basename(f).replace(/\.ya?ml$/, ""));
    throw new ScenarioFileError(id, [{ path: "(id)", message: `unknown scenario (known: ${known.join(", ")})` }]);
  }
  return loadScenarioFile(file);
}
