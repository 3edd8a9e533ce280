/**
 * Loading scenario files. A bad file gets an error that names the file, the
 * line (where it can be found), the field path and what is wrong, e.g.
 *
 *   scenarios/lost-cap.yaml:42 facts.1.unlockedBy.0: must be a move name, or topic:<id>, fact:<id> or need:<id>
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ScenarioFileError, parseScenario } from "./parse";
import type { Scenario } from "./schema";

/** Parsing is pure and lives in ./parse.ts (the studio and the import use it without a file system). */
export { ScenarioFileError, checkScenarioText, parseScenario, type ScenarioProblem } from "./parse";

export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));

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
