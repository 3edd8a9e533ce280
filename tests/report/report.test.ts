/**
 * The scorecard (/calls/:id/report), the history (/train/history) and who may read an
 * attempt — through the real built app, on PGlite and (with TEST_DATABASE_URL) on Postgres.
 * The past calls are played for real (session + call-runner + scoreCall) and stored first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueScorecard } from "../../app/progress/scorecards.server";
import { get, login, postForm, testDatabases } from "../helpers";
import { createWorld, playAndStore, playLines, storeLiveCall, type StoredCall, type World } from "./fixtures";
import { decode, elementById, marksIn, serveFilledDatabase, textOf, type PreparedServer } from "./support";

interface Data {
  world: World;
  passing: StoredCall;
  failing: StoredCall;
  french: StoredCall;
  otherOrgCall: StoredCall;
  missed: StoredCall;
  liveId: string;
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe.each(testDatabases())("reading past calls on $name", ({ kind }) => {
  let prepared: PreparedServer & { data: Data };
  let base: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    prepared = await serveFilledDatabase(kind, async (db) => {
      const world = await createWorld(db);
      const t0 = Date.UTC(2026, 9, 1, 9, 0);
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
        startedAt: new Date(t0 + 86_400_000),
      });
      const french = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "smile-25k",
        locale: "fr",
        lines: playLines("smile-25k", "fr", "thoughtful"),
        startedAt: new Date(t0 + 2 * 86_400_000),
      });
      const otherOrgCall = await playAndStore(db, {
        userId: world.users.otherTrainee,
        orgId: world.otherOrgId,
        slug: "lost-cap",
        locale: "en",
        lines: playLines("lost-cap", "en", "thoughtful"),
      });
      const missed = await playAndStore(db, {
        userId: world.users.trainer,
        orgId: world.demoOrgId,
        slug: "angry-caller",
        locale: "en",
        lines: [],
        missed: true,
      });
      // Scored again later (the LLM judge timed out, the heuristic one decided): the newest card shows.
      await issueScorecard(db, {
        attemptId: missed.attemptId,
        n: 2,
        judge: "heuristic",
        empathy: 0,
        resolution: 20,
        anticipation: 0,
        overall: 7,
        passed: false,
        checkpoints: missed.card.checkpoints,
        penalties: missed.card.penalties,
        feedback: { passMark: 70, judgeFallbackReason: "the judge model timed out after 20 s" },
      });
      const liveId = await storeLiveCall(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "lost-cap",
        locale: "en",
      });
      return { world, passing, failing, french, otherOrgCall, missed, liveId };
    });
    base = prepared.server.baseUrl;
    for (const [who, email] of Object.entries(prepared.data.world.emails))
      cookies[who] = await login(base, email);
  });
  afterAll(async () => {
    await prepared?.close();
  });

  const report = (id: string) => `${base}/calls/${id}/report`;
  const page = async (id: string, who: string, headers: Record<string, string> = {}) => {
    const res = await get(report(id), {
      cookie: cookies[who],
      headers: { "Accept-Language": "en", ...headers },
    });
    return { status: res.status, html: await res.text() };
  };

  it("shows the trainee a passing scorecard: overall score, Passed, and the three dimensions with their stored scores", async () => {
    const { passing } = prepared.data;
    expect(passing.card.passed).toBe(true);
    const { status, html } = await page(passing.attemptId, "trainee");
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("Scorecard");
    expect(text).toContain("The forgotten cap");
    expect(text).toContain("Passed");
    expect(text).not.toContain("Not passed");
    expect(
      textOf(html.match(/data-testid="overall-score"[^>]*>([\s\S]*?)<\/p>/)![1]!).replace(/\s+/g, ""),
    ).toBe(`${Math.round(passing.card.scores.overall)}/100`);
    for (const [d, heading] of [
      ["empathy", "Empathy"],
      ["resolution", "Resolution"],
      ["anticipation", "Anticipation"],
    ] as const) {
      expect(html).toMatch(new RegExp(`<h2 id="dimension-${d}"[^>]*>${heading}</h2>`));
      expect(textOf(elementById(html, `dimension-${d}`) ?? "")).toBe(heading);
      expect(html).toContain(`data-testid="score-${d}">${Math.round(passing.card.scores[d])}/100<`);
    }
    expect(html).toMatch(/<svg role="img" aria-labelledby="[^"]+"[^>]*>/);
    expect(text).toContain("Scores by dimension");
    expect(text).toContain("Scored by the built-in judge");
    // The pass rule as the judge applied it: anticipation's floor is its lightest checkpoint's share (decision 085).
    expect(text).toMatch(/To pass: reach the goal, 60 overall, at least 50 in empathy and in resolution, and (\d+) in anticipation\./);
    expect(Number(/and (\d+) in anticipation/.exec(text)![1])).toBeLessThan(50);
  });

  it("links every hit to its turn and marks the exact quoted words inside that turn", async () => {
    const { passing } = prepared.data;
    const { html } = await page(passing.attemptId, "trainee");
    const hits = passing.card.checkpoints.filter((c) => c.hit && c.quote && c.turn !== undefined);
    expect(hits.length).toBeGreaterThan(2);
    const traineeSeqs = passing.turnTexts.filter((t) => t.speaker === "trainee").map((t) => t.seq);
    for (const c of hits) {
      const seq = traineeSeqs[c.turn!]!;
      const item = /<li[^>]*data-checkpoint="([^"]+)"[^>]*data-hit="true"[^>]*>([\s\S]*?)<\/li>/g;
      const block = [...html.matchAll(item)].find((m) => m[1] === c.id)?.[2];
      expect(block, c.id).toBeDefined();
      expect(block).toContain(`href="#turn-${seq}"`);
      expect(squash(textOf(block!))).toContain(squash(c.quote!));
      const turn = elementById(html, `turn-${seq}`);
      expect(turn, `turn-${seq}`).not.toBeNull();
      const marks = marksIn(turn!).map(squash);
      expect(
        marks.some((m) => m.includes(squash(c.quote!))),
        `${c.id}: "${c.quote}" in ${JSON.stringify(marks)}`,
      ).toBe(true);
    }
  });

  it("shows the coaching tip of every missed checkpoint, and a failing call as Not passed with its penalties", async () => {
    const { failing } = prepared.data;
    expect(failing.card.passed).toBe(false);
    const { html } = await page(failing.attemptId, "trainee");
    const text = textOf(html);
    expect(text).toContain("Not passed");
    const misses = failing.card.checkpoints.filter((c) => !c.hit);
    expect(misses.length).toBeGreaterThan(0);
    for (const c of misses) {
      const block = [
        ...html.matchAll(/<li[^>]*data-checkpoint="([^"]+)"[^>]*data-hit="false"[^>]*>([\s\S]*?)<\/li>/g),
      ].find((m) => m[1] === c.id)?.[2];
      expect(block, c.id).toBeDefined();
      expect(textOf(block!)).toContain("Missed");
      expect(squash(textOf(block!))).toContain(`Tip: ${squash(c.tip!)}`);
    }
    expect(failing.card.penalties.length).toBeGreaterThan(0);
    const penalties =
      textOf(elementById(html, "penalties") ?? "") + textOf(html.split('id="penalties"')[1] ?? "");
    for (const p of failing.card.penalties) expect(penalties).toContain(p.description);
  });

  it("shows the customer's mood after each turn and marks where the call turned worse", async () => {
    const { failing, passing } = prepared.data;
    const bad = await page(failing.attemptId, "trainee");
    expect(textOf(bad.html)).toContain("How the call went");
    expect(bad.html).toContain('data-turned="worse"');
    expect(textOf(bad.html)).toContain("Moment of truth: it turned worse");
    expect(textOf(bad.html)).toMatch(/Mood after: (annoyed|angry)/);
    const good = await page(passing.attemptId, "trainee");
    expect(good.html).not.toContain('data-turned="worse"');
    expect(textOf(good.html)).toContain("Mood after: calm");
    // The chart's axis counts turns as the transcript does (the turn after which each point is), not points 1, 2, 3.
    const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(good.html.slice(good.html.indexOf("How the call went")))![0];
    const turns = [...decode(svg).matchAll(/After turn (\d+)/g)].map((m) => m[1]);
    const ticks = [...svg.matchAll(/<text[^>]*data-tick=""[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(turns.length).toBeGreaterThan(2);
    expect(ticks).toEqual(["0", ...turns]);
    expect(Number(turns[1])).toBeGreaterThan(2);
  });

  it("speaks French to a French reader: Empathie, Résolution, Anticipation, Réessayer, and the call's words untouched", async () => {
    const { french } = prepared.data;
    const { status, html } = await page(french.attemptId, "trainee", { "Accept-Language": "fr" });
    expect(status).toBe(200);
    const text = textOf(html);
    expect(html).toMatch(/<html lang="fr"/);
    expect(text).toContain("Bilan de l'appel");
    for (const h of ["Empathie", "Résolution", "Anticipation"])
      expect(html).toMatch(new RegExp(`>${h}</h2>`));
    expect(text).toContain("Réessayer");
    expect(text).toContain(french.card.passed ? "Réussi" : "Non réussi");
    const firstTrainee = french.turnTexts.find((t) => t.speaker === "trainee")!;
    const turn = elementById(html, `turn-${firstTrainee.seq}`)!.replace(
      /<span class="sr-only"[\s\S]*?<\/span>/g,
      "",
    );
    expect(squash(decode(turn.replace(/<[^>]+>/g, "")))).toContain(squash(firstTrainee.text));
  });

  it("shows a French call to an English reader with the rubric and penalties in English and the call's words as said", async () => {
    const { french, failing } = prepared.data;
    const { html } = await page(french.attemptId, "trainee");
    const text = textOf(html);
    expect(text).toContain("This call was in French: the words below are as they were said.");
    expect(text).toContain("Opened with a warm greeting");
    expect(html).toMatch(/<ol[^>]*lang="fr"/);
    // The curt English call read in French: penalties in French.
    const fr = textOf((await page(failing.attemptId, "trainee", { "Accept-Language": "fr" })).html);
    expect(fr).toContain("Cet appel était en anglais");
    expect(fr).toContain("A balayé sa demande");
    expect(fr).not.toContain("Dismissed her request");
  });

  it("lets a trainer, a manager and an admin of the organisation read the call, read-only (no Try again)", async () => {
    const { passing } = prepared.data;
    for (const who of ["trainer", "manager", "admin"]) {
      const { status, html } = await page(passing.attemptId, who);
      expect(status, who).toBe(200);
      const text = textOf(html);
      expect(text, who).toContain("You are reading Tara Trainee's call. Its words and scores stay as they were");
      expect(text, who).not.toContain("Try again");
      expect(html, who).toContain('id="transcript"');
    }
    const post = await postForm(
      report(passing.attemptId),
      { intent: "try-again" },
      { cookie: cookies.manager },
    );
    expect(post.status).toBe(403);
  });

  it("hides another trainee's call, and every call of another organisation, behind a 404", async () => {
    const { passing, otherOrgCall } = prepared.data;
    for (const who of ["trainee2", "otherTrainee", "otherManager"]) {
      const { status, html } = await page(passing.attemptId, who);
      expect(status, who).toBe(404);
      expect(html).toContain("Page not found");
      expect(html).not.toContain("The forgotten cap");
    }
    for (const who of ["trainee", "trainer", "manager", "admin"]) {
      expect((await page(otherOrgCall.attemptId, who)).status, who).toBe(404);
    }
    expect((await page(otherOrgCall.attemptId, "otherManager")).status).toBe(200);
    expect((await page("00000000-0000-4000-8000-000000000000", "trainee")).status).toBe(404);
    expect((await page("../../etc/passwd", "trainee")).status).toBe(404);
    const post = await postForm(
      report(passing.attemptId),
      { intent: "try-again" },
      { cookie: cookies.otherManager },
    );
    expect(post.status).toBe(404);
  });

  it("sends a logged-out visitor to the login page and back", async () => {
    const res = await get(report(prepared.data.passing.attemptId));
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get("location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/calls/${prepared.data.passing.attemptId}/report`)}`,
    );
  });

  it("says a call still in progress is in progress and offers to continue it", async () => {
    const { status, html } = await page(prepared.data.liveId, "trainee");
    expect(status).toBe(200);
    expect(textOf(html)).toContain("This call is still in progress.");
    expect(html).toContain(`href="/calls/${prepared.data.liveId}"`);
    expect(textOf(html)).not.toContain("Try again");
  });

  it("shows a phone call nobody answered as Not answered, with nothing said, and its newest scorecard with the judge that decided", async () => {
    const { missed } = prepared.data;
    expect(missed.card.outcome).toBe("not_answered");
    const { status, html } = await page(missed.attemptId, "trainer");
    expect(status).toBe(200);
    const text = textOf(html);
    expect(text).toContain("Outcome: Not answered");
    expect(html).toMatch(/data-testid="overall-score"[^>]*>7</);
    expect(text).toContain("Scorecard 2 of 2: the call was scored again; earlier scorecards are kept.");
    expect(text).toContain(
      "The AI judge could not be used (the judge model timed out after 20 s); the built-in judge decided.",
    );
    expect(text).toContain("Nothing was said in this call.");
    expect(text).toContain("Not passed");
    expect(text).toContain("Try again");
    expect(html).not.toContain('data-turned="worse"');
  });

  it("keeps the history in the practice area: a manager, who does not practise, is not allowed there", async () => {
    const res = await get(`${base}/train/history`, {
      cookie: cookies.manager,
      headers: { "Accept-Language": "en" },
    });
    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain("Not allowed");
  });

  it("lists every call of the trainee, newest first, with date, scenario, outcome and scores, each opening its report", async () => {
    const { passing, failing, french, liveId, otherOrgCall } = prepared.data;
    const res = await get(`${base}/train/history`, {
      cookie: cookies.trainee,
      headers: { "Accept-Language": "en" },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const rows = [...html.matchAll(/<tr[^>]*data-attempt="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
      id: m[1]!,
      text: textOf(m[2]!),
      html: m[2]!,
    }));
    expect(rows.map((r) => r.id)).toEqual([liveId, french.attemptId, passing.attemptId, failing.attemptId]);
    expect(rows.map((r) => r.id)).not.toContain(otherOrgCall.attemptId);
    const row = rows.find((r) => r.id === passing.attemptId)!;
    expect(row.text).toContain("The forgotten cap");
    expect(row.text).toContain("Passed");
    expect(row.text).toContain(String(Math.round(passing.card.scores.overall)));
    expect(row.html).toContain(`href="/calls/${passing.attemptId}/report"`);
    expect(row.html).toMatch(/datetime="2026-10-02T09:00:00.000Z"/i);
    expect(rows.find((r) => r.id === failing.attemptId)!.text).toContain("Not passed");
    expect(rows.find((r) => r.id === liveId)!.text).toContain("In progress");
    expect(textOf(html)).toContain("Progress");
    expect(html).toContain("Scores per dimension over your calls");
    expect(textOf(html)).toContain("3 scored calls");
  });

  it("shows an empty history to a trainee who has not taken a call, in French too", async () => {
    const en = await (
      await get(`${base}/train/history`, { cookie: cookies.trainee2, headers: { "Accept-Language": "en" } })
    ).text();
    expect(textOf(en)).toContain("You have not taken a call yet.");
    expect(en).not.toContain("data-attempt=");
    const fr = await (
      await get(`${base}/train/history`, { cookie: cookies.trainee2, headers: { "Accept-Language": "fr" } })
    ).text();
    expect(textOf(fr)).toContain("Vous n'avez pas encore pris d'appel.");
  });

  it("starts a fresh attempt of the same scenario version on Try again, for the trainee who made the call", async () => {
    const { passing } = prepared.data;
    const res = await postForm(
      report(passing.attemptId),
      { intent: "try-again" },
      { cookie: cookies.trainee },
    );
    expect([302, 303]).toContain(res.status);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/calls\/[0-9a-f-]{36}$/);
    const newId = location.split("/").pop()!;
    expect(newId).not.toBe(passing.attemptId);
    const history = decode(await (await get(`${base}/train/history`, { cookie: cookies.trainee })).text());
    expect(history).toContain(`data-attempt="${newId}"`);
  });
});
