/**
 * A trainee's own history: the attempts they made in the organisation they are working in,
 * newest first, each with its effective scorecard. Read-only; one index range
 * (attempts_user_idx) and one scorecard lookup per listed attempt, whatever the size of the
 * organisation.
 */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { attempts } from "../../db/schema";
import type { Outcome } from "../../machines/types";
import { getDb } from "../db.server";
import { scenarioHeads } from "./scenario-heads.server";
import { effectiveScorecard, outcomeOf, scoresOf, type CardScores } from "./scorecards.server";

export interface HistoryRow {
  id: string;
  startedAt: string;
  endedAt: string | null;
  status: "ringing" | "live" | "ended";
  /** Ended without a trainee turn: no scorecard, out of every figure (decision 279). */
  abandoned: boolean;
  outcome: Outcome | null;
  locale: "en" | "fr";
  scenario: { slug: string; version: number; title: { en: string; fr: string } | null };
  score: CardScores | null;
}

/** At most this many rows (the newest); the chart and the table show the same ones. */
export const HISTORY_LIMIT = 200;

/**
 * Where a page of a list of calls starts: strictly older than this call. `startedAt` is the
 * database's own text of the timestamp (microseconds kept: a JavaScript Date would round them
 * and skip calls started within the same millisecond).
 */
export interface CallCursor {
  startedAt: string;
  id: string;
}

/** The exact start of a listed call, for its cursor. */
export const startedAtText = sql<string>`${attempts.startedAt}::text`;

/** Keyset pagination over (started_at, id) descending. */
export function olderThan(cursor: CallCursor | undefined) {
  if (!cursor) return undefined;
  const at = sql`${cursor.startedAt}::timestamptz`;
  return or(sql`${attempts.startedAt} < ${at}`, and(sql`${attempts.startedAt} = ${at}`, lt(attempts.id, cursor.id)));
}

/** A cursor as it travels in a URL ("<timestamp>_<id>"), and back; undefined when malformed. */
export function cursorParam(c: CallCursor): string {
  return `${c.startedAt}_${c.id}`;
}
export function parseCursor(value: string | null | undefined): CallCursor | undefined {
  const m = /^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d(?::?\d\d)?))_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
    value ?? "",
  );
  if (!m || Number.isNaN(Date.parse(m[1]!.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00")))) return undefined;
  return { startedAt: m[1]!, id: m[2]!.toLowerCase() };
}

export async function listHistory(
  userId: string,
  orgId: string,
  { limit = HISTORY_LIMIT, before }: { limit?: number; before?: CallCursor } = {},
): Promise<HistoryRow[]> {
  const card = effectiveScorecard(attempts.id);
  const rows = await getDb()
    .select({
      id: attempts.id,
      startedAt: attempts.startedAt,
      endedAt: attempts.endedAt,
      status: attempts.status,
      abandoned: attempts.abandoned,
      outcome: attempts.outcome,
      locale: attempts.locale,
      versionId: attempts.scenarioVersionId,
      card: {
        empathy: card.empathy,
        resolution: card.resolution,
        anticipation: card.anticipation,
        overall: card.overall,
        passed: card.passed,
      },
    })
    .from(attempts)
    .leftJoinLateral(card, sql`true`)
    .where(and(eq(attempts.userId, userId), eq(attempts.orgId, orgId), olderThan(before)))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(limit);
  const heads = await scenarioHeads(rows.map((r) => r.versionId));
  return rows.map((r) => {
    const head = heads.get(r.versionId);
    return {
      id: r.id,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt ? r.endedAt.toISOString() : null,
      status: r.status,
      abandoned: r.abandoned,
      outcome: outcomeOf(r.outcome),
      locale: r.locale,
      scenario: { slug: head?.slug ?? "", version: head?.version ?? 0, title: head?.title ?? null },
      score: r.card ? scoresOf(r.card) : null,
    };
  });
}
