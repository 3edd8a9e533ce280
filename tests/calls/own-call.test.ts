/**
 * A call's request reads the player and their call in one statement (decision 225), with the same
 * answers as the user's and the attempt's statements read one after the other: the login redirect,
 * the 403 of another role, the 404 of another trainee's call or of an id that cannot exist. On
 * PGlite and (with TEST_DATABASE_URL) Postgres, where the statements sent are counted.
 */
import { eq } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, organizations, users } from "../../db/schema";
import { seedDemo, syncScenarioLibrary } from "../../db/seed";
import { getUser, type CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import {
  createAttempt,
  findPlayableScenario,
  getUserWithCall,
  loadAttempt,
  requireOwnCall,
} from "../../app/calls/attempts.server";
import { settleReply, addTraineeTurn } from "../../app/calls/replies.server";
import { commitSessionCookie, createSession } from "../../app/session.server";
import { runInRequestScope } from "../../app/platform/request-scope.server";
import { testDatabases, type TestDatabase } from "../helpers";

process.env.CUSTOMER_MODEL = "scripted";
process.env.JUDGE_MODEL = "heuristic";
process.env.SESSION_SECRET ??= "a-test-secret-of-at-least-32-characters!!";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

const PLAYERS = ["trainee", "trainer"] as const;

describe.each(testDatabases())("a call's player and call in one statement on $name", ({ create, kind }) => {
  let database: TestDatabase;
  const cookies: Record<string, string> = {};
  const people: Record<string, CurrentUser> = {};

  async function person(email: string): Promise<CurrentUser> {
    const [row] = await database.db
      .select({ user: users, org: organizations, role: memberships.role })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(users.email, email));
    const sessionId = await createSession(row!.user.id, row!.org.id);
    cookies[email] = (await commitSessionCookie(sessionId)).split(";")[0]!;
    return {
      id: row!.user.id,
      email,
      name: row!.user.name,
      preferredLocale: null,
      locale: "en",
      sessionId,
      org: { id: row!.org.id, name: row!.org.name, slug: row!.org.slug },
      role: row!.role,
    };
  }

  const request = (email: string | null, id = "00000000-0000-4000-8000-000000000000") =>
    new Request(`http://localhost/calls/${id}`, { headers: email ? { Cookie: cookies[email]! } : {} });

  /** What the call's request throws (a Response), or its result. */
  const attempt = (req: Request, id: string | undefined, roles: readonly ("trainee" | "trainer" | "manager")[] = PLAYERS) =>
    requireOwnCall(req, roles, id).catch((thrown: unknown) => thrown as Response);

  beforeAll(async () => {
    database = await create();
    await seedDemo(database.db);
    await syncScenarioLibrary(database.db);
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
    for (const email of ["trainee@example.com", "trainer@example.com", "manager@example.com"]) people[email] = await person(email);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("reads the player and their call (its turns too) as the two statements did, and refuses what they refused", async () => {
    const trainee = people["trainee@example.com"]!;
    const playable = await findPlayableScenario(trainee.org.id, "lost-cap");
    const call = await createAttempt({ user: trainee, playable: playable!, locale: "en" });
    await settleReply(call.id);
    await addTraineeTurn(call.id, "Good evening, how can I help?", "own-call-1");
    await settleReply(call.id);

    const both = await attempt(request("trainee@example.com", call.id), call.id);
    expect(both).not.toBeInstanceOf(Response);
    const { user, loaded } = both as Exclude<typeof both, Response>;
    expect(user).toEqual(await getUser(request("trainee@example.com", call.id)));
    expect(user.id).toBe(trainee.id);
    const apart = (await loadAttempt(call.id))!;
    expect(loaded.attempt).toEqual(apart.attempt);
    expect(loaded.turns).toEqual(apart.turns);
    expect(loaded.turns.map((t) => t.speaker)).toEqual(["customer", "trainee", "customer"]);
    expect(loaded.scenario).toBe(apart.scenario);

    // Another trainee's call is not revealed; nor is an id that cannot exist.
    expect(((await attempt(request("trainer@example.com", call.id), call.id)) as Response).status).toBe(404);
    expect(((await attempt(request("trainee@example.com"), "00000000-0000-4000-8000-000000000000")) as Response).status).toBe(404);
    expect(((await attempt(request("trainee@example.com"), "not-a-call")) as Response).status).toBe(404);
    // Logged out: to the login page, back here afterwards. Another role: 403, before any 404.
    const out = (await attempt(request(null, call.id), call.id)) as Response;
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/calls/${call.id}`)}`);
    expect(((await attempt(request("manager@example.com", call.id), call.id)) as Response).status).toBe(403);
    expect(((await attempt(request("manager@example.com"), "not-a-call")) as Response).status).toBe(403);
  });

  it.runIf(kind === "postgres")("sends one statement when nothing read the user before, and the user's read is shared with the request", async () => {
    const trainee = people["trainee@example.com"]!;
    const playable = await findPlayableScenario(trainee.org.id, "smile-25k");
    const call = await createAttempt({ user: trainee, playable: playable!, locale: "en" });
    const client = (database.db as unknown as { $client: Sql }).$client;
    const sent: string[] = [];
    const options = client.options as unknown as { debug?: unknown };
    options.debug = (_connection: number, query: string) => sent.push(query);
    try {
      await runInRequestScope(async () => {
        const { loaded } = await requireOwnCall(request("trainee@example.com", call.id), PLAYERS, call.id);
        expect(loaded.attempt.id).toBe(call.id);
        // Another loader of the same request (the root's) gets the same user without a statement.
        expect((await getUser(request("trainee@example.com", call.id)))?.id).toBe(trainee.id);
      });
      expect(sent).toHaveLength(1);
      // When the user was asked for first (the root's loader), the attempt is read on its own.
      sent.length = 0;
      await runInRequestScope(async () => {
        const first = getUser(request("trainee@example.com", call.id));
        const { loaded } = await requireOwnCall(request("trainee@example.com", call.id), PLAYERS, call.id);
        expect(loaded.attempt.id).toBe(call.id);
        expect((await first)?.id).toBe(trainee.id);
      });
      expect(sent).toHaveLength(2);
      // The call's page (decision 260): the root's loader reads the user with the call, the call's loader
      // takes the call from it: one statement.
      sent.length = 0;
      await runInRequestScope(async () => {
        const first = getUserWithCall(request("trainee@example.com", call.id), call.id);
        const { user, loaded } = await requireOwnCall(request("trainee@example.com", call.id), PLAYERS, call.id);
        expect(loaded.attempt.id).toBe(call.id);
        expect((await first)?.id).toBe(trainee.id);
        expect(user.id).toBe(trainee.id);
      });
      expect(sent).toHaveLength(1);
    } finally {
      options.debug = undefined;
    }
  });

  it("on the call's page, the call read with the root's user answers as its own read, and serves one loader only (decision 260)", async () => {
    const trainee = people["trainee@example.com"]!;
    const playable = await findPlayableScenario(trainee.org.id, "angry-caller");
    const call = await createAttempt({ user: trainee, playable: playable!, locale: "en" });
    const own = await attempt(request("trainee@example.com", call.id), call.id);
    await runInRequestScope(async () => {
      const root = await getUserWithCall(request("trainee@example.com", call.id), call.id);
      expect(root).toEqual(await getUser(request("trainee@example.com", call.id)));
      const page = await attempt(request("trainee@example.com", call.id), call.id);
      expect(page).toEqual(own);
      // A second read in the same request (a loader after the action) reads the call again.
      const again = await attempt(request("trainee@example.com", call.id), call.id);
      expect(again).toEqual(own);
    });
    // The same refusals: another trainee's call is not revealed, another role is a 403, logged out a redirect.
    for (const [email, status] of [["trainer@example.com", 404], ["manager@example.com", 403], [null, 302]] as const) {
      await runInRequestScope(async () => {
        const root = await getUserWithCall(request(email, call.id), call.id);
        expect(root?.email ?? null).toBe(email);
        expect(((await attempt(request(email, call.id), call.id)) as Response).status).toBe(status);
      });
    }
    // Not a call's id: the user alone.
    await runInRequestScope(async () => {
      expect((await getUserWithCall(request("trainee@example.com"), "not-a-call"))?.id).toBe(trainee.id);
    });
  });
});
