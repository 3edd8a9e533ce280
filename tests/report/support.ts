/**
 * A real built server (child process) over a database the test filled beforehand: past calls
 * are stored first, then the server opens the same database (PGlite directory or a
 * Postgres database) and serves /calls/:id/report and /train/history.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, migrate, type Database } from "../../db/client";
import { createServerDatabase, startTestServer, type TestDatabaseKind, type TestServer } from "../helpers";
import { copyPgliteTemplate } from "../helpers/pglite-template";

export interface PreparedServer {
  server: TestServer;
  close(): Promise<void>;
}

/** Create and migrate a database, let `fill` store rows in it, close it, then serve it. */
export async function serveFilledDatabase<T>(
  kind: TestDatabaseKind,
  fill: (db: Database) => Promise<T>,
): Promise<PreparedServer & { data: T }> {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let handle;
  if (kind === "postgres") {
    const pg = await createServerDatabase();
    handle = createDatabase({ databaseUrl: pg.url, max: 2 });
    env = { DATABASE_URL: pg.url };
    cleanup = () => pg.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), "mot-report-"));
    await copyPgliteTemplate(dir, "migrated"); // not initdb'd again (decision 268)
    handle = createDatabase({ dataDir: dir });
    env = { DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  let data: T;
  try {
    await migrate(handle.db);
    data = await fill(handle.db);
  } catch (error) {
    await handle.close();
    await cleanup();
    throw error;
  }
  await handle.close();
  let server: TestServer;
  try {
    server = await startTestServer({ env });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    server,
    data,
    close: async () => {
      await server.close();
      await cleanup();
    },
  };
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  "#x27": "'",
  nbsp: " ",
};

/** HTML entities decoded (what the reader sees), tags kept. */
export function decode(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? _m);
}

/** The visible text of an HTML fragment (tags removed, entities decoded, spaces collapsed). */
export function textOf(html: string): string {
  return decode(html.replace(/<!--.*?-->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** The inner HTML of the element with this id (the first balanced <tag id="…">…</tag>). */
export function elementById(html: string, id: string): string | null {
  const open = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>`).exec(html);
  if (!open) return null;
  const tag = open[1]!;
  let depth = 1;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = open.index + open[0].length;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index + open[0].length, m.index);
  }
  return null;
}

/** The visible text of every <mark> in a fragment (without the screen-reader note). */
export function marksIn(fragment: string): string[] {
  return [...fragment.matchAll(/<mark\b[^>]*>([\s\S]*?)<\/mark>/g)].map((m) =>
    textOf(m[1]!.replace(/<span class="sr-only"[\s\S]*?<\/span>/g, "")),
  );
}
