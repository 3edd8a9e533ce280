/**
 * What the manager's pages say, in the reader's language whatever the language of the calls
 * (through the real built app, on PGlite and, with TEST_DATABASE_URL, Postgres): "What to coach
 * next" on /team and on a person's page, and "What to practise next" on /train/history, name each
 * checkpoint in the reader's language and its scenario by its title (never its id); "Progress per
 * dimension" titles its scenarios; the calls CSV has the title and the id; the team page does not
 * tell a manager, who may change a result, that they cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rubricFor } from "../../machines/scoring/rubric";
import type { LocalizedText, Scenario } from "../../scenarios/schema";
import { get, login, testDatabases } from "../helpers";
import { createWorld, latestVersion, playAndStore, playLines, type StoredCall, type World } from "../report/fixtures";
import { decode, serveFilledDatabase, textOf, type PreparedServer } from "../report/support";

type Slug = "angry-caller" | "lost-cap" | "smile-25k";
const SLUGS: Slug[] = ["angry-caller", "lost-cap", "smile-25k"];

interface Data {
  world: World;
  /** Each scenario's title and its checkpoints' descriptions, by id. */
  scenarios: Record<Slug, { title: LocalizedText; checkpoints: Record<string, LocalizedText> }>;
  /** Tara's call played in English, and her call played in French. */
  english: StoredCall;
  french: StoredCall;
}

/** The checkpoints a call of `scenario` is scored against (its own and the defaults it inherits). */
function rubricOf(scenario: Scenario): Record<string, LocalizedText> {
  return Object.fromEntries(rubricFor(scenario).map((c) => [c.id, c.description]));
}

/** The entries of the first "missed" list of a page: checkpoint id and visible text. */
function missedEntries(html: string): Array<{ id: string; text: string; html: string }> {
  const list = /<ol[^>]*data-testid="missed"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li[^>]*data-checkpoint="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
    id: m[1]!,
    text: textOf(m[2]!),
    html: decode(m[2]!),
  }));
}

describe.each(testDatabases())("the manager's pages in the reader's language on $name", ({ kind }) => {
  let prepared: PreparedServer & { data: Data };
  let base: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    prepared = await serveFilledDatabase(kind, async (db): Promise<Data> => {
      const world = await createWorld(db);
      const t0 = Date.UTC(2026, 0, 1, 9, 0);
      const scenarios = {} as Data["scenarios"];
      for (const slug of SLUGS) {
        const { scenario } = await latestVersion(db, slug);
        scenarios[slug] = { title: scenario.title, checkpoints: rubricOf(scenario) };
      }
      // Curt calls miss checkpoints: one played in English, one in French, by the same trainee.
      const english = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "angry-caller",
        locale: "en",
        lines: playLines("angry-caller", "en", "curt"),
        startedAt: new Date(t0),
      });
      const french = await playAndStore(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "lost-cap",
        locale: "fr",
        lines: playLines("lost-cap", "fr", "curt"),
        startedAt: new Date(t0 + 3_600_000),
      });
      return { world, scenarios, english, french };
    });
    base = prepared.server.baseUrl;
    for (const who of ["manager", "trainee"] as const) cookies[who] = await login(base, prepared.data.world.emails[who]);
  }, 180_000);
  afterAll(async () => {
    await prepared?.close();
  });

  const page = async (who: string, path: string, language: "en" | "fr") => {
    const res = await get(base + path, { cookie: cookies[who], headers: { "Accept-Language": language } });
    return { status: res.status, html: await res.text() };
  };

  /** Every entry names its checkpoint and its scenario in `language` only, never the scenario's id. */
  function expectInLanguage(entries: ReturnType<typeof missedEntries>, language: "en" | "fr") {
    const other = language === "en" ? "fr" : "en";
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      const slug = SLUGS.find((s) => prepared.data.scenarios[s].checkpoints[e.id] && e.text.includes(prepared.data.scenarios[s].title[language]));
      expect(slug, `${e.id} titled in ${language}: ${e.text}`).toBeDefined();
      const { title, checkpoints } = prepared.data.scenarios[slug!];
      expect(e.text).toContain(checkpoints[e.id]![language]);
      expect(e.text).not.toContain(`(${slug} `);
      if (checkpoints[e.id]![other] !== checkpoints[e.id]![language]) expect(e.text).not.toContain(checkpoints[e.id]![other]);
      if (title[other] !== title[language]) expect(e.text).not.toContain(title[other]);
      // The example links (who took the call and when) describe it with the checkpoint in the same language.
      const labels = [...e.html.matchAll(/title="([^"]*)"/g)].map((m) => m[1]!);
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label).toContain(checkpoints[e.id]![language]);
    }
  }

  it("says what to coach next on /team in the manager's language, whatever language the calls were played in", async () => {
    const missedEnglish = new Set(prepared.data.english.card.checkpoints.filter((c) => !c.hit).map((c) => c.id));
    const missedFrench = new Set(prepared.data.french.card.checkpoints.filter((c) => !c.hit).map((c) => c.id));
    expect(missedEnglish.size).toBeGreaterThan(0);
    expect(missedFrench.size).toBeGreaterThan(0);
    for (const language of ["fr", "en"] as const) {
      const { status, html } = await page("manager", "/team", language);
      expect(status).toBe(200);
      const entries = missedEntries(html);
      // Both calls are among the entries: a list of one language's calls would prove nothing.
      expect(entries.some((e) => missedEnglish.has(e.id))).toBe(true);
      expect(entries.some((e) => missedFrench.has(e.id))).toBe(true);
      expectInLanguage(entries, language);
      // Each example call says whose it is and when (not "Example call 1").
      for (const e of entries) {
        expect(e.text).not.toMatch(/Example call|Appel exemple/);
        expect(e.text).toMatch(/Tara Trainee, /);
      }
    }
  });

  it("titles the scenarios of a person's progress per dimension and says what to coach next in the manager's language", async () => {
    const { scenarios, world } = prepared.data;
    for (const language of ["fr", "en"] as const) {
      const { status, html } = await page("manager", `/team/people/${world.users.trainee}`, language);
      expect(status).toBe(200);
      // The first table of the section (the progress chart's own table lists weeks).
      const section = /<section aria-labelledby="p-dims"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
      const dims = /<table[\s\S]*?<\/table>/.exec(section)?.[0] ?? "";
      const rows = [...dims.matchAll(/<tr[^>]*>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]!));
      // By title, in the reader's alphabetical order.
      const titles = [scenarios["angry-caller"].title[language], scenarios["lost-cap"].title[language]];
      expect(rows).toEqual(titles.sort((a, b) => a.localeCompare(b, language)));
      expectInLanguage(missedEntries(html), language);
    }
  });

  it("tells the trainee what to practise next in their language on /train/history", async () => {
    for (const language of ["fr", "en"] as const) {
      const { status, html } = await page("trainee", "/train/history", language);
      expect(status).toBe(200);
      expectInLanguage(missedEntries(html), language);
    }
  });

  it("gives each call's scenario title in the reader's language and its id in the calls CSV", async () => {
    const { scenarios, english, french } = prepared.data;
    for (const language of ["en", "fr"] as const) {
      const res = await get(`${base}/team/export/attempts.csv`, { cookie: cookies.manager, headers: { "Accept-Language": language } });
      expect(res.status).toBe(200);
      const lines = (await res.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
      expect(lines[0]).toContain(language === "en" ? ",Scenario,Scenario id," : ",Scénario,Identifiant du scénario,");
      // (These two titles hold no comma: a plain split reads their cells.)
      const line = (id: string) => lines.find((l) => l.endsWith(`,${id}`))!.split(",");
      expect(line(english.attemptId).slice(3, 5)).toEqual([scenarios["angry-caller"].title[language], "angry-caller"]);
      expect(line(french.attemptId).slice(3, 5)).toEqual([scenarios["lost-cap"].title[language], "lost-cap"]);
    }
  });

  it("dates the calls as each language writes them: '1er janv.' in French, 'Jan 1' in English", async () => {
    const call = (html: string, id: string) => textOf(new RegExp(`<tr[^>]*data-attempt="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]!);
    const { english, world } = prepared.data;
    // Served in UTC (the browser then says it in its own time zone): the call started on 1 January 2026 at 9:00.
    expect(call((await page("manager", "/team", "fr")).html, english.attemptId)).toMatch(/^1er janv\. 2026, 09 h 00 /);
    expect(call((await page("manager", "/team", "en")).html, english.attemptId)).toMatch(/^Jan 1, 2026, 9:00 a\.m\. /);
    const person = (await page("manager", `/team/people/${world.users.trainee}`, "fr")).html;
    expect(call(person, english.attemptId)).toMatch(/^1er janv\. 2026, 09 h 00 /);
  });

  it("tells the manager they may comment on a call or change its result, not that they cannot change it", async () => {
    const en = textOf((await page("manager", "/team", "en")).html);
    expect(en).not.toContain("you cannot change it");
    expect(en).toContain("On someone else's call you can also add a comment or, giving a reason, change its result");
    const fr = textOf((await page("manager", "/team", "fr")).html);
    expect(fr).not.toContain("vous ne pouvez pas le modifier");
    expect(fr).toContain("vous pouvez aussi ajouter un commentaire ou, en donnant une raison, changer son résultat");
  });
});
