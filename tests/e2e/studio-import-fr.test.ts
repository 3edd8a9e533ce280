/**
 * Importing a file the studio cannot read, in a French browser: a 4 MB file is refused before it is sent (the
 * server's edge would answer a bare 413 and the page would be the generic error), a PNG renamed .yaml gets
 * "Ce n'est pas un fichier texte YAML" on the studio's page, with none of its bytes shown.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { launchBrowser, loginAs } from "./helpers";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

describe("importing a file the studio cannot read, in French", () => {
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

  it("refuses a 4 MB file before sending it, and a PNG renamed .yaml on the studio's page", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: "fr-FR" });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") requests.push(r.url());
    });
    await loginAs(page, "trainer", { baseUrl: server.baseUrl });
    await page.goto("/author");
    requests.length = 0;

    const input = page.locator('input[type="file"][name="file"]');
    await input.setInputFiles({ name: "gros.yaml", mimeType: "application/yaml", buffer: Buffer.alloc(4 * 1024 * 1024, 0x61) });
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.filter({ hasText: "Fichier trop volumineux (max 512 Ko)" }).waitFor({ timeout: 10_000 });
    expect(requests).toEqual([]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).not.toContain("erreur");

    await input.setInputFiles({ name: "photo.yaml", mimeType: "application/yaml", buffer: PNG });
    await page.getByRole("button", { name: "Importer", exact: true }).click();
    await alert.filter({ hasText: "Ce n'est pas un fichier texte YAML" }).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toContain("IHDR");
    await context.close();
  });
});
