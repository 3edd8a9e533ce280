/** Formatting shared by the report and history views (pure; safe in the browser bundle). */
import type { Locale } from "../i18n";

/** Dates in the UI language; `timeZone` is UTC on the server and the browser's own after hydration. */
export function formatDateTime(iso: string, locale: Locale, timeZone = "UTC"): string {
  return formatIn(locale, { dateStyle: "medium", timeStyle: "short", timeZone }, iso);
}

export function formatDate(iso: string, locale: Locale, timeZone = "UTC"): string {
  return formatIn(locale, { dateStyle: "medium", timeZone }, iso);
}

/**
 * `iso` as Intl writes it in `locale` ("Jan 1, 2026, 9:05 a.m.", "2 janv. 2026, 09 h 05"), but with
 * the first day of a month written "1er" in French, as French does ("1er janv. 2026"): Intl has no
 * ordinal days.
 */
function formatIn(locale: Locale, options: Intl.DateTimeFormatOptions, iso: string): string {
  const format = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", options);
  const date = new Date(iso);
  if (locale !== "fr") return format.format(date);
  return format
    .formatToParts(date)
    .map((p) => (p.type === "day" && p.value === "1" ? "1er" : p.value))
    .join("");
}

/** "+8" / "−12" / "0" (a real minus sign). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}
