/**
 * A scenario title (or briefing text) written as one long unbroken word — HTML and emoji included — wraps
 * instead of making a phone-sized page scroll sideways (the tester's 150-character title made the catalog
 * 634 px wide at 390 px). The catalog's card and the briefing's title and texts are given such a word in the
 * page itself, then the page's width is measured.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { launchBrowser, loginAs } from "./helpers";

const LONG = `<b>${"Réception📦".repeat(12)}</b>${"x".repeat(40)}`;

describe("long unbroken words on a phone", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("wrap in the catalog's cards and in the briefing (no sideways scroll at 390 px), in French", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 390, height: 844 }, locale: "fr-FR" });
    const page = await context.newPage();
    await loginAs(page, "trainee", { baseUrl: server.baseUrl });
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);

    await page.goto("/train");
    const card = page.locator("main li").first();
    await card.locator("h3").evaluate((h, text) => (h.textContent = text), LONG);
    expect(await width()).toBeLessThanOrEqual(390);
    // The measure catches the fault: without the card's wrapping rule, the same title widens the page.
    await card.evaluate((li) => (li.style.overflowWrap = "normal"));
    expect(await width()).toBeGreaterThan(390);
    await card.evaluate((li) => (li.style.overflowWrap = ""));

    await page.locator("main li a").first().click();
    await page.waitForURL(/\/train\/[^/]+$/);
    await page.locator("main h1").first().evaluate((h, text) => (h.textContent = text), LONG);
    await page.locator("main dd").first().evaluate((d, text) => (d.textContent = text), LONG);
    expect(await width()).toBeLessThanOrEqual(390);
    await context.close();
  });
});
