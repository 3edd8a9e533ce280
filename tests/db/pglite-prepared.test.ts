/**
 * PreparedPGlite (decision 190): the same results and errors as PGlite.query, with each SQL text
 * prepared once as a named statement and executed in one call into the database.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PREPARED_STATEMENTS, PreparedPGlite } from "../../db/pglite-prepared";

const SETUP = `
  create table t (id int primary key, b text, j jsonb, d timestamptz, n numeric, arr int[]);
  insert into t select g, 'text ' || g, jsonb_build_object('x', g), timestamptz '2026-01-01' + g * interval '1 hour', g / 3.0, array[g, g + 1]
    from generate_series(1, 20) g;
  create table u (id serial primary key, k int unique);`;

describe("PreparedPGlite", () => {
  let fast: PreparedPGlite;
  let plain: PGlite;
  beforeAll(async () => {
    fast = new PreparedPGlite("memory://");
    plain = new PGlite("memory://");
    await fast.exec(SETUP);
    await plain.exec(SETUP);
  });
  afterAll(async () => {
    await fast.close();
    await plain.close();
  });

  const cases: Array<[string, unknown[], Parameters<PGlite["query"]>[2]?]> = [
    ["select * from t where id = $1", [5]],
    ["select * from t where id = $1", [6], { rowMode: "array" }],
    [
      "select * from t where id > $1 order by id",
      [15],
      { rowMode: "array", parsers: { 1184: (v: string) => v } },
    ],
    [
      "select $1::jsonb as j, $2::timestamptz as d, $3::int[] as a, $4::bool as b, $5::text as s",
      [{ a: [1, "x"] }, new Date(0), [1, 2], true, null],
    ],
    ["select count(*) from t where b like $1", ["text 1%"]],
    ["update t set b = b where id < $1", [4]],
    ["select 1 as one", []],
  ];

  it("answers every statement as PGlite.query does (rows, fields, command, counts)", async () => {
    for (const [text, params, options] of cases) {
      // Twice: the first prepares, the second runs the prepared statement.
      for (let i = 0; i < 2; i++) {
        expect(await fast.query(text, params, options)).toEqual(await plain.query(text, params, options));
      }
    }
  });

  it("throws PGlite's database errors, with the code, the query and its parameters", async () => {
    await fast.query("insert into u (k) values ($1)", [1]);
    const duplicate = await fast.query("insert into u (k) values ($1)", [1]).catch((e: unknown) => e);
    expect(duplicate).toMatchObject({ code: "23505", query: "insert into u (k) values ($1)", params: [1] });
    const missing = await fast.query("select * from nowhere where x = $1", [1]).catch((e: unknown) => e);
    const missingPlain = await plain
      .query("select * from nowhere where x = $1", [1])
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "42P01", message: (missingPlain as Error).message });
    // The database goes on after an error.
    expect((await fast.query<{ k: number }>("select k from u where k = $1", [1])).rows).toEqual([{ k: 1 }]);
  });

  it("prepares again when the table changed under a statement, or the statements were dropped", async () => {
    await fast.exec("create table v (a int)");
    await fast.query("insert into v (a) values ($1)", [1]);
    expect(Object.keys((await fast.query<object>("select * from v where a = $1", [1])).rows[0]!)).toEqual([
      "a",
    ]);
    await fast.exec("alter table v add column b int default 7");
    expect((await fast.query("select * from v where a = $1", [1])).rows).toEqual([{ a: 1, b: 7 }]);
    await fast.exec("deallocate all");
    expect((await fast.query("select * from v where a = $1", [1])).rows).toEqual([{ a: 1, b: 7 }]);
  });

  it("keeps a bounded number of statements", async () => {
    for (let i = 0; i < MAX_PREPARED_STATEMENTS + 20; i++)
      await fast.query(`select ${i} as n where $1::int = 1`, [1]);
    expect(fast.preparedStatements).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS);
    const live = await fast.query<{ count: number }>(
      "select count(*)::int as count from pg_prepared_statements",
    );
    expect(live.rows[0]!.count).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS + 1);
  });

  it("never runs a statement inside another caller's open transaction", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = fast.transaction(async (t) => {
      await t.query("insert into u (k) values ($1)", [100]);
      await held;
      await t.rollback();
    });
    await new Promise((r) => setTimeout(r, 10));
    const outside = fast.query<{ count: number }>("select count(*)::int as count from u where k = $1", [100]);
    release();
    await tx;
    // Had it run inside the transaction, it would have seen the row that was rolled back.
    expect((await outside).rows[0]!.count).toBe(0);
  });

  it("answers a transaction's statements as PGlite's transaction does, prepared (decision 260)", async () => {
    for (const db of [fast, plain]) await db.exec("create table w (id int primary key, v text)");
    const play = (db: PGlite) =>
      db.transaction(async (t) => {
        const out: unknown[] = [];
        for (const [text, params, options] of cases) out.push(await t.query(text, params, options));
        out.push(await t.query("insert into w (id, v) values ($1, $2) returning *", [1, "a"]));
        out.push(await t.query("with x as (update w set v = $1 where id = $2 returning v) select v from x", ["b", 1]));
        out.push(await t.query("savepoint s1"));
        out.push(await t.query("insert into w (id, v) values ($1, $2)", [2, "c"]));
        out.push(await t.query("rollback to savepoint s1"));
        out.push(await t.query("select id, v from w order by id", []));
        return out;
      });
    // Twice each: the first prepares, the second runs the prepared statements.
    for (let i = 0; i < 2; i++) {
      const before = fast.preparedStatements;
      expect(await play(fast)).toEqual(await play(plain));
      if (i === 1) expect(fast.preparedStatements).toBe(before);
      for (const db of [fast, plain]) await db.query("delete from w");
    }
    expect((await fast.query("select * from w")).rows).toEqual([]);
  });

  it("rolls a transaction back whole after an error, with PGlite's error, and goes on", async () => {
    await fast.query("insert into u (k) values ($1)", [200]);
    const failed = await fast
      .transaction(async (t) => {
        await t.query("insert into u (k) values ($1)", [201]);
        await t.query("insert into u (k) values ($1)", [200]);
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "23505", query: "insert into u (k) values ($1)", params: [200] });
    const rows = await fast.query<{ k: number }>("select k from u where k >= $1 order by k", [200]);
    expect(rows.rows).toEqual([{ k: 200 }]);
    // An explicit rollback, then a closed transaction refuses statements as PGlite's does.
    let closed: unknown;
    await fast.transaction(async (t) => {
      await t.query("insert into u (k) values ($1)", [202]);
      await t.rollback();
      closed = await t.query("select 1 as one where $1::int = 1", [1]).catch((e: unknown) => e);
    });
    expect(String(closed)).toMatch(/closed/);
    expect((await fast.query("select k from u where k = $1", [202])).rows).toEqual([]);
  });

  it("in a transaction, a statement whose plan went stale fails once, then is prepared again", async () => {
    await fast.exec("create table x (a int)");
    await fast.exec("insert into x (a) values (1)");
    const select = "select * from x where a = $1";
    expect((await fast.transaction((t) => t.query(select, [1]))).rows).toEqual([{ a: 1 }]);
    await fast.exec("alter table x add column b int default 7");
    const stale = await fast.transaction((t) => t.query(select, [1])).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "0A000", query: select });
    expect((await fast.transaction((t) => t.query(select, [1]))).rows).toEqual([{ a: 1, b: 7 }]);
  });
});
