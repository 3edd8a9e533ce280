/**
 * A <time> in the UI language. The server renders it in UTC (it does not know the reader's
 * time zone); once hydrated, the browser re-renders it in its own time zone.
 */
import { useEffect, useState } from "react";
import type { Locale } from "../i18n";
import { formatDate, formatDateTime } from "./format";

export function useTimeZone(): string {
  const [timeZone, setTimeZone] = useState("UTC");
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz) setTimeZone(tz);
  }, []);
  return timeZone;
}

export function LocalTime({
  iso,
  locale,
  dateOnly = false,
}: {
  iso: string;
  locale: Locale;
  dateOnly?: boolean;
}) {
  const timeZone = useTimeZone();
  return (
    <time dateTime={iso}>
      {dateOnly ? formatDate(iso, locale, timeZone) : formatDateTime(iso, locale, timeZone)}
    </time>
  );
}
