/**
 * The per-person, per-scenario statistics two ways, for the tests that check the maintained read model
 * (progress_stats, decision 246) against a recomputation: every attempt's latest scorecard, abandoned calls aside
 * (decision 279), grouped.
 */
import { sql } from "drizzle-orm";
import { progressStats } from "../../db/schema";
import type { Database } from "../../db/client";

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

/** The statistics recomputed from scratch. */
export async function recomputedStats(db: Database) {
  const rows = await db.execute(sql`
    select a.org_id, a.user_id, sv.scenario_id, count(*)::int as scored, (count(*) filter (where c.passed))::int as passed,
      max(c.overall) as best, sum(c.overall)::int as sum_overall, sum(c.empathy)::int as sum_empathy
    from attempts a join scenario_versions sv on sv.id = a.scenario_version_id
    join lateral (select * from scorecards s where s.attempt_id = a.id order by s.n desc limit 1) c on true
    where not a.abandoned
    group by 1, 2, 3 order by 1, 2, 3`);
  return rowsOf(rows).map((r) => ({
    orgId: r.org_id,
    userId: r.user_id,
    scenarioId: r.scenario_id,
    scored: Number(r.scored),
    passed: Number(r.passed),
    best: Number(r.best),
    sumOverall: Number(r.sum_overall),
    sumEmpathy: Number(r.sum_empathy),
  }));
}

/** The statistics as maintained when scorecards are issued (rows with a scored call). */
export async function maintainedStats(db: Database) {
  const rows = await db.select().from(progressStats).orderBy(progressStats.orgId, progressStats.userId, progressStats.scenarioId);
  return rows
    .filter((r) => r.scoredCalls > 0)
    .map((r) => ({
      orgId: r.orgId,
      userId: r.userId,
      scenarioId: r.scenarioId,
      scored: r.scoredCalls,
      passed: r.passedCalls,
      best: r.bestOverall,
      sumOverall: Number(r.sumOverall),
      sumEmpathy: Number(r.sumEmpathy),
    }));
}
