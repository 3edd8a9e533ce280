/**
 * The slug, version and title of scenario versions, for lists of calls. A version is immutable,
 * so each is read once per process, and only its title (never the whole definition) leaves
 * the database.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { scenarios, scenarioVersions } from "../../db/schema";
import { LocalizedText } from "../../scenarios/schema";
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
