/**
 * Decision 277 in a real browser, in French: an imported file whose YAML does not read is refused with the line,
 * the column and what is wrong in French; in the editor's YAML view a tab typed to indent is explained in French,
 * and the text that does not read survives a switch to the form and back.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { templateContent } from "../../app/author/templates";
import { scenarioToYaml } from "../../app/author/yaml";
import { startTestServer, type TestServer } from "../helpers";
import { launchBrowser, loginAs } from "./helpers";

describe("the studio's YAML problems in French, in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.baseUrl, locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginAs(page, "trainer", { baseUrl: server.baseUrl });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function importFile(name: string, text: string) {
    await page.goto("/author");
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name, mimeType: "application/yaml", buffer: Buffer.from(text, "utf8") });
    await page.getByRole("button", { name: "Importer", exact: true }).click();
  }

  it("refuses an imported file with a tab, saying where and what in French", async () => {
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await importFile("colis.yaml", "id: colis-fr\ntitle:\n\ten: Late parcel\n");
    const alert = page.getByRole("alert");
    await alert.getByText("Le fichier n'a pas été importé :").waitFor();
    expect(await alert.textContent()).toContain("Ligne 3, colonne 1 : une tabulation sert d'indentation.");
    expect(await alert.textContent()).not.toMatch(/Tabs are not allowed/);
  });

  it("explains a YAML mistake in the editor in French and keeps the text across a switch to the form", async () => {
    await importFile("colis-fr.yaml", scenarioToYaml(templateContent("phone", "colis-fr")));
    await page.waitForURL("**/author/colis-fr");
    await page.getByRole("button", { name: "YAML", exact: true }).click();
    const code = page.locator(".cm-content");
    await code.waitFor();
    await code.click();
    await page.keyboard.press("Control+End");
    // (A quote typed here is closed by the code editor itself: a name without its colon is the mistake typed.)
    await page.keyboard.type("\nmot sans deux points");
    const status = page.locator("[id$='-problems'][role='status']");
    await status.getByText(/^Ligne \d+, colonne 1 : il manque les deux-points après le nom d'un champ/).waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toContain("Votre texte est gardé tel que vous l'avez tapé");
    await page.getByRole("button", { name: "Formulaire", exact: true }).click();
    await page.getByRole("button", { name: "YAML", exact: true }).click();
    await code.waitFor();
    // The code editor draws only the lines in view: the text is read from the view's own (hidden) text area.
    expect(await page.locator("textarea[aria-describedby$='-problems']").inputValue()).toMatch(/\nmot sans deux points$/);
    await status.getByText(/il manque les deux-points après le nom d'un champ/).waitFor();
  });
});
