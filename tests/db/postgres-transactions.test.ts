/**
 * Transactions on a busy pool (decision 258). postgres.js 3.4.9's `sql.begin` leaves the connection that
 * runs a transaction in the pool's "busy" list, so under load other statements are pipelined onto it and run
 * inside that transaction (lost when it rolls back), and a BEGIN that fills a connection's pipeline is never
 * reserved at all (UNSAFE_TRANSACTION; porsager/postgres#823, #1189). db/client.ts runs `begin` on a
 * reserved connection instead. Real Postgres only.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../db/client";
import { createServerDatabase } from "../helpers/db";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("transactions on a busy Postgres pool", () => {
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let handle: ReturnType<typeof createDatabase>;
  let db: Database;

  beforeAll(async () => {
    server = await createServerDatabase();
    // Two statements at most on a busy connection: the limit postgres.js's own BEGIN trips on is reached at once.
    handle = createDatabase({ databaseUrl: server.url, max: 2, maxPipeline: 2 });
    db = handle.db;
    await db.execute(sql`create table marks (kind text not null, n int not null)`);
  });
  afterAll(async () => {
    await handle?.close();
    await server?.drop();
  });

  it("a statement outside a transaction never runs inside another one, and every transaction begins", async () => {
    const rolledBack = new Error("rolled back on purpose");
    const work: Promise<unknown>[] = [];
    // Both connections busy first, so what follows is queued and pipelined.
    work.push(db.execute(sql`select pg_sleep(0.15)`), db.execute(sql`select pg_sleep(0.15)`));
    for (let i = 0; i < 60; i++) {
      work.push(db.execute(sql`insert into marks (kind, n) values ('plain', ${i})`));
      work.push(
        db
          .transaction(async (tx) => {
            await tx.execute(sql`insert into marks (kind, n) values ('rolled-back', ${i})`);
            await tx.execute(sql`select pg_sleep(0.002)`);
            if (i % 2 === 0) throw rolledBack;
            await tx.execute(sql`insert into marks (kind, n) values ('committed', ${i})`);
          })
          .catch((error: unknown) => {
            if (error !== rolledBack) throw error;
          }),
      );
    }
    const settled = await Promise.allSettled(work);
    const failures = settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const rows = (await db.execute(sql`select kind, count(*)::int as count from marks group by kind order by kind`)) as unknown as Array<{
      kind: string;
      count: number;
    }>;
    const counts = Object.fromEntries([...rows].map((r) => [r.kind, r.count]));
    // Every plain insert is there; of the transactions, only the committed half left rows.
    expect(counts).toEqual({ committed: 30, plain: 60, "rolled-back": 30 });
  });

  it("a transaction asked for while every connection is busy and queued on begins (no UNSAFE_TRANSACTION)", async () => {
    await db.execute(sql`delete from marks`);
    // Both connections open, then busy; one more statement queued on each; then the transaction.
    await Promise.all([db.execute(sql`select 1`), db.execute(sql`select 1`)]);
    // Drizzle runs a statement once awaited (Promise.resolve), postgres.js sends it on the next tick (setImmediate).
    const run = (query: ReturnType<typeof sql>) => Promise.resolve(db.execute(query));
    const busy = [run(sql`select pg_sleep(0.1)`), run(sql`select pg_sleep(0.1)`)];
    await new Promise((resolve) => setImmediate(resolve));
    const queued = [run(sql`insert into marks (kind, n) values ('plain', 1)`), run(sql`insert into marks (kind, n) values ('plain', 2)`)];
    await new Promise((resolve) => setImmediate(resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.execute(sql`insert into marks (kind, n) values ('committed', 1)`);
    });
    await Promise.all([...busy, ...queued, transaction]);
    const rows = (await db.execute(sql`select kind, n from marks order by kind, n`)) as unknown as Array<{ kind: string; n: number }>;
    expect([...rows].map((r) => `${r.kind}:${r.n}`)).toEqual(["committed:1", "plain:1", "plain:2"]);
  });

  it("a nested transaction is a savepoint: its rollback keeps the outer transaction's work", async () => {
    await db.execute(sql`delete from marks`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into marks (kind, n) values ('outer', 1)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into marks (kind, n) values ('inner', 1)`);
          throw new Error("inner fails");
        })
        .catch(() => undefined);
      await tx.execute(sql`insert into marks (kind, n) values ('outer', 2)`);
    });
    const rows = (await db.execute(sql`select kind, n from marks order by kind, n`)) as unknown as Array<{ kind: string; n: number }>;
    expect([...rows].map((r) => `${r.kind}:${r.n}`)).toEqual(["outer:1", "outer:2"]);
  });
});
