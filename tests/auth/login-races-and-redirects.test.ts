/**
 * The login rate limit under concurrency (issue 10 item 3), "go back to" addresses with
 * control characters (items 2 and 8), and the current user read once per page (issue 11) —
 * against the real built server, on PGlite and (with TEST_DATABASE_URL) on Postgres.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMIT } from "../../app/auth.server";
import {
  cookieFrom,
  createServerDatabase,
  get,
  login,
  postForm,
  startTestServer,
  testDatabases,
  type TestServer,
} from "../helpers";

describe.each(testDatabases())("logging in under pressure on $name", { timeout: 180_000 }, ({ kind }) => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    server = await startTestServer({ database: kind, env: { TRUST_PROXY: "true" } });
    base = server.baseUrl;
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("evaluates at most five of 100 simultaneous wrong passwords for one account", async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        postForm(
          `${base}/login`,
          { email: "manager@example.com", password: `wrong-${i}` },
          // A different address each: only the per-account limit applies.
          { headers: { "X-Forwarded-For": `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}` } },
        ).then((r) => r.status),
      ),
    );
    const evaluated = answers.filter((s) => s === 401).length;
    expect(evaluated).toBe(RATE_LIMIT.perAccount);
    expect(answers.filter((s) => s === 429)).toHaveLength(100 - RATE_LIMIT.perAccount);
    const right = await postForm(
      `${base}/login`,
      { email: "manager@example.com", password: "moment-demo" },
      { headers: { "X-Forwarded-For": "198.18.9.9" } },
    );
    expect(right.status).toBe(429);
  });

  it("lets at most thirty of 40 simultaneous attempts from one address through", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postForm(
          `${base}/login`,
          { email: `guess-${i}@example.com`, password: "password123" },
          { headers: { "X-Forwarded-For": "203.0.113.50" } },
        ).then((r) => r.status),
      ),
    );
    expect(answers.filter((s) => s === 401)).toHaveLength(RATE_LIMIT.perIp);
    expect(answers.filter((s) => s === 429)).toHaveLength(40 - RATE_LIMIT.perIp);
    // Another address still logs in.
    const elsewhere = await postForm(
      `${base}/login`,
      { email: "trainee@example.com", password: "moment-demo" },
      { headers: { "X-Forwarded-For": "198.51.100.77" } },
    );
    expect(elsewhere.status).toBe(302);
  });

  it("never redirects a logged-in user off-site through a tab, and answers CR or LF with the home page instead of a 500", async () => {
    const cookie = await login(base, "trainer@example.com");
    for (const redirectTo of [
      "%2F%09%2F127.0.0.1%3A8099%2Fphish",
      "%2F%5C127.0.0.1%3A8099",
      "%2F%2F127.0.0.1%3A8099",
      "%2Fauthor%0D%0ASet-Cookie%3A%20x%3D1",
      "%2Fauthor%0A",
      "%2Fauthor%0D",
    ]) {
      const res = await get(`${base}/login?redirectTo=${redirectTo}`, { cookie });
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get("location"), redirectTo).toBe("/author");
      expect(res.headers.getSetCookie().join(";")).not.toContain("x=1");
    }
    const ok = await get(`${base}/login?redirectTo=%2Ftrain%3Fx%3D1`, { cookie });
    expect(ok.headers.get("location")).toBe("/train?x=1");
  });

  it("logs in with the role's home when the form's redirectTo has a tab, CR or LF, with one working session", async () => {
    for (const redirectTo of [
      "/\t/127.0.0.1:8099/phish",
      "/team\r\nSet-Cookie: x=1",
      "/team\n",
      "/\\evil.example",
    ]) {
      const res = await postForm(`${base}/login`, {
        email: "admin@example.com",
        password: "moment-demo",
        redirectTo,
      });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("location")).toBe("/admin");
      expect((await get(`${base}/admin`, { cookie: cookieFrom(res) })).status).toBe(200);
    }
  });

  it("switches the language and goes back only to a path of this app, never a 500", async () => {
    for (const redirectTo of [
      "/\t/127.0.0.1:8099/phish",
      "/train\r\nX-Evil: 1",
      "//evil.example",
      "/\\evil",
    ]) {
      const res = await postForm(`${base}/language`, { locale: "fr", redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("location")).toBe("/");
      expect(res.headers.get("x-evil")).toBeNull();
    }
    const back = await postForm(`${base}/language`, { locale: "en", redirectTo: "/train?level=2" });
    expect(back.headers.get("location")).toBe("/train?level=2");
  });
});

/** Index and sequential scans of a table so far, as Postgres counts them (flushed by each backend within ~1 s). */
async function scans(sql: postgres.Sql, table: string): Promise<number> {
  await sql`select pg_stat_clear_snapshot()`;
  const [row] = await sql<{ n: string }[]>`
    select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = ${table}`;
  return Number(row?.n ?? 0);
}

describe.runIf(process.env.TEST_DATABASE_URL)("the current user on Postgres", { timeout: 180_000 }, () => {
  let server: TestServer;
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createServerDatabase();
    server = await startTestServer({
      env: { DATABASE_URL: database.url, SESSION_SECRET: "a-test-secret-of-at-least-32-characters!!" },
    });
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  }, 240_000);
  afterAll(async () => {
    await sql?.end();
    await server?.close();
    await database?.drop();
  });

  it("reads the session, the user and the memberships once per page, not once per loader", async () => {
    const cookie = await login(server.baseUrl, "trainee@example.com");
    const tables = ["sessions", "users", "memberships"] as const;
    const settle = () => new Promise((r) => setTimeout(r, 2000));
    await (await get(`${server.baseUrl}/train`, { cookie })).text();
    await settle();
    for (const path of ["/train", "/train/history"]) {
      // Each page has two loaders (the root's and its own). Counters only grow with unrelated
      // work, so the smallest of three measurements is the page's own reads.
      const deltas: number[][] = [];
      for (let i = 0; i < 3; i++) {
        const before = await Promise.all(tables.map((t) => scans(sql, t)));
        const page = await get(`${server.baseUrl}${path}`, { cookie });
        expect(page.status).toBe(200);
        await page.text();
        await settle();
        const after = await Promise.all(tables.map((t) => scans(sql, t)));
        deltas.push(after.map((a, k) => a - before[k]!));
      }
      const fewest = tables.map((_, k) => Math.min(...deltas.map((d) => d[k]!)));
      expect(fewest, `${path}: scans of ${tables.join(", ")}`).toEqual([1, 1, 1]);
    }
  });
});
