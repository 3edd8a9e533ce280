/**
 * Two tabs on one briefing (decision 286): a tab opened earlier chooses French and presses Start
 * while another tab has meanwhile started the call in English. It does not land in the English call:
 * the briefing says which call is in progress, in which language and since when (an alert that takes
 * the focus), and offers to resume it or to end it and start a new call in French — both reached with
 * the keyboard. In a real browser (Debian Chromium) against the real server.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

const CALL_URL = /\/calls\/([0-9a-f-]{36})$/;
const NOTICE = "You already have a call in progress for this scenario, in English, started less than a minute ago.";

describe("Start on a briefing while another tab has started the call", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: "en-US", baseURL: server.baseUrl });
    await loginAs(await context.newPage(), "trainee", { baseUrl: server.baseUrl });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** A tab on the briefing, its JavaScript running (the form then carries mode=stream). */
  async function briefingTab(): Promise<Page> {
    const page = await context.newPage();
    await page.goto("/train/lost-cap");
    await page.locator('form input[name="mode"]').first().waitFor({ state: "attached" });
    return page;
  }

  function callIdOf(page: Page): string {
    const m = CALL_URL.exec(new URL(page.url()).pathname);
    if (!m) throw new Error(`not on a call: ${page.url()}`);
    return m[1]!;
  }

  /** Choose French and press Start (with the keyboard): the notice comes instead of the call. */
  async function startInFrench(page: Page) {
    await page.getByRole("radio", { name: "Français" }).check();
    await page.getByRole("button", { name: "Start", exact: true }).focus();
    await page.keyboard.press("Enter");
    const notice = page.getByRole("alert").filter({ hasText: "A call is already in progress" });
    await notice.waitFor();
    return notice;
  }

  it("tells the French tab about the English call in progress, and lets it resume that call or end it and start in French", async () => {
    // Two tabs opened before the call started: neither knows about it.
    const resumeTab = await briefingTab();
    const replaceTab = await briefingTab();
    expect(await resumeTab.getByText("You have a call in progress on this scenario.").count()).toBe(0);

    // A third tab starts the call in English.
    const englishTab = await briefingTab();
    await englishTab.getByRole("button", { name: "Start" }).click();
    await englishTab.waitForURL(CALL_URL);
    const english = callIdOf(englishTab);
    await englishTab.locator('ol [data-speaker="customer"] p[lang="en"]').first().waitFor({ timeout: 20_000 });

    // The first tab chooses French and presses Start: a notice, not the English call.
    const notice = await startInFrench(resumeTab);
    expect(new URL(resumeTab.url()).pathname).toBe("/train/lost-cap");
    expect(await notice.textContent()).toContain(NOTICE);
    // The focus moved to the notice; the Start form is gone (the notice's two buttons replace it).
    expect(await resumeTab.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("open-call-notice");
    expect(await resumeTab.getByRole("button", { name: "Start", exact: true }).count()).toBe(0);
    const resume = resumeTab.getByRole("link", { name: "Resume that call" });
    expect(await resume.getAttribute("href")).toBe(`/calls/${english}`);
    expect(await resumeTab.getByRole("button", { name: "End it and start a new call in French" }).count()).toBe(1);
    await screenshot(resumeTab, "open-call-elsewhere-en");
    await expectNoAxeViolations(resumeTab);

    // Resume, with the keyboard: Tab from the notice reaches the link first.
    await resumeTab.keyboard.press("Tab");
    expect(await resumeTab.evaluate(() => document.activeElement?.textContent)).toBe("Resume that call");
    await resumeTab.keyboard.press("Enter");
    await resumeTab.waitForURL(CALL_URL);
    expect(callIdOf(resumeTab)).toBe(english);
    await resumeTab.locator('ol [data-speaker="customer"] p[lang="en"]').first().waitFor();

    // The other tab chooses French too, and ends the English call to start a French one (Tab, Tab, Enter).
    await startInFrench(replaceTab);
    await replaceTab.keyboard.press("Tab");
    await replaceTab.keyboard.press("Tab");
    expect(await replaceTab.evaluate(() => document.activeElement?.textContent)).toBe("End it and start a new call in French");
    await replaceTab.keyboard.press("Enter");
    await replaceTab.waitForURL(CALL_URL);
    const french = callIdOf(replaceTab);
    expect(french).not.toBe(english);
    await replaceTab.locator('ol [data-speaker="customer"] p[lang="fr"]').first().waitFor({ timeout: 20_000 });
    expect(await replaceTab.locator('ol [data-speaker="customer"] p[lang="en"]').count()).toBe(0);

    // The English call is over: opening it again goes to its report.
    await englishTab.goto(`/calls/${english}`);
    await englishTab.waitForURL(new RegExp(`/calls/${english}/report$`));

    // A briefing opened now knows the French call: Start again replaces it at once, as before.
    const knowing = await briefingTab();
    expect(await knowing.getByText("You have a call in progress on this scenario.").count()).toBe(1);
    await knowing.getByRole("button", { name: "Start a new call" }).click();
    await knowing.waitForURL(CALL_URL);
    expect(callIdOf(knowing)).not.toBe(french);
  });

  it("works without JavaScript: the notice comes with the page, its button ends the call and starts the new one", async () => {
    const noJs = await browser.newContext({ locale: "en-US", baseURL: server.baseUrl, javaScriptEnabled: false });
    try {
      const login = await noJs.newPage();
      await loginAs(login, "trainee", { baseUrl: server.baseUrl });
      const stale = await noJs.newPage();
      await stale.goto("/train/angry-caller");
      const other = await noJs.newPage();
      await other.goto("/train/angry-caller");
      await other.getByRole("button", { name: "Start", exact: true }).click();
      await other.waitForURL(CALL_URL);
      const english = callIdOf(other);

      await stale.getByRole("radio", { name: "Français" }).check();
      await stale.getByRole("button", { name: "Start", exact: true }).click();
      await stale.getByTestId("open-call-notice").waitFor();
      expect(await stale.getByTestId("open-call-notice").textContent()).toContain(NOTICE);
      expect(await stale.getByRole("link", { name: "Resume that call" }).getAttribute("href")).toBe(`/calls/${english}`);
      await stale.getByRole("button", { name: "End it and start a new call in French" }).click();
      await stale.waitForURL(CALL_URL);
      expect(callIdOf(stale)).not.toBe(english);
      await other.goto(`/calls/${english}`);
      await other.waitForURL(new RegExp(`/calls/${english}/report$`));
    } finally {
      await noJs.close();
    }
  });

  it("says the same in French, without the language switch when the language chosen is the call's", async () => {
    const frContext = await browser.newContext({ locale: "fr-FR", baseURL: server.baseUrl });
    try {
      const login = await frContext.newPage();
      await loginAs(login, "trainer", { baseUrl: server.baseUrl });
      const stale = await frContext.newPage();
      await stale.goto("/train/lost-cap");
      await stale.locator('form input[name="mode"]').first().waitFor({ state: "attached" });
      const other = await frContext.newPage();
      await other.goto("/train/lost-cap");
      await other.locator('form input[name="mode"]').first().waitFor({ state: "attached" });
      await other.getByRole("radio", { name: "Français" }).check();
      await other.getByRole("button", { name: "Commencer" }).click();
      await other.waitForURL(CALL_URL);

      await stale.getByRole("radio", { name: "Français" }).check();
      await stale.getByRole("button", { name: "Commencer" }).click();
      const notice = stale.getByRole("alert").filter({ hasText: "Un appel est déjà en cours" });
      await notice.waitFor();
      expect(await notice.textContent()).toContain(
        "Vous avez déjà un appel en cours sur ce scénario, en français, commencé il y a moins d'une minute.",
      );
      expect(await stale.getByRole("link", { name: "Reprendre cet appel" }).getAttribute("href")).toBe(new URL(other.url()).pathname);
      await stale.getByRole("button", { name: "Y mettre fin et recommencer" }).click();
      await stale.waitForURL(CALL_URL);
      expect(stale.url()).not.toBe(other.url());
      await screenshot(stale, "open-call-elsewhere-replaced-fr");
    } finally {
      await frContext.close();
    }
  });
});
