/**
 * The manager's team page in a real browser: the people with their calls and best score, the
 * organisation's recent calls (played for real and stored first), reaching a call's read-only
 * report with the keyboard alone, the empty state, both languages. Every page passes an axe
 * scan and is kept as a screenshot under tests/e2e/screenshots/.
 */
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../db/password";
import { DEMO_PASSWORD } from "../../db/seed";
import { attempts, memberships, organizations, users } from "../../db/schema";
import { createWorld, playAndStore, playLines, storeLiveCall, type World } from "../report/fixtures";
import { serveFilledDatabase, type PreparedServer } from "../report/support";
import { expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

const QUIET_MANAGER = "manager@quiet.example.com";

interface Data {
  world: World;
  newestId: string;
  passingId: string;
  otherOrgId: string;
}

describe("the manager's team page in a browser", () => {
  let prepared: PreparedServer & { data: Data };
  let browser: Browser;
  let context: BrowserContext | undefined;
  /** Errors the page logged (a hydration mismatch shows here). */
  let consoleErrors: string[] = [];

  beforeAll(async () => {
    prepared = await serveFilledDatabase("pglite", async (db): Promise<Data> => {
      const world = await createWorld(db);
      const t0 = Date.UTC(2026, 9, 1, 14, 30);
      const day = 86_400_000;
      await playAndStore(db, {
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
      await playAndStore(db, {
        userId: world.users.trainee2,
        orgId: world.demoOrgId,
        slug: "smile-25k",
        locale: "fr",
        lines: playLines("smile-25k", "fr", "thoughtful"),
        startedAt: new Date(t0 + 2 * day),
      });
      const cert = await playAndStore(db, {
        userId: world.users.trainee2,
        orgId: world.demoOrgId,
        slug: "angry-caller",
        locale: "en",
        lines: playLines("angry-caller", "en", "curt"),
        startedAt: new Date(t0 + 3 * day),
      });
      await db.update(attempts).set({ mode: "certification" }).where(eq(attempts.id, cert.attemptId));
      const liveId = await storeLiveCall(db, {
        userId: world.users.trainee,
        orgId: world.demoOrgId,
        slug: "angry-caller",
        locale: "en",
      });
      await db
        .update(attempts)
        .set({ startedAt: new Date(t0 + 4 * day) })
        .where(eq(attempts.id, liveId));
      const other = await playAndStore(db, {
        userId: world.users.otherTrainee,
        orgId: world.otherOrgId,
        slug: "lost-cap",
        locale: "en",
        lines: playLines("lost-cap", "en", "thoughtful"),
        startedAt: new Date(t0 + 5 * day),
      });
      const [quiet] = await db
        .insert(organizations)
        .values({ name: "Quiet Clinic", slug: "quiet-clinic" })
        .returning();
      const [quinn] = await db
        .insert(users)
        .values({
          email: QUIET_MANAGER,
          name: "Quinn Quiet",
          passwordHash: await hashPassword(DEMO_PASSWORD),
        })
        .returning();
      await db.insert(memberships).values({ userId: quinn!.id, orgId: quiet!.id, role: "manager" });
      return { world, newestId: liveId, passingId: passing.attemptId, otherOrgId: other.attemptId };
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await prepared?.close();
  });

  async function managerPage(locale = "en-US", email?: string, width = 1280): Promise<Page> {
    await context?.close();
    context = await browser.newContext({
      locale,
      baseURL: prepared.server.baseUrl,
      timezoneId: "America/Toronto",
      viewport: { width, height: width < 500 ? 844 : 900 },
    });
    const page = await context.newPage();
    consoleErrors = [];
    page.on("console", (m) => {
      // The app has no favicon; the browser asking for one is not the page's error.
      if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
        consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    if (email) {
      await page.goto("/login");
      const fr = locale.startsWith("fr");
      await page.getByLabel(fr ? "Courriel" : "Email").fill(email);
      await page.getByLabel(fr ? "Mot de passe" : "Password", { exact: true }).fill(DEMO_PASSWORD);
      await Promise.all([
        page.waitForURL((url) => !url.pathname.startsWith("/login")),
        page.getByRole("button", { name: fr ? "Se connecter" : "Log in" }).click(),
      ]);
    } else {
      await loginAs(page, "manager", { baseUrl: prepared.server.baseUrl });
    }
    // The address changes before the team page has replaced the login form.
    await page.locator('[aria-labelledby="calls-heading"]').waitFor();
    return page;
  }

  it("shows the people with their calls and best score, and the organisation's recent calls, newest first", async () => {
    const page = await managerPage();
    expect(new URL(page.url()).pathname).toBe("/team");
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).allTextContents())
      .toEqual(["Certification tracks", "What to coach next", "Team progress", "People", "Recent calls"]);
    const tara = page.locator('[data-testid="people"] tbody tr', { hasText: "Tara Trainee" });
    expect(await tara.locator('[data-testid="person-calls"]').textContent()).toBe("3");
    expect(await tara.locator('[data-testid="person-best"]').textContent()).toMatch(/^\d{1,3}\/100$/);
    const maya = page.locator('[data-testid="people"] tbody tr', { hasText: "Maya Manager" });
    expect(await maya.locator('[data-testid="person-calls"]').textContent()).toBe("0");

    const calls = page.locator('[data-testid="team-calls"] tbody tr');
    expect(await calls.count()).toBe(5);
    const first = await calls.nth(0).locator("th, td").allTextContents();
    expect(first.slice(1, 5)).toEqual([
      "Tara Trainee",
      "The autopay that went wrong",
      "Practice",
      "In progress",
    ]);
    const second = await calls.nth(1).locator("th, td").allTextContents();
    expect(second.slice(1, 4)).toEqual(["Sam Second", "The autopay that went wrong", "Certification"]);
    // After hydration the date is in the browser's time zone (14:30 UTC is 10:30 in Toronto).
    await expect.poll(() => calls.nth(4).locator("time").textContent()).toBe("Oct 1, 2026, 10:30 a.m.");
    expect(await page.locator("main").textContent()).not.toContain("Olga Other");
    // Hydrated, the page still says how many calls it lists per page.
    await expect
      .poll(() => page.locator('[aria-labelledby="calls-heading"] p').first().textContent())
      .toContain("newest first, 50 at a time");
    expect(consoleErrors).toEqual([]);
    await screenshot(page, "team-en");
    await expectNoAxeViolations(page);
  });

  it("reaches a call's read-only report with the keyboard alone", async () => {
    const page = await managerPage();
    const target = page.getByRole("link", {
      name: /^Open report: Tara Trainee, The forgotten cap, Oct 2, 2026/,
    });
    expect(await target.count()).toBe(1);
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await target.evaluate((el) => el === document.activeElement);
    }
    expect(reached, "the report link takes the keyboard focus").toBe(true);
    // The focus is visible: the link draws an outline when focused from the keyboard.
    expect(await target.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await Promise.all([
      page.waitForURL(`**/calls/${prepared.data.passingId}/report`),
      page.keyboard.press("Enter"),
    ]);
    // Client-side navigation: the address changes before the report has replaced the team page.
    await page.getByRole("heading", { level: 1, name: "Scorecard" }).waitFor();
    expect(await page.getByRole("note").textContent()).toContain(
      "You are reading Tara Trainee's call. Its words and scores stay as they were",
    );
    expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(0);
    await screenshot(page, "team-report-from-team");
  });

  it("reads in French, scenario titles included, with no accessibility violation", async () => {
    const page = await managerPage("fr-FR");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Équipe");
    expect(await page.getByRole("heading", { name: "Appels récents" }).count()).toBe(1);
    const row = page.locator('[data-testid="team-calls"] tbody tr', { hasText: "Sam Second" }).last();
    expect(await row.locator("td").nth(1).textContent()).toBe("Le sourire à 25 000 $");
    expect(await page.getByRole("link", { name: /^Ouvrir le bilan : / }).count()).toBe(5);
    await screenshot(page, "team-fr");
    await expectNoAxeViolations(page);
  });

  it("fits a phone's width: the wide tables scroll in their own box, the page never sideways", async () => {
    const page = await managerPage("fr-FR", undefined, 390);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // The screen-reader-only words of an empty cell ("Non évalué") stay inside the table's scroll box.
    expect(await page.locator('[data-testid="team-calls"] .sr-only').count()).toBeGreaterThan(0);
    expect(await sideways()).toBeLessThanOrEqual(0);
    for (const name of ["Tara Trainee", "Maya Manager"]) {
      await page.goto("/team");
      await Promise.all([
        page.waitForURL(/\/team\/people\//),
        page.locator('[data-testid="people"]').getByRole("link", { name }).click(),
      ]);
      await page.getByRole("heading", { level: 1, name }).waitFor();
      expect(await sideways(), name).toBeLessThanOrEqual(0);
    }
    // Maya's own page says she has taken no call, not the organisation's empty sentence.
    expect(await page.locator("main").textContent()).toContain("Maya Manager n'a pas encore pris d'appel.");
    expect(await page.locator("main").textContent()).not.toContain("Personne n'a encore pris d'appel");
    await screenshot(page, "team-person-fr-390");
  });

  it("sends a page past the end of the list of people to the last page", async () => {
    const page = await managerPage();
    await page.goto("/team?page=5");
    expect(new URL(page.url()).search).toBe("");
    expect(await page.locator("main").textContent()).not.toContain("Nobody has joined");
    expect(await page.locator('[data-testid="people"] tbody tr').count()).toBeGreaterThan(1);
  });

  it("tells a manager whose organisation has no call yet, with no accessibility violation", async () => {
    const page = await managerPage("en-US", QUIET_MANAGER);
    expect(new URL(page.url()).pathname).toBe("/team");
    expect(await page.locator("main").textContent()).toContain(
      "Nobody has taken a call in Quiet Clinic yet. Calls appear here as soon as a trainee starts one.",
    );
    expect(await page.locator('[data-testid="team-calls"]').count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Open report/ }).count()).toBe(0);
    await screenshot(page, "team-empty-en");
    await expectNoAxeViolations(page);
  });
});
