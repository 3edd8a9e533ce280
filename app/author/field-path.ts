/**
 * A field's path ("facts.0.text.fr") as the form names it: "Facts · room-number › Text › French" — the form's
 * labels, an item of a list by its id (or #n), a record's key as it is, the language by its name. Pure and
 * browser-safe: the form's checks list (SchemaForm's useFieldPathLabel), the YAML view and the import's
 * problems name fields the same way.
 */
import "./messages";
import { hasMessage, type TFunction } from "../i18n";

function humanize(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const isToken = (v: unknown): v is string => typeof v === "string" && /^[a-z0-9:_/-]{1,60}$/.test(v);

function itemName(item: unknown, index: number): string {
  const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" && id ? id : `#${index + 1}`;
}

/** The label of one field of the form (`author.field_<key>`, else the key made readable). */
export function fieldLabel(t: TFunction, key: string | number): string {
  if (typeof key === "number") return `#${key + 1}`;
  const k = `author.field_${key}`;
  return hasMessage(k) ? t(k) : humanize(key);
}

export function fieldPathLabel(t: TFunction, path: string, content?: unknown): string {
  if (path === "" || path === "(root)" || path === "(file)") return t("author.problemsWholeScenario");
  const parts = path.split(".");
  const out: string[] = [];
  let at: unknown = content;
  parts.forEach((part, i) => {
    const index = /^\d+$/.test(part) ? Number(part) : null;
    const inList = index !== null && (Array.isArray(at) || at === undefined);
    const item: unknown = Array.isArray(at) && index !== null ? at[index] : at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
    if (inList) {
      const name = isToken(item) ? item : itemName(item, index);
      const last = out.pop();
      out.push(last ? `${last} · ${name}` : name);
    } else if (part === "en" || part === "fr") {
      out.push(part === "en" ? t("author.english") : t("author.french"));
    } else if (i === 1 && ["topics", "lines", "reactions"].includes(parts[0] ?? "")) {
      out.push(part); // a record's key (a topic's id, a beat) as the form shows it
    } else {
      out.push(fieldLabel(t, part));
    }
    at = item;
  });
  return out.join(" › ");
}
