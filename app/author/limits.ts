/**
 * The studio's own limits on top of the scenario format (scenarios/schema.ts): a title short enough for a
 * catalog card on a phone. Checked when a draft is checked (the editor's Checks), published and imported.
 */
import "./messages-studio";
import type { FieldError } from "../forms/field-errors";

/** The longest title, in characters, in each language (the catalog's card, the briefing's heading). */
export const MAX_TITLE_CHARS = 80;

/** Errors by field path ("title.fr"), in the form's FieldError shape. */
export function studioLimitErrors(content: unknown): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const title = content && typeof content === "object" ? (content as { title?: unknown }).title : undefined;
  if (!title || typeof title !== "object") return errors;
  for (const locale of ["en", "fr"] as const) {
    const text = (title as Record<string, unknown>)[locale];
    if (typeof text !== "string") continue;
    const length = [...text.trim()].length;
    if (length > MAX_TITLE_CHARS) errors[`title.${locale}`] = { key: "authorStudio.titleTooLong", vars: { length, max: MAX_TITLE_CHARS } };
  }
  return errors;
}
