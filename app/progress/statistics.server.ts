/**
 * Figures per person and per scenario, read from the maintained statistics (progress_stats,
 * kept by issueScorecard) plus index-only counts of calls: nothing here reads every scorecard
 * or every attempt of an organisation.
 */
import { and, count, desc, eq, inArray, max, ne, sum } from "drizzle-orm";
import { attempts, progressStats, scenarioVersions } from "../../db/schema";
import { getDb } from "../db.server";

export interface PersonCallStats {
  /** Every call the person started in the organisation, in progress or ended, abandoned ones aside (decision 279). */
  calls: number;
  /** Calls with a scorecard. */
  scored: number;
  /** Best overall score over the effective scorecards of their calls; null if none is scored. */
  bestOverall: number | null;
}

/** The figures of these people in `orgId` (people without a call are left out). */
export async function callStatsByPerson(orgId: string, userIds: readonly string[]): Promise<Map<string, PersonCallStats>> {
  const out = new Map<string, PersonCallStats>();
  if (userIds.length === 0) return out;
  const db = getDb();
  const ids = [...userIds];
  const [calls, scored] = await Promise.all([
    db
      .select({ userId: attempts.userId, n: count() })
      .from(attempts)
      .where(and(eq(attempts.orgId, orgId), inArray(attempts.userId, ids), eq(attempts.abandoned, false)))
      .groupBy(attempts.userId),
    db
      .select({
        userId: progressStats.userId,
        scored: sum(progressStats.scoredCalls).mapWith(Number),
        best: max(progressStats.bestOverall),
      })
      .from(progressStats)
      .where(and(eq(progressStats.orgId, orgId), inArray(progressStats.userId, ids)))
      .groupBy(progressStats.userId),
  ]);
  const entry = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { calls: 0, scored: 0, bestOverall: null }));
    return s;
  };
  for (const c of calls) entry(c.userId).calls = Number(c.n);
  for (const s of scored) {
    const e = entry(s.userId);
    e.scored = s.scored ?? 0;
    e.bestOverall = s.best === null ? null : Number(s.best);
  }
  return out;
}

export interface ScenarioStats {
  attempts: number;
  best: number | null;
  /** The user's call in progress on this scenario (the latest), to continue it. */
  liveAttemptId: string | null;
}

/** A phone rings at most 20 times 3 s: a ringing attempt older than this has rung out. */
const RINGING_AT_MOST_MS = 60_000;

/**
 * For each scenario (id): how many calls the user made in `orgId` (abandoned ones aside), their best effective overall
 * score there, and their call in progress (any organisation: it is theirs to continue).
 */
export async function statsByScenario(userId: string, orgId: string): Promise<Map<string, ScenarioStats>> {
  const db = getDb();
  const [tries, bests, live] = await Promise.all([
    db
      .select({ scenarioId: scenarioVersions.scenarioId, n: count() })
      .from(attempts)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
      .where(and(eq(attempts.orgId, orgId), eq(attempts.userId, userId), eq(attempts.abandoned, false)))
      .groupBy(scenarioVersions.scenarioId),
    db
      .select({ scenarioId: progressStats.scenarioId, best: progressStats.bestOverall })
      .from(progressStats)
      .where(and(eq(progressStats.orgId, orgId), eq(progressStats.userId, userId))),
    db
      .select({ scenarioId: scenarioVersions.scenarioId, id: attempts.id, status: attempts.status, startedAt: attempts.startedAt })
      .from(attempts)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
      .where(and(eq(attempts.userId, userId), ne(attempts.status, "ended")))
      .orderBy(desc(attempts.startedAt)),
  ]);
  const stats = new Map<string, ScenarioStats>();
  const entry = (scenarioId: string) => {
    let s = stats.get(scenarioId);
    if (!s) stats.set(scenarioId, (s = { attempts: 0, best: null, liveAttemptId: null }));
    return s;
  };
  for (const t of tries) entry(t.scenarioId).attempts = Number(t.n);
  for (const b of bests) if (b.best !== null) entry(b.scenarioId).best = b.best;
  const now = Date.now();
  for (const l of live) {
    const s = entry(l.scenarioId);
    if (s.liveAttemptId) continue;
    if (l.status === "ringing" && now - l.startedAt.getTime() > RINGING_AT_MOST_MS) continue;
    s.liveAttemptId = l.id;
  }
  return stats;
}

/** The call in progress of the user on this scenario, if any (the briefing's "continue"). */
export async function liveAttemptOn(userId: string, scenarioId: string): Promise<string | null> {
  const rows = await getDb()
    .select({ id: attempts.id, status: attempts.status, startedAt: attempts.startedAt })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .where(and(eq(attempts.userId, userId), ne(attempts.status, "ended"), eq(scenarioVersions.scenarioId, scenarioId)))
    .orderBy(desc(attempts.startedAt));
  const now = Date.now();
  return rows.find((l) => !(l.status === "ringing" && now - l.startedAt.getTime() > RINGING_AT_MOST_MS))?.id ?? null;
}

