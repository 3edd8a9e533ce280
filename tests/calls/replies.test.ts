/**
 * The turn pipeline in-process, on PGlite and (with TEST_DATABASE_URL) Postgres: a pending
 * reply is produced once per process, and when two processes produce it anyway (simulated
 * by forgetting the running generation) the unique (attempt_id, seq) lets only one commit.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { attempts, memberships, organizations, scorecards, turns, users } from "../../db/schema";
import { seedDemo, syncScenarioLibrary } from "../../db/seed";
import type { CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import { createAttempt, findPlayableScenario, loadAttempt } from "../../app/calls/attempts.server";
import { finishAttempt } from "../../app/calls/finish.server";
import { addTraineeTurn, endAttempt, ensureReply, insertTraineeTurn, pendingOf, settleReply } from "../../app/calls/replies.server";
import { LocalGeneration, type ReplyRegistry } from "../../app/calls/reply-handle.server";
import { createLocalReplyRegistry, getReplyRegistry } from "../../app/calls/reply-registry.server";
import { createPostgresReplyRegistry, REPLY_CHANNEL } from "../../app/calls/reply-registry.postgres.server";
import type { CallEvent } from "../../app/calls/sse";
import { testDatabases, type TestDatabase } from "../helpers";

/** What `done` carries for the page (decision 160): her mood, and the offline notice. */
const AFTER = { mood: expect.stringMatching(/^(calm|annoyed|angry)$/), offline: false };

process.env.CUSTOMER_MODEL = "scripted";
process.env.JUDGE_MODEL = "heuristic";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

describe.each(testDatabases())("the reply pipeline on $name", ({ create, kind }) => {
  let database: TestDatabase;
  let user: CurrentUser;

  beforeAll(async () => {
    database = await create();
    await seedDemo(database.db);
    await syncScenarioLibrary(database.db);
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
    const [row] = await database.db
      .select({ user: users, org: organizations })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(users.email, "trainee@example.com"));
    user = {
      id: row!.user.id,
      email: row!.user.email,
      name: row!.user.name,
      preferredLocale: null,
      locale: "en",
      sessionId: "test",
      org: { id: row!.org.id, name: row!.org.name, slug: row!.org.slug },
      role: "trainee",
    };
  });
  afterAll(async () => {
    await database?.close();
  });

  async function newCall(slug = "lost-cap") {
    // One open call per trainee and scenario version: close the previous test's call.
    await database.db.update(attempts).set({ status: "ended" }).where(eq(attempts.userId, user.id));
    const playable = await findPlayableScenario(user.org.id, slug);
    return createAttempt({ user, playable: playable!, locale: "en" });
  }

  it("produces the opening once, however many pages and streams ask for it at the same time", async () => {
    const attempt = await newCall();
    const asked = await Promise.all([ensureReply(attempt.id), ensureReply(attempt.id), ensureReply(attempt.id)]);
    expect(asked[0]).not.toBeNull();
    expect(asked[1]).toBe(asked[0]);
    expect(asked[2]).toBe(asked[0]);
    const seen: CallEvent[] = [];
    asked[0]!.follow((e) => seen.push(e));
    const result = await asked[0]!.result;
    expect(result.seq).toBe(0);
    expect(seen.at(-1)).toEqual({ type: "done", seq: 0, text: result.text, replaced: false, after: AFTER });
    expect(getReplyRegistry().local(attempt.id)).toBeUndefined();
    const loaded = await loadAttempt(attempt.id);
    expect(loaded!.turns.map((t) => [t.seq, t.speaker, t.text])).toEqual([[0, "customer", result.text]]);
    expect(pendingOf(loaded!)).toBeNull();
  });

  /** Another app process on the same database (its own registry, its own owner id). */
  function otherProcess(): ReplyRegistry {
    return database.kind === "postgres" ? createPostgresReplyRegistry(database.db) : createLocalReplyRegistry();
  }

  it("commits one reply when two processes are asked for the same one, and both serve the committed line", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    const said = await addTraineeTurn(attempt.id, "Oh no, I'm sorry. What does the cap look like?", "token-two-servers");
    expect(said).toEqual({ kind: "accepted", seq: 1, duplicate: false });
    const first = getReplyRegistry().local(attempt.id)!;
    const other = otherProcess();
    try {
      const second = (await other.ensure(attempt.id))!;
      expect(second).not.toBe(first);
      const [a, b] = await Promise.all([first.result, second.result]);
      expect(a.text).toBe(b.text);
      const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
      expect(rows.map((r) => `${r.seq}:${r.speaker}`)).toEqual(["0:customer", "1:trainee", "2:customer"]);
      expect(rows[1]!.moves).toContain("ask_question");
    } finally {
      await other.close();
    }
  });

  it.runIf(kind === "postgres")(
    "streams a line produced in one process, word by word, to a page served by another, which produces nothing itself",
    async () => {
      const attempt = await newCall();
      await settleReply(attempt.id);
      await addTraineeTurn(attempt.id, "Good evening, I'm so sorry. What colour is the cap?", "token-fan-out");
      const producer = getReplyRegistry().local(attempt.id)!;
      expect(producer).toBeInstanceOf(LocalGeneration);
      const other = otherProcess();
      try {
        const follower = (await other.ensure(attempt.id))!;
        expect(follower).not.toBeInstanceOf(LocalGeneration);
        const seen: CallEvent[] = [];
        follower.follow((e) => seen.push(e));
        const [mine, theirs] = await Promise.all([producer.result, follower.result]);
        expect(theirs).toEqual(mine);
        const tokens = seen.filter((e) => e.type === "token").map((e) => (e as { text: string }).text);
        expect(tokens.length).toBeGreaterThan(1);
        expect(tokens.join("").trim()).toBe(mine.text);
        expect(seen.at(-1)).toEqual({ type: "done", seq: 2, text: mine.text, replaced: false, after: AFTER });
        // The claim is released once the line is committed (just after: the release follows the result).
        await vi.waitFor(async () => {
          const claims = await database.db.execute(sql`select count(*)::int as n from reply_claims where attempt_id = ${attempt.id}`);
          expect((Array.isArray(claims) ? claims : (claims as { rows: unknown[] }).rows)[0]).toEqual({ n: 0 });
        });
      } finally {
        await other.close();
      }
    },
  );

  it.runIf(kind === "postgres")(
    "claims the reply in the trainee turn's statement, releases it and announces `done` in the commit's: no statement of its own",
    async () => {
      const attempt = await newCall();
      await settleReply(attempt.id);
      const client = (database.db as unknown as { $client: Sql }).$client;
      const heard: Array<{ k: string; a: string; s?: number; text?: string }> = [];
      const listening = await client.listen(REPLY_CHANNEL, (payload) => heard.push(JSON.parse(payload) as (typeof heard)[number]));
      const loaded = (await loadAttempt(attempt.id))!;
      const sent: string[] = [];
      const options = client.options as unknown as { debug?: unknown };
      options.debug = (_connection: number, query: string) => sent.push(query);
      try {
        const said = await addTraineeTurn(attempt.id, "Good evening, I'm so sorry. What colour is the cap?", "token-folded", loaded);
        expect(said).toEqual({ kind: "accepted", seq: 1, duplicate: false });
        const result = await getReplyRegistry().local(attempt.id)!.result;
        options.debug = undefined;
        // The trainee's insert (with the claim) and the commit (with the release and the NOTIFY), nothing else.
        expect(sent).toHaveLength(2);
        expect(sent[0]).toMatch(/claimed as \(\s*insert into reply_claims/);
        expect(sent[1]).toMatch(/delete from reply_claims[\s\S]*pg_notify/);
        // Released with the commit, not after it.
        const claims = await database.db.execute(sql`select count(*)::int as n from reply_claims where attempt_id = ${attempt.id}`);
        expect((Array.isArray(claims) ? claims : (claims as { rows: unknown[] }).rows)[0]).toEqual({ n: 0 });
        // (The channel's connection is the registry's own: the opening's `done` may be heard too.)
        await vi.waitFor(() =>
          expect(heard.filter((m) => m.a === attempt.id && m.s !== 0)).toEqual([expect.objectContaining({ k: "d", s: 2, text: result.text })]),
        );
      } finally {
        options.debug = undefined;
        await listening.unlisten();
      }
    },
  );

  it("lets the customer finish before the next trainee turn takes its place in the order", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    // Two turns sent back to back (a fast typist): each waits for the customer's line before it.
    const [one, two] = await Promise.all([
      addTraineeTurn(attempt.id, "Good evening!", "fast-1"),
      addTraineeTurn(attempt.id, "Let me check with the team.", "fast-2"),
    ]);
    expect(one.kind).toBe("accepted");
    expect(two.kind).toBe("accepted");
    await settleReply(attempt.id);
    const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
    expect(rows.map((r) => r.speaker)).toEqual(["customer", "trainee", "customer", "trainee", "customer"]);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
  });

  it("scores a call once even when it is ended from several places at once", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    await addTraineeTurn(attempt.id, "No, we found nothing.", "curt-1");
    const outcomes = await Promise.all([endAttempt(attempt.id), endAttempt(attempt.id), finishAttempt(attempt.id)]);
    expect(new Set(outcomes)).toEqual(new Set([outcomes[0]]));
    const cards = await database.db.select().from(scorecards).where(eq(scorecards.attemptId, attempt.id));
    expect(cards).toHaveLength(1);
    const [row] = await database.db.select().from(attempts).where(eq(attempts.id, attempt.id));
    expect(row!.status).toBe("ended");
    // The trainee's last words were answered before the end.
    const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
    expect(rows.at(-1)!.speaker).toBe("customer");
    // And nothing more can be said.
    expect(await addTraineeTurn(attempt.id, "Hello?", "after-end")).toEqual({ kind: "ended" });
  });

  it("lets only one of several turns sent at the same instant in, when nothing else orders them (two servers)", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    // What two processes do when neither sees the other's reply in progress: insert at once.
    const seqs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertTraineeTurn(attempt.id, `Tab ${i} speaking.`, `race-${i}`).catch((e: unknown) => e)),
    );
    const stored = seqs.filter((s): s is { id: string; seq: number; createdAt: Date } => s !== null && typeof s === "object" && "seq" in s);
    expect(stored.map((s) => s.seq)).toEqual([1]);
    const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
    expect(rows.map((r) => r.speaker)).toEqual(["customer", "trainee"]);
    // And while that turn waits for its answer, no other trainee turn can follow it.
    expect(await insertTraineeTurn(attempt.id, "Me again.", "race-late")).toBeNull();
    await settleReply(attempt.id);
  });

  it("never stores two trainee turns in a row when two tabs send at once, and loses no accepted turn", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    const texts = ["Good evening, how can I help?", "I'm so sorry about the cap.", "What colour is it?", "Let me check the box."];
    const results = await Promise.all(texts.map((t, i) => addTraineeTurn(attempt.id, t, `tab-${i}`)));
    await settleReply(attempt.id);
    const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
    for (let i = 1; i < rows.length; i++) expect(`${rows[i - 1]!.speaker}>${rows[i]!.speaker}`).not.toBe("trainee>trainee");
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    // Every turn said to be accepted is stored once, under its own words; any other was refused as busy.
    for (const [i, r] of results.entries()) {
      if (r.kind === "accepted") expect(rows.filter((row) => row.clientToken === `tab-${i}`).map((row) => [row.seq, row.text])).toEqual([[r.seq, texts[i]]]);
      else expect(r.kind).toBe("busy");
    }
    expect(rows.at(-1)!.speaker).toBe("customer");
  });

  it("refuses a second tab's turn when the first one's answer does not come in time, storing nothing of it", async () => {
    const attempt = await newCall();
    await settleReply(attempt.id);
    const first = await addTraineeTurn(attempt.id, "Good evening, how can I help you tonight?", "slow-1");
    expect(first).toMatchObject({ kind: "accepted", seq: 1 });
    // The customer's answer takes a few hundred ms (her words are paced); this tab waits 20 ms only.
    const second = await addTraineeTurn(attempt.id, "Hello?", "slow-2", undefined, { waitMs: 20 });
    expect(second).toEqual({ kind: "busy" });
    await settleReply(attempt.id);
    const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
    expect(rows.map((r) => r.speaker)).toEqual(["customer", "trainee", "customer"]);
    expect(rows.some((r) => r.clientToken === "slow-2")).toBe(false);
    // Sent again once she has answered, it goes in.
    expect(await addTraineeTurn(attempt.id, "Hello?", "slow-2")).toMatchObject({ kind: "accepted", seq: 3 });
    await settleReply(attempt.id);
  });

  it.runIf(kind === "postgres")(
    "produces a line itself when the process that claimed it died, once its lease has lapsed",
    async () => {
      const attempt = await newCall();
      await settleReply(attempt.id);
      // A trainee turn whose reply was claimed by a process that then died (no generation anywhere).
      await insertTraineeTurn(attempt.id, "Good evening, what does the cap look like?", "orphan-1");
      await database.db.execute(
        sql`insert into reply_claims (attempt_id, seq, owner, expires_at) values (${attempt.id}, 2, 'a-dead-process', now() + interval '1 second')`,
      );
      const other = otherProcess();
      try {
        const follower = (await other.ensure(attempt.id))!;
        expect(follower).not.toBeInstanceOf(LocalGeneration);
        const seen: CallEvent[] = [];
        follower.follow((e) => seen.push(e));
        const result = await follower.result;
        expect(result.seq).toBe(2);
        expect(seen.at(-1)).toEqual({ type: "done", seq: 2, text: result.text, replaced: false, after: AFTER });
        const rows = await database.db.select().from(turns).where(eq(turns.attemptId, attempt.id)).orderBy(asc(turns.seq));
        expect(rows.map((r) => `${r.seq}:${r.speaker}`)).toEqual(["0:customer", "1:trainee", "2:customer"]);
        expect(rows[2]!.text).toBe(result.text);
      } finally {
        await other.close();
      }
    },
  );
});
