/**
 * "The scorecard of an attempt", defined once (decision 130): an attempt's scorecards are
 * immutable rows numbered n = 1, 2, …; re-scoring, and later a reviewer's override, issues the
 * next n, and the effective scorecard is the one with the highest n. Every read model joins it
 * per attempt with `effectiveScorecard(attempts.id)` (a LATERAL … ORDER BY n DESC LIMIT 1 on
 * the (attempt_id, n) index), and every scorecard is issued through `issueScorecard`, which keeps
 * the maintained statistics (progress_stats) in step in the same transaction.
 */
import { and, count, desc, eq, max, sql, sum, type AnyColumn, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { OUTCOMES, type AttemptOutcome } from "../../db/constants";
import { attempts, progressStats, scenarioVersions, scorecards } from "../../db/schema";
import type { Outcome } from "../../machines/types";
import { getDb } from "../db.server";

/** The database or a transaction: whatever runs the statements. */
export type Executor = Database | Transaction;

// The stored outcome and the machine's are the same set (a compile error here if they part).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const outcomesAgree: Same<AttemptOutcome, Outcome> = true;
void outcomesAgree;

/** The outcome of a stored attempt, typed; null while the call is in progress. */
export function outcomeOf(value: string | null): Outcome | null {
  return value !== null && (OUTCOMES as readonly string[]).includes(value) ? (value as Outcome) : null;
}

/**
 * The effective scorecard of the attempt whose id is `attemptId` (a column of the outer query),
 * as a LATERAL subquery named `card`: join it with `.leftJoinLateral(card, sql\`true\`)`.
 */
export function effectiveScorecard(attemptId: AnyColumn | SQL, db: Executor = getDb()) {
  return db
    .select({
      id: scorecards.id,
      n: scorecards.n,
      judge: scorecards.judge,
      empathy: scorecards.empathy,
      resolution: scorecards.resolution,
      anticipation: scorecards.anticipation,
      overall: scorecards.overall,
      passed: scorecards.passed,
      issuedAt: scorecards.createdAt,
    })
    .from(scorecards)
    .where(eq(scorecards.attemptId, attemptId))
    .orderBy(desc(scorecards.n))
    .limit(1)
    .as("card");
}

export interface CardScores {
  empathy: number;
  resolution: number;
  anticipation: number;
  overall: number;
  passed: boolean;
}

/** The scores of a left-joined effective scorecard, or null when the attempt has none. */
export function scoresOf(c: {
  empathy: number | null;
  resolution: number | null;
  anticipation: number | null;
  overall: number | null;
  passed: boolean | null;
}): CardScores | null {
  if (c.overall === null || c.empathy === null || c.resolution === null || c.anticipation === null || c.passed === null)
    return null;
  return { empathy: c.empathy, resolution: c.resolution, anticipation: c.anticipation, overall: c.overall, passed: c.passed };
}

/**
 * Store a scorecard and bring the statistics of its attempt's person and scenario up to date, in
 * the caller's transaction. Returns false (and changes nothing) when scorecard n of that attempt
 * already exists (a second ending, another server).
 */
export async function issueScorecard(tx: Executor, row: typeof scorecards.$inferInsert): Promise<boolean> {
  const [inserted] = await tx.insert(scorecards).values(row).onConflictDoNothing().returning({ id: scorecards.id });
  if (!inserted) return false;
  await refreshProgressStats(tx, row.attemptId);
  return true;
}

/**
 * Recompute the statistics row of the attempt's (organisation, person, scenario) from the
 * effective scorecards of that person's calls on that scenario. The row is locked first, so two
 * scorecards issued at once for the same person and scenario are counted one after the other.
 */
export async function refreshProgressStats(tx: Executor, attemptId: string): Promise<void> {
  const [key] = await tx
    .select({ orgId: attempts.orgId, userId: attempts.userId, scenarioId: scenarioVersions.scenarioId })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .where(eq(attempts.id, attemptId));
  if (!key) throw new Error(`attempt ${attemptId} does not exist`);
  await tx.insert(progressStats).values(key).onConflictDoNothing();
  const where = and(
    eq(progressStats.orgId, key.orgId),
    eq(progressStats.userId, key.userId),
    eq(progressStats.scenarioId, key.scenarioId),
  );
  await tx.select({ orgId: progressStats.orgId }).from(progressStats).where(where).for("update");

  const card = effectiveScorecard(attempts.id, tx);
  const [agg] = await tx
    .select({
      scored: count(),
      passed: sql<number>`count(*) filter (where ${card.passed})`.mapWith(Number),
      best: max(card.overall),
      last: sql<number | null>`(array_agg(${card.overall} order by ${attempts.startedAt} desc, ${attempts.id} desc))[1]`,
      empathy: sum(card.empathy).mapWith(Number),
      resolution: sum(card.resolution).mapWith(Number),
      anticipation: sum(card.anticipation).mapWith(Number),
      overall: sum(card.overall).mapWith(Number),
      lastCallAt: max(attempts.startedAt),
    })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoinLateral(card, sql`true`)
    .where(
      and(
        eq(attempts.orgId, key.orgId),
        eq(attempts.userId, key.userId),
        eq(scenarioVersions.scenarioId, key.scenarioId),
      ),
    );
  await tx
    .update(progressStats)
    .set({
      scoredCalls: Number(agg?.scored ?? 0),
      passedCalls: agg?.passed ?? 0,
      bestOverall: agg?.best ?? null,
      lastOverall: agg?.last === null || agg?.last === undefined ? null : Number(agg.last),
      sumEmpathy: agg?.empathy ?? 0,
      sumResolution: agg?.resolution ?? 0,
      sumAnticipation: agg?.anticipation ?? 0,
      sumOverall: agg?.overall ?? 0,
      lastCallAt: agg?.lastCallAt ?? null,
      updatedAt: new Date(),
    })
    .where(where);
}
