/**
 * The shape of the editor's form, as plain data the browser can render (decision 151): derived on the
 * server from the scenario format's zod schema (app/author/form-spec.server.ts), so that a field added
 * to scenarios/schema.ts appears in the form without a change here. Browser-safe (types and helpers).
 */
export type Spec =
  | { kind: "string"; optional: boolean }
  | { kind: "localized"; optional: boolean }
  | { kind: "localizedList"; optional: boolean }
  | { kind: "number"; optional: boolean; int: boolean; min?: number; max?: number; default?: number }
  | { kind: "boolean"; optional: boolean; default?: boolean }
  | { kind: "enum"; optional: boolean; options: string[]; default?: string }
  | { kind: "conditions"; optional: boolean }
  | { kind: "object"; optional: boolean; fields: Array<{ key: string; spec: Spec }>; hasDefault: boolean }
  | { kind: "array"; optional: boolean; item: Spec }
  | { kind: "record"; optional: boolean; keyKind: "id" | "reaction" | "beat" | "string"; value: Spec }
  | { kind: "json"; optional: boolean };

/** An empty value for a spec (what "Add" inserts). */
export function emptyOf(spec: Spec): unknown {
  switch (spec.kind) {
    case "string":
      return "";
    case "localized":
      return { en: "", fr: "" };
    case "localizedList":
      return { en: [], fr: [] };
    case "number":
      return spec.default ?? spec.min ?? 0;
    case "boolean":
      return spec.default ?? false;
    case "enum":
      return spec.default ?? spec.options[0] ?? "";
    case "conditions":
      return [];
    case "object": {
      const out: Record<string, unknown> = {};
      // Required fields, and lists of texts that default to empty (a topic's example phrases), but never the
      // expert `patterns`: the form offers what a trainer writes.
      for (const f of spec.fields)
        if (!f.spec.optional || (f.spec.kind === "localizedList" && f.key !== "patterns")) out[f.key] = emptyOf(f.spec);
      return out;
    }
    case "array":
      return [];
    case "record":
      return {};
    case "json":
      return null;
  }
}

/** Immutable update of `value` at `path` (`undefined` removes the key). */
export function setIn(value: unknown, path: ReadonlyArray<string | number>, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === "number") {
    const copy = [...value];
    const child = setIn(copy[head], rest, next);
    if (child === undefined) copy.splice(head, 1);
    else copy[head] = child;
    return copy;
  }
  const obj = value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  const child = setIn(obj[String(head)], rest, next);
  if (child === undefined) delete obj[String(head)];
  else obj[String(head)] = child;
  return obj;
}

export function getIn(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[String(p)];
  }
  return v;
}

/** The editor's sections: top-level fields in each; a field the list does not name goes to "other". */
export const SECTIONS: Array<{ id: string; fields: string[] }> = [
  { id: "identity", fields: ["id", "title", "channel", "difficulty", "estimatedMinutes"] },
  { id: "setting", fields: ["setting", "role"] },
  { id: "customer", fields: ["customer", "mood", "ringing"] },
  { id: "opening", fields: ["opening"] },
  { id: "goal", fields: ["goal", "resolvedWhen", "maxTurns"] },
  { id: "topics", fields: ["topics"] },
  { id: "facts", fields: ["facts"] },
  { id: "needs", fields: ["needs"] },
  { id: "knows", fields: ["knows"] },
  { id: "reactions", fields: ["reactions"] },
  { id: "lines", fields: ["lines"] },
  { id: "rubric", fields: ["rubric", "passMark", "dimensionFloor"] },
];
