/**
 * Test databases: PGlite in a temp dir by default; with TEST_DATABASE_URL, also a fresh
 * `mot_test_<random>` database on that server, dropped by close().
 *
 *   describe.each(testDatabases())("the thing on $name", ({ create }) => { … })
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createDatabase, migrate, type Database } from "../../db/client";
import { copyPgliteTemplate } from "./pglite-template";

export type TestDatabaseKind = "pglite" | "postgres";

export interface TestDatabase {
  kind: TestDatabaseKind;
  db: Database;
  /** The connection URL (postgres only). */
  url?: string;
  /** The PGlite data dir (pglite only). */
  dataDir?: string;
  close(): Promise<void>;
}

/** A database name unique to this run. */
function randomName(): string {
  return `mot_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Create an empty database on the TEST_DATABASE_URL server; returns its URL and a drop(). */
export async function createServerDatabase(serverUrl = process.env.TEST_DATABASE_URL): Promise<{
  url: string;
  name: string;
  drop(): Promise<void>;
}> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = randomName();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

/** A fresh, migrated database (PGlite in a temp dir unless kind is "postgres"). */
export async function createTestDatabase(
  kind: TestDatabaseKind = "pglite",
  { migrated = true }: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === "postgres") {
    const server = await createServerDatabase();
    const handle = createDatabase({ databaseUrl: server.url, max: 4 });
    try {
      if (migrated) await migrate(handle.db);
    } catch (error) {
      await handle.close();
      await server.drop();
      throw error;
    }
    return {
      kind,
      db: handle.db,
      url: server.url,
      close: async () => {
        await handle.close();
        await server.drop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "mot-test-"));
  // Copied from a template rather than initdb'd again (decision 268); migrate then finds nothing to apply.
  await copyPgliteTemplate(dataDir, migrated ? "migrated" : "empty");
  const handle = createDatabase({ dataDir });
  if (migrated) await migrate(handle.db);
  return {
    kind,
    db: handle.db,
    dataDir,
    close: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The databases a suite should run against: PGlite always, the real server when TEST_DATABASE_URL is set. */
export function testDatabases(): Array<{
  name: string;
  kind: TestDatabaseKind;
  create: () => Promise<TestDatabase>;
}> {
  const list: Array<{ name: string; kind: TestDatabaseKind; create: () => Promise<TestDatabase> }> = [
    { name: "PGlite", kind: "pglite", create: () => createTestDatabase("pglite") },
  ];
  if (process.env.TEST_DATABASE_URL) {
    list.push({ name: "Postgres", kind: "postgres", create: () => createTestDatabase("postgres") });
  }
  return list;
}
