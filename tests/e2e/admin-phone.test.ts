/**
 * The admin's members table on a 390 px phone, in French (tester finding, session 13): the Actions column
 * ("Changer le rôle", "Retirer…") was off-screen with no scroll cue. Each member is now a stacked card: every
 * action inside the screen's width, reached with the keyboard, each value under its column's name. Real built
 * server and Chromium.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

describe("the admin's members on a phone", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: "fr-FR",
      viewport: { width: 390, height: 844 },
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("shows every member's actions within 390 px and reaches them with the keyboard", async () => {
    await loginAs(page, "admin", { baseUrl: server.baseUrl });
    await page.goto("/admin");
    const table = page.getByTestId("members");
    await expect.poll(() => table.isVisible()).toBe(true);
    // Nothing wider than the screen: no hidden column to scroll to.
    const widths = await table.evaluate((el) => ({
      table: el.scrollWidth,
      box: el.parentElement!.clientWidth,
      page: document.documentElement.scrollWidth,
    }));
    expect(widths.table).toBeLessThanOrEqual(widths.box);
    expect(widths.page).toBeLessThanOrEqual(390);

    const change = table.getByRole("button", { name: /^Changer le rôle de/ });
    const remove = table.getByRole("button", { name: /^Retirer/ });
    expect(await change.count()).toBeGreaterThanOrEqual(4);
    expect(await remove.count()).toBe(await change.count());
    for (const button of [...(await change.all()), ...(await remove.all())]) {
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    // Each value is shown under its column's name.
    const roleLabel = await table
      .locator('[data-member="trainer@example.com"] [data-testid="member-role"]')
      .evaluate((el) => getComputedStyle(el, "::before").content);
    expect(roleLabel).toBe('"Rôle"');

    // Keyboard: Tab reaches the first member's "Changer le rôle", on screen.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(
        () => document.activeElement?.getAttribute("aria-label")?.startsWith("Changer le rôle de") ?? false,
      );
    }
    expect(reached).toBe(true);
    const focused = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    expect(focused.left).toBeGreaterThanOrEqual(0);
    expect(focused.right).toBeLessThanOrEqual(390);

    await expectNoAxeViolations(page);
    await screenshot(page, "admin-members-fr-390");
  });
});
