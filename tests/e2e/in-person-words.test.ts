/**
 * Two tester findings of session 13 in a real browser, on the in-person scenario (lost-cap, at a front desk):
 * - pressing Enter and clicking Send together sent once but then showed "Write what you say before sending."
 *   under the emptied box: a second press of a reply already sent is no empty reply;
 * - the end said "The call is over" / "L'appel est terminé" and the report was "Bilan de l'appel": at a desk it is
 *   "The conversation is over" / "La conversation est terminée" and "Bilan de l'échange" (a phone call keeps "call").
 * English and French.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { playLines } from "../report/fixtures";
import { launchBrowser, loginAs } from "./helpers";

const CALL_URL = /\/calls\/[0-9a-f-]{36}$/;
const REPORT_URL = /\/calls\/[0-9a-f-]{36}\/report$/;

const WORDS = {
  en: {
    locale: "en-US",
    start: "Start",
    reply: "Your reply",
    empty: "Write what you say before sending.",
    over: "The conversation is over.",
    callOver: "The call is over.",
    title: "Scorecard",
  },
  fr: {
    locale: "fr-FR",
    start: "Commencer",
    reply: "Votre réponse",
    empty: "Écrivez ce que vous dites avant d'envoyer.",
    over: "La conversation est terminée.",
    callOver: "L'appel est terminé.",
    title: "Bilan de l'échange",
  },
} as const;

describe("an in-person conversation in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function traineePage(locale: string): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale, baseURL: server.baseUrl });
    const page = await context.newPage();
    await loginAs(page, "trainee", { baseUrl: server.baseUrl });
    return page;
  }

  const customerCount = (page: Page) => page.locator('ol [data-speaker="customer"]').count();
  const waitForCustomerLines = (page: Page, n: number) =>
    page.waitForFunction((count) => document.querySelectorAll('ol [data-speaker="customer"]').length >= count, n, {
      timeout: 20_000,
    });

  for (const language of ["fr", "en"] as const) {
    it(`sends a reply once on Enter and Send together, with no empty-reply error, and speaks of a conversation (${language})`, async () => {
      const w = WORDS[language];
      const page = await traineePage(w.locale);
      await page.goto("/train/lost-cap");
      await page.getByRole("button", { name: w.start }).click();
      await page.waitForURL(CALL_URL);
      await waitForCustomerLines(page, 1);
      const reply = page.getByLabel(w.reply);
      const [first, ...rest] = playLines("lost-cap", language, "thoughtful");

      // Enter, and a click on Send in the next moment (the box is already empty then).
      await reply.fill(first!);
      await page.evaluate(() => {
        const box = document.querySelector<HTMLTextAreaElement>('textarea[name="text"]')!;
        const send = box.form!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
        box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
        setTimeout(() => send.click(), 0);
      });
      await waitForCustomerLines(page, 2);
      await page.waitForTimeout(300);
      expect(await page.getByText(w.empty).count()).toBe(0);
      expect(await page.locator('ol [data-speaker="trainee"]').count()).toBe(1);
      expect(await reply.getAttribute("aria-invalid")).toBeNull();
      // An empty box is still refused once the reply was answered.
      await reply.press("Enter");
      expect(await page.getByText(w.empty).count()).toBe(1);

      for (const line of rest) {
        if ((await page.getByText(w.over).count()) > 0 || REPORT_URL.test(page.url())) break;
        const before = await customerCount(page);
        await reply.fill(line);
        await reply.press("Enter");
        await page
          .waitForFunction(
            ({ count, over }) =>
              document.querySelectorAll('ol [data-speaker="customer"]').length > count || document.body.innerText.includes(over),
            { count: before, over: w.over },
            { timeout: 20_000 },
          )
          .catch(() => undefined);
      }
      await page.getByText(w.over).waitFor({ timeout: 20_000 });
      expect(await page.getByText(w.callOver).count()).toBe(0);
      await page.waitForURL(REPORT_URL, { timeout: 20_000 });
      // The address changes before the report has replaced the call page.
      await page.getByRole("heading", { level: 1, name: w.title, exact: true }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(w.title);
    });
  }
});
