/**
 * Loading scenario files (first version; the simulation-core work refines the
 * error messages: file, line, field path, what is wrong).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ScenarioSchema, type Scenario } from "./schema";

export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "ScenarioFileError";
  }
}

export function loadScenarioFile(file: string): Scenario {
  const raw = parse(readFileSync(file, "utf8")) as unknown;
  const result = ScenarioSchema.safeParse(raw);
  if (!result.success) {
    throw new ScenarioFileError(
      file,
      result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  return result.data;
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
