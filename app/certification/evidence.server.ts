/**
 * The calls a certification was earned with (its evidence), as the certificate shows them:
 * scenario title, day and score instead of call ids.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { attempts, scenarios, scenarioVersions, scorecards } from "../../db/schema";
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
  /** When a reviewer's override decided the result (decision 270): who, why and which way. */
  override: { byName: string; reason: string; passed: boolean } | null;
}

const OverrideOf = z.object({ override: z.object({ byName: z.string(), reason: z.string() }) }).nullable().catch(null);

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
      passed: card.passed,
      judge: card.judge,
      feedback: sql<unknown>`(select ${scorecards.feedback} from ${scorecards} where ${scorecards.id} = ${card.id})`,
    })
    .from(attempts)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .leftJoinLateral(card, sql`true`)
    .where(inArray(attempts.id, list));
  return list.flatMap((id) => {
    const r = rows.find((x) => x.attemptId === id);
    if (!r) return [];
    const o = r.judge === "review" ? OverrideOf.parse(r.feedback)?.override : null;
    return [
      {
        attemptId: r.attemptId,
        title: r.title,
        slug: r.slug,
        startedAt: r.startedAt.toISOString(),
        overall: r.overall,
        override: o ? { byName: o.byName, reason: o.reason, passed: r.passed === true } : null,
      },
    ];
  });
}
