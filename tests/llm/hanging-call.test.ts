/**
 * A web call whose model server hangs (issue 10.11, decision 112), against the loopback fake server:
 * the opening and each turn cost at most the one budget, the trainee is told that the customer is
 * played offline, and ending the call does not wait on the hanging judge.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, organizations, scorecards, users } from "../../db/schema";
import { seedDemo, syncScenarioLibrary } from "../../db/seed";
import type { CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import { createAttempt, findPlayableScenario } from "../../app/calls/attempts.server";
import { customerOffline } from "../../app/calls/engines.server";
import { addTraineeTurn, endAttempt, settleReply } from "../../app/calls/replies.server";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server";
import { angryCaller } from "./support";
import { get, login, postForm, startTestServer, testDatabases, type TestDatabase, type TestServer } from "../helpers";

const BUDGET_MS = 800;
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ script: () => ({ hang: true }) });
});
afterAll(async () => {
  await fake?.close();
});

describe.each(testDatabases().slice(0, 1))("a call on $name whose model never answers", ({ create }) => {
  let database: TestDatabase;
  let user: CurrentUser;

  beforeAll(async () => {
    process.env.OPENAI_BASE_URL = fake.baseUrl;
    process.env.LLM_TIMEOUT_MS = String(BUDGET_MS);
    delete process.env.CUSTOMER_MODEL;
    delete process.env.JUDGE_MODEL;
    globalThis.__motCallEngines = undefined; // the engines are chosen once per process: choose again
    // The offline classifier loads its model on first use: not part of any figure below.
    await createOfflineUnderstander().understand("Hello.", "en", angryCaller());
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
    globalThis.__motCallEngines = undefined;
    delete process.env.OPENAI_BASE_URL;
    delete process.env.LLM_TIMEOUT_MS;
    await database?.close();
  });

  it("answers within one budget, then offline at once, and ends the call without waiting on the judge", async () => {
    const playable = await findPlayableScenario(user.org.id, "lost-cap");
    const attempt = await createAttempt({ user, playable: playable!, locale: "en" });
    expect(customerOffline()).toBe(false);

    let t0 = performance.now();
    const opening = await settleReply(attempt.id);
    expect(performance.now() - t0).toBeLessThan(BUDGET_MS * 1.5);
    expect(opening!.text.length).toBeGreaterThan(0);
    expect(customerOffline()).toBe(true);

    const asked = fake.requests.length;
    t0 = performance.now();
    await addTraineeTurn(attempt.id, "Good evening, I'm so sorry. What does the cap look like?", "hang-1");
    await settleReply(attempt.id);
    expect(performance.now() - t0).toBeLessThan(BUDGET_MS / 2);

    t0 = performance.now();
    await endAttempt(attempt.id);
    expect(performance.now() - t0).toBeLessThan(BUDGET_MS / 2);
    expect(fake.requests.length).toBe(asked); // neither the turn nor the judge asked the dead server
    const [card] = await database.db.select().from(scorecards).where(eq(scorecards.attemptId, attempt.id));
    expect(card!.judge).toBe("heuristic");
  });
});

describe("the call page while the model does not answer", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { OPENAI_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: "1000", CUSTOMER_MODEL: "", JUDGE_MODEL: "" } });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("tells the trainee, in the page's language, that the customer is played offline", async () => {
    const cookie = await login(server.baseUrl, "trainee@example.com");
    const started = await postForm(`${server.baseUrl}/train/lost-cap`, { callLocale: "en" }, { cookie });
    const call = started.headers.get("location")!;
    expect(call).toMatch(/^\/calls\//);
    const html = await (await get(`${server.baseUrl}${call}`, { cookie })).text();
    expect(html).toContain('data-testid="offline-mode"');
    expect(html).toContain("The language model is not answering");
    const switched = await postForm(`${server.baseUrl}/language`, { locale: "fr", redirectTo: call }, { cookie });
    expect(switched.status).toBeLessThan(400);
    const fr = await (await get(`${server.baseUrl}${call}`, { cookie })).text();
    expect(fr).toMatch(/Le mod(è|&#232;)le de langue ne r(é|&#233;)pond pas/);
  });
});
