/**
 * A scenario's own tests (issue 13, decision 153): a played conversation saved with what must happen
 * ("line 2 must unlock the cap's description", "must end resolved and pass", "must fail"). They run
 * on publish (app/author/studio.server.ts publishDraft refuses while one fails) and on demand.
 */
import "./messages";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, scenarioDrafts, scenarioTests, users } from "../../db/schema";
import { ScenarioSchema } from "../../scenarios/schema";
import { getDb } from "../db.server";
import { MAX_PLAY_LINES, PlayLine, TestExpectation } from "./play.server";
import { editableScenarioId, runScenarioTests, StudioError, type Actor } from "./studio.server";

export const NewTest = z.object({
  name: z.string().trim().min(1, "author.testNameMissing").max(200, "author.testNameTooLong"),
  locale: z.enum(["en", "fr"]),
  lines: z.array(PlayLine).min(1, "author.testNeedsLines").max(MAX_PLAY_LINES),
  expectation: TestExpectation,
});
export type NewTest = z.infer<typeof NewTest>;

export interface StoredTest {
  id: string;
  name: string;
  locale: "en" | "fr";
  lines: string[];
  expectation: unknown;
  createdBy: string | null;
  createdAt: string;
}

export async function listTests(actor: Actor, slug: string): Promise<StoredTest[]> {
  const scenarioId = await editableOrReadable(actor, slug);
  if (!scenarioId) return [];
  const rows = await getDb()
    .select({ t: scenarioTests, creator: users.name })
    .from(scenarioTests)
    .leftJoin(users, eq(users.id, scenarioTests.createdBy))
    .where(eq(scenarioTests.scenarioId, scenarioId))
    .orderBy(asc(scenarioTests.createdAt));
  return rows.map(({ t, creator }) => ({
    id: t.id,
    name: t.name,
    locale: t.locale,
    lines: t.lines,
    expectation: t.expectation,
    createdBy: creator,
    createdAt: t.createdAt.toISOString(),
  }));
}

/** Readers see the tests too; a library scenario has none. */
async function editableOrReadable(actor: Actor, slug: string): Promise<string | null> {
  try {
    return await editableScenarioId({ ...actor, role: actor.role === "manager" ? "trainer" : actor.role }, slug);
  } catch (error) {
    if (error instanceof StudioError) return null;
    throw error;
  }
}

export async function saveTest(actor: Actor, slug: string, test: NewTest): Promise<{ id: string }> {
  const scenarioId = await editableScenarioId(actor, slug);
  const db = getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scenarioTests)
      .values({ scenarioId, name: test.name, locale: test.locale, lines: test.lines, expectation: test.expectation, createdBy: actor.id })
      .returning({ id: scenarioTests.id });
    await tx.insert(auditEvents).values({
      orgId: actor.orgId,
      actorId: actor.id,
      action: "scenario.test-added",
      subjectType: "scenario",
      subjectId: scenarioId,
      data: { slug, test: test.name },
    });
    return { id: row!.id };
  });
}

export async function deleteTest(actor: Actor, slug: string, testId: string): Promise<boolean> {
  const scenarioId = await editableScenarioId(actor, slug);
  const db = getDb();
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(scenarioTests)
      .where(and(eq(scenarioTests.id, testId), eq(scenarioTests.scenarioId, scenarioId)))
      .returning({ name: scenarioTests.name });
    if (deleted.length === 0) return false;
    await tx.insert(auditEvents).values({
      orgId: actor.orgId,
      actorId: actor.id,
      action: "scenario.test-removed",
      subjectType: "scenario",
      subjectId: scenarioId,
      data: { slug, test: deleted[0]!.name },
    });
    return true;
  });
}

/** Run the tests against the current draft (refused while the draft is invalid). */
export async function runDraftTests(actor: Actor, slug: string) {
  const scenarioId = await editableScenarioId(actor, slug);
  const [draft] = await getDb().select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, scenarioId));
  const parsed = ScenarioSchema.safeParse(draft?.content);
  if (!parsed.success) return null;
  return runScenarioTests(parsed.data, scenarioId);
}
