/**
 * The slug, version and title of scenario versions, for lists of calls (only the title, never the
 * whole definition, leaves the database), and the checkpoint descriptions of their rubrics in both
 * languages. A version is immutable, so each is read once per process.
 */
import { desc, eq, inArray, sql } from "drizzle-orm";
import { scenarios, scenarioVersions } from "../../db/schema";
import { rubricFor } from "../../machines/scoring/rubric";
import { LocalizedText } from "../../scenarios/schema";
import { scenarioOfVersion } from "../calls/attempts.server";
import { getDb } from "../db.server";

export interface ScenarioHead {
  scenarioId: string;
  slug: string;
  version: number;
  title: LocalizedText | null;
}

const heads = new Map<string, ScenarioHead>();

/** The heads of these versions (unknown ids are left out). */
export async function scenarioHeads(versionIds: Iterable<string>): Promise<Map<string, ScenarioHead>> {
  const wanted = [...new Set(versionIds)];
  const missing = wanted.filter((id) => !heads.has(id));
  if (missing.length > 0) {
    const rows = await getDb()
      .select({
        id: scenarioVersions.id,
        scenarioId: scenarios.id,
        slug: scenarios.slug,
        version: scenarioVersions.version,
        title: sql<unknown>`${scenarioVersions.definition} -> 'title'`,
      })
      .from(scenarioVersions)
      .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
      .where(inArray(scenarioVersions.id, missing));
    for (const r of rows) {
      const title = LocalizedText.safeParse(typeof r.title === "string" ? safeJson(r.title) : r.title);
      heads.set(r.id, {
        scenarioId: r.scenarioId,
        slug: r.slug,
        version: r.version,
        title: title.success ? title.data : null,
      });
    }
  }
  const out = new Map<string, ScenarioHead>();
  for (const id of wanted) {
    const h = heads.get(id);
    if (h) out.set(id, h);
  }
  return out;
}

/**
 * The current title of these scenarios: their latest published version's, else their latest
 * version's (a scenario never published). Unknown ids, and versions without a valid title, are
 * left out: the caller shows the slug.
 */
export async function scenarioTitles(scenarioIds: Iterable<string>): Promise<Map<string, LocalizedText>> {
  const wanted = [...new Set(scenarioIds)];
  const out = new Map<string, LocalizedText>();
  if (wanted.length === 0) return out;
  const rows = await getDb()
    .selectDistinctOn([scenarioVersions.scenarioId], {
      scenarioId: scenarioVersions.scenarioId,
      title: sql<unknown>`${scenarioVersions.definition} -> 'title'`,
    })
    .from(scenarioVersions)
    .where(inArray(scenarioVersions.scenarioId, wanted))
    .orderBy(scenarioVersions.scenarioId, sql`${scenarioVersions.publishedAt} is null`, desc(scenarioVersions.version));
  for (const r of rows) {
    const title = LocalizedText.safeParse(typeof r.title === "string" ? safeJson(r.title) : r.title);
    if (title.success) out.set(r.scenarioId, title.data);
  }
  return out;
}

/** A version's checkpoint descriptions in both languages, by checkpoint id. */
export type CheckpointLabels = Map<string, LocalizedText>;
const labels = new Map<string, CheckpointLabels>();

/**
 * The checkpoint descriptions of these versions' rubrics (the scenario's own checkpoints and the
 * defaults it inherits, as the call was scored against), in both languages: a scorecard keeps
 * them in the language the call was played in only. Read once per immutable version; a version
 * that cannot be read has no labels (the caller keeps the scorecard's words).
 */
export async function checkpointLabels(versionIds: Iterable<string>): Promise<Map<string, CheckpointLabels>> {
  const wanted = [...new Set(versionIds)];
  await Promise.all(
    wanted
      .filter((id) => !labels.has(id))
      .map(async (id) => {
        try {
          const scenario = await scenarioOfVersion(id);
          labels.set(id, new Map(rubricFor(scenario).map((c) => [c.id, c.description])));
        } catch {
          // Unknown or invalid version: nothing to say better than the scorecards.
        }
      }),
  );
  const out = new Map<string, CheckpointLabels>();
  for (const id of wanted) {
    const l = labels.get(id);
    if (l) out.set(id, l);
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
