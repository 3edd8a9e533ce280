/**
 * Browser-test helpers: Debian Chromium driven by playwright-core, axe scans, screenshots.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import type { Role } from "../../db/constants";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export function emailFor(role: Role): string {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account.email;
}

/** Log in through the form (English labels unless `locale` is fr); waits for the role's home. */
export async function loginAs(page: Page, role: Role, { baseUrl }: { baseUrl?: string } = {}): Promise<void> {
  const origin = baseUrl ?? new URL(page.url()).origin;
  await page.goto(`${origin}/login`);
  const fr = (await page.locator("html").getAttribute("lang")) === "fr";
  await page.getByLabel(fr ? "Courriel" : "Email").fill(emailFor(role));
  await page.getByLabel(fr ? "Mot de passe" : "Password", { exact: true }).fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/login")),
    page.getByRole("button", { name: fr ? "Se connecter" : "Log in" }).click(),
  ]);
}

/** Run axe on the page (WCAG 2.x A/AA + best practices) and fail with a readable list. */
export async function expectNoAxeViolations(page: Page, { exclude = [] as string[] } = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "best-practice",
  ]);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export const SCREENSHOT_DIR = join(import.meta.dirname, "screenshots");

/** Save a full-page PNG to tests/e2e/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A call's scorecard address. */
export const CALL_REPORT_URL = /\/calls\/[0-9a-f-]{36}\/report$/;

/**
 * End the call with its End button (confirmed in the dialog) unless it is over: once she has hung up the page
 * shows "The call is over" ("The conversation is over" at a desk) without an End button and goes to the scorecard by itself, so wait for that instead.
 */
export async function endCallOrAwaitScorecard(page: Page, endName: string | RegExp, confirmName: string | RegExp): Promise<void> {
  if (CALL_REPORT_URL.test(page.url())) return;
  const end = page.getByRole("button", { name: endName });
  const over = page.getByText(/^(The call is over\.|L'appel est terminé\.|The conversation is over\.|La conversation est terminée\.)/).first();
  const which = await Promise.race([
    end.waitFor({ state: "visible", timeout: 30_000 }).then(() => "end" as const),
    over.waitFor({ state: "visible", timeout: 30_000 }).then(() => "over" as const),
    page.waitForURL(CALL_REPORT_URL, { timeout: 30_000 }).then(() => "report" as const),
  ]);
  if (which === "end") {
    const clicked = await end.click({ timeout: 5_000 }).then(
      () => true,
      () => false, // she hung up in the meantime: the page goes to the scorecard by itself
    );
    if (clicked) {
      await Promise.all([
        page.waitForURL(CALL_REPORT_URL, { timeout: 30_000 }),
        page.getByRole("dialog").getByRole("button", { name: confirmName }).click(),
      ]);
      return;
    }
  }
  await page.waitForURL(CALL_REPORT_URL, { timeout: 30_000 });
}
