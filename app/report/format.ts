/** Formatting shared by the report and history views (pure; safe in the browser bundle). */
import type { Locale } from "../i18n";

/** Dates in the UI language; `timeZone` is UTC on the server and the browser's own after hydration. */
export function formatDateTime(iso: string, locale: Locale, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(iso));
}

export function formatDate(iso: string, locale: Locale, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", {
    dateStyle: "medium",
    timeZone,
  }).format(new Date(iso));
}

/** "+8" / "−12" / "0" (a real minus sign). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}
