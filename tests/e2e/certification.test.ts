/**
 * Certification in a real browser (issue 12): the demo manager creates a track from the three
 * seed scenarios and assigns it to the demo trainee with a due date; the trainee sees it under
 * "Assigned to you", reads what a certification call is, and passes every scenario in
 * certification mode with a thoughtful script; the manager then sees the trainee certified with
 * an expiry date on the matrix, reads the most missed checkpoints, opens the person page,
 * comments on a call (the report says whose words they are) and downloads the CSV. Axe on every
 * page; the dashboard in French too.
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
const TRACK = "Front desk certification";
const SCENARIOS = [
  { slug: "lost-cap", title: "The forgotten cap" },
  { slug: "smile-25k", title: null },
  { slug: "angry-caller", title: null },
];

describe("certifying the demo trainee in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let trackPath = "";

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function pageAs(role: Role, { locale = "en-US" } = {}): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale, baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await loginAs(page, role, { baseUrl: server.baseUrl });
    return page;
  }

  const customerCount = (page: Page) => page.locator('ol [data-speaker="customer"]').count();
  async function waitForTurnOrReport(page: Page, n: number): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (REPORT_URL.test(page.url())) return;
      const count = await customerCount(page).catch(() => 0);
      if (count >= n) return;
      if (Date.now() > deadline) throw new Error(`the customer did not answer (${count}/${n} lines) on ${page.url()}`);
      await page.waitForTimeout(100);
    }
  }

  it("lets the demo manager create a track from the three seed scenarios and assign it with a due date", async () => {
    const page = await pageAs("manager");
    await page.getByRole("heading", { name: "Certification tracks" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "New track" }).click();
    await page.getByRole("heading", { level: 1, name: "New certification track" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Name (English)").fill(TRACK);
    await page.getByLabel("Name (French)").fill("Certification accueil");
    await page.getByLabel("Description (English)").fill("The three calls of the front desk");
    await page.getByLabel("Description (French)").fill("Les trois appels de l'accueil");
    for (const s of SCENARIOS) {
      const row = page.locator(`[data-scenario="${s.slug}"]`);
      expect(await row.getByRole("checkbox").isChecked()).toBe(true);
      await row.getByRole("spinbutton", { name: /^Pass mark/ }).fill("60");
    }
    await page.getByLabel("Language of the call").selectOption("en");
    await page.getByLabel("Valid for (months)").fill("12");
    await Promise.all([
      page.waitForURL(/\/team\/tracks\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "Create the track" }).click(),
    ]);
    trackPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: TRACK }).waitFor();
    expect(await page.locator("ol li").count()).toBe(3);
    await expectNoAxeViolations(page);
    await page.getByRole("checkbox", { name: /Tara Trainee/ }).check();
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Due date").fill(due);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await page.getByText("Assigned to 1 person.").waitFor();
    expect(await page.getByTestId("assigned").textContent()).toContain("Tara Trainee");
    expect(await page.getByTestId("assigned").textContent()).toContain("Not started");
    await screenshot(page, "certification-track");
  });

  it("shows the trainee the track first, says what a certification call is, and certifies them once every scenario is passed", async () => {
    const page = await pageAs("trainee");
    const assigned = page.getByTestId("assigned-to-you");
    await assigned.waitFor();
    expect(await assigned.textContent()).toContain(TRACK);
    expect(await assigned.textContent()).toContain("practice calls never count");
    expect(await assigned.textContent()).toContain("0 of 3 scenarios passed");
    await expectNoAxeViolations(page);
    for (const s of SCENARIOS) {
      await page.goto("/train");
      await page.locator(`a[href^="/train/${s.slug}?track="]`).click();
      await page.getByTestId("certification-notice").waitFor();
      expect(await page.getByTestId("certification-notice").textContent()).toContain(`counts for the track “${TRACK}”`);
      if (s.slug === "lost-cap") await expectNoAxeViolations(page);
      // The track requires English: French is not offered.
      expect(await page.getByRole("radio").count()).toBe(1);
      await page.getByRole("button", { name: "Start the certification call" }).click();
      await page.waitForURL(CALL_URL);
      const answer = page.getByRole("button", { name: "Answer" });
      if (await answer.isVisible().catch(() => false)) await answer.click();
      else {
        await page.waitForTimeout(300);
        if (await answer.isVisible().catch(() => false)) await answer.click();
      }
      await waitForTurnOrReport(page, 1);
      const said = lines(`${s.slug}.en.thoughtful.txt`);
      for (const [i, line] of said.entries()) {
        if (REPORT_URL.test(page.url())) break;
        const reply = page.getByLabel("Your reply");
        await reply.fill(line);
        await reply.press("Enter");
        await waitForTurnOrReport(page, i + 2);
      }
      await endCallOrAwaitScorecard(page, /^End (call|conversation)$/, "End and score");
      await page.getByTestId("pass-badge").waitFor();
      // The report says which track the call counted for, and judges it by the track's pass mark (60 here).
      expect(await page.getByTestId("certification-call").textContent()).toContain(`counted for certification on the track “${TRACK}”`);
      expect(await page.getByTestId("pass-rule").textContent()).toContain("To pass it for the track: 60 overall or more");
    }
    await page.goto("/train");
    await assigned.waitFor();
    expect(await assigned.textContent()).toContain("3 of 3 scenarios passed");
    const badge = assigned.locator('[data-status="certified"]');
    expect(await badge.count()).toBe(1);
    expect(await badge.textContent()).toMatch(/Certified until/);
    const certificate = await page.getByRole("link", { name: "Your certificate" }).getAttribute("href");
    expect(certificate).toMatch(/^\/certificates\/[0-9a-f-]{36}$/);
    await page.goto(certificate!);
    await page.getByTestId("certificate").waitFor();
    expect(await page.getByTestId("certificate").textContent()).toContain(`Tara Trainee is certified on “${TRACK}”`);
    expect(await page.getByTestId("certificate-expires").textContent()).toMatch(/Valid until/);
    await expectNoAxeViolations(page);
    await screenshot(page, "certification-certificate");
  }, 420_000);

  it("shows the manager the trainee certified with an expiry date, the most missed checkpoints, the person page, a comment on a call and the CSV", async () => {
    const page = await pageAs("manager");
    const cell = page.locator('[data-testid="matrix"] tr', { hasText: "Tara Trainee" }).locator('[data-status="certified"]');
    await cell.waitFor();
    const expires = new Date();
    expires.setUTCFullYear(expires.getUTCFullYear() + 1);
    expect(await cell.textContent()).toContain(`Certified until`);
    expect(await cell.textContent()).toContain(String(expires.getUTCFullYear()));
    expect(Number(await page.locator('[data-count="certified"] span').first().textContent())).toBe(1);
    expect(await page.getByRole("heading", { name: "What to coach next" }).count()).toBe(1);
    await screenshot(page, "certification-dashboard");

    // The CSV the matrix link downloads: UTF-8 with a byte-order mark, English headers.
    const res = await page.request.get("/team/export/matrix.csv");
    expect(res.headers()["content-type"]).toContain("text/csv");
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("Person,Email,Role,Track,Status,Due,Expires");
    expect(csv).toContain(`Tara Trainee,trainee@example.com,Trainee,${TRACK},Certified,`);
    const download = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all calls with scores (CSV)" }).click()]);
    expect(download[0].suggestedFilename()).toMatch(/^attempts-.*\.csv$/);

    await page.getByRole("link", { name: "Open Tara Trainee's page" }).click();
    await page.getByRole("heading", { level: 1, name: "Tara Trainee" }).waitFor();
    expect(await page.getByTestId("person-certifications").textContent()).toContain(TRACK);
    expect(await page.getByTestId("person-calls").locator("tr[data-attempt]").count()).toBe(3);
    await expectNoAxeViolations(page);
    await page.getByTestId("person-calls").getByRole("link").first().click();
    await page.getByRole("heading", { level: 2, name: "Reviews" }).waitFor();
    // Someone else's call: "Tara Trainee's words", never "Your words".
    expect(await page.getByText("Your words:").count()).toBe(0);
    // An override without a reason: the reason field is marked, described by its message and focused.
    await page.getByLabel("Override: passed").check();
    await page.getByRole("button", { name: "Save the review" }).click();
    const reason = page.locator("#review-reason");
    await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    // Described by its message (and by the characters counter, decision 280).
    expect((await reason.getAttribute("aria-describedby"))?.split(" ")).toContain("review-reason-error");
    expect(await page.locator("#review-reason-error").textContent()).toBe("Give a reason for the override.");
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    // Someone else's call: "See their words", never "See your words".
    expect(await page.getByText(/See your words/).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByLabel("Keep the result").check();
    await page.getByLabel("Comment").fill("Lovely pace; name the refund date earlier.");
    await page.getByRole("button", { name: "Save the review" }).click();
    await page.getByText("Review saved.").waitFor();
    // The page's data is reloaded after the action: the review appears in the list.
    await expect.poll(() => page.getByTestId("reviews").textContent()).toContain("Lovely pace; name the refund date earlier.");
    expect(await page.getByTestId("reviews").textContent()).toContain("Maya Manager");
    await expectNoAxeViolations(page);
  });

  it("shows the trainee the manager's comment on their report", async () => {
    const page = await pageAs("trainee");
    await page.goto("/train/history");
    const link = page.getByRole("link", { name: /^Open the call of/ }).first();
    await link.click();
    await page.getByRole("heading", { level: 2, name: "Reviews" }).waitFor();
    expect(await page.getByTestId("reviews").textContent()).toContain("Lovely pace");
    expect(await page.getByRole("button", { name: "Save the review" }).count()).toBe(0);
  });

  it("shows the dashboard and the track page in French", async () => {
    const page = await pageAs("manager", { locale: "fr-CA" });
    await page.getByRole("heading", { name: "Parcours de certification" }).waitFor();
    expect(await page.locator('[data-testid="matrix"] [data-status="certified"]').first().textContent()).toContain("Certifié·e jusqu'au");
    await expectNoAxeViolations(page);
    await page.goto(trackPath);
    await page.getByRole("heading", { level: 1, name: "Certification accueil" }).waitFor();
    await expectNoAxeViolations(page);
  });
});
