/**
 * The scenario studio in a real browser (issue 13): the demo trainer creates a scenario from blank in
 * English and French (a hotel guest whose room is not ready at check-in) with the form alone — no
 * file, no regular expression — test-plays it to a resolution and to a failure, saves both as tests,
 * and publishes it; exports version 1 as a YAML download and imports the file back unchanged (into
 * itself, and as a new scenario whose version 1 exports the same text); the demo trainee finds it in the
 * catalog and plays it to a scorecard. Every studio page passes an axe scan; screenshots under tests/e2e/screenshots/.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers";
import { HOTEL } from "../author/hotel";
import { endCallOrAwaitScorecard, expectNoAxeViolations, launchBrowser, loginAs, screenshot } from "./helpers";

const HOTEL_KNOWS = {
  id: "late-check-out",
  description: { en: "Guests can ask for a free late check-out until 2 pm", fr: "Les clients peuvent demander un départ tardif gratuit jusqu'à 14 h" },
  examples: {
    en: [
      "You can keep the room until 2 pm tomorrow at no cost.",
      "Good to know: late check-out until two is free.",
      "If you need it, checking out at 2 pm is included.",
      "you can leave the room later tomorrow, no charge",
      "Late check-out is free for you, just tell us by morning.",
      "No need to rush tomorrow, the room is yours until 2.",
      "We can offer a free late check-out after your meeting.",
      "By the way, you may stay in the room until early afternoon.",
    ],
    fr: [
      "Vous pouvez garder la chambre jusqu'à 14 h demain sans frais.",
      "Bon à savoir : le départ tardif jusqu'à 14 h est gratuit.",
      "Si besoin, partir à 14 h est compris.",
      "vous pouvez liberer la chambre plus tard demain, gratuit",
      "Le départ tardif est offert, dites-le-nous le matin.",
      "Pas besoin de vous presser demain, la chambre est à vous jusqu'à 14 h.",
      "On peut vous offrir un départ tardif après votre réunion.",
      "D'ailleurs, vous pouvez rester dans la chambre jusqu'au début de l'après-midi.",
    ],
  },
};

describe("the scenario studio in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function pageAs(role: "trainer" | "trainee", locale?: string): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 }, ...(locale ? { locale } : {}) });
    const p = await context.newPage();
    p.on("pageerror", (e) => pageErrors.push(e.message));
    await loginAs(p, role, { baseUrl: server.baseUrl });
    return p;
  }

  const field = (id: string) => page.locator(`#f-${id.replace(/[^a-zA-Z0-9_-]/g, "_")}`);
  async function fillBoth(id: string, text: { en: string; fr: string }) {
    await field(`${id}.en`).fill(text.en);
    await field(`${id}.fr`).fill(text.fr);
  }
  /** Pick a condition in a condition picker: the select "Condition to add (<part>, <field>)", then its button. */
  async function pickCondition(scope: ReturnType<Page["locator"]>, part: "All of" | "At least one of", fieldLabel: string, condition: string) {
    await scope.getByLabel(`Condition to add (${part}, ${fieldLabel})`).selectOption(condition);
    await scope.getByRole("button", { name: `Add a condition (${part}, ${fieldLabel})` }).click();
  }
  async function waitSaved() {
    await page.getByRole("status").filter({ hasText: /^Saved \(revision \d+\)$/ }).waitFor({ timeout: 20_000 });
  }

  it("shows the trainer the studio with the library, and every studio page passes axe", async () => {
    page = await pageAs("trainer");
    await page.goto("/author");
    await page.getByRole("heading", { level: 1, name: "Scenario studio" }).waitFor();
    expect(await page.getByRole("link", { name: "The forgotten cap" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, "studio-home");
    await page.goto("/author/lost-cap");
    await page.getByText("A library scenario is read-only.").waitFor();
    await expectNoAxeViolations(page);
  });

  it("creates a scenario from blank in English and French with the form alone", async () => {
    await page.goto("/author");
    await page.getByRole("link", { name: "New scenario" }).click();
    await page.getByRole("heading", { level: 1, name: "New scenario" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Id", { exact: true }).fill(HOTEL.slug);
    await page.getByLabel("A blank scenario").check();
    await page.getByRole("button", { name: "Create" }).click();
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/author/${HOTEL.slug}`);

    await fillBoth("title", HOTEL.title);
    await fillBoth("setting", HOTEL.setting);
    await fillBoth("role", HOTEL.role);
    await field("customer.name").fill(HOTEL.name);
    await fillBoth("customer.persona", HOTEL.persona);
    await field("opening.en").fill(HOTEL.opening.en);
    // A missing translation is flagged, not copied.
    await page.getByText("(Missing translation)").first().waitFor();
    await field("opening.fr").fill(HOTEL.opening.fr);
    await fillBoth("goal", HOTEL.goal);

    // A topic, by example phrases (no pattern). An id that is not one is refused where it is typed.
    await page.getByLabel("New id (Topics)").fill("Suivi Colis");
    await page
      .getByRole("alert")
      .filter({ hasText: "Not added. “Suivi Colis” is not an id: use lower-case letters, digits and hyphens only, with no space or accent (e.g. “suivi-colis”)." })
      .waitFor();
    expect(await page.getByRole("button", { name: "Add a topic" }).isDisabled()).toBe(true);
    await page.getByLabel("New id (Topics)").fill(HOTEL.topic.id);
    await page.getByRole("button", { name: "Add a topic" }).click();
    await fillBoth(`topics.${HOTEL.topic.id}.description`, HOTEL.topic.description);
    await field(`topics.${HOTEL.topic.id}.examples.en`).fill(HOTEL.topic.examples.en.slice(0, 5).join("\n"));
    await page.getByText("Only 5 example phrases in this language").first().waitFor({ timeout: 20_000 });
    await field(`topics.${HOTEL.topic.id}.examples.en`).fill(HOTEL.topic.examples.en.join("\n"));
    await field(`topics.${HOTEL.topic.id}.examples.fr`).fill(HOTEL.topic.examples.fr.join("\n"));

    // Something the receptionist knows that the guest does not: without it, the checks warn that "Shared something
    // useful" can almost never be earned.
    await page.getByText("“What the receptionist knows” is empty").first().waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Add something the receptionist knows" }).click();
    await field("knows.0.id").fill(HOTEL_KNOWS.id);
    await fillBoth("knows.0.description", HOTEL_KNOWS.description);
    await field("knows.0.examples.en").fill(HOTEL_KNOWS.examples.en.join("\n"));
    await field("knows.0.examples.fr").fill(HOTEL_KNOWS.examples.fr.join("\n"));

    // A hidden fact unlocked by that topic. Its id's hint says what the id is for (not the scenario's web address).
    await page.getByRole("button", { name: "Add a fact", exact: true }).click();
    const facts = page.locator("#section-facts");
    expect(await page.locator("#f-facts_0_id-hint").textContent()).toContain("Conditions elsewhere use it as fact:<id>");
    // The checks name the empty id as the form does, and the link goes to the field.
    const checks = page.locator("details", { has: page.getByText(/^Checks:/) });
    const idError = checks.getByRole("link", { name: "Go to the field: Facts · #1 › Id" });
    await idError.waitFor({ timeout: 20_000 });
    expect(await idError.textContent()).toBe("Facts · #1 › Id");
    expect(await checks.textContent()).not.toContain("facts.0");
    await idError.click();
    await page.waitForFunction(() => document.activeElement?.id === "f-facts_0_id");
    await field("facts.0.id").fill(HOTEL.fact.id);
    await pickCondition(facts, "All of", "Unlocked by", `topic:${HOTEL.topic.id}`);
    await fillBoth("facts.0.text", HOTEL.fact.text);

    // A need she will voice once her name is found, met by saying when.
    await page.getByRole("button", { name: "Add a need" }).click();
    const needs = page.locator("#section-needs");
    await field("needs.0.id").fill("meeting-time");
    await fillBoth("needs.0.description", { en: "Will I make my meeting?", fr: "Serai-je à l'heure pour ma réunion ?" });
    await pickCondition(needs, "All of", "Once this has happened", `fact:${HOTEL.fact.id}`);
    await pickCondition(needs, "At least one of", "Met by", "set_expectation");
    await page.getByLabel("New id (Scripted lines)").fill("voice-need:meeting-time");
    await page.getByRole("button", { name: "Add a scripted line" }).click();
    await field("lines.voice-need:meeting-time.en").fill("Will I have the room before my meeting?");
    await field("lines.voice-need:meeting-time.fr").fill("J'aurai la chambre avant ma réunion ?");

    // What counts as resolved.
    const goal = page.locator("#section-goal");
    await pickCondition(goal, "All of", "Resolved when", `fact:${HOTEL.fact.id}`);
    await pickCondition(goal, "At least one of", "Resolved when", "offer_solution");
    await pickCondition(goal, "At least one of", "Resolved when", "set_expectation");

    // A rubric checkpoint with its coaching tip.
    await page.getByRole("button", { name: "Add a resolution checkpoint" }).click();
    await field("rubric.resolution.0.id").fill(HOTEL.checkpoint.id);
    await fillBoth("rubric.resolution.0.description", HOTEL.checkpoint.description);
    await pickCondition(page.locator("#section-rubric"), "All of", "Hit when", `topic:${HOTEL.topic.id}`);
    await fillBoth("rubric.resolution.0.tip", HOTEL.checkpoint.tip);

    await waitSaved();
    await page.getByText("Checks: No error, no warning.").waitFor({ timeout: 20_000 });
    await screenshot(page, "studio-editor-filled");
    // The sticky toolbar is opaque: the form scrolling under it does not show through.
    const toolbarBackground = await page.getByTestId("editor-toolbar").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(toolbarBackground).not.toMatch(/\/|rgba|transparent|color-mix/);
    await expectNoAxeViolations(page);

    // The same draft as YAML in a code editor, validated at the line; back to the form, nothing is lost.
    await page.getByRole("button", { name: "YAML", exact: true }).click();
    const code = page.locator(".cm-content");
    await code.waitFor();
    expect(await code.textContent()).toContain(`id: ${HOTEL.slug}`);
    await expectNoAxeViolations(page);
    await code.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n- oops");
    await page.getByText("The YAML has errors: the form shows the last version that could be read.").waitFor();
    await page.locator(".cm-lint-marker-error").first().waitFor();
    for (let i = 0; i < 5 && (await code.textContent())!.includes("oops"); i++) await page.keyboard.press("Control+z");
    expect(await code.textContent()).not.toContain("oops");
    await page.getByRole("button", { name: "Form", exact: true }).click();
    expect(await field("title.en").inputValue()).toBe(HOTEL.title.en);
    expect(await field("facts.0.id").inputValue()).toBe(HOTEL.fact.id);
    await waitSaved();

    // A reload loses nothing.
    await page.reload();
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    expect(await field("title.fr").inputValue()).toBe(HOTEL.title.fr);
    expect(await field(`topics.${HOTEL.topic.id}.examples.fr`).inputValue()).toBe(HOTEL.topic.examples.fr.join("\n"));
  });

  async function testPlay(lines: string[]) {
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Test-play" }) });
    await panel.getByRole("button", { name: /^(Start|Start again)$/ }).click();
    await panel.getByText(HOTEL.opening.en).waitFor();
    for (const [i, line] of lines.entries()) {
      if ((await panel.getByText(/The call is over/).count()) > 0) break;
      await panel.getByLabel("What you say").fill(line);
      await panel.getByRole("button", { name: "Say", exact: true }).click();
      await panel.getByTestId(`debug-${i}`).waitFor();
    }
    return panel;
  }

  it("test-plays the draft to a resolution and to a failure, with the machine's view, and saves both as tests", async () => {
    let panel = await testPlay(HOTEL.lines.good);
    await panel.getByText("The call is over: Resolved.").waitFor();
    expect(await panel.getByTestId("debug-0").textContent()).toContain(`Facts unlocked: ${HOTEL.fact.id}`);
    // Mood and checkpoint dimensions by their labels (labels.mood_*, labels.dimension_*).
    expect(await panel.getByText(/^Patience \d+ · (calm|annoyed|angry) · facts: /).count()).toBe(1);
    expect(await panel.locator("li", { hasText: /^✓ Resolution — / }).count()).toBeGreaterThan(0);
    await panel.getByTestId("debug-0").locator("summary").click();
    expect(await panel.getByTestId("debug-0").textContent()).toMatch(/How sure.*topic:booking-name \d\.\d\d/);
    // The flow diagram, laid out by dagre, highlights the path the call took.
    const diagram = page.getByTestId("flow-diagram");
    await diagram.locator(`g[data-lit="true"]`).first().waitFor();
    expect(await diagram.locator(`g[data-lit="true"]`).allTextContents()).toEqual(
      expect.arrayContaining([`fact: ${HOTEL.fact.id}`, `topic: ${HOTEL.topic.id}`, "resolved"]),
    );
    // Every box's text fits inside its box (long labels wrap); moves are named, not written with underscores.
    const overflowing = await diagram.locator("g").evaluateAll((groups) =>
      groups
        .map((g) => ({ text: g.querySelector("text"), rect: g.querySelector("rect") }))
        .filter(({ text, rect }) => text && rect && (text as SVGTextElement).getBBox().width > Number(rect.getAttribute("width")))
        .map(({ text }) => text!.textContent),
    );
    expect(overflowing).toEqual([]);
    expect(await diagram.textContent()).not.toContain("_");
    // The debug view names the moves as people say them.
    const understood = (await panel.getByTestId("debug-0").textContent()) ?? "";
    expect(understood).not.toMatch(/[a-z]_[a-z]/);
    await screenshot(page, "studio-test-play");
    await expectNoAxeViolations(page);
    await panel.getByLabel("Test name").fill("a warm check-in passes");
    await panel.getByLabel("end resolved and pass").check();
    await panel.getByRole("button", { name: "Save the test" }).click();
    await page.getByText("a warm check-in passes").first().waitFor();

    panel = await testPlay(HOTEL.lines.curt);
    await panel.getByLabel("Test name").fill("a curt receptionist fails");
    await panel.getByLabel("fail", { exact: true }).check();
    await panel.getByRole("button", { name: "Save the test" }).click();
    const tests = page.locator("section", { has: page.getByRole("heading", { name: "This scenario's tests" }) });
    await tests.getByText("a curt receptionist fails").waitFor();
    await tests.getByRole("button", { name: "Run the tests" }).click();
    await tests.getByText("passed").nth(1).waitFor();
    expect(await tests.getByText("failed").count()).toBe(0);
  });

  it("publishes the scenario (its tests pass) as version 1", async () => {
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published as version 1.").waitFor({ timeout: 30_000 });
    await page.goto("/author");
    const row = page.getByRole("row", { name: new RegExp(HOTEL.title.en) });
    expect(await row.textContent()).toContain("Published");
    // Its versions: who published and when, the diff from version 1 to the draft, export.
    await page.goto(`/author/${HOTEL.slug}/versions`);
    await page.getByRole("heading", { level: 1, name: `Versions of “${HOTEL.title.en}”` }).waitFor();
    expect(await page.getByRole("row", { name: /^1 / }).textContent()).toContain("Théo Trainer");
    expect(await page.getByText("No difference.").count()).toBe(1);
    await expectNoAxeViolations(page);
    const exported = await page.request.get(`/author/${HOTEL.slug}/export?version=1`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(`id: ${HOTEL.slug}\ntitle:\n  en: ${HOTEL.title.en}`);
  });

  it("exports the published version as a YAML download and imports it back unchanged, into itself and as a new scenario", async () => {
    /** Download version `n` of `slug` through the export link of its versions page. */
    async function download(slug: string, n: number): Promise<string> {
      await page.goto(`/author/${slug}/versions`);
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`a[href="/author/${slug}/export?version=${n}"]`).click()]);
      expect(file.suggestedFilename()).toBe(`${slug}-v${n}.yaml`);
      return readFileSync((await file.path())!, "utf8");
    }
    /** Import YAML text through the studio home's file input. */
    async function importFile(name: string, text: string) {
      await page.goto("/author");
      await page.locator('input[type="file"][name="file"]').setInputFiles({ name, mimeType: "application/yaml", buffer: Buffer.from(text, "utf8") });
      await page.getByRole("button", { name: "Import", exact: true }).click();
    }

    const exported = await download(HOTEL.slug, 1);
    expect(exported).toContain(`id: ${HOTEL.slug}\n`);

    // Into itself (the file's id is an organisation scenario): the file becomes the draft, identical to version 1.
    await importFile(`${HOTEL.slug}-v1.yaml`, exported);
    await page.waitForURL(`**/author/${HOTEL.slug}`);
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Nothing to publish: version 1 is the same.").waitFor({ timeout: 30_000 });

    // As a new scenario (the same file under another id): published, its version 1 exports the same text.
    const copy = `${HOTEL.slug}-copy`;
    const renamed = exported.replace(`id: ${HOTEL.slug}\n`, `id: ${copy}\n`);
    await importFile(`${copy}.yaml`, renamed);
    await page.waitForURL(`**/author/${copy}`);
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    expect(await field("title.en").inputValue()).toBe(HOTEL.title.en);
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Published as version 1.").waitFor({ timeout: 30_000 });
    expect(await download(copy, 1)).toBe(renamed);
  });

  it("edits with the keyboard alone: conditions are picked and removed without a mouse, and the code editor lets Tab out", async () => {
    await page.goto(`/author/${HOTEL.slug}`);
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    const facts = page.locator("#section-facts");
    const select = facts.getByLabel("Condition to add (At least one of, Unlocked by)");
    await select.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Add a condition (At least one of, Unlocked by)");
    await page.keyboard.press("Enter");
    const remove = facts.getByRole("button", { name: "Remove greet" });
    await remove.waitFor();
    await remove.focus();
    await page.keyboard.press("Enter");
    await remove.waitFor({ state: "detached" });
    await waitSaved();
    await page.getByRole("button", { name: "YAML", exact: true }).focus();
    await page.keyboard.press("Enter");
    const code = page.locator(".cm-content");
    await code.waitFor();
    await code.focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("cm-content"))).toBe(false);
  });

  it("says why the server refused a save and keeps the trainer's text, then saves it when it can", async () => {
    await page.goto(`/author/${HOTEL.slug}`);
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    // A test-play refused by the server (its payload spoilt on the way): the reason is shown, the line stays in the box.
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Test-play" }) });
    await panel.getByRole("button", { name: /^(Start|Start again)$/ }).click();
    await panel.getByText(HOTEL.opening.en).waitFor();
    const spoilPlay = (route: import("playwright-core").Route) =>
      route.continue({ postData: new URLSearchParams({ payload: JSON.stringify({ locale: "de", lines: [] }) }).toString() });
    await page.route(`**/author/${HOTEL.slug}/play`, spoilPlay);
    await panel.getByLabel("What you say").fill(HOTEL.lines.good[0]!);
    await panel.getByRole("button", { name: "Say", exact: true }).click();
    await panel.getByText("locale: Pick one of the options.").waitFor();
    expect(await panel.getByLabel("What you say").inputValue()).toBe(HOTEL.lines.good[0]);
    await page.unroute(`**/author/${HOTEL.slug}/play`, spoilPlay);

    // The autosave's payload spoilt on its way: the real server answers 400 with what is wrong.
    const spoil = (route: import("playwright-core").Route) => route.continue({ postData: new URLSearchParams({ payload: "{}" }).toString() });
    await page.route(`**/author/${HOTEL.slug}/draft`, spoil);
    const edited = `${HOTEL.title.en} (edited)`;
    await field("title.en").fill(edited);
    await page
      .getByRole("status")
      .filter({ hasText: "Could not save: “content” is not a scenario (expected a JSON object). Your changes are kept in this page" })
      .waitFor({ timeout: 20_000 });
    expect(await field("title.en").inputValue()).toBe(edited);
    await page.unroute(`**/author/${HOTEL.slug}/draft`, spoil);
    await waitSaved();
    await page.reload();
    await page.getByRole("heading", { name: "Identity" }).waitFor();
    expect(await field("title.en").inputValue()).toBe(edited);
    await field("title.en").fill(HOTEL.title.en);
    await waitSaved();

    // The session ends behind the page's back: the save says so, the text stays, and logging in again in
    // another tab lets the next try through.
    const session = (await context!.cookies()).find((c) => c.name === "mot_session");
    const ended = await fetch(`${server.baseUrl}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: `mot_session=${session!.value}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(ended.status).toBe(302);
    await field("title.en").fill(edited);
    await page.getByRole("status").filter({ hasText: "Not saved: your session has expired. Your changes are kept in this browser" }).waitFor({ timeout: 20_000 });
    expect(await field("title.en").inputValue()).toBe(edited);
    const other = await context!.newPage();
    await loginAs(other, "trainer", { baseUrl: server.baseUrl });
    await other.close();
    await waitSaved();
    await field("title.en").fill(HOTEL.title.en);
    await waitSaved();
  });

  it("speaks French to a French trainer: drop-downs, mood threshold, a topic id the format refuses, renamed from the checks list", async () => {
    page = await pageAs("trainer", "fr-FR");
    await page.goto(`/author/${HOTEL.slug}`);
    await page.getByRole("heading", { name: "Identité" }).waitFor();
    const channels = await field("channel").locator("option").allTextContents();
    // The channel named as everywhere else in the app.
    expect(channels).toEqual(expect.arrayContaining(["Téléphone", "En personne"]));
    expect(channels).not.toContain("phone");
    expect(await field("customer.openingMood").locator("option").allTextContents()).toEqual(["(non défini)", "calme", "à cran", "en colère"]);
    await page.getByLabel("À cran à partir de (patience)").waitFor();

    // A topic whose id is not one (from a YAML edit or an old draft): slipped into the next autosave.
    const inject = async (route: import("playwright-core").Route) => {
      const payload = JSON.parse(new URLSearchParams(route.request().postData() ?? "").get("payload") ?? "{}") as { content: { topics: Record<string, unknown> } };
      payload.content.topics["Suivi Colis"] = { description: HOTEL.topic.description, examples: HOTEL.topic.examples };
      await route.continue({ postData: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() });
    };
    await page.route(`**/author/${HOTEL.slug}/draft`, inject);
    await field("title.fr").fill(`${HOTEL.title.fr} (essai)`);
    await page.getByRole("status").filter({ hasText: /^Enregistré \(révision \d+\)$/ }).waitFor({ timeout: 20_000 });
    await page.unroute(`**/author/${HOTEL.slug}/draft`, inject);
    await page.reload();
    await page.getByRole("heading", { name: "Identité" }).waitFor();

    const checks = page.locator("details", { has: page.getByText(/^Vérifications : /) });
    const link = checks.getByRole("link", { name: "Aller au champ : Sujets › Suivi Colis" });
    await link.waitFor({ timeout: 20_000 });
    const entry = checks.locator("li", { has: page.getByRole("link", { name: "Aller au champ : Sujets › Suivi Colis" }) });
    expect(await entry.textContent()).toContain("« Suivi Colis » ne peut pas être l'identifiant d'un sujet");
    expect(await checks.textContent()).not.toMatch(/Invalid key|needs example phrases/);
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === "f-topics_Suivi_Colis");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("suivi-colis");
    await page.getByRole("button", { name: "Renommer" }).click();
    await page.getByRole("button", { name: "Retirer : suivi-colis" }).click();
    await field("title.fr").fill(HOTEL.title.fr);
    await page.getByText("Vérifications : Aucune erreur, aucun avertissement.").waitFor({ timeout: 20_000 });
    await page.getByRole("status").filter({ hasText: /^Enregistré \(révision \d+\)$/ }).waitFor({ timeout: 20_000 });
    await screenshot(page, "studio-editor-fr");
  });

  it("lets the trainee find it in the catalog and play it to a scorecard", { timeout: 240_000 }, async () => {
    page = await pageAs("trainee");
    await page.goto("/train");
    await page.getByText(HOTEL.title.en).first().waitFor();
    await page.goto(`/train/${HOTEL.slug}`);
    await page.getByRole("button", { name: "Start" }).click();
    await page.waitForURL(/\/calls\/[0-9a-f-]+$/);
    const onReport = () => /\/report$/.test(page.url());
    const waitForCustomer = async (n: number) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (onReport()) return;
        const count = await page.locator('ol [data-speaker="customer"]').count().catch(() => 0);
        if (count >= n) return;
        if (Date.now() > deadline) {
          await screenshot(page, "studio-trainee-stuck");
          throw new Error(`the customer did not answer (${count}/${n} lines) on ${page.url()}`);
        }
        await page.waitForTimeout(100);
      }
    };
    await waitForCustomer(1);
    for (const [i, line] of HOTEL.lines.good.entries()) {
      if (onReport()) break;
      const reply = page.getByLabel("Your reply");
      await reply.fill(line);
      await reply.press("Enter");
      await waitForCustomer(i + 2);
    }
    if (!onReport()) await endCallOrAwaitScorecard(page, "End conversation", /End/);
    await page.getByTestId("pass-badge").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Scorecard");
    await screenshot(page, "studio-trainee-scorecard");
    expect(pageErrors).toEqual([]);
  });
});
