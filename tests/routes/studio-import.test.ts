/**
 * Importing a file the studio cannot read, through the real built app: a file over the import limit, a
 * binary file (a PNG, named .yaml or not) and an empty file each answer on the studio's page with what is
 * wrong, in the reader's language (not a bare 413, not the binary's characters, not "choose a file first").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, startTestServer, type TestServer } from "../helpers";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

describe("importing a file the studio cannot read", () => {
  let server: TestServer;
  let trainer: string;

  beforeAll(async () => {
    server = await startTestServer();
    trainer = await login(server.baseUrl, "trainer@example.com");
  });
  afterAll(async () => {
    await server?.close();
  });

  async function importFile(bytes: Uint8Array, name: string, language: string) {
    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
    const res = await fetch(`${server.baseUrl}/author?index`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: trainer, "Accept-Language": language },
      body: form,
    });
    const html = await res.text();
    if (process.env.DUMP_HTML) (await import("node:fs")).writeFileSync(`/tmp/h/${name}-${language}.html`, html);
    return { status: res.status, html };
  }

  it("says a file over the limit is too large, on the studio's page, in French and in English", async () => {
    const big = new Uint8Array(600 * 1024).fill(0x61);
    const fr = await importFile(big, "big.yaml", "fr-FR");
    expect(fr.status).toBe(413);
    expect(fr.html).toContain("Fichier trop volumineux (max 512 Ko)");
    expect(fr.html).toContain("<html");
    const en = await importFile(big, "big.yaml", "en");
    expect(en.html).toContain("File too large (max 512 KB)");
  });

  it("says a PNG, even renamed .yaml, is not a YAML text file, and shows none of its bytes", async () => {
    for (const name of ["photo.png", "photo.yaml"]) {
      const fr = await importFile(PNG, name, "fr-FR");
      expect(fr.status, name).toBe(400);
      expect(fr.html, name).toMatch(/Ce n(&#x27;|')est pas un fichier texte YAML/);
      expect(fr.html, name).not.toContain("IHDR");
    }
    const en = await importFile(PNG, "photo.yaml", "en");
    expect(en.html).toContain("This is not a YAML text file");
  });

  it("says a chosen empty file is empty (not 'choose a file first')", async () => {
    const fr = await importFile(new Uint8Array(0), "empty.yaml", "fr-FR");
    expect(fr.html).toContain("Le fichier est vide");
    expect(fr.html).not.toContain("Choisissez d'abord un fichier");
    const blank = await importFile(new TextEncoder().encode("  \n\n"), "blank.yaml", "en");
    expect(blank.html).toContain("The file is empty");
  });

  it("refuses a scenario whose title is longer than 80 characters, saying so in French", async () => {
    const { templateContent } = await import("../../app/author/templates");
    const { scenarioToYaml } = await import("../../app/author/yaml");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a template edited freely, field by field, to build bad input
    const s = templateContent("phone", "too-long-title") as Record<string, any>;
    s.title = { en: "A".repeat(150), fr: "Le colis" };
    const fr = await importFile(new TextEncoder().encode(scenarioToYaml(s)), "long.yaml", "fr-FR");
    expect(fr.status).toBe(400);
    expect(fr.html).toContain("Le titre fait 150 caractères : 80 au maximum.");
  });
});
