/**
 * A scenario as YAML text, in the order of the format (scenarios/*.yaml), and back. Browser-safe
 * (the editor's YAML view and the export use the same writer).
 */
import { stringify } from "yaml";

/** The order of the top-level fields in a scenario file; anything else follows, as it comes. */
const ORDER = [
  "id",
  "title",
  "channel",
  "difficulty",
  "estimatedMinutes",
  "setting",
  "role",
  "customer",
  "mood",
  "ringing",
  "opening",
  "goal",
  "resolvedWhen",
  "maxTurns",
  "topics",
  "knows",
  "facts",
  "needs",
  "reactions",
  "lines",
  "rubric",
  "passMark",
  "dimensionFloor",
];

export function orderedScenario(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (k in obj && obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj)) if (!(k in out) && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

export function scenarioToYaml(value: unknown): string {
  return stringify(orderedScenario(value), { lineWidth: 0, aliasDuplicateObjects: false });
}
