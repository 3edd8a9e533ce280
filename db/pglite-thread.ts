/**
 * PGlite on a worker thread (decision 133): PGlite is WebAssembly and runs every statement
 * synchronously on the thread that owns it. Here it owns a `worker_threads` worker, and the app's
 * thread gets a stand-in with the two methods Drizzle's PGlite driver calls — `query` and
 * `transaction` — so that the rest of the code still sees one `Database`. Statements and results
 * cross the thread as structured clones; a transaction stays open in the worker until its callback
 * settles here (commit) or throws (rollback), and PGlite queues every other statement behind it,
 * as it does in-process.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** The worker's code (plain JavaScript, evaluated: it works alike under tsx, Vitest and the bundle). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { PGlite, types } = await import(workerData.pglite);
  const pg = new PGlite(workerData.dataDir);
  await pg.waitReady;
  const keepText = { [types.TIMESTAMP]: (v) => v, [types.TIMESTAMPTZ]: (v) => v, [types.INTERVAL]: (v) => v, [types.DATE]: (v) => v };
  const open = new Map();
  let nextTx = 1;
  const plain = (e) => {
    const out = { message: String(e && e.message || e) };
    for (const k of ["code", "detail", "hint", "constraint", "table", "column", "schema", "severity", "position", "where"]) if (e && e[k] !== undefined) out[k] = e[k];
    return out;
  };
  const reply = (id, body) => parentPort.postMessage({ id, ...body });
  parentPort.on("message", async (m) => {
    try {
      if (m.op === "query") {
        const target = m.tx ? open.get(m.tx).tx : pg;
        const r = await target.query(m.sql, m.params, { rowMode: m.rowMode, ...(m.keepText ? { parsers: keepText } : {}) });
        reply(m.id, { result: { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows } });
      } else if (m.op === "begin") {
        const tx = nextTx++;
        const entry = {};
        entry.ended = new Promise((r) => (entry.end = r));
        entry.done = pg.transaction(async (t) => {
          entry.tx = t;
          open.set(tx, entry);
          reply(m.id, { result: tx });
          const commit = await entry.ended;
          if (!commit) await t.rollback();
        });
        entry.done.then(
          () => open.delete(tx),
          (e) => {
            // A transaction that could not even begin answers its "begin" here.
            if (!open.has(tx)) reply(m.id, { error: plain(e) });
            open.delete(tx);
          },
        );
      } else if (m.op === "end") {
        const entry = open.get(m.tx);
        entry.end(m.commit);
        await entry.done;
        reply(m.id, { result: null });
      } else if (m.op === "close") {
        await pg.close();
        reply(m.id, { result: null });
      }
    } catch (e) {
      reply(m.id, { error: plain(e) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => parentPort.postMessage({ fatal: String(e && e.stack || e) }));
`;

interface QueryConfig {
  rowMode?: "array" | "object";
  parsers?: unknown;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** What Drizzle's PGlite driver needs of a client, served by PGlite on a worker thread. */
export class ThreadedPGlite {
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #next = 1;
  #closed = false;
  readonly waitReady: Promise<void>;

  constructor(dataDir: string) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { dataDir, pglite: pathToFileURL(createRequire(import.meta.url).resolve("@electric-sql/pglite")).href },
    });
    let ready!: () => void;
    let failed!: (e: Error) => void;
    this.waitReady = new Promise<void>((ok, fail) => {
      ready = ok;
      failed = fail;
    });
    this.waitReady.catch(() => {});
    this.#worker.on("message", (m: { id?: number; ready?: true; fatal?: string; result?: unknown; error?: Record<string, unknown> }) => {
      if (m.ready) return ready();
      if (m.fatal) return failed(new Error(`PGlite's worker failed: ${m.fatal}`));
      const p = this.#pending.get(m.id!);
      if (!p) return;
      this.#pending.delete(m.id!);
      if (this.#pending.size === 0) this.#worker.unref();
      if (m.error) p.reject(Object.assign(new Error(String(m.error.message)), m.error));
      else p.resolve(m.result);
    });
    this.#worker.on("error", (e) => {
      failed(e);
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    });
    // The worker keeps the process alive only while a statement is on its way (or it is starting).
    this.waitReady.then(
      () => {
        if (this.#pending.size === 0) this.#worker.unref();
      },
      () => this.#worker.unref(),
    );
  }

  get closed(): boolean {
    return this.#closed;
  }

  #call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("PGlite is closed"));
    const id = this.#next++;
    this.#worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #query(tx: number | undefined, sql: string, params: unknown[] = [], config: QueryConfig = {}) {
    return this.#call({ op: "query", tx, sql, params, rowMode: config.rowMode ?? "object", keepText: config.parsers !== undefined });
  }

  query(sql: string, params?: unknown[], config?: QueryConfig) {
    return this.#query(undefined, sql, params, config);
  }

  async exec(sql: string) {
    return [await this.#query(undefined, sql)];
  }

  async transaction<T>(callback: (tx: { query: ThreadedPGlite["query"]; exec: ThreadedPGlite["exec"] }) => Promise<T>): Promise<T> {
    const tx = await this.#call<number>({ op: "begin" });
    const client = {
      query: (sql: string, params?: unknown[], config?: QueryConfig) => this.#query(tx, sql, params, config),
      exec: async (sql: string) => [await this.#query(tx, sql)],
    };
    let result: T;
    try {
      result = await callback(client);
    } catch (error) {
      await this.#call({ op: "end", tx, commit: false }).catch(() => {});
      throw error;
    }
    await this.#call({ op: "end", tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#call({ op: "close" }).catch(() => {});
    this.#closed = true;
    await this.#worker.terminate();
  }
}
