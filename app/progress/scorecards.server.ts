/**
 * "The scorecard of an attempt", defined once (decision 130): an attempt's scorecards are
 * immutable rows numbered n = 1, 2, …; re-scoring, and later a reviewer's override, issues the
 * next n, and the effective scorecard is the one with the highest n. Every read model joins it
 * per attempt with `effectiveScorecard(attempts.id)` (a LATERAL … ORDER BY n DESC LIMIT 1 on
 * the (attempt_id, n) index), and every scorecard is issued through `issueScorecard`, which keeps
 * the maintained statistics (progress_stats) in step in the same transaction.
 */
import { and, desc, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
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
 *
 * Two statements (decision 260; five before: the key, the insert, the lock, the aggregate, the
 * update). The first creates the row when it is missing and locks it either way: an upsert whose
 * conflict branch rewrites the row as it is takes its lock, waiting for a transaction that holds it
 * or that inserted it and has not committed. The second computes the figures and writes them in
 * one statement, whose snapshot is taken once the lock is held: it counts every scorecard committed
 * before, exactly as the aggregate that used to follow the lock did.
 */
export async function refreshProgressStats(tx: Executor, attemptId: string): Promise<void> {
  const [key] = await tx
    .insert(progressStats)
    .select(
      tx
        .select({
          orgId: attempts.orgId,
          userId: attempts.userId,
          scenarioId: scenarioVersions.scenarioId,
          // A new row's own defaults (Drizzle's insert … select names every column).
          scoredCalls: sql`0`.as("scored_calls"),
          passedCalls: sql`0`.as("passed_calls"),
          bestOverall: sql`null::integer`.as("best_overall"),
          lastOverall: sql`null::integer`.as("last_overall"),
          sumEmpathy: sql`0`.as("sum_empathy"),
          sumResolution: sql`0`.as("sum_resolution"),
          sumAnticipation: sql`0`.as("sum_anticipation"),
          sumOverall: sql`0`.as("sum_overall"),
          lastCallAt: sql`null::timestamptz`.as("last_call_at"),
          updatedAt: sql`now()`.as("updated_at"),
        })
        .from(attempts)
        .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
        .where(eq(attempts.id, attemptId)),
    )
    .onConflictDoUpdate({
      target: [progressStats.orgId, progressStats.userId, progressStats.scenarioId],
      set: { orgId: sql`excluded.org_id` },
    })
    .returning({ orgId: progressStats.orgId, userId: progressStats.userId, scenarioId: progressStats.scenarioId });
  if (!key) throw new Error(`attempt ${attemptId} does not exist`);

  const card = effectiveScorecard(attempts.id, tx);
  // Its columns named apart from the row's (the update names them unqualified).
  const agg = tx.$with("agg").as(
    tx
      .select({
        scored: sql<number>`count(*)`.as("agg_scored"),
        passed: sql<number>`count(*) filter (where ${card.passed})`.as("agg_passed"),
        best: sql<number | null>`max(${card.overall})`.as("agg_best"),
        last: sql<number | null>`(array_agg(${card.overall} order by ${attempts.startedAt} desc, ${attempts.id} desc))[1]`.as("agg_last"),
        empathy: sql<number>`coalesce(sum(${card.empathy}), 0)`.as("agg_empathy"),
        resolution: sql<number>`coalesce(sum(${card.resolution}), 0)`.as("agg_resolution"),
        anticipation: sql<number>`coalesce(sum(${card.anticipation}), 0)`.as("agg_anticipation"),
        overall: sql<number>`coalesce(sum(${card.overall}), 0)`.as("agg_overall"),
        lastCallAt: sql<Date | null>`max(${attempts.startedAt})`.as("agg_last_call_at"),
      })
      .from(attempts)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
      .innerJoinLateral(card, sql`true`)
      .where(
        and(
          eq(attempts.orgId, key.orgId),
          eq(attempts.userId, key.userId),
          eq(scenarioVersions.scenarioId, key.scenarioId),
          // An abandoned call (no trainee turn) has no scorecard; never counted even if one were issued (decision 279).
          eq(attempts.abandoned, false),
        ),
      ),
  );
  await tx
    .with(agg)
    .update(progressStats)
    .set({
      scoredCalls: sql`${agg.scored}`,
      passedCalls: sql`${agg.passed}`,
      bestOverall: sql`${agg.best}`,
      lastOverall: sql`${agg.last}`,
      sumEmpathy: sql`${agg.empathy}`,
      sumResolution: sql`${agg.resolution}`,
      sumAnticipation: sql`${agg.anticipation}`,
      sumOverall: sql`${agg.overall}`,
      lastCallAt: sql`${agg.lastCallAt}`,
      updatedAt: new Date(),
    })
    .from(agg)
    .where(
      and(
        eq(progressStats.orgId, key.orgId),
        eq(progressStats.userId, key.userId),
        eq(progressStats.scenarioId, key.scenarioId),
      ),
    );
}
