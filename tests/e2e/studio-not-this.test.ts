/**
 * "Not this" in a real browser (decision 282's studio side): the trainer test-plays a draft of the angry caller without
 * its counter-examples, where "the refund goes back to your bank" is read as the item "Connexa reimburses her bank's
 * fees"; opens what the line was read as, presses "Not this" on the item with the keyboard, is told so politely, finds
 * the line in that item's counter-examples in the form, autosaved like a form edit (pressed again, it says the phrase
 * is there already); test-played again, the line is no longer read as the item.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioToYaml } from "../../app/author/yaml";
import { loadScenarioById } from "../../scenarios/load";
import { startTestServer, type TestServer } from "../helpers";
import { expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

const SLUG = "not-this-refund";
const LINE = "The refund will go back to your bank by Friday.";
const ITEM = "fees-reimbursed";

/** The angry caller as a new draft, none of its topics or items with counter-examples. */
function draftYaml(): string {
  const seed = loadScenarioById("angry-caller");
  const topics = Object.fromEntries(Object.entries(seed.topics).map(([id, t]) => [id, { ...t, counterExamples: undefined }]));
  const knows = (seed.knows ?? []).map((k) => ({ ...k, counterExamples: undefined }));
  return scenarioToYaml({ ...seed, id: SLUG, topics, knows });
}

describe("“Not this” from the studio's test-play, in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await loginAs(page, "trainer", { baseUrl: server.baseUrl });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("adds a line read as an item of knowledge to that item's counter-examples in the draft", async () => {
    await page.goto("/author");
    await page.locator('input[type="file"][name="file"]').setInputFiles({
      name: `${SLUG}.yaml`,
      mimeType: "application/yaml",
      buffer: Buffer.from(draftYaml(), "utf8"),
    });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForURL(`**/author/${SLUG}`);
    const index = (loadScenarioById("angry-caller").knows ?? []).findIndex((k) => k.id === ITEM);
    const counterExamples = page.locator(`#f-knows_${index}_counterExamples_en`);
    expect(await counterExamples.count()).toBe(0); // the item has none: the form offers to add them

    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Test-play" }) });
    const say = async () => {
      await panel.getByLabel("What you say").fill(LINE);
      await panel.getByRole("button", { name: "Say", exact: true }).click();
      const debug = panel.getByTestId("debug-0");
      await debug.locator("summary").click();
      return debug;
    };
    await panel.getByRole("button", { name: "Start", exact: true }).click();
    const debug = await say();
    const notThis = debug.getByRole("button", { name: `Not this (${ITEM}): add this phrase to its counter-examples` });
    expect(await notThis.textContent()).toBe("Not this");
    await notThis.focus();
    await page.keyboard.press("Enter");

    await panel.getByRole("status").filter({ hasText: `Added to the counter-examples of ${ITEM}. Test-play again to see the new reading.` }).waitFor();
    expect(await counterExamples.inputValue()).toBe(LINE);
    await page.getByRole("status").filter({ hasText: /^Saved \(revision 2\)$/ }).waitFor({ timeout: 20_000 });
    await expectNoAxeViolations(page);
    await screenshot(page, "studio-not-this");

    await page.keyboard.press("Enter");
    await panel.getByRole("status").filter({ hasText: `Already one of the counter-examples of ${ITEM}.` }).waitFor();

    await panel.getByRole("button", { name: "Start again", exact: true }).click();
    const again = await say();
    // Read as the refund still (a counter-example counts against its own item only), no longer as the item.
    await again.getByRole("button", { name: "Not this (refund): add this phrase to its counter-examples" }).waitFor();
    expect(await again.getByRole("button", { name: `Not this (${ITEM}): add this phrase to its counter-examples` }).count()).toBe(0);
    await page.reload();
    expect(await counterExamples.inputValue()).toBe(LINE);
    expect(pageErrors).toEqual([]);
  });
});
