/**
 * The scenario library's sync at start-up without parsing unchanged files (decision 121).
 *
 * Parsing and validating the YAML library was the largest part of a start (about 40 % of its CPU).
 * A file's definition checksum is a function of its text and of the parser (the compiled server), so
 * it is cached in DATA_DIR/cache/library.json under sha256(text) + the build's stamp. When every
 * file's cached checksum is the latest published version in the database, nothing is parsed;
 * otherwise the library is synced as before (db/seed.ts syncScenarioLibrary) and the cache rewritten.
 *
 * The cache also keeps each file's parsed definition (decision 195): the understanding's warm-up needs
 * the scenarios, and parsing the YAML again for it cost 0.3–1.2 s of CPU at every start.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { scenarios, scenarioVersions } from "../../db/schema";
import { definitionChecksum, syncScenarioLibrary, type LibrarySyncResult } from "../../db/seed";
import { loadScenarioFile, scenarioFiles } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";

/** Per sha256(file text):buildStamp, the scenario's id, definition checksum and parsed definition. */
type Cache = Record<string, { id: string; checksum: string; definition?: Scenario }>;

function readCache(file: string): Cache {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Cache;
  } catch {
    return {};
  }
}

function writeCache(file: string, cache: Cache): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(cache));
    renameSync(`${file}.tmp`, file);
  } catch {
    /* a cache only: the next start parses again */
  }
}

/** The latest published checksum of each library scenario (organisation-less), by slug. */
async function latestChecksums(db: Database): Promise<Map<string, string>> {
  const rows = await db
    .select({ slug: scenarios.slug, version: scenarioVersions.version, checksum: scenarioVersions.checksum })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(isNull(scenarios.orgId));
  const latest = new Map<string, { version: number; checksum: string }>();
  for (const r of rows) {
    const seen = latest.get(r.slug);
    if (!seen || r.version > seen.version) latest.set(r.slug, { version: r.version, checksum: r.checksum });
  }
  return new Map([...latest].map(([slug, v]) => [slug, v.checksum]));
}

export interface LibraryAtStart {
  result: LibrarySyncResult;
  /** The library's scenarios: parsed now, or (nothing changed) the definitions the cache kept. */
  scenarios: Scenario[];
}

/**
 * Sync the library, skipping the parse when nothing changed. `buildStamp` identifies the parser
 * (the compiled server's mtime); without one, the library is always parsed.
 */
export async function startLibrary(
  db: Database,
  { dataDir, buildStamp }: { dataDir: string; buildStamp: string | null },
): Promise<LibraryAtStart> {
  const cacheFile = join(dataDir, "cache", "library.json");
  const files = scenarioFiles();
  const keys = files.map((f) => `${createHash("sha256").update(readFileSync(f)).digest("hex")}:${buildStamp}`);
  if (buildStamp !== null) {
    const cache = readCache(cacheFile);
    const known = keys.map((k) => cache[k]);
    // A cache of an older server (no definitions) is a miss: parsed once more, then rewritten.
    if (known.every((k) => k !== undefined && k.definition !== undefined)) {
      const latest = await latestChecksums(db);
      if (known.every((k) => latest.get(k!.id) === k!.checksum)) {
        return { result: { added: [], updated: [], unchanged: known.map((k) => k!.id) }, scenarios: known.map((k) => k!.definition!) };
      }
    }
  }
  const library = files.map((f) => loadScenarioFile(f));
  const result = await syncScenarioLibrary(db, library);
  if (buildStamp !== null) {
    const cache: Cache = {};
    library.forEach((definition, i) => (cache[keys[i]!] = { id: definition.id, checksum: definitionChecksum(definition), definition }));
    writeCache(cacheFile, cache);
  }
  return { result, scenarios: library };
}

/** startLibrary's sync result alone. */
export async function syncLibraryAtStart(
  db: Database,
  options: { dataDir: string; buildStamp: string | null },
): Promise<LibrarySyncResult> {
  return (await startLibrary(db, options)).result;
}

/** The compiled server's stamp (its mtime), or null when running from source. */
export function buildStampOf(serverFile: string): string | null {
  try {
    return String(statSync(serverFile).mtimeMs);
  } catch {
    return null;
  }
}
