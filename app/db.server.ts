/**
 * The app's database: one handle per process. The production server
 * (app/server) opens and migrates it before serving and registers it here, so
 * that PGlite is only ever opened once per data directory.
 */
import { createDatabase, type Database, type DatabaseHandle } from "../db/client";
import { getEnv } from "./env.server";

declare global {
  var __motDatabase: DatabaseHandle | undefined;
}

export function setDatabaseHandle(handle: DatabaseHandle): void {
  globalThis.__motDatabase = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!globalThis.__motDatabase) {
    const env = getEnv();
    globalThis.__motDatabase = createDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
    });
  }
  return globalThis.__motDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

export type { Database };
