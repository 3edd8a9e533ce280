/**
 * Drafting with a model, against the loopback fake OpenAI server: a pasted document becomes a complete
 * bilingual draft that is validated like any other and never published by itself; a model that answers
 * no JSON, or no model at all, creates nothing.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships, scenarios, scenarioVersions, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { setDatabaseHandle } from "../../app/db.server";
import { draftFromDocument } from "../../app/author/drafting.server";
import { loadEditor, type Actor } from "../../app/author/studio.server";
import { templateContent } from "../../app/author/templates";
import { createChatModel } from "../../app/engine/models";
import { startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server";
import { createTestDatabase, type TestDatabase } from "../helpers";

const STORY = "Une cliente arrive à 13 h à l'hôtel ; sa chambre n'est pas prête avant 15 h. Elle a une réunion à 16 h.";

describe("drafting a scenario with a model", () => {
  let database: TestDatabase;
  let fake: FakeOpenAI;
  let trainer: Actor;
  let answer: string;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const { orgId } = await seedDemo(database.db);
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
    const [u] = await database.db.select({ id: users.id }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.role, "trainer"));
    trainer = { id: u!.id, orgId, role: "trainer" };
    fake = await startFakeOpenAI({ script: () => ({ text: answer }) });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });

  const model = () => createChatModel({ kind: "llm", model: "fake-model", apiKey: "test", baseURL: fake.baseUrl, timeoutMs: 10_000 });

  it("turns a pasted document into a bilingual draft, checked like any other and not published", async () => {
    const drafted = { ...templateContent("in-person", "whatever"), title: { en: "The room that is not ready", fr: "La chambre pas prête" } };
    answer = "Here is the scenario:\n```json\n" + JSON.stringify(drafted) + "\n```";
    expect(await draftFromDocument(trainer, "room-from-story", STORY, model())).toEqual({ ok: true, slug: "room-from-story" });
    expect(fake.requests.at(-1)!.promptText).toContain(STORY);
    const editor = await loadEditor(trainer, "room-from-story");
    expect(editor).toMatchObject({ status: "draft", versions: [] });
    expect((editor!.draft!.content as { id: string; title: { fr: string } }).id).toBe("room-from-story");
    expect((editor!.draft!.content as { title: { fr: string } }).title.fr).toBe("La chambre pas prête");
    expect(editor!.check.valid).toBe(true);
    const [row] = await database.db.select().from(scenarios).where(eq(scenarios.slug, "room-from-story"));
    expect(await database.db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, row!.id))).toEqual([]);
  });

  it("keeps an incomplete draft with its errors for the trainer to finish", async () => {
    answer = JSON.stringify({ title: { en: "Half a scenario", fr: "" }, channel: "phone" });
    expect(await draftFromDocument(trainer, "half-drafted", STORY, model())).toEqual({ ok: true, slug: "half-drafted" });
    const editor = await loadEditor(trainer, "half-drafted");
    expect(editor!.check.valid).toBe(false);
    expect(editor!.check.errors["title.fr"]).toEqual({ key: "forms.required" });
  });

  it("creates nothing when the model answers no JSON, or when there is no model", async () => {
    answer = "Sorry, I cannot help with that.";
    expect(await draftFromDocument(trainer, "no-json", STORY, model())).toEqual({ ok: false, error: "notJson" });
    expect(await draftFromDocument(trainer, "no-model", STORY, null)).toEqual({ ok: false, error: "noModel" });
    expect(await draftFromDocument(trainer, "empty-doc", "   ", model())).toEqual({ ok: false, error: "documentEmpty" });
    expect(await database.db.select().from(scenarios).where(eq(scenarios.slug, "no-json"))).toEqual([]);
  });
});
