/**
 * The calls a certification was earned with (its evidence), as the certificate shows them:
 * scenario title, day and score instead of call ids.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { attempts, scenarios, scenarioVersions } from "../../db/schema";
import { getDb } from "../db.server";
import { effectiveScorecard } from "../progress/scorecards.server";

type Name = { en: string; fr: string };

export interface EvidenceCall {
  attemptId: string;
  /** The scenario's title as it was in the version the call was made on (null when the definition has none). */
  title: Name | null;
  slug: string;
  startedAt: string;
  /** The effective scorecard's overall score (null: not scored). */
  overall: number | null;
}

/** The calls a certification was earned with, in the certificate's order (ids no longer found are left out). */
export async function evidenceCalls(ids: string[]): Promise<EvidenceCall[]> {
  const list = ids.filter((id) => /^[A-Za-z0-9_-]{1,100}$/.test(id)).slice(0, 50);
  if (list.length === 0) return [];
  const card = effectiveScorecard(attempts.id);
  const rows = await getDb()
    .select({
      attemptId: attempts.id,
      startedAt: attempts.startedAt,
      slug: scenarios.slug,
      title: sql<Name | null>`${scenarioVersions.definition} -> 'title'`,
      overall: card.overall,
    })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .leftJoinLateral(card, sql`true`)
    .where(inArray(attempts.id, list));
  return list.flatMap((id) => {
    const r = rows.find((x) => x.attemptId === id);
    return r ? [{ attemptId: r.attemptId, title: r.title, slug: r.slug, startedAt: r.startedAt.toISOString(), overall: r.overall }] : [];
  });
}
