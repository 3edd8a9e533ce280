/**
 * Start on the briefing (the route's loader and action, app/routes/train.$slug.tsx) when a call of
 * that scenario is already in progress and the page did not know it — started meanwhile in another
 * tab, perhaps in the other language (decision 286): the action does not land in it, it says which
 * call is open, in which language and since when; the notice's form ends it and starts a new call in
 * the language chosen. A double click still lands on one call (decision 111); a page that showed the
 * call in progress still starts again at once. Certification calls: only resumed, never replaced
 * from the briefing. On PGlite and (with TEST_DATABASE_URL) Postgres.
 */
import { and, asc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attempts, scenarios, scenarioVersions, turns } from "../../db/schema";
import type { Database } from "../../db/client";
import { setDatabaseHandle } from "../../app/db.server";
import { createSession, commitSessionCookie } from "../../app/session.server";
import { agoText } from "../../app/calls/OpenCallNotice";
import type { OpenCallNotice } from "../../app/calls/page.server";
import { assignTrack, createTrack } from "../../app/certification/tracks.server";
import { t, translator } from "../../app/i18n";
import { action, loader } from "../../app/routes/train.$slug";
import { testDatabases } from "../helpers";
import { createWorld, type World } from "../report/fixtures";

process.env.CUSTOMER_MODEL = "scripted";
process.env.JUDGE_MODEL = "heuristic";
process.env.SESSION_SECRET ??= "a-test-secret-of-at-least-32-characters!!";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

const MINUTE = 60_000;

describe.each(testDatabases())("Start on a briefing while a call is open elsewhere, on $name", ({ create }) => {
  let database: Awaited<ReturnType<typeof create>>;
  let db: Database;
  let world: World;
  const cookies: Partial<Record<keyof World["users"], string>> = {};

  function request(who: keyof World["users"], path: string, fields?: Record<string, string>): Request {
    const headers: Record<string, string> = { Cookie: cookies[who]! };
    if (!fields) return new Request(`http://localhost${path}`, { headers });
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
  }

  /** The briefing as a tab renders it: what its form will send (its startId, the call it shows). */
  async function briefing(who: keyof World["users"], slug: string, query = "") {
    return loader({ request: request(who, `/train/${slug}${query}`), params: { slug }, context: {} });
  }

  /** Press a Start button: the action's Response (a redirect, or the notice or an error as JSON). */
  async function start(who: keyof World["users"], slug: string, fields: Record<string, string>, query = ""): Promise<Response> {
    const res = (await action({ request: request(who, `/train/${slug}${query}`, fields), params: { slug }, context: {} })) as Response;
    expect(res).toBeInstanceOf(Response);
    return res;
  }

  function landedOn(res: Response): string {
    expect(res.status).toBe(302);
    const m = /^\/calls\/([0-9a-f-]{36})$/.exec(res.headers.get("Location") ?? "");
    if (!m) throw new Error(`expected a redirect to /calls/:id, got ${res.headers.get("Location")}`);
    return m[1]!;
  }

  async function noticeOf(res: Response): Promise<OpenCallNotice> {
    expect(res.status).toBe(409);
    const body = (await res.json()) as { openCall: OpenCallNotice };
    return body.openCall;
  }

  /** The trainee's calls on a scenario (every version), oldest first. */
  async function callsOn(who: keyof World["users"], slug: string) {
    return db
      .select({ id: attempts.id, status: attempts.status, locale: attempts.locale, startedAt: attempts.startedAt })
      .from(attempts)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
      .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
      .where(and(eq(attempts.userId, world.users[who]), eq(scenarios.slug, slug)))
      .orderBy(asc(attempts.startedAt));
  }

  async function turnsOf(id: string) {
    return db.select({ seq: turns.seq, speaker: turns.speaker }).from(turns).where(eq(turns.attemptId, id));
  }

  beforeAll(async () => {
    database = await create();
    db = database.db;
    setDatabaseHandle({ db, driver: database.kind, close: async () => {} });
    world = await createWorld(db);
    for (const who of ["trainee", "trainee2", "trainer"] as const) {
      cookies[who] = (await commitSessionCookie(await createSession(world.users[who], world.demoOrgId))).split(";")[0]!;
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  it("does not land in a call started in another tab: it says which call is open, in which language and since when, and leaves that call as it was", async () => {
    // Tab B is opened first; then tab A starts the call in English.
    const tabB = await briefing("trainee", "lost-cap");
    const tabA = await briefing("trainee", "lost-cap");
    expect(tabB.liveAttemptId).toBeNull();
    expect(tabA.startId).not.toBe(tabB.startId);
    const english = landedOn(await start("trainee", "lost-cap", { callLocale: "en", startId: tabA.startId }));
    expect(english).toBe(tabA.startId);
    // It started three minutes ago, and the customer has spoken (in person, she speaks first).
    await db.update(attempts).set({ startedAt: new Date(Date.now() - 3 * MINUTE - 5_000) }).where(eq(attempts.id, english));
    const before = await turnsOf(english);
    expect(before.length).toBeGreaterThan(0);

    // Tab B chooses French and presses Start: no redirect into the English call, a notice instead.
    const notice = await noticeOf(await start("trainee", "lost-cap", { callLocale: "fr", startId: tabB.startId }));
    expect(notice).toEqual({ id: english, locale: "en", chosenLocale: "fr", minutesAgo: 3, certification: false });
    // A second press on tab B's Start is told the same: still not resumed.
    expect(await noticeOf(await start("trainee", "lost-cap", { callLocale: "fr", startId: tabB.startId }))).toEqual(notice);
    // Without a startId at all (a form that knows nothing), the same.
    expect((await noticeOf(await start("trainee", "lost-cap", { callLocale: "en" }))).id).toBe(english);

    // The English call is untouched: neither ended nor replaced, no French call was created.
    const calls = await callsOn("trainee", "lost-cap");
    expect(calls.map((c) => ({ id: c.id, status: c.status, locale: c.locale }))).toEqual([{ id: english, status: "live", locale: "en" }]);
    expect(await turnsOf(english)).toEqual(before);

    // What the page says, in English and in French.
    const en = translator("en");
    expect(en("call.openElsewhere", { language: en("call.inEnglish"), ago: agoText(en, notice.minutesAgo) })).toBe(
      "You already have a call in progress for this scenario, in English, started 3 minutes ago.",
    );
    expect(en("call.endAndStartIn", { language: en("call.inFrench") })).toBe("End it and start a new call in French");
    const fr = translator("fr");
    expect(fr("call.openElsewhere", { language: fr("call.inEnglish"), ago: agoText(fr, notice.minutesAgo) })).toBe(
      "Vous avez déjà un appel en cours sur ce scénario, en anglais, commencé il y a 3 minutes.",
    );
    expect(fr("call.endAndStartIn", { language: fr("call.inFrench") })).toBe("Y mettre fin et commencer un nouvel appel en français");
    expect([agoText(en, 0), agoText(fr, 0), agoText(en, 1), agoText(en, 125), agoText(fr, 3 * 24 * 60)]).toEqual([
      "less than a minute ago",
      "il y a moins d'une minute",
      "1 minute ago",
      "2 hours ago",
      "il y a 3 jours",
    ]);

    // A second press on tab A's own Start (a double click) still lands on the call it started (decision 111).
    expect(landedOn(await start("trainee", "lost-cap", { callLocale: "en", startId: tabA.startId }))).toBe(english);
  });

  it("ends the open call and starts a new one in the language chosen when the notice's button is pressed, once however many presses", async () => {
    const [english] = (await callsOn("trainee", "lost-cap")).filter((c) => c.status !== "ended");
    expect(english?.locale).toBe("en");
    // After the notice the page's data is read again: a fresh startId for the notice's form.
    const page = await briefing("trainee", "lost-cap");
    const fields = { callLocale: "fr", replace: english!.id, startId: page.startId };
    const presses = await Promise.all([start("trainee", "lost-cap", fields), start("trainee", "lost-cap", fields)]);
    const [french, again] = presses.map(landedOn);
    expect(again).toBe(french);
    expect(french).not.toBe(english!.id);
    const calls = await callsOn("trainee", "lost-cap");
    expect(calls.find((c) => c.id === english!.id)).toMatchObject({ status: "ended", locale: "en" });
    expect(calls.filter((c) => c.status !== "ended").map((c) => ({ id: c.id, locale: c.locale }))).toEqual([{ id: french, locale: "fr" }]);
  });

  it("says 'End it and start again' when the language chosen is the open call's, and a page that showed the call still starts again at once", async () => {
    const [open] = (await callsOn("trainee", "lost-cap")).filter((c) => c.status !== "ended");
    expect(open?.locale).toBe("fr");
    const stale = await briefing("trainee2", "lost-cap");
    expect(stale.liveAttemptId).toBeNull();
    // Another trainee's call changes nothing for this one: trainee2 starts normally.
    const theirs = landedOn(await start("trainee2", "lost-cap", { callLocale: "fr", startId: stale.startId }));
    // A tab of trainee's that knows nothing, choosing French like the open call.
    const notice = await noticeOf(await start("trainee", "lost-cap", { callLocale: "fr", startId: stale.startId }));
    expect(notice).toMatchObject({ id: open!.id, locale: "fr", chosenLocale: "fr" });
    expect(t("en", "call.endAndStartAgain")).toBe("End it and start again");
    expect(t("fr", "call.endAndStartAgain")).toBe("Y mettre fin et recommencer");

    // The briefing that shows the call in progress: its form names it in `replace`, Start ends it at once.
    const page = await briefing("trainee", "lost-cap");
    expect(page.liveAttemptId).toBe(open!.id);
    const next = landedOn(await start("trainee", "lost-cap", { callLocale: "en", replace: page.liveAttemptId!, startId: page.startId }));
    expect(next).not.toBe(open!.id);
    expect((await callsOn("trainee", "lost-cap")).find((c) => c.id === open!.id)?.status).toBe("ended");
    expect((await callsOn("trainee2", "lost-cap")).find((c) => c.id === theirs)?.status).not.toBe("ended");
  });

  it("starts a fresh call when a stale page is sent again after its call ended, and refuses a malformed id with a clear message", async () => {
    const page = await briefing("trainer", "smile-25k");
    const first = landedOn(await start("trainer", "smile-25k", { callLocale: "en", startId: page.startId }));
    await db.update(attempts).set({ status: "ended", endedAt: new Date(), outcome: "not_answered", abandoned: true }).where(eq(attempts.id, first));
    const second = landedOn(await start("trainer", "smile-25k", { callLocale: "en", startId: page.startId }));
    expect(second).not.toBe(first);
    const bad = await start("trainer", "smile-25k", { callLocale: "en", startId: "not-an-id" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "call.errorStartStale" });
    expect(t("en", "call.errorStartStale")).toBe("This page is out of date. Reload it and start again.");
  });

  it("does not land in a certification call started in another tab either: offers to resume it only, and a page that showed it resumes it", async () => {
    const manager = { id: world.users.manager, orgId: world.demoOrgId };
    const ids = Object.fromEntries((await db.select({ id: scenarios.id, slug: scenarios.slug }).from(scenarios)).map((r) => [r.slug, r.id]));
    const { id: trackId } = await createTrack(manager, {
      name: { en: "Front desk", fr: "Accueil" },
      description: { en: "The calls", fr: "Les appels" },
      scenarios: [{ scenarioId: ids["angry-caller"]!, versionId: null, passMark: 70, minimums: { empathy: 0, resolution: 0, anticipation: 0 } }],
      attemptsAllowed: 3,
      cooldownHours: 0,
      language: null,
      hideCoaching: false,
      validityMonths: 12,
      recertifyDays: 30,
    });
    await assignTrack(manager, { trackId, userIds: [world.users.trainee2], roles: [], dueAt: null });
    const query = `?track=${trackId}`;
    const tabB = await briefing("trainee2", "angry-caller", query);
    const tabA = await briefing("trainee2", "angry-caller", query);
    expect(tabB.certification?.openAttemptId).toBeNull();
    const english = landedOn(await start("trainee2", "angry-caller", { track: trackId, callLocale: "en", startId: tabA.startId }, query));
    // A double click on tab A's Start lands on the call it started.
    expect(landedOn(await start("trainee2", "angry-caller", { track: trackId, callLocale: "en", startId: tabA.startId }, query))).toBe(english);
    // Tab B, in French: told, not landed; the certification call is not ended.
    const notice = await noticeOf(await start("trainee2", "angry-caller", { track: trackId, callLocale: "fr", startId: tabB.startId }, query));
    expect(notice).toMatchObject({ id: english, locale: "en", chosenLocale: "fr", certification: true });
    const open = await db
      .select({ id: attempts.id, mode: attempts.mode })
      .from(attempts)
      .where(and(eq(attempts.userId, world.users.trainee2), ne(attempts.status, "ended"), eq(attempts.mode, "certification")));
    expect(open).toEqual([{ id: english, mode: "certification" }]);
    // The page that shows it ("Continue your call") goes to it.
    const page = await briefing("trainee2", "angry-caller", query);
    expect(page.certification?.openAttemptId).toBe(english);
    const resumed = await start("trainee2", "angry-caller", { track: trackId, callLocale: "en", startId: page.startId, resume: english }, query);
    expect(landedOn(resumed)).toBe(english);
    expect(t("en", "call.openElsewhereCertification", { language: "English", ago: "less than a minute ago" })).toBe(
      "You already have a certification call in progress for this scenario, in English, started less than a minute ago.",
    );
  });
});
