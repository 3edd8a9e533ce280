/**
 * "What to coach next" (tester finding, session 13): each item listed three identical links "Tara Trainee, Dec 3,
 * 2026" for three calls of one day. Each example call now says its time and its score, so the links differ, on
 * /team and on the person's page, in English and French. Through the real built app on PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, login } from "../helpers";
import { createWorld, playAndStore, playLines, type World } from "../report/fixtures";
import { serveFilledDatabase, textOf, type PreparedServer } from "../report/support";

/** The example links of every entry of the first "missed" list of a page, by entry. */
function exampleLinks(html: string): string[][] {
  const list = /<ol[^>]*data-testid="missed"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/<li[^>]*data-checkpoint="[^"]+"[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
    [...m[1]!.matchAll(/<a [^>]*href="\/calls\/[^"]+\/report"[^>]*>([\s\S]*?)<\/a>/g)].map((l) => textOf(l[1]!)),
  );
}

describe("the example calls of 'What to coach next'", () => {
  let prepared: PreparedServer & { data: { world: World; scores: number[] } };
  let base: string;
  let manager: string;

  beforeAll(async () => {
    prepared = await serveFilledDatabase("pglite", async (db) => {
      const world = await createWorld(db);
      const scores: number[] = [];
      // Three calls of Tara's on one day, missing the same checkpoints.
      for (const [hour, minute] of [[9, 5], [11, 30], [15, 45]] as const) {
        const call = await playAndStore(db, {
          userId: world.users.trainee,
          orgId: world.demoOrgId,
          slug: "lost-cap",
          locale: "en",
          lines: playLines("lost-cap", "en", "curt"),
          startedAt: new Date(Date.UTC(2026, 2, 3, hour, minute)),
        });
        scores.push(call.card.scores.overall);
      }
      return { world, scores };
    });
    base = prepared.server.baseUrl;
    manager = await login(base, prepared.data.world.emails.manager);
  }, 180_000);
  afterAll(async () => {
    await prepared?.close();
  });

  for (const path of ["/team", "/team/people/:trainee"]) {
    it(`gives each example call its time and score on ${path}, in English and French`, async () => {
      const url = base + path.replace(":trainee", prepared.data.world.users.trainee);
      for (const language of ["en", "fr"] as const) {
        const html = await (await get(url, { cookie: manager, headers: { "Accept-Language": language } })).text();
        const entries = exampleLinks(html);
        expect(entries.length, `${path} ${language}`).toBeGreaterThan(0);
        for (const links of entries) {
          expect(links).toHaveLength(3);
          // Told apart: no two links read the same.
          expect(new Set(links).size, links.join(" | ")).toBe(3);
          links.forEach((link) => {
            expect(link).toMatch(language === "en" ? /Mar 3, 2026, \d{1,2}:\d{2}/ : /3 mars 2026, \d{1,2}\sh\s\d{2}/);
            expect(link).toMatch(/ · \d{1,3}\/100$/);
          });
          expect(links.map((l) => Number(/(\d{1,3})\/100$/.exec(l)![1]))).toEqual([...prepared.data.scores].reverse());
          if (path === "/team") for (const link of links) expect(link).toMatch(/^Tara Trainee, /);
        }
      }
    });
  }
});
