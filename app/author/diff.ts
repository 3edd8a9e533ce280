/**
 * Field-level differences between two scenario definitions (versions, or a draft against the one
 * saved by someone else). Lists of things with an `id` (facts, needs, knows, checkpoints) are matched
 * by id, so that inserting a fact does not show every later fact as changed. Browser-safe.
 */
export interface FieldChange {
  /** Dotted path; items with an id appear as `facts[cap-description].text.en`. */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function idsOf(list: unknown[]): string[] | null {
  const ids = list.map((x) => (isObject(x) && typeof x.id === "string" && x.id ? x.id : null));
  if (ids.some((id) => id === null)) return null;
  return new Set(ids).size === ids.length ? (ids as string[]) : null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ path, kind: "added", after: b });
  if (b === undefined) return void out.push({ path, kind: "removed", before: a });
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(join(path, k), a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ia = idsOf(a);
    const ib = idsOf(b);
    if (ia && ib && (a.length > 0 || b.length > 0) && a.every(isObject) && b.every(isObject)) {
      const byId = (list: unknown[], ids: string[]) => new Map(ids.map((id, i) => [id, list[i]]));
      const ma = byId(a, ia);
      const mb = byId(b, ib);
      for (const id of [...new Set([...ia, ...ib])]) walk(`${path}[${id}]`, ma.get(id), mb.get(id), out);
      return;
    }
    if (a.every((x) => !isObject(x) && !Array.isArray(x)) && b.every((x) => !isObject(x) && !Array.isArray(x))) {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: "changed", before: a, after: b });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(join(path, String(i)), a[i], b[i], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: "changed", before: a, after: b });
}

export function diffDefinitions(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk("", before, after, out);
  return out;
}

/** A value as one short line for a diff table. */
export function showValue(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
