/** Dates of certification (due, issued, expires) as a calendar day in the reader's language, UTC ("1er janv. 2026"). */
import { formatDate as formatDay } from "../report/format";

export function formatDate(iso: string, locale: "en" | "fr"): string {
  return formatDay(iso, locale, "UTC");
}
