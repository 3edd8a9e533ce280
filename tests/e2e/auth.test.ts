/**
 * In a real browser: each role logs in, lands on its home, switches language, logs out;
 * every page passes an axe scan. The admin's invitations and members (with the keyboard).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/constants";
import { startTestServer, type TestServer } from "../helpers";
import { expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

const HOMES: Record<Role, { path: string; en: string; fr: string }> = {
  trainee: { path: "/train", en: "Practice", fr: "Pratique" },
  trainer: { path: "/author", en: "Scenario studio", fr: "Atelier de scénarios" },
  manager: { path: "/team", en: "Team", fr: "Équipe" },
  admin: { path: "/admin", en: "Administration", fr: "Administration" },
};

describe("logging in as each role in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(locale = "en-US") {
    await context?.close();
    context = await browser.newContext({ locale, baseURL: server.baseUrl });
    page = await context.newPage();
    return page;
  }

  it("shows an accessible login page labelled in the browser's language", async () => {
    await freshPage("en-US");
    await page.goto(`${server.baseUrl}/login`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Log in");
    expect(await page.getByLabel("Email").count()).toBe(1);
    expect(await page.getByLabel("Password", { exact: true }).count()).toBe(1);
    await screenshot(page, "login-en");
    await expectNoAxeViolations(page);

    await freshPage("fr-CA");
    await page.goto(`${server.baseUrl}/login`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.getByLabel("Courriel").count()).toBe(1);
    expect(await page.getByLabel("Mot de passe", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Se connecter" }).count()).toBe(1);
    await screenshot(page, "login-fr");
    await expectNoAxeViolations(page);
  });

  it("shows an accessible error when the password is wrong", async () => {
    await freshPage("en-US");
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Email").fill("trainee@example.com");
    await page.getByLabel("Password", { exact: true }).fill("wrong-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("do not match");
    await expectNoAxeViolations(page);
  });

  for (const role of Object.keys(HOMES) as Role[]) {
    it(`takes the ${role} to ${HOMES[role].path}, switches to French and back, and logs out`, async () => {
      await freshPage("en-US");
      await loginAs(page, role, { baseUrl: server.baseUrl });
      expect(new URL(page.url()).pathname).toBe(HOMES[role].path);
      await page.getByRole("heading", { level: 1, name: HOMES[role].en }).waitFor();
      await screenshot(page, `${role}-home-en`);
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "Français" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "fr");
      expect(new URL(page.url()).pathname).toBe(HOMES[role].path);
      await page.getByRole("heading", { level: 1, name: HOMES[role].fr }).waitFor();
      expect(await page.getByRole("button", { name: "Se déconnecter" }).count()).toBe(1);
      await screenshot(page, `${role}-home-fr`);
      await expectNoAxeViolations(page);

      // The choice is remembered on the account: a new browser with an English locale gets French.
      const other = await browser.newContext({ locale: "en-US" });
      const otherPage = await other.newPage();
      await loginAs(otherPage, role, { baseUrl: server.baseUrl });
      await otherPage.getByRole("heading", { level: 1, name: HOMES[role].fr }).waitFor();
      expect(await otherPage.locator("html").getAttribute("lang")).toBe("fr");
      await other.close();

      await page.getByRole("button", { name: "English" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "en");

      await page.getByRole("button", { name: "Log out" }).click();
      await page.waitForURL((url) => url.pathname === "/login");
      await page.goto(`${server.baseUrl}${HOMES[role].path}`);
      expect(new URL(page.url()).pathname).toBe("/login");
    });
  }

  it("lets the admin see every area, each one accessible", async () => {
    await freshPage("en-US");
    await loginAs(page, "admin", { baseUrl: server.baseUrl });
    for (const area of ["/train", "/author", "/team", "/admin"]) {
      await page.goto(`${server.baseUrl}${area}`);
      expect(page.url()).toContain(area);
      await expectNoAxeViolations(page);
    }
  });

  it("shows an accessible 403 page to a trainee who opens the admin area, and a 404 page for an unknown address", async () => {
    await freshPage("en-US");
    await loginAs(page, "trainee", { baseUrl: server.baseUrl });
    const forbidden = await page.goto(`${server.baseUrl}/admin`);
    expect(forbidden?.status()).toBe(403);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Not allowed");
    await screenshot(page, "forbidden");
    await expectNoAxeViolations(page);
    const missing = await page.goto(`${server.baseUrl}/nowhere`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await screenshot(page, "not-found");
    await expectNoAxeViolations(page);
  });

  it("lets the admin invite a trainer, follow the pending invitation, replace its link, and the trainer set a password", async () => {
    await freshPage("en-US");
    await loginAs(page, "admin", { baseUrl: server.baseUrl });
    const members = await page.getByTestId("member-count").first().textContent();
    expect(await page.getByText("No pending invitation.").count()).toBe(1);
    await page.getByLabel("Email").fill("invitee@example.com");
    await page.getByLabel("Name", { exact: true }).fill("Ines Invitee");
    await page.getByLabel("Role", { exact: true }).selectOption("trainer");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const firstLink = await page.getByTestId("invite-link").textContent();
    expect(firstLink).toMatch(/\/set-password\//);
    expect(await page.getByRole("status").textContent()).toContain("valid 7 days");
    // The address stays /admin (not /admin?index), the form is cleared for the next invitation,
    // the invitation is listed as pending and the member count has not changed.
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/admin");
    expect(await page.getByLabel("Email").inputValue()).toBe("");
    const row = page.locator('tr[data-invitation="invitee@example.com"]');
    await row.waitFor();
    expect(await row.textContent()).toContain("Trainer");
    expect(await page.getByTestId("member-count").first().textContent()).toBe(members);
    await screenshot(page, "admin-invited");
    await expectNoAxeViolations(page);

    // The same page in French.
    await page.getByRole("button", { name: "Français" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "fr");
    await page.getByRole("heading", { level: 2, name: "Invitations pas encore acceptées" }).waitFor();
    expect(await row.getByRole("button", { name: "Nouveau lien pour invitee@example.com" }).count()).toBe(1);
    await screenshot(page, "admin-pending-fr");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");

    // A new link replaces the first one.
    await row.getByRole("button", { name: "New link for invitee@example.com" }).click();
    await page.getByRole("status").getByText("the previous one no longer works").waitFor();
    const link = await page.getByTestId("invite-link").textContent();
    expect(link).not.toBe(firstLink);
    expect(await page.locator('tr[data-invitation="invitee@example.com"]').count()).toBe(1);
    await expectNoAxeViolations(page);

    // Still signed in as the admin, the link does not offer its form: it says whom it is for,
    // and its button logs out and comes back to it.
    await page.goto(link!);
    await page.getByRole("heading", { level: 1, name: "This invitation is for someone else" }).waitFor();
    expect(
      await page
        .getByText("You are signed in as Ada Admin; this invitation is for invitee@example.com.")
        .count(),
    ).toBe(1);
    expect(await page.getByLabel("New password").count()).toBe(0);
    await screenshot(page, "invitation-signed-in-other");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Log out and open the link again" }).click();
    await page.getByLabel("New password").waitFor();
    expect(new URL(page.url()).pathname).toBe(new URL(link!).pathname);
    expect(await page.getByRole("button", { name: "Log out", exact: true }).count()).toBe(0);

    const gone = await page.goto(firstLink!);
    expect(gone?.status()).toBe(410);
    await page.getByRole("heading", { level: 1, name: "This link was withdrawn" }).waitFor();
    await screenshot(page, "invitation-withdrawn");
    await expectNoAxeViolations(page);

    await page.goto(link!);
    await expectNoAxeViolations(page);
    await page.getByLabel("New password").fill("invitee-password");
    await page.getByLabel("Confirm the password").fill("invitee-password");
    await page.getByRole("button", { name: "Set password and log in" }).click();
    await page.waitForURL((url) => url.pathname === "/author");
    await page.getByRole("heading", { level: 1, name: HOMES.trainer.en }).waitFor();

    // Used: the link now says so, in French too.
    const frContext = await browser.newContext({ locale: "fr-CA" });
    const frPage = await frContext.newPage();
    const used = await frPage.goto(link!);
    expect(used?.status()).toBe(410);
    await frPage.getByRole("heading", { level: 1, name: "Ce lien a déjà servi" }).waitFor();
    await screenshot(frPage, "invitation-used-fr");
    await expectNoAxeViolations(frPage);
    await frContext.close();
  });

  it("lets the admin change a member's role and remove a member with the keyboard, after a confirmation", async () => {
    await freshPage("en-US");
    await loginAs(page, "admin", { baseUrl: server.baseUrl });
    await page.getByRole("heading", { level: 2, name: "Members of Demo Front Desk" }).waitFor();
    await expectNoAxeViolations(page);

    // Role change: the select and its button, from the keyboard.
    const trainee = page.locator('tr[data-member="trainee@example.com"]');
    await trainee.getByLabel("New role for Tara Trainee").focus();
    await trainee.getByLabel("New role for Tara Trainee").selectOption("trainer");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "Change the role of Tara Trainee",
    );
    await page.keyboard.press("Enter");
    await page
      .getByRole("status")
      .getByText("Tara Trainee (trainee@example.com) now has the role Trainer.")
      .waitFor();
    await trainee.getByTestId("member-role").getByText("Trainer", { exact: true }).waitFor();

    // Removal: Remove… asks first, the question takes the focus, Tab reaches the confirmation.
    const trainer = page.locator('tr[data-member="trainer@example.com"]');
    await trainer.getByRole("button", { name: "Remove Théo Trainer from the organisation…" }).focus();
    await page.keyboard.press("Enter");
    const question = page.getByRole("heading", {
      level: 2,
      name: "Remove Théo Trainer from Demo Front Desk?",
    });
    await question.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "confirm-remove-heading");
    await screenshot(page, "admin-remove-confirm");
    await expectNoAxeViolations(page);
    // Escape closes the question and gives the focus back to the Remove button.
    await page.keyboard.press("Escape");
    await question.waitFor({ state: "detached" });
    await page.waitForFunction(
      () =>
        document.activeElement?.getAttribute("aria-label") === "Remove Théo Trainer from the organisation…",
    );
    await page.keyboard.press("Enter");
    await question.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "confirm-remove-heading");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Yes, remove Théo Trainer");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("was removed from Demo Front Desk").waitFor();
    // The focus goes to what happened, not back to the top of the page.
    await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "status");
    // The status shows with the action's answer; the list follows with the loader's.
    await page.locator('tr[data-member="trainer@example.com"]').waitFor({ state: "detached" });
    await expectNoAxeViolations(page);

    // The last admin is told why they cannot step down, in French too.
    await page.getByRole("button", { name: "Français" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "fr");
    const self = page.locator('tr[data-member="admin@example.com"]');
    await self.getByLabel("Nouveau rôle pour Ada Admin").selectOption("manager");
    await self.getByRole("button", { name: "Changer le rôle de Ada Admin" }).click();
    await page
      .getByRole("alert")
      .getByText("Vous êtes le dernier ou la dernière admin de Demo Front Desk")
      .waitFor();
    await expectNoAxeViolations(page);
  });
});
