/**
 * CSV exports (issue 12, decision 145): the matrix, and every attempt with its effective scores.
 * UTF-8 with a byte-order mark (so a spreadsheet reads accents right), CRLF lines, headers in
 * the reader's language, cells quoted when needed and a leading =, +, -, @ defused. The attempts
 * are streamed a page at a time by keyset (started_at, id): 100,000 calls never sit in memory.
 */
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { attempts, scenarios, scenarioVersions, users } from "../../db/schema";
import { t, type Locale } from "../i18n";
import { DIMENSION_LABEL, MODE_LABEL, OUTCOME_LABEL, ROLE_LABEL } from "../i18n/labels";
import { getDb } from "../db.server";
import { certificationMatrix, type MatrixFilters } from "../progress/certification.server";
import { effectiveScorecard, outcomeOf } from "../progress/scorecards.server";

export const BOM = "\uFEFF";
export const EXPORT_BATCH = 1000;

/** One CSV cell: quoted when it holds a comma, quote or line break; a formula-looking text is defused. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

const STATUS_KEYS = {
  certified: "certification.status_certified",
  expiring: "certification.status_expiring",
  expired: "certification.status_expired",
  overdue: "certification.status_overdue",
  in_progress: "certification.status_in_progress",
  not_started: "certification.status_not_started",
} as const;
export { STATUS_KEYS };

/** The matrix as CSV: one line per person and track. */
export async function matrixCsv(orgId: string, filters: MatrixFilters, locale: Locale, now = new Date()): Promise<string> {
  const m = await certificationMatrix(orgId, filters, now);
  let out =
    BOM +
    csvLine([
      t(locale, "certification.csvPerson"),
      t(locale, "certification.csvEmail"),
      t(locale, "certification.csvRole"),
      t(locale, "certification.csvTrack"),
      t(locale, "certification.csvStatus"),
      t(locale, "certification.csvDue"),
      t(locale, "certification.csvExpires"),
    ]);
  for (const r of m.rows)
    for (const tr of m.tracks) {
      const c = r.cells[tr.id];
      if (!c || (filters.status && c.status !== filters.status)) continue;
      out += csvLine([
        r.name,
        r.email,
        t(locale, ROLE_LABEL[r.role]),
        tr.name[locale],
        t(locale, STATUS_KEYS[c.status]),
        c.dueAt?.slice(0, 10) ?? "",
        c.expiresAt?.slice(0, 10) ?? "",
      ]);
    }
  return out;
}

export interface AttemptFilters {
  userId?: string;
  mode?: "practice" | "certification";
  since?: Date;
}

/**
 * Every attempt of `orgId` matching `filters`, newest first, with its effective scores, as a CSV
 * stream. The scenario is given by its title in the reader's language, then by its id.
 */
export function attemptsCsvStream(orgId: string, filters: AttemptFilters, locale: Locale): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: { at: string; id: string } | null = null;
  let first = true;
  let done = false;
  const header = csvLine([
    t(locale, "certification.csvDate"),
    t(locale, "certification.csvPerson"),
    t(locale, "certification.csvEmail"),
    t(locale, "certification.csvScenario"),
    t(locale, "certification.csvScenarioId"),
    t(locale, "certification.csvMode"),
    t(locale, "certification.csvLanguage"),
    t(locale, "certification.csvOutcome"),
    t(locale, DIMENSION_LABEL.empathy),
    t(locale, DIMENSION_LABEL.resolution),
    t(locale, DIMENSION_LABEL.anticipation),
    t(locale, "certification.csvOverall"),
    t(locale, "certification.csvPassed"),
    t(locale, "certification.csvAttempt"),
  ]);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (first) {
        first = false;
        controller.enqueue(encoder.encode(BOM + header));
        return;
      }
      const page = await attemptsPage(orgId, filters, cursor);
      let chunk = "";
      for (const r of page) {
        const outcome = outcomeOf(r.outcome);
        chunk += csvLine([
          r.at,
          r.name,
          r.email,
          (locale === "fr" ? r.titleFr : r.titleEn) ?? r.slug,
          r.slug,
          t(locale, MODE_LABEL[r.mode]),
          r.locale,
          r.status !== "ended"
            ? t(locale, "certification.csvInProgress")
            : r.abandoned
              ? t(locale, "report.abandoned")
              : outcome
                ? t(locale, OUTCOME_LABEL[outcome])
                : "",
          r.empathy,
          r.resolution,
          r.anticipation,
          r.overall,
          r.passed === null ? "" : t(locale, r.passed ? "certification.csvYes" : "certification.csvNo"),
          r.id,
        ]);
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      const last = page[page.length - 1];
      if (page.length < EXPORT_BATCH || !last) {
        done = true;
        controller.close();
      } else cursor = { at: last.cursorAt, id: last.id };
    },
  });
}

/** One page of the export, older than `cursor`: one index range on (org_id, started_at). */
export async function attemptsPage(orgId: string, filters: AttemptFilters, cursor: { at: string; id: string } | null) {
  const card = effectiveScorecard(attempts.id);
  const older: SQL | undefined = cursor
    ? or(lt(attempts.startedAt, sql`${cursor.at}::timestamptz`), and(eq(attempts.startedAt, sql`${cursor.at}::timestamptz`), lt(attempts.id, cursor.id)))
    : undefined;
  return getDb()
    .select({
      id: attempts.id,
      at: sql<string>`to_char(${attempts.startedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI')`,
      cursorAt: sql<string>`to_char(${attempts.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      name: users.name,
      email: users.email,
      slug: scenarios.slug,
      // The title of the version played, in both languages (text, not the whole definition).
      titleEn: sql<string | null>`${scenarioVersions.definition} -> 'title' ->> 'en'`,
      titleFr: sql<string | null>`${scenarioVersions.definition} -> 'title' ->> 'fr'`,
      mode: attempts.mode,
      locale: attempts.locale,
      status: attempts.status,
      abandoned: attempts.abandoned,
      outcome: attempts.outcome,
      empathy: card.empathy,
      resolution: card.resolution,
      anticipation: card.anticipation,
      overall: card.overall,
      passed: card.passed,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .leftJoinLateral(card, sql`true`)
    .where(
      and(
        eq(attempts.orgId, orgId),
        filters.userId ? eq(attempts.userId, filters.userId) : undefined,
        filters.mode ? eq(attempts.mode, filters.mode) : undefined,
        filters.since ? gte(attempts.startedAt, filters.since) : undefined,
        older,
      ),
    )
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(EXPORT_BATCH);
}
