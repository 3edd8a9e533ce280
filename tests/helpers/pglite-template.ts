/**
 * PGlite data dirs for tests, copied from a template instead of created from nothing (decision 268).
 *
 * A new PGlite data dir runs Postgres' initdb inside WebAssembly: ~4–9 s of CPU on the CI machine, against
 * ~0.3 s to copy the 40 MB it leaves behind. The templates are made once per checkout and per content —
 * keyed by the PGlite version, its start parameters and the migration files — by real PGlite through
 * `createDatabase` (then closed cleanly), in `.cache/pglite-templates/<key>/`: `empty` (initdb only) and
 * `migrated` (every migration applied). A copy is the same files that initdb (and migrate) would have
 * written; what a test then does to it — migrate, seed, serve — runs as before. Postgres itself makes a new
 * database by copying `template1`.
 *
 * Creating a data dir from nothing is still tested where it is the subject: the database commands
 * (tests/db/cli.test.ts), the server's first start (tests/server/start.test.ts, shutdown.test.ts) and
 * `createDatabase` itself, which every template is made with.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { createDatabase, migrate, PGLITE_START_PARAMS } from "../../db/client";

const ROOT = resolve(import.meta.dirname, "..", "..");
const MIGRATIONS = join(ROOT, "db", "migrations");

export type PgliteTemplate = "empty" | "migrated";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** What a template depends on: PGlite's version, its start parameters, every migration file. */
function templateKey(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as { version: string };
  hash.update(`pglite ${pglite.version}\n${PGLITE_START_PARAMS.join(" ")}\n`);
  for (const file of filesUnder(MIGRATIONS)) hash.update(`${file.slice(MIGRATIONS.length)}\n`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

let key: string | undefined;
const ready = new Map<PgliteTemplate, Promise<string>>();

/** One template made at a time across test files running in parallel (a lock directory, as ensureBuilt). */
async function withLock<T>(lock: string, f: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock); // a crashed run's lock
      } catch {
        /* gone already */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await f();
  } finally {
    rmdirSync(lock);
  }
}

/** The template's PGlite directory (what createDatabase keeps in `<dataDir>/pglite`), made when missing. */
export function pgliteTemplate(kind: PgliteTemplate): Promise<string> {
  let dir = ready.get(kind);
  if (!dir) {
    dir = (async () => {
      key ??= templateKey();
      const base = join(ROOT, ".cache", "pglite-templates", key);
      const target = join(base, kind);
      if (existsSync(target)) return target;
      mkdirSync(base, { recursive: true });
      return withLock(join(base, `${kind}.lock`), async () => {
        if (existsSync(target)) return target; // made by another file while this one waited
        const work = mkdtempSync(join(base, `${kind}.tmp-`));
        try {
          const handle = createDatabase({ dataDir: work });
          try {
            await handle.db.execute(sql`select 1`);
            if (kind === "migrated") await migrate(handle.db);
          } finally {
            await handle.close();
          }
          renameSync(join(work, "pglite"), target);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
        return target;
      });
    })();
    dir.catch(() => ready.delete(kind)); // a failure is retried by the next caller
    ready.set(kind, dir);
  }
  return dir;
}

/** Give `dataDir` a PGlite database copied from the template (`<dataDir>/pglite`, as createDatabase expects). */
export async function copyPgliteTemplate(dataDir: string, kind: PgliteTemplate): Promise<void> {
  cpSync(await pgliteTemplate(kind), join(dataDir, "pglite"), { recursive: true });
}
