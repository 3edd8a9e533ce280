/**
 * Who may do what in the studio (issue 13, decision 150): trainers and admins of the organisation
 * edit its scenarios; managers read them; trainees never see the studio (nor drafts, nor hidden
 * facts). Browser-safe.
 */
import type { Role } from "../../db/constants";

export const STUDIO_READERS = ["trainer", "manager", "admin"] as const satisfies readonly Role[];
export const STUDIO_EDITORS = ["trainer", "admin"] as const satisfies readonly Role[];

export function canReadStudio(role: Role): boolean {
  return (STUDIO_READERS as readonly Role[]).includes(role);
}

export function canEditStudio(role: Role): boolean {
  return (STUDIO_EDITORS as readonly Role[]).includes(role);
}

/** A scenario slug: kebab-case, 3–60 characters (it is also the scenario's `id`). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export function isSlug(value: string): boolean {
  return value.length >= 3 && value.length <= 60 && SLUG_PATTERN.test(value);
}

/** A slug from a title ("Room not ready!" → "room-not-ready"). */
export function slugFromTitle(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
