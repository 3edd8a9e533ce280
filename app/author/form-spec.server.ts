/**
 * The editor's form derived from the scenario format's zod schema (scenarios/schema.ts): objects,
 * texts in both languages, lists, records, numbers with their bounds, enums, condition sets. Read from
 * zod 4's definitions (`_zod.def`); a shape it does not know becomes a JSON field rather than
 * disappearing, so nothing in a scenario is out of the form's reach.
 */
import { ScenarioSchema } from "../../scenarios/schema";
import type { Spec } from "./form-spec";

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  element?: Schema;
  options?: Schema[];
  keyType?: Schema;
  valueType?: Schema;
  in?: Schema;
  out?: Schema;
}
interface Schema {
  _zod: { def: Def };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

const defOf = (s: Schema): Def => s._zod.def;

function isStringArray(s: Schema): boolean {
  const d = unwrap(s).def;
  return d.type === "array" && defOf(d.element!).type === "string";
}

/** Strip optional/default/pipe wrappers, remembering optionality and the default. */
function unwrap(s: Schema): { schema: Schema; def: Def; optional: boolean; defaultValue?: unknown } {
  let schema = s;
  let optional = false;
  let defaultValue: unknown;
  for (let i = 0; i < 10; i++) {
    const d = defOf(schema);
    if (d.type === "optional" || d.type === "nullable") {
      optional = true;
      schema = d.innerType!;
    } else if (d.type === "default" || d.type === "prefault") {
      optional = true;
      defaultValue = typeof d.defaultValue === "function" ? (d.defaultValue as () => unknown)() : d.defaultValue;
      schema = d.innerType!;
    } else if (d.type === "pipe") {
      schema = d.in!;
    } else break;
  }
  return { schema, def: defOf(schema), optional, ...(defaultValue !== undefined ? { defaultValue } : {}) };
}

function specOf(s: Schema, path: string[]): Spec {
  const { schema, def, optional, defaultValue } = unwrap(s);
  switch (def.type) {
    case "string":
      return { kind: "string", optional };
    case "number":
      return {
        kind: "number",
        optional,
        int: Boolean(schema.isInt),
        ...(typeof schema.minValue === "number" && schema.minValue > -1e9 ? { min: schema.minValue } : {}),
        ...(typeof schema.maxValue === "number" && schema.maxValue < 1e9 ? { max: schema.maxValue } : {}),
        ...(typeof defaultValue === "number" ? { default: defaultValue } : {}),
      };
    case "boolean":
      return { kind: "boolean", optional, ...(typeof defaultValue === "boolean" ? { default: defaultValue } : {}) };
    case "enum":
      return { kind: "enum", optional, options: Object.values(def.entries ?? {}), ...(typeof defaultValue === "string" ? { default: defaultValue } : {}) };
    case "object": {
      const keys = Object.keys(def.shape ?? {});
      if (keys.length === 2 && keys.includes("en") && keys.includes("fr")) {
        const en = def.shape!.en!;
        if (defOf(unwrap(en).schema).type === "string") return { kind: "localized", optional };
        if (isStringArray(en)) return { kind: "localizedList", optional };
      }
      return {
        kind: "object",
        optional,
        hasDefault: defaultValue !== undefined,
        fields: keys.map((key) => ({ key, spec: specOf(def.shape![key]!, [...path, key]) })),
      };
    }
    case "array":
      return { kind: "array", optional, item: specOf(def.element!, [...path, "*"]) };
    case "union": {
      const kinds = (def.options ?? []).map((o) => unwrap(o).def);
      const conditionList = kinds.some((k) => k.type === "array");
      const conditionObject = kinds.some((k) => k.type === "object" && k.shape && "all" in k.shape && "any" in k.shape);
      if (conditionList && conditionObject) return { kind: "conditions", optional };
      return { kind: "json", optional };
    }
    case "record": {
      const name = path.at(-1);
      const keyKind = name === "reactions" ? "reaction" : name === "lines" ? "beat" : name === "topics" ? "id" : "string";
      return { kind: "record", optional, keyKind, value: specOf(def.valueType!, [...path, "*"]) };
    }
    default:
      return { kind: "json", optional };
  }
}

let cached: Spec | null = null;

/** The form of a whole scenario. */
export function scenarioFormSpec(): Spec {
  return (cached ??= specOf(ScenarioSchema as unknown as Schema, []));
}
