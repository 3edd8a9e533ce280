import { describe, expect, it } from "vitest";
import { formatDate as certificationDate } from "../certification/dates";
import { formatDate, formatDateTime } from "./format";

describe("dates as a reader reads them", () => {
  it("write the first day of a month '1er' in French, as French does, and leave other days and English alone", () => {
    expect(formatDate("2026-01-01T09:05:00Z", "fr")).toBe("1er janv. 2026");
    expect(formatDateTime("2026-01-01T09:05:00Z", "fr")).toBe("1er janv. 2026, 09 h 05");
    expect(formatDate("2026-01-02T09:05:00Z", "fr")).toBe("2 janv. 2026");
    expect(formatDate("2026-01-11T09:05:00Z", "fr")).toBe("11 janv. 2026");
    expect(formatDate("2026-01-21T09:05:00Z", "fr")).toBe("21 janv. 2026");
    expect(formatDate("2026-01-01T09:05:00Z", "en")).toBe("Jan 1, 2026");
    expect(formatDateTime("2026-01-01T09:05:00Z", "en")).toBe("Jan 1, 2026, 9:05 a.m.");
  });

  it("find the day in the reader's time zone before saying it is the first", () => {
    // 1 a.m. UTC on 1 February is still 31 January in Toronto.
    expect(formatDateTime("2026-02-01T01:00:00Z", "fr", "America/Toronto")).toBe("31 janv. 2026, 20 h 00");
    expect(formatDateTime("2026-02-01T06:00:00Z", "fr", "America/Toronto")).toBe("1er févr. 2026, 01 h 00");
  });

  it("say certification days (due, issued, expires, weeks) the same way, in UTC", () => {
    expect(certificationDate("2026-06-01T00:00:00Z", "fr")).toBe("1er juin 2026");
    expect(certificationDate("2026-06-01T00:00:00Z", "en")).toBe("Jun 1, 2026");
  });
});
