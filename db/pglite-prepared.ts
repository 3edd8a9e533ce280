/**
 * PGlite with named prepared statements, one call into the database per statement (decision 190).
 *
 * `PGlite.query` sends a statement as six separate calls into the WebAssembly Postgres (Parse,
 * Describe statement, Bind, Describe portal, Execute, Sync), each with its own round of protocol
 * parsing in JavaScript, and parses and plans the SQL text again every time. Measured on this
 * machine, that is ~0.7 ms of CPU for a one-row select by primary key, of which ~0.06 ms is the
 * select itself; the app's statements cost 2–3 ms each, and a scripted turn sends four.
 *
 * Here, as postgres.js does against a Postgres server (`prepare: true`, its default), each SQL
 * text is prepared once as a named statement (Parse + Describe, whose parameter types choose the
 * serializers, exactly as `PGlite.query` does); every execution is then one message — Bind,
 * Describe portal, Execute, Sync — so Postgres neither parses nor (once it settles on a generic
 * plan, as any server does for prepared statements) plans it again. Results are parsed by
 * PGlite's own `parseResults` with the same parsers; errors are PGlite's `DatabaseError`s with the
 * same `query`/`params` attached, so callers (Drizzle, `isUniqueViolation`) see no difference.
 *
 * A transaction's `tx.query` takes the same path for a select, insert, update, delete or `with`
 * statement (decision 260: the call's ending is a transaction of seven such statements, which cost
 * a scripted call's last POST ~2 ms each through PGlite's own path); anything else in a transaction
 * (savepoints, DDL in migrations) and `exec` keep PGlite's own path. `query` takes the same two locks
 * as `PGlite.query`, so a statement never runs inside another caller's open transaction; a
 * transaction's statements take the query lock only, as `tx.query` does. Options this path does
 * not handle (a blob for COPY, explicit parameter types, a notice callback) fall back to PGlite's.
 */
import { parse, PGlite, protocol, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

/** Prepared statements kept per database (least recently used first out, closed in Postgres). */
export const MAX_PREPARED_STATEMENTS = 500;

type Message = { name: string; code?: string; message?: string };
type Serializer = (value: unknown) => string;

interface Prepared {
  name: string;
  /** Parameter type OIDs, as Postgres inferred them (ParameterDescription). */
  types: number[];
}

/** The members of PGlite this subclass relies on (public in JavaScript, "internal" in its types). */
interface PGliteInternals {
  _checkReady(): Promise<void>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  serializers: Record<number | string, Serializer>;
  parsers: Record<number | string, (value: string, typeId?: number) => unknown>;
}

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The statements a transaction sends prepared: data reads and writes, never DDL, SET or savepoints. */
const DML = /^\s*(?:select|insert|update|delete|with)\b/i;

/** Postgres no longer has the statement, or its result type changed under it (DDL): prepare again. */
function isStalePlan(error: unknown): boolean {
  const e = error as Message;
  return e?.code === "26000" || (e?.code === "0A000" && /cached plan/i.test(e.message ?? ""));
}

export class PreparedPGlite extends PGlite {
  readonly #statements = new Map<string, Prepared>();
  #next = 1;
  /** Statements evicted from the cache, closed in Postgres with the next message. */
  #toClose: string[] = [];

  get #self(): PGliteInternals {
    return this as unknown as PGliteInternals;
  }

  /** How many statements are prepared now (tests). */
  get preparedStatements(): number {
    return this.#statements.size;
  }

  override async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (options?.blob || options?.paramTypes || options?.onNotice)
      return super.query<T>(text, params, options);
    const self = this.#self;
    await self._checkReady();
    return self._runExclusiveTransaction(() =>
      self._runExclusiveQuery(async () => {
        try {
          return await this.#run<T>(text, params, options, false);
        } catch (error) {
          if (!isStalePlan(error)) throw error;
          this.#forget(text);
          return await this.#run<T>(text, params, options, false);
        }
      }),
    );
  }

  /**
   * PGlite's transaction, whose `query` sends data statements prepared (decision 260). Inside a
   * transaction a stale plan cannot be retried (the error has aborted the transaction): the
   * statement is forgotten, so the next use prepares it again, and the error goes to the caller —
   * what postgres.js does with a prepared statement in a transaction on a Postgres server.
   */
  override async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) => {
      const query = async <R>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<R>> => {
        if (options?.blob || options?.paramTypes || options?.onNotice || !DML.test(text))
          return tx.query<R>(text, params, options);
        if (tx.closed) throw new Error("Transaction is closed");
        return this.#self._runExclusiveQuery(async () => {
          try {
            return await this.#run<R>(text, params, options, true);
          } catch (error) {
            if (isStalePlan(error)) this.#forget(text);
            throw error;
          }
        });
      };
      const prepared: Transaction = {
        query,
        sql: (strings, ...params) => tx.sql(strings, ...params),
        exec: (text, options) => tx.exec(text, options),
        rollback: () => tx.rollback(),
        listen: (channel, fn) => tx.listen(channel, fn),
        get closed() {
          return tx.closed;
        },
      };
      return callback(prepared);
    });
  }

  async #run<T>(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results<T>> {
    const prepared = await this.#prepare(text, params, options);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = prepared.types[i]!;
      const serializer = options?.serializers?.[oid] ?? this.#self.serializers[oid];
      return serializer ? serializer(param) : String(param);
    });
    let messages: Message[];
    try {
      messages = (await this.execProtocolStream(
        concat([
          serialize.bind({ statement: prepared.name, values }),
          serialize.describe({ type: "P" }),
          serialize.execute({}),
          serialize.sync(),
        ]),
        { syncToFs: false },
      )) as Message[];
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
    // As PGlite's own path: a transaction's statements are synced to the file system at its end.
    if (!inTransaction) await this.syncToFs();
    return parse.parseResults(messages as never, this.#self.parsers as never, options)[0] as Results<T>;
  }

  /** The named statement for `text`, prepared now if it is not yet (Parse + Describe + Sync, one call). */
  async #prepare(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Prepared> {
    const known = this.#statements.get(text);
    if (known) {
      // Most recently used last (a Map keeps insertion order).
      this.#statements.delete(text);
      this.#statements.set(text, known);
      return known;
    }
    const name = `mot_${this.#next++}`;
    const closing = this.#toClose.map((n) => serialize.close({ type: "S", name: n }));
    this.#toClose = [];
    let messages: Message[];
    try {
      messages = (await this.execProtocolStream(
        concat([
          ...closing,
          serialize.parse({ name, text }),
          serialize.describe({ type: "S", name }),
          serialize.sync(),
        ]),
        { syncToFs: false },
      )) as Message[];
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
    const prepared: Prepared = { name, types: parse.parseDescribeStatementResults(messages as never) };
    this.#statements.set(text, prepared);
    if (this.#statements.size > MAX_PREPARED_STATEMENTS) {
      const [oldest, entry] = this.#statements.entries().next().value!;
      this.#statements.delete(oldest);
      this.#toClose.push(entry.name);
    }
    return prepared;
  }

  #forget(text: string) {
    const entry = this.#statements.get(text);
    if (!entry) return;
    this.#statements.delete(text);
    this.#toClose.push(entry.name);
  }
}

/** What PGlite's own `query` attaches to a database error (its `makePGliteError`). */
function withQuery(
  error: unknown,
  query: string,
  params: unknown[],
  options: QueryOptions | undefined,
): unknown {
  if (error && typeof error === "object" && "code" in error)
    Object.assign(error, { query, params, queryOptions: options });
  return error;
}
