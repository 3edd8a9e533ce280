/**
 * One database client for the whole app: PGlite (embedded, in DATA_DIR) by
 * default, postgres.js when a DATABASE_URL is given. The rest of the code sees
 * one type, `Database`.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres, { type Sql } from "postgres";
import { PreparedPGlite } from "./pglite-prepared";
import { ThreadedPGlite } from "./pglite-thread";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** The type of the `tx` argument of `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  /** "pglite" (embedded) or "postgres" (a server). */
  driver: "pglite" | "postgres";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A Postgres server; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; "memory://" for an in-memory database. Default ./data */
  dataDir?: string;
  /** postgres.js pool size (default 10). */
  max?: number;
  /** postgres.js statements queued on one busy connection (default 100; tests lower it to reach the limit). */
  maxPipeline?: number;
  /**
   * Where PGlite runs: "worker" (a worker thread, off the request thread: decision 133) or
   * "main". Default: PGLITE_THREAD from the environment, else "main".
   */
  pgliteThread?: "worker" | "main";
}

/**
 * PGlite's start parameters: its own, with a 32 MB buffer pool instead of Postgres' 128 MB. Every start
 * touches the whole pool (one WebAssembly function: ≈ 85 ms of CPU for 128 MB, ≈ 12 ms for 16 MB;
 * decision 235); PGlite reads pages through the operating system's file cache, so a smaller pool costs
 * a copy per page, not a disk read.
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

type Driver =
  | { kind: "pglite"; db: Parameters<typeof migratePglite>[0] }
  | { kind: "postgres"; db: Parameters<typeof migratePostgres>[0] };
const drivers = new WeakMap<object, Driver>();

export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.max ?? 10,
      ...(options.maxPipeline !== undefined ? { max_pipeline: options.maxPipeline } : {}),
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client: preparing(client), schema });
    drivers.set(db, { kind: "postgres", db });
    return {
      db: db as unknown as Database,
      driver: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? "./data";
  const thread = options.pgliteThread ?? (process.env.PGLITE_THREAD === "worker" ? "worker" : "main");
  if (thread === "worker") {
    let location = dataDir;
    if (!dataDir.startsWith("memory://")) {
      location = resolve(dataDir, "pglite");
      mkdirSync(location, { recursive: true });
    }
    const threaded = new ThreadedPGlite(location);
    const db = drizzlePglite({ client: threaded as unknown as PGlite, schema });
    drivers.set(db, { kind: "pglite", db });
    return {
      db: db as unknown as Database,
      driver: "pglite",
      close: () => threaded.close(),
    };
  }
  let client: PGlite;
  const pgliteOptions = { startParams: PGLITE_START_PARAMS };
  if (dataDir.startsWith("memory://")) {
    client = new PreparedPGlite(dataDir, pgliteOptions);
  } else {
    const dir = resolve(dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    client = new PreparedPGlite(dir, pgliteOptions);
  }
  const db = drizzlePglite({ client, schema });
  drivers.set(db, { kind: "pglite", db });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * Statements with at most this many parameters are prepared; more (a bulk insert, a long `in` list:
 * texts that change with their number of rows) run unnamed, so a connection does not keep a
 * prepared statement for each size.
 */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * postgres.js as Drizzle should use it (decision 200): Drizzle runs every query that was not given
 * a name with `prepare: false`, and postgres.js sends an unnamed statement with parameters in two
 * round trips (Parse + Describe, wait for the parameter types, then Bind + Execute), parsed and
 * planned by Postgres every time. Here `unsafe` (how Drizzle sends every statement, in transactions
 * too) prepares it instead, as postgres.js does its own tagged queries: once per connection, then
 * one round trip (Bind + Execute). postgres.js re-prepares a statement whose plan went stale (a
 * table altered under it). The tagged template, `listen`, `notify` and the rest are the client's own.
 *
 * A transaction (`begin`, what Drizzle's `db.transaction` calls) runs on a connection reserved first
 * (decision 258), not through postgres.js's `sql.begin`: that one sends BEGIN through the pool, and when
 * the BEGIN is the statement that fills a busy connection's pipeline (`max_pipeline`, 100 by default) it is
 * sent without the connection being reserved — postgres.js then fails it with UNSAFE_TRANSACTION
 * (porsager/postgres#823, #1189; seen twice in CI's 200-trainee load test) and the connection goes back to
 * the pool with a transaction open. `reserve()` takes an idle connection (or waits for one), so nothing
 * else is ever queued on it until it is released. Nested transactions are savepoints on the same connection.
 */
function preparing<T extends Sql>(client: T, inTransaction: { savepoints: number } | null = null): T {
  const unsafe: Sql["unsafe"] = (query, parameters = [], queryOptions = {}) =>
    client.unsafe(
      query,
      parameters,
      parameters.length > 0 && parameters.length <= MAX_PREPARED_PARAMETERS ? { ...queryOptions, prepare: true } : queryOptions,
    );
  type Callback = (tx: Sql) => unknown;
  /** `open`, then the callback on `on`; `close` after it, or `undo` (and the error again) when it throws. */
  const scope = async (on: Sql, open: string, close: string, undo: string, callback: Callback, state: { savepoints: number }) => {
    await on.unsafe(open);
    try {
      const result = await callback(preparing(on, state));
      await on.unsafe(close);
      return result;
    } catch (error) {
      await on.unsafe(undo).catch(() => undefined);
      throw error;
    }
  };
  const begin = async (first: string | Callback, second?: Callback): Promise<unknown> => {
    const [mode, callback] = typeof first === "function" ? ["", first] : [first, second!];
    const reserved = await client.reserve();
    try {
      return await scope(reserved as unknown as Sql, `begin ${mode.replace(/[^a-z ]/gi, "")}`, "commit", "rollback", callback, { savepoints: 0 });
    } finally {
      reserved.release();
    }
  };
  const savepoint = (first: string | Callback, second?: Callback): Promise<unknown> => {
    const name = `s${++inTransaction!.savepoints}`;
    const callback = typeof first === "function" ? first : second!;
    return scope(client, `savepoint ${name}`, `release savepoint ${name}`, `rollback to savepoint ${name}`, callback, inTransaction!);
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return inTransaction ? undefined : begin;
      if (property === "savepoint") return inTransaction ? savepoint : undefined;
      return Reflect.get(target, property, receiver);
    },
  });
}

/** db/migrations, whether this module runs from source (tsx, vitest) or bundled into build/. */
export function migrationsFolder(): string {
  const candidates = [
    join(dirname(fileURLToPath(import.meta.url)), "migrations"),
    resolve(process.cwd(), "db", "migrations"),
  ];
  const found = candidates.find((c) => existsSync(join(c, "meta", "_journal.json")));
  if (!found) throw new Error(`SQL migrations not found (looked in ${candidates.join(", ")})`);
  return found;
}

/** Apply the committed SQL migrations (idempotent). */
export async function migrate(db: Database): Promise<void> {
  const driver = drivers.get(db);
  if (!driver) throw new Error("migrate(db): db was not created by createDatabase()");
  const config = { migrationsFolder: migrationsFolder() };
  if (driver.kind === "pglite") await migratePglite(driver.db, config);
  else await migratePostgres(driver.db, config);
}

export { schema };
