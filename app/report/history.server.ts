/**
 * The trainee's history: every attempt they made in the organisation they are working in,
 * newest first, with the latest scorecard of each. Read-only.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { attempts, scenarios, scenarioVersions, scorecards } from "../../db/schema";
import type { Outcome } from "../../machines/types";
import { LocalizedText } from "../../scenarios/schema";
import { getDb } from "../db.server";

export interface HistoryRow {
  id: string;
  startedAt: string;
  endedAt: string | null;
  status: "ringing" | "live" | "ended";
  outcome: Outcome | null;
  locale: "en" | "fr";
  scenario: { slug: string; version: number; title: { en: string; fr: string } | null };
  score: {
    empathy: number;
    resolution: number;
    anticipation: number;
    overall: number;
    passed: boolean;
  } | null;
}

const OUTCOMES = ["resolved", "unresolved", "customer_left", "not_answered"] as const;
const TitleOf = z.object({ title: LocalizedText }).loose();

/** At most this many rows (the newest); the chart and the table show the same ones. */
export const HISTORY_LIMIT = 200;

export async function listHistory(userId: string, orgId: string): Promise<HistoryRow[]> {
  const db = getDb();
  const latestCard = db
    .selectDistinctOn([scorecards.attemptId], {
      attemptId: scorecards.attemptId,
      empathy: scorecards.empathy,
      resolution: scorecards.resolution,
      anticipation: scorecards.anticipation,
      overall: scorecards.overall,
      passed: scorecards.passed,
    })
    .from(scorecards)
    .orderBy(scorecards.attemptId, desc(scorecards.n))
    .as("latest_card");
  const rows = await db
    .select({
      id: attempts.id,
      startedAt: attempts.startedAt,
      endedAt: attempts.endedAt,
      status: attempts.status,
      outcome: attempts.outcome,
      locale: attempts.locale,
      slug: scenarios.slug,
      version: scenarioVersions.version,
      definition: scenarioVersions.definition,
      card: {
        empathy: latestCard.empathy,
        resolution: latestCard.resolution,
        anticipation: latestCard.anticipation,
        overall: latestCard.overall,
        passed: latestCard.passed,
      },
    })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .leftJoin(latestCard, eq(latestCard.attemptId, attempts.id))
    .where(and(eq(attempts.userId, userId), eq(attempts.orgId, orgId)))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(HISTORY_LIMIT);
  return rows.map((r) => {
    const head = TitleOf.safeParse(r.definition);
    const c = r.card;
    return {
      id: r.id,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt ? r.endedAt.toISOString() : null,
      status: r.status,
      outcome:
        r.outcome && (OUTCOMES as readonly string[]).includes(r.outcome) ? (r.outcome as Outcome) : null,
      locale: r.locale,
      scenario: { slug: r.slug, version: r.version, title: head.success ? head.data.title : null },
      score:
        c &&
        c.overall !== null &&
        c.empathy !== null &&
        c.resolution !== null &&
        c.anticipation !== null &&
        c.passed !== null
          ? {
              empathy: c.empathy,
              resolution: c.resolution,
              anticipation: c.anticipation,
              overall: c.overall,
              passed: c.passed,
            }
          : null,
    };
  });
}
