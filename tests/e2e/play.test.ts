/**
 * Whole calls in a real browser as the demo trainee, from the catalog to the scorecard and the
 * history (issue 6, part B): `lost-cap` in English with a thoughtful trainee (passes) and a
 * curt one (fails), the same scenario in French, Try again, and a manager reading the call.
 * Every scorecard hit must lead to the words that earned it. Axe scans with zero violations;
 * screenshots under tests/e2e/screenshots/ (git-ignored, kept as CI artifacts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/constants";
import { ROOT, startTestServer, type TestServer } from "../helpers";
import { endCallOrAwaitScorecard, expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

function lines(name: string): string[] {
  return readFileSync(join(ROOT, "tests", "fixtures", "play", name), "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const CALL_URL = /\/calls\/[0-9a-f-]{36}$/;
const REPORT_URL = /\/calls\/[0-9a-f-]{36}\/report$/;
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("playing a call to its scorecard and finding it in the history", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  const reports: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function pageAs(role: Role, { locale = "en-US" } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({
      locale,
      baseURL: server.baseUrl,
      viewport: { width: 1100, height: 900 },
    });
    const page = await context.newPage();
    await loginAs(page, role, { baseUrl: server.baseUrl });
    return page;
  }

  const customerCount = (page: Page) => page.locator('ol [data-speaker="customer"]').count();

  /** Wait until the customer has said `n` lines, or the call ended on the scorecard. */
  async function waitForTurnOrReport(page: Page, n: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (REPORT_URL.test(page.url())) return;
      const count = await customerCount(page).catch(() => 0);
      if (count >= n) return;
      if (Date.now() > deadline)
        throw new Error(`the customer did not answer (${count}/${n} lines) on ${page.url()}`);
      await page.waitForTimeout(100);
    }
  }

  /** Start `slug` from its briefing, say each line, and end the call if she has not. Returns the report URL. */
  async function playCall(
    page: Page,
    slug: string,
    said: string[],
    ui: { start: string; reply: string; end: string; confirmEnd: string },
  ): Promise<string> {
    await page.goto(`/train/${slug}`);
    await page.getByRole("button", { name: ui.start }).click();
    await page.waitForURL(CALL_URL);
    await waitForTurnOrReport(page, 1);
    for (const [i, line] of said.entries()) {
      if (REPORT_URL.test(page.url())) break;
      const reply = page.getByLabel(ui.reply);
      await reply.fill(line);
      await reply.press("Enter");
      await waitForTurnOrReport(page, i + 2);
    }
    // End call asks once: the dialog's confirm button ends and scores the call (unless she has hung up).
    await endCallOrAwaitScorecard(page, ui.end, ui.confirmEnd);
    // The URL changes before the client-side navigation has replaced the call page: wait for the scorecard itself.
    await page.getByTestId("pass-badge").waitFor();
    return new URL(page.url()).pathname;
  }

  /** Every hit's link goes to a turn that marks the quoted words. */
  async function expectHitsLeadToTheirWords(page: Page): Promise<number> {
    const hits = page.locator('li[data-hit="true"]');
    const n = await hits.count();
    let linked = 0;
    for (let i = 0; i < n; i++) {
      const hit = hits.nth(i);
      const link = hit.locator('a[href^="#turn-"]');
      if ((await link.count()) === 0) continue;
      const quote = squash((await hit.locator("q").textContent()) ?? "");
      expect(quote.length).toBeGreaterThan(0);
      const anchor = (await link.getAttribute("href"))!.slice(1);
      const marks = await page.locator(`[id="${anchor}"] mark`).evaluateAll((els) =>
        els.map((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          copy.querySelectorAll(".sr-only").forEach((s) => s.remove());
          return copy.textContent ?? "";
        }),
      );
      expect(
        marks.map(squash).some((m) => m.includes(quote)),
        `"${quote}" marked in #${anchor}: ${JSON.stringify(marks)}`,
      ).toBe(true);
      linked++;
    }
    return linked;
  }

  it("scores a thoughtful English call on lost-cap as passed, and every hit leads to the words that earned it", async () => {
    const page = await pageAs("trainee");
    const path = await playCall(page, "lost-cap", lines("lost-cap.en.thoughtful.txt"), {
      start: "Start",
      reply: "Your reply",
      end: "End conversation",
      confirmEnd: "End and score",
    });
    reports.pass = path;
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Scorecard");
    expect(await page.getByTestId("pass-badge").textContent()).toBe("✓Passed");
    for (const name of ["Empathy", "Resolution", "Anticipation"]) {
      expect(await page.getByRole("heading", { level: 2, name, exact: true }).count(), name).toBe(1);
    }
    const overall = Number((await page.getByTestId("overall-score").textContent())!.replace("/100", ""));
    expect(overall).toBeGreaterThanOrEqual(70);
    expect(await page.getByRole("img", { name: /Scores by dimension/ }).count()).toBe(1);
    expect(await expectHitsLeadToTheirWords(page)).toBeGreaterThan(3);

    // Following a hit's link with the keyboard lands on that turn, and focus goes with it.
    const link = page.locator('li[data-hit="true"] a[href^="#turn-"]').first();
    const anchor = (await link.getAttribute("href"))!;
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((hash) => location.hash === hash, anchor);
    expect(await page.locator(`${anchor}:target`).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(anchor.slice(1));
    await screenshot(page, "report-pass-en");
    await expectNoAxeViolations(page);
  });

  it("scores a curt English call as not passed, with a coaching tip on every miss and the penalties quoted", async () => {
    const page = await pageAs("trainee");
    const path = await playCall(page, "lost-cap", lines("lost-cap.en.curt.txt"), {
      start: "Start",
      reply: "Your reply",
      end: "End conversation",
      confirmEnd: "End and score",
    });
    reports.fail = path;
    expect(await page.getByTestId("pass-badge").textContent()).toBe("✗Not passed");
    const misses = page.locator('li[data-hit="false"]');
    expect(await misses.count()).toBeGreaterThan(3);
    for (const text of await misses.allTextContents()) expect(text).toMatch(/Missed.+Tip: .{10,}/);
    const penalties = page.locator("li[data-penalty]");
    expect(await penalties.count()).toBeGreaterThan(0);
    expect(await penalties.first().locator("q").textContent()).toBeTruthy();
    expect(await page.locator('[data-turned="worse"]').count()).toBeGreaterThan(0);
    await screenshot(page, "report-fail-en");
    await expectNoAxeViolations(page);
  });

  it("plays lost-cap in French for a French trainee: Empathie, Résolution, Anticipation and Réessayer", async () => {
    const page = await pageAs("trainee", { locale: "fr-FR" });
    const path = await playCall(page, "lost-cap", lines("lost-cap.fr.thoughtful.txt"), {
      start: "Commencer",
      reply: "Votre réponse",
      end: "Terminer la conversation",
      confirmEnd: "Terminer et noter",
    });
    reports.fr = path;
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bilan de l'échange");
    for (const name of ["Empathie", "Résolution", "Anticipation"]) {
      expect(await page.getByRole("heading", { level: 2, name, exact: true }).count(), name).toBe(1);
    }
    expect(await page.getByTestId("pass-badge").textContent()).toBe("✓Réussi");
    expect(await page.getByRole("button", { name: "Réessayer" }).count()).toBe(1);
    expect(await expectHitsLeadToTheirWords(page)).toBeGreaterThan(3);
    await screenshot(page, "report-pass-fr");
    await expectNoAxeViolations(page);
  });

  it("lists the calls in the history, newest first, with a progress chart, and opens a past call read-only", async () => {
    const page = await pageAs("trainee");
    await page.goto("/train/history");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Your history");
    const rows = page.locator("tr[data-attempt]");
    expect(await rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain("Passed"); // the French call, newest
    expect(texts[1]).toContain("Not passed");
    expect(texts[2]).toContain("Passed");
    for (const t of texts) expect(t).toContain("The forgotten cap");
    expect(await page.getByRole("img", { name: /Scores per dimension over your calls/ }).count()).toBe(1);
    await screenshot(page, "history-en");
    await expectNoAxeViolations(page);

    // On a phone the charts' words stay readable (they were 4 to 9 px) and the axes say what they count.
    await page.setViewportSize({ width: 390, height: 844 });
    const smallestText = () =>
      page.evaluate(() => {
        const sizes: number[] = [];
        for (const svg of document.querySelectorAll<SVGSVGElement>('svg[role="img"]')) {
          if (svg.getBoundingClientRect().width === 0) continue;
          const scale = svg.getScreenCTM()?.a ?? 1;
          for (const text of svg.querySelectorAll("text")) sizes.push(Number(text.getAttribute("font-size")) * scale);
        }
        return sizes.length ? Math.min(...sizes) : 0;
      });
    expect(await page.getByRole("img", { name: /Scores per dimension over your calls/ }).count()).toBe(1);
    expect(await smallestText()).toBeGreaterThanOrEqual(11);
    expect(await page.getByRole("img", { name: /Scores per dimension/ }).locator("text").allTextContents()).toContain(
      "Calls, oldest to newest",
    );
    await page.goto(reports.pass!);
    expect(await page.getByRole("img").count()).toBe(2);
    expect(await smallestText()).toBeGreaterThanOrEqual(11);
    expect(await page.getByRole("img", { name: /patience/ }).locator("text").allTextContents()).toContain("Turn");
    await page.goto("/train/history");
    await page.setViewportSize({ width: 1100, height: 900 });

    await page
      .getByRole("link", { name: /^Open the call of .*: The forgotten cap$/ })
      .nth(1)
      .click();
    await page.waitForURL(REPORT_URL);
    // The URL changes before the client-side navigation has replaced the history (whose rows carry badges too).
    await page.getByRole("heading", { level: 1, name: "Scorecard" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(reports.fail);
    expect(await page.getByTestId("pass-badge").textContent()).toBe("✗Not passed");
  });

  it("shows the history in French with dates in French", async () => {
    const page = await pageAs("trainee", { locale: "fr-FR" });
    await page.goto("/train/history");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Votre historique");
    const first = (await page.locator("tr[data-attempt] time").first().textContent()) ?? "";
    const months = /janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc/;
    expect(first).toMatch(months);
    await screenshot(page, "history-fr");
    await expectNoAxeViolations(page);
  });

  it("starts a fresh call of the same scenario with Try again", async () => {
    const page = await pageAs("trainee");
    await page.goto(reports.fail!);
    await Promise.all([page.waitForURL(CALL_URL), page.getByRole("button", { name: "Try again" }).click()]);
    expect(new URL(page.url()).pathname).not.toBe(reports.fail!.replace("/report", ""));
    await waitForTurnOrReport(page, 1);
    expect(await page.getByText("Claire Laurent is at your desk.").count()).toBe(1);
  });

  it("lets the manager read the trainee's call without being able to try it again", async () => {
    const page = await pageAs("manager");
    await page.goto(reports.pass!);
    expect(await page.getByText("You are reading Tara Trainee's call. Its words and scores stay as they were").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    expect(await page.getByTestId("pass-badge").textContent()).toBe("✓Passed");
    await screenshot(page, "report-read-only-manager");
    await expectNoAxeViolations(page);
  });
});
