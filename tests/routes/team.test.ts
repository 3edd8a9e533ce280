/**
 * The manager's home (/team) through the real built app, on PGlite and (with TEST_DATABASE_URL)
 * on Postgres: the organisation's people with their number of calls and best score, and its
 * recent calls (played for real and stored first, as in tests/report), each linking to a
 * report the manager can open — never another organisation's calls; an empty state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { hashPassword } from "../../db/password";
import { DEMO_PASSWORD } from "../../db/seed";
import { attempts, memberships, organizations, users } from "../../db/schema";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { formatDateTime } from "../../app/report/format";
import type { LocalizedText } from "../../scenarios/schema";
import { get, login, testDatabases } from "../helpers";
import {
  createWorld,
  latestVersion,
  playAndStore,
  playLines,
  storeLiveCall,
  type StoredCall,
  type World,
} from "../report/fixtures";
import { decode, serveFilledDatabase, textOf, type PreparedServer } from "../report/support";

/** Older calls without a scorecard, so that the organisation has more calls than the page lists. */
const BARE_CALLS = 48;

interface Data {
  world: World;
  failing: StoredCall;
  passing: StoredCall;
  french: StoredCall;
  certification: StoredCall;
  liveId: string;
  otherOrgCall: StoredCall;
  bareIds: string[];
  titles: Record<"lost-cap" | "smile-25k" | "angry-caller", LocalizedText>;
  quietManagerEmail: string;
  /** The rescored French call's newest overall score. */
  rescoredOverall: number;
}

async function addQuietOrganisation(db: Database): Promise<string> {
  const [org] = await db
    .insert(organizations)
    .values({ name: "Quiet Clinic", slug: "quiet-clinic" })
    .returning();
  const email = "manager@quiet.example.com";
  const [user] = await db
    .insert(users)
    .values({ email, name: "Quinn Quiet", passwordHash: await hashPassword(DEMO_PASSWORD) })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, orgId: org!.id, role: "manager" });
  return email;
}

/** The rows of the recent-calls table, in page order. */
function callRows(html: string): Array<{ id: string; html: string; cells: string[] }> {
  const table = /<table[^>]*data-testid="team-calls"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr[^>]*data-attempt="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
    id: m[1]!,
    html: m[2]!,
    cells: [...m[2]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)),
  }));
}

/** The people table: name → [calls, best] as shown. */
function peopleStats(html: string): Record<string, { calls: string; best: string }> {
  const table = /<table[^>]*data-testid="people"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  const out: Record<string, { calls: string; best: string }> = {};
  for (const m of table.matchAll(/<tr[^>]*data-person="[^"]+"[^>]*>([\s\S]*?)<\/tr>/g)) {
    const name = textOf(/<th[^>]*>([\s\S]*?)<\/th>/.exec(m[1]!)![1]!);
    const calls = textOf(/data-testid="person-calls"[^>]*>([\s\S]*?)<\/td>/.exec(m[1]!)![1]!);
    const best = textOf(/data-testid="person-best"[^>]*>([\s\S]*?)<\/td>/.exec(m[1]!)![1]!);
    out[name] = { calls, best };
  }
  return out;
}

describe.each(testDatabases())("the manager's team page on $name", ({ kind }) => {
  let prepared: PreparedServer & { data: Data };
  let base: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    prepared = await serveFilledDatabase(kind, async (db): Promise<Data> => {
      const world = await createWorld(db);
      const t0 = Date.UTC(2026, 9, 1, 9, 0);
      const day = 86_400_000;
      const bareIds: string[] = [];
      const { id: versionId } = await latestVersion(db, "lost-cap");
      for (let i = 0; i < BARE_CALLS; i++) {
        const [a] = await db
          .insert(attempts)
          .values({
            userId: world.users.trainer,
            orgId: world.demoOrgId,
            scenarioVersionId: versionId,
            locale: "en",
            engine: "scripted",
            status: "ended",
            machineVersion: 1,
            outcome: "unresolved",
            startedAt: new Date(t0 - (i + 1) * day),
            endedAt: new Date(t0 - (i + 1) * day + 60_000),
          })
          .returning();
        bareIds.push(a!.id);
      }
      const failing = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "lost-cap",
        locale: "en",
        lines: playLines("lost-cap", "en", "curt"),
        startedAt: new Date(t0),
      });
      const passing = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "lost-cap",
        locale: "en",
        lines: playLines("lost-cap", "en", "thoughtful"),
        startedAt: new Date(t0 + day),
      });
      const french = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "smile-25k",
        locale: "fr",
        lines: playLines("smile-25k", "fr", "thoughtful"),
        startedAt: new Date(t0 + 2 * day),
      });
      // Rescored later (a second judge): the newest scorecard is the one shown.
      const rescoredOverall = 3;
      await issueScorecard(db, {
        attemptId: french.attemptId,
        n: 2,
        judge: "heuristic",
        empathy: 0,
        resolution: 10,
        anticipation: 0,
        overall: rescoredOverall,
        passed: false,
        checkpoints: french.card.checkpoints,
        penalties: french.card.penalties,
        feedback: { passMark: 70 },
      });
      const certification = await playAndStore(db, {
        userId: world.users.trainee2,
        orgId: world.demoOrgId,
        slug: "angry-caller",
        locale: "en",
        lines: playLines("angry-caller", "en", "thoughtful"),
        startedAt: new Date(t0 + 3 * day),
      });
      await db
        .update(attempts)
        .set({ mode: "certification" })
        .where(eq(attempts.id, certification.attemptId));
      const liveId = await storeLiveCall(db, {
        userId: world.users.trainee2,
        orgId: world.demoOrgId,
        slug: "lost-cap",
        locale: "en",
      });
      await db
        .update(attempts)
        .set({ startedAt: new Date(t0 + 4 * day) })
        .where(eq(attempts.id, liveId));
      const otherOrgCall = await playAndStore(db, {
        userId: world.users.otherTrainee,
        orgId: world.otherOrgId,
        slug: "lost-cap",
        locale: "en",
        lines: playLines("lost-cap", "en", "thoughtful"),
        startedAt: new Date(t0 + 5 * day),
      });
      const titles = {
        "lost-cap": (await latestVersion(db, "lost-cap")).scenario.title,
        "smile-25k": (await latestVersion(db, "smile-25k")).scenario.title,
        "angry-caller": (await latestVersion(db, "angry-caller")).scenario.title,
      };
      const quietManagerEmail = await addQuietOrganisation(db);
      return {
        world,
        failing,
        passing,
        french,
        certification,
        liveId,
        otherOrgCall,
        bareIds,
        titles,
        quietManagerEmail,
        rescoredOverall,
      };
    });
    base = prepared.server.baseUrl;
    const { world, quietManagerEmail } = prepared.data;
    for (const who of ["manager", "trainer", "otherManager"] as const)
      cookies[who] = await login(base, world.emails[who]);
    cookies.quietManager = await login(base, quietManagerEmail);
  }, 180_000);
  afterAll(async () => {
    await prepared?.close();
  });

  const page = async (who: string, path = "/team", language = "en") => {
    const res = await get(base + path, { cookie: cookies[who], headers: { "Accept-Language": language } });
    return { status: res.status, html: await res.text() };
  };

  it("lists the organisation's newest 50 calls, newest first, each with trainee, scenario, date, mode, outcome, score and result", async () => {
    const d = prepared.data;
    const { status, html } = await page("manager");
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("Recent calls");
    const rows = callRows(html);
    expect(rows).toHaveLength(50);
    const expectedOrder = [
      d.liveId,
      d.certification.attemptId,
      d.french.attemptId,
      d.passing.attemptId,
      d.failing.attemptId,
      ...d.bareIds.slice(0, 45),
    ];
    expect(rows.map((r) => r.id)).toEqual(expectedOrder);
    // The three oldest calls of the organisation are beyond the cap.
    for (const id of d.bareIds.slice(45)) expect(html).not.toContain(id);

    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    const at = (iso: Date | number) => formatDateTime(new Date(iso).toISOString(), "en");
    const t0 = Date.UTC(2026, 9, 1, 9, 0);
    const score = (c: StoredCall) => `${Math.round(c.card.scores.overall)}/100`;
    expect(d.passing.card.passed).toBe(true);
    expect(d.failing.card.passed).toBe(false);
    // [date, trainee, scenario, mode, outcome, score, result, link]
    expect(byId[d.passing.attemptId]!.cells).toEqual([
      at(t0 + 86_400_000),
      "Tara Trainee",
      d.titles["lost-cap"].en,
      "Practice",
      "Resolved",
      score(d.passing),
      "✓ Passed",
      "Open report",
    ]);
    expect(byId[d.failing.attemptId]!.cells.slice(1, 7)).toEqual([
      "Tara Trainee",
      d.titles["lost-cap"].en,
      "Practice",
      expect.any(String),
      score(d.failing),
      "✗ Not passed",
    ]);
    // A French call is titled in the UI language; its newest scorecard counts.
    expect(byId[d.french.attemptId]!.cells.slice(2, 7)).toEqual([
      d.titles["smile-25k"].en,
      "Practice",
      expect.any(String),
      `${d.rescoredOverall}/100`,
      "✗ Not passed",
    ]);
    expect(byId[d.certification.attemptId]!.cells.slice(1, 4)).toEqual([
      "Sam Second",
      d.titles["angry-caller"].en,
      "Certification",
    ]);
    expect(byId[d.liveId]!.cells.slice(1, 7)).toEqual([
      "Sam Second",
      d.titles["lost-cap"].en,
      "Practice",
      "In progress",
      "— Not scored",
      "— Not scored",
    ]);
    expect(byId[d.bareIds[0]!]!.cells.slice(1, 7)).toEqual([
      "Théo Trainer",
      d.titles["lost-cap"].en,
      "Practice",
      "Not resolved",
      "— Not scored",
      "Not scored",
    ]);
    // Each link names the call for a screen reader.
    expect(decode(byId[d.passing.attemptId]!.html)).toContain(
      `aria-label="Open report: Tara Trainee, ${d.titles["lost-cap"].en}, ${at(t0 + 86_400_000)}"`,
    );
  });

  it("links every listed call to a report the manager can open read-only", async () => {
    const rows = callRows((await page("manager")).html);
    const hrefs = rows.map((r) => /<a[^>]*href="([^"]+)"/.exec(r.html)?.[1]);
    expect(hrefs).toEqual(rows.map((r) => `/calls/${r.id}/report`));
    // Open a passed call, a failed one and the live one: each is the manager's to read, not to change.
    const d = prepared.data;
    for (const id of [d.passing.attemptId, d.failing.attemptId, d.liveId]) {
      const { status, html } = await page("manager", `/calls/${id}/report`);
      expect(status, id).toBe(200);
      expect(textOf(html)).toMatch(/You are reading .+'s call\. Its words and scores stay as they were/);
      expect(textOf(html)).not.toContain("Try again");
    }
  });

  it("counts each person's calls and shows their best overall score", async () => {
    const d = prepared.data;
    const stats = peopleStats((await page("manager")).html);
    const best = Math.max(
      Math.round(d.passing.card.scores.overall),
      Math.round(d.failing.card.scores.overall),
      d.rescoredOverall,
    );
    expect(stats["Tara Trainee"]).toEqual({ calls: "3", best: `${best}/100` });
    expect(stats["Sam Second"]).toEqual({
      calls: "2",
      best: `${Math.round(d.certification.card.scores.overall)}/100`,
    });
    expect(stats["Théo Trainer"]).toEqual({ calls: String(BARE_CALLS), best: "— no scored call yet" });
    expect(stats["Maya Manager"]).toEqual({ calls: "0", best: "— no scored call yet" });
    // Only the organisation's people.
    expect(Object.keys(stats)).not.toContain("Olga Other");
  });

  it("never shows another organisation's calls or people, and shows each manager only their own", async () => {
    const d = prepared.data;
    const demo = await page("manager");
    expect(demo.html).not.toContain(d.otherOrgCall.attemptId);
    expect(textOf(demo.html)).not.toContain("Olga Other");

    const other = await page("otherManager");
    expect(other.status).toBe(200);
    const rows = callRows(other.html);
    expect(rows.map((r) => r.id)).toEqual([d.otherOrgCall.attemptId]);
    expect(rows[0]!.cells[1]).toBe("Olga Other");
    for (const id of [d.passing.attemptId, d.liveId, d.bareIds[0]!]) expect(other.html).not.toContain(id);
    expect(peopleStats(other.html)["Olga Other"]).toEqual({
      calls: "1",
      best: `${Math.round(d.otherOrgCall.card.scores.overall)}/100`,
    });
    expect((await page("otherManager", `/calls/${d.otherOrgCall.attemptId}/report`)).status).toBe(200);
    expect((await page("otherManager", `/calls/${d.passing.attemptId}/report`)).status).toBe(404);
  });

  it("says so when nobody in the organisation has taken a call yet", async () => {
    const { status, html } = await page("quietManager");
    expect(status).toBe(200);
    expect(callRows(html)).toEqual([]);
    expect(html).not.toContain('data-testid="team-calls"');
    expect(textOf(html)).toContain(
      "Nobody has taken a call in Quiet Clinic yet. Calls appear here as soon as a trainee starts one.",
    );
    expect(peopleStats(html)["Quinn Quiet"]).toEqual({ calls: "0", best: "— no scored call yet" });
    const fr = textOf((await page("quietManager", "/team", "fr")).html);
    expect(fr).toContain("Appels récents");
    expect(fr).toContain("Personne n'a encore pris d'appel dans Quiet Clinic.");
  });

  it("shows the list in French, scenario titles included, for a manager reading in French", async () => {
    const d = prepared.data;
    const { html } = await page("manager", "/team", "fr");
    const text = textOf(html);
    for (const s of ["Appels récents", "Personnes", "Apprenant·e", "Meilleur score", "Ouvrir le bilan"])
      expect(text).toContain(s);
    const rows = Object.fromEntries(callRows(html).map((r) => [r.id, r.cells]));
    expect(rows[d.passing.attemptId]!.slice(0, 7)).toEqual([
      formatDateTime(new Date(Date.UTC(2026, 9, 2, 9, 0)).toISOString(), "fr"),
      "Tara Trainee",
      d.titles["lost-cap"].fr,
      "Pratique",
      "Résolu",
      `${Math.round(d.passing.card.scores.overall)}/100`,
      "✓ Réussi",
    ]);
    expect(rows[d.certification.attemptId]![3]).toBe("Certification");
    expect(rows[d.liveId]![4]).toBe("En cours");
  });

  it("pages through the organisation's calls with an Older calls link, then back to the newest", async () => {
    const d = prepared.data;
    const first = await page("manager");
    const older = /<a[^>]*rel="next"[^>]*href="([^"]+)"[^>]*>|<a[^>]*href="([^"]+)"[^>]*rel="next"[^>]*>/.exec(
      decode(first.html),
    );
    const href = older?.[1] ?? older?.[2];
    expect(href).toMatch(/^\/team\?before=/);
    expect(textOf(first.html)).toContain("Older calls");
    const second = await page("manager", href!);
    expect(second.status).toBe(200);
    // The three oldest calls, and nothing twice.
    expect(callRows(second.html).map((r) => r.id)).toEqual(d.bareIds.slice(45));
    expect(textOf(second.html)).toContain("Newest calls");
    expect(textOf(second.html)).not.toContain("Older calls");
    // A tampered cursor is ignored: the newest calls.
    const bad = await page("manager", "/team?before=not-a-cursor");
    expect(callRows(bad.html)).toHaveLength(50);
  });

  it("finds people by name or email and lists only their calls, in both languages", async () => {
    const d = prepared.data;
    const { status, html } = await page("manager", "/team?q=sam");
    expect(status).toBe(200);
    expect(Object.keys(peopleStats(html))).toEqual(["Sam Second"]);
    expect(callRows(html).map((r) => r.id)).toEqual([d.liveId, d.certification.attemptId]);
    expect(textOf(html)).toContain("Page 1 of 1 · 1 person found for “sam”");
    expect(decode(html)).toContain('value="sam"');
    const nobody = textOf((await page("manager", "/team?q=zz%25top")).html);
    expect(nobody).toContain("Nobody in Demo Front Desk matches “zz%top”.");
    expect(nobody).toContain("No call by anyone matching “zz%top”.");
    const fr = textOf((await page("manager", "/team?q=MANAGER%40EXAMPLE", "fr")).html);
    expect(fr).toContain("Page 1 sur 1 · 1 personne trouvée pour « MANAGER@EXAMPLE »");
    // Another organisation's people are never found.
    expect(Object.keys(peopleStats((await page("manager", "/team?q=olga")).html))).toEqual([]);
  });

  it("still refuses the team page to a trainer, who opens calls from their links only", async () => {
    const { status, html } = await page("trainer");
    expect(status).toBe(403);
    expect(html).toContain("Not allowed");
  });
});
