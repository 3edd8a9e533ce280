/** Dates of certification (due, issued, expires) as a calendar day in the reader's language, UTC. */
export function formatDate(iso: string, locale: "en" | "fr"): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
}
