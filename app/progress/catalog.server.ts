/**
 * The catalog: the scenarios an organisation can see, and the trainee's card for each published
 * one with their figures (maintained statistics, see statistics.server.ts). The definitions are
 * validated in parallel and cached per immutable version.
 */
import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import { scenarios, scenarioVersions } from "../../db/schema";
import type { LocalizedText } from "../../scenarios/schema";
import { scenarioOfVersion } from "../calls/attempts.server";
import { getDb } from "../db.server";
import { statsByScenario } from "./statistics.server";

export interface ScenarioSummary {
  id: string;
  slug: string;
  status: "draft" | "published" | "archived";
  global: boolean;
  versionId: string | null;
  version: number | null;
  title: LocalizedText | null;
  channel: "phone" | "in-person" | null;
  difficulty: number | null;
  estimatedMinutes: number | null;
}

interface DefinitionHead {
  title?: LocalizedText;
  channel?: "phone" | "in-person";
  difficulty?: number;
  estimatedMinutes?: number;
}

/**
 * The scenarios an organisation can see (its own and the global library), each with its
 * latest version. `publishedOnly` keeps published scenarios with a published version.
 */
export async function listScenarios(orgId: string, { publishedOnly }: { publishedOnly: boolean }): Promise<ScenarioSummary[]> {
  return (await scenarioRows(orgId, { publishedOnly })).map((r) => r.summary);
}

async function scenarioRows(orgId: string, { publishedOnly }: { publishedOnly: boolean }) {
  const db = getDb();
  const latest = db
    .selectDistinctOn([scenarioVersions.scenarioId], {
      scenarioId: scenarioVersions.scenarioId,
      id: scenarioVersions.id,
      version: scenarioVersions.version,
      definition: scenarioVersions.definition,
      publishedAt: scenarioVersions.publishedAt,
    })
    .from(scenarioVersions)
    .where(publishedOnly ? sql`${scenarioVersions.publishedAt} is not null` : undefined)
    .orderBy(scenarioVersions.scenarioId, desc(scenarioVersions.version))
    .as("latest");
  const rows = await db
    .select({
      id: scenarios.id,
      slug: scenarios.slug,
      status: scenarios.status,
      orgId: scenarios.orgId,
      versionId: latest.id,
      version: latest.version,
      definition: latest.definition,
    })
    .from(scenarios)
    .leftJoin(latest, eq(latest.scenarioId, scenarios.id))
    .where(
      and(
        or(isNull(scenarios.orgId), eq(scenarios.orgId, orgId)),
        publishedOnly ? eq(scenarios.status, "published") : undefined,
      ),
    )
    .orderBy(asc(scenarios.slug));
  return rows
    .filter((r) => !publishedOnly || r.versionId)
    .map((r) => {
      const def = (r.definition ?? {}) as DefinitionHead;
      const summary: ScenarioSummary = {
        id: r.id,
        slug: r.slug,
        status: r.status,
        global: r.orgId === null,
        versionId: r.versionId,
        version: r.version,
        title: def.title ?? null,
        channel: def.channel ?? null,
        difficulty: def.difficulty ?? null,
        estimatedMinutes: def.estimatedMinutes ?? null,
      };
      return { summary, definition: r.definition };
    })
    .sort(
      (a, b) =>
        (a.summary.difficulty ?? 9) - (b.summary.difficulty ?? 9) || a.summary.slug.localeCompare(b.summary.slug),
    );
}

/** The trainee's catalog in `orgId`: every published scenario with their calls, best score and call in progress. */
export async function catalogOf(userId: string, orgId: string) {
  const [rows, stats] = await Promise.all([scenarioRows(orgId, { publishedOnly: true }), statsByScenario(userId, orgId)]);
  const playable = rows.filter((r) => r.summary.versionId);
  // The validated definition (cached per immutable version): what the card shows comes from it.
  const defs = await Promise.all(playable.map((r) => scenarioOfVersion(r.summary.versionId!, r.definition)));
  return playable.map((r, i) => {
    const s = r.summary;
    const scenario = defs[i]!;
    return {
      id: s.id,
      slug: s.slug,
      title: scenario.title,
      channel: scenario.channel,
      difficulty: scenario.difficulty,
      estimatedMinutes: scenario.estimatedMinutes,
      setting: scenario.setting,
      /** Every scenario is written in both languages (scenarios/schema.ts LocalizedText). */
      locales: ["en", "fr"] as Array<"en" | "fr">,
      attempts: stats.get(s.id)?.attempts ?? 0,
      best: stats.get(s.id)?.best ?? null,
      liveAttemptId: stats.get(s.id)?.liveAttemptId ?? null,
    };
  });
}
