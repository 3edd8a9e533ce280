/**
 * The scenario studio's data (issue 13, decisions 150–151): an organisation's scenarios with their
 * autosaved drafts, publishing (an immutable scenario_versions row: attempts keep the version they
 * played), archive and restore, clone, import and export, versions and their differences. Every
 * create, edit, publish, archive, restore, rollback and import is an audit event (who, when, what).
 *
 * Who may do what is checked here, on every call, from the actor's role in the organisation they
 * work in (app/author/roles.ts): trainers and admins edit, managers read, trainees get nothing. A
 * scenario of another organisation does not exist for the actor (null / 404, never 403). Global
 * (library) scenarios are read-only: clone to change.
 */
import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Role } from "../../db/constants";
import { auditEvents, attempts, progressStats, scenarioDrafts, scenarios, scenarioTests, scenarioVersions, users } from "../../db/schema";
import { definitionChecksum } from "../../db/seed";
import { checkScenarioText, type ScenarioProblem } from "../../scenarios/parse";
import { ScenarioSchema, type Scenario } from "../../scenarios/schema";
import type { FieldError } from "../forms/field-errors";
import { getDb, type Database } from "../db.server";
import type { Transaction } from "../../db/client";
import { diffDefinitions, type FieldChange } from "./diff";
import { runTest, TestExpectation } from "./play.server";
import { canEditStudio, canReadStudio, isSlug } from "./roles";
import { templateContent, type TemplateName } from "./templates";
import { scenarioWarnings, type Warning } from "./warnings";
import { MAX_TITLE_CHARS, studioLimitErrors } from "./limits";
import { scenarioFieldErrors } from "./issues";
import type { TestFailure } from "./test-failures";
import { scenarioToYaml } from "./yaml";

export interface Actor {
  id: string;
  orgId: string;
  role: Role;
}

export function actorOf(user: { id: string; org: { id: string }; role: Role }): Actor {
  return { id: user.id, orgId: user.org.id, role: user.role };
}

/** Thrown for what the actor may not do; routes turn it into a 403/404 Response. */
export class StudioError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 400,
    message: string,
  ) {
    super(message);
    this.name = "StudioError";
  }
}

/** The largest draft accepted (the seed scenarios are about 60 kB as JSON). */
export const MAX_DRAFT_BYTES = 512 * 1024;

type ScenarioRow = typeof scenarios.$inferSelect;
type Db = Database | Transaction;

function requireReader(actor: Actor): void {
  if (!canReadStudio(actor.role)) throw new StudioError(403, "the studio is for trainers, managers and admins");
}
function requireEditor(actor: Actor): void {
  if (!canEditStudio(actor.role)) throw new StudioError(403, "only trainers and admins edit scenarios");
}

async function audit(
  db: Db,
  actor: Actor,
  action: string,
  scenario: Pick<ScenarioRow, "id" | "slug">,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(auditEvents).values({
    orgId: actor.orgId,
    actorId: actor.id,
    action,
    subjectType: "scenario",
    subjectId: scenario.id,
    data: { slug: scenario.slug, ...data },
  });
}

// --- Validation ------------------------------------------------------------------------------------

export interface DraftCheck {
  valid: boolean;
  /** zod errors by field path (scenarioFieldErrors: messages as i18n keys, in the studio's words). */
  errors: Record<string, FieldError>;
  warnings: Warning[];
}

/** Validate a draft's content against the scenario format, with the studio's warnings. */
export function checkDraft(content: unknown): DraftCheck {
  const parsed = ScenarioSchema.safeParse(content);
  const limits = studioLimitErrors(content);
  const errors = { ...limits, ...(parsed.success ? {} : scenarioFieldErrors(parsed.error, content)) };
  return {
    valid: parsed.success && Object.keys(limits).length === 0,
    errors,
    // A field with an error shows the error alone: an empty text its "Required." without "missing translation", a topic
    // with no example phrase its "needs example phrases" without "only 0 example phrases".
    warnings: scenarioWarnings(content).filter((w) => !(w.path in errors)),
  };
}

// --- Reading ----------------------------------------------------------------------------------------

/** The scenario `slug` as the actor's organisation sees it: its own first, else the library's. */
async function findScenario(db: Db, actor: Actor, slug: string): Promise<ScenarioRow | null> {
  if (!isSlug(slug) && !/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const rows = await db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.slug, slug), or(isNull(scenarios.orgId), eq(scenarios.orgId, actor.orgId))));
  return rows.find((r) => r.orgId === actor.orgId) ?? rows.find((r) => r.orgId === null) ?? null;
}

async function requireOwnScenario(db: Db, actor: Actor, slug: string): Promise<ScenarioRow> {
  const row = await findScenario(db, actor, slug);
  if (!row) throw new StudioError(404, "no such scenario");
  if (row.orgId === null) throw new StudioError(403, "library scenarios are read-only: clone to change");
  return row;
}

async function latestVersion(db: Db, scenarioId: string) {
  const [v] = await db
    .select()
    .from(scenarioVersions)
    .where(eq(scenarioVersions.scenarioId, scenarioId))
    .orderBy(desc(scenarioVersions.version))
    .limit(1);
  return v ?? null;
}

export interface StudioRow {
  id: string;
  slug: string;
  global: boolean;
  status: "draft" | "published" | "archived";
  title: { en: string; fr: string } | null;
  channel: string | null;
  difficulty: number | null;
  languages: Array<"en" | "fr">;
  version: number | null;
  /** The draft differs from the latest published version. */
  unpublishedChanges: boolean;
  editedBy: string | null;
  editedAt: string | null;
  attempts: number;
  scoredCalls: number;
  passRate: number | null;
  averages: { empathy: number; resolution: number; anticipation: number } | null;
}

type Head = { title?: unknown; channel?: unknown; difficulty?: unknown };

function headOf(content: unknown): { title: StudioRow["title"]; channel: string | null; difficulty: number | null; languages: Array<"en" | "fr"> } {
  const h = (content && typeof content === "object" ? content : {}) as Head;
  const t = h.title && typeof h.title === "object" ? (h.title as Record<string, unknown>) : {};
  const en = typeof t.en === "string" ? t.en : "";
  const fr = typeof t.fr === "string" ? t.fr : "";
  return {
    title: en || fr ? { en, fr } : null,
    channel: typeof h.channel === "string" ? h.channel : null,
    difficulty: typeof h.difficulty === "number" ? h.difficulty : null,
    languages: [...(en.trim() ? (["en"] as const) : []), ...(fr.trim() ? (["fr"] as const) : [])],
  };
}

/** The studio's home: the organisation's scenarios and the global library, with their figures. */
export async function listStudio(actor: Actor): Promise<StudioRow[]> {
  requireReader(actor);
  const db = getDb();
  const rows = await db
    .select({ scenario: scenarios, draft: scenarioDrafts, editor: users.name })
    .from(scenarios)
    .leftJoin(scenarioDrafts, eq(scenarioDrafts.scenarioId, scenarios.id))
    .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
    .where(or(isNull(scenarios.orgId), eq(scenarios.orgId, actor.orgId)))
    .orderBy(asc(scenarios.slug));
  const ids = rows.map((r) => r.scenario.id);
  if (ids.length === 0) return [];
  const [latest, tries, stats] = await Promise.all([
    db
      .selectDistinctOn([scenarioVersions.scenarioId], {
        scenarioId: scenarioVersions.scenarioId,
        version: scenarioVersions.version,
        definition: scenarioVersions.definition,
        checksum: scenarioVersions.checksum,
        createdAt: scenarioVersions.createdAt,
        creator: users.name,
      })
      .from(scenarioVersions)
      .leftJoin(users, eq(users.id, scenarioVersions.createdBy))
      .where(inArray(scenarioVersions.scenarioId, ids))
      .orderBy(scenarioVersions.scenarioId, desc(scenarioVersions.version)),
    db
      .select({ scenarioId: scenarioVersions.scenarioId, n: count(attempts.id) })
      .from(attempts)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
      // A call where nothing was said is abandoned and counts as no call (decision 279).
      .where(and(eq(attempts.orgId, actor.orgId), eq(attempts.abandoned, false)))
      .groupBy(scenarioVersions.scenarioId),
    db
      .select({
        scenarioId: progressStats.scenarioId,
        scored: sql<number>`sum(${progressStats.scoredCalls})::int`,
        passed: sql<number>`sum(${progressStats.passedCalls})::int`,
        empathy: sql<number>`sum(${progressStats.sumEmpathy})::float8`,
        resolution: sql<number>`sum(${progressStats.sumResolution})::float8`,
        anticipation: sql<number>`sum(${progressStats.sumAnticipation})::float8`,
      })
      .from(progressStats)
      .where(eq(progressStats.orgId, actor.orgId))
      .groupBy(progressStats.scenarioId),
  ]);
  const latestOf = new Map(latest.map((l) => [l.scenarioId, l]));
  const triesOf = new Map(tries.map((t) => [t.scenarioId, Number(t.n)]));
  const statsOf = new Map(stats.map((s) => [s.scenarioId, s]));
  return rows.map(({ scenario, draft, editor }) => {
    const v = latestOf.get(scenario.id);
    const head = headOf(draft?.content ?? v?.definition);
    const s = statsOf.get(scenario.id);
    const scored = Number(s?.scored ?? 0);
    return {
      id: scenario.id,
      slug: scenario.slug,
      global: scenario.orgId === null,
      status: scenario.status,
      ...head,
      version: v?.version ?? null,
      unpublishedChanges: Boolean(draft && (!v || definitionChecksum(normalizedDefinition(draft.content)) !== v.checksum)),
      editedBy: draft ? editor : (v?.creator ?? null),
      editedAt: (draft?.updatedAt ?? v?.createdAt ?? scenario.updatedAt).toISOString(),
      attempts: triesOf.get(scenario.id) ?? 0,
      scoredCalls: scored,
      passRate: scored > 0 ? Math.round((100 * Number(s!.passed)) / scored) : null,
      averages:
        scored > 0
          ? {
              empathy: Math.round(Number(s!.empathy) / scored),
              resolution: Math.round(Number(s!.resolution) / scored),
              anticipation: Math.round(Number(s!.anticipation) / scored),
            }
          : null,
    };
  });
}

/** The definition a draft would publish (validated output), or the raw content when it is invalid. */
function normalizedDefinition(content: unknown): unknown {
  const parsed = ScenarioSchema.safeParse(content);
  return parsed.success ? parsed.data : content;
}

export interface VersionInfo {
  version: number;
  publishedAt: string | null;
  createdAt: string;
  createdBy: string | null;
  checksum: string;
}

export interface EditorData {
  slug: string;
  global: boolean;
  status: ScenarioRow["status"];
  canEdit: boolean;
  draft: { content: unknown; revision: number; updatedBy: string | null; updatedAt: string } | null;
  versions: VersionInfo[];
  check: DraftCheck;
}

/** What the editor needs: the draft (or, for the library, the latest version), versions, checks. */
export async function loadEditor(actor: Actor, slug: string): Promise<EditorData | null> {
  requireReader(actor);
  const db = getDb();
  const row = await findScenario(db, actor, slug);
  if (!row) return null;
  const [draftRow] = await db
    .select({ draft: scenarioDrafts, editor: users.name })
    .from(scenarioDrafts)
    .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
    .where(eq(scenarioDrafts.scenarioId, row.id));
  const versions = await listVersions(db, row.id);
  let draft: EditorData["draft"] = null;
  if (draftRow) {
    draft = {
      content: draftRow.draft.content,
      revision: draftRow.draft.revision,
      updatedBy: draftRow.editor,
      updatedAt: draftRow.draft.updatedAt.toISOString(),
    };
  } else {
    const v = await latestVersion(db, row.id);
    if (v) draft = { content: v.definition, revision: 0, updatedBy: null, updatedAt: v.createdAt.toISOString() };
  }
  return {
    slug: row.slug,
    global: row.orgId === null,
    status: row.status,
    canEdit: row.orgId !== null && canEditStudio(actor.role) && row.status !== "archived",
    draft,
    versions,
    check: checkDraft(draft?.content),
  };
}

async function listVersions(db: Db, scenarioId: string): Promise<VersionInfo[]> {
  const rows = await db
    .select({ v: scenarioVersions, creator: users.name })
    .from(scenarioVersions)
    .leftJoin(users, eq(users.id, scenarioVersions.createdBy))
    .where(eq(scenarioVersions.scenarioId, scenarioId))
    .orderBy(desc(scenarioVersions.version));
  return rows.map(({ v, creator }) => ({
    version: v.version,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    createdBy: creator,
    checksum: v.checksum,
  }));
}

/** The stored definition of version `n` of `slug` (any scenario the actor's organisation sees). */
export async function getVersion(actor: Actor, slug: string, n: number): Promise<{ definition: unknown; version: number } | null> {
  requireReader(actor);
  const db = getDb();
  const row = await findScenario(db, actor, slug);
  if (!row || !Number.isInteger(n)) return null;
  const [v] = await db
    .select()
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, row.id), eq(scenarioVersions.version, n)));
  return v ? { definition: v.definition, version: v.version } : null;
}

/** Field-level differences between two versions (`b` may be "draft"). */
export async function diffVersions(actor: Actor, slug: string, a: number, b: number | "draft"): Promise<FieldChange[] | null> {
  const before = await getVersion(actor, slug, a);
  if (!before) return null;
  let after: unknown;
  if (b === "draft") {
    const editor = await loadEditor(actor, slug);
    if (!editor?.draft) return null;
    after = normalizedDefinition(editor.draft.content);
  } else {
    const v = await getVersion(actor, slug, b);
    if (!v) return null;
    after = v.definition;
  }
  return diffDefinitions(before.definition, after);
}

/** A version as YAML (the format of scenarios/*.yaml). */
export async function exportVersion(actor: Actor, slug: string, n: number): Promise<string | null> {
  const v = await getVersion(actor, slug, n);
  return v ? scenarioToYaml(v.definition) : null;
}

// --- Creating -----------------------------------------------------------------------------------------

export type CreateSource =
  | { kind: "template"; template: TemplateName }
  | { kind: "clone"; from: string }
  /** Written by a model from a document (app/author/drafting.server.ts). */
  | { kind: "drafted"; content: Record<string, unknown> };

export type CreateResult = { ok: true; slug: string } | { ok: false; error: "slugInvalid" | "slugTaken" | "sourceMissing" };

async function slugAvailable(db: Db, orgId: string, slug: string): Promise<boolean> {
  const [taken] = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(and(eq(scenarios.slug, slug), or(isNull(scenarios.orgId), eq(scenarios.orgId, orgId))))
    .limit(1);
  return !taken;
}

/** A free slug based on `base` ("lost-cap" → "lost-cap-2" when taken, here or in the library). */
export async function freeSlug(actor: Actor, base: string): Promise<string> {
  const db = getDb();
  const stem = (isSlug(base) ? base : "scenario").slice(0, 55);
  if (await slugAvailable(db, actor.orgId, stem)) return stem;
  for (let i = 2; i < 1000; i++) if (await slugAvailable(db, actor.orgId, `${stem}-${i}`)) return `${stem}-${i}`;
  return `${stem}-${Date.now().toString(36)}`;
}

async function insertScenario(
  db: Db,
  actor: Actor,
  slug: string,
  content: unknown,
  action: string,
  data: Record<string, unknown>,
): Promise<ScenarioRow> {
  const [row] = await db.insert(scenarios).values({ orgId: actor.orgId, slug, status: "draft", createdBy: actor.id }).returning();
  if (!row) throw new Error("could not create the scenario");
  await db.insert(scenarioDrafts).values({ scenarioId: row.id, content, revision: 1, updatedBy: actor.id });
  await audit(db, actor, action, row, data);
  return row;
}

/** A new scenario of the organisation, as a draft: from a template, or a copy of any scenario it sees. */
export async function createScenario(actor: Actor, slug: string, source: CreateSource): Promise<CreateResult> {
  requireEditor(actor);
  if (!isSlug(slug)) return { ok: false, error: "slugInvalid" };
  const db = getDb();
  let content: Record<string, unknown>;
  if (source.kind === "template") {
    content = templateContent(source.template, slug);
  } else if (source.kind === "drafted") {
    content = { ...source.content, id: slug };
  } else {
    const from = await findScenario(db, actor, source.from);
    if (!from) return { ok: false, error: "sourceMissing" };
    const [draft] = from.orgId ? await db.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, from.id)) : [];
    const v = await latestVersion(db, from.id);
    const base = draft?.content ?? v?.definition;
    if (!base || typeof base !== "object") return { ok: false, error: "sourceMissing" };
    content = { ...(structuredClone(base) as Record<string, unknown>), id: slug };
  }
  try {
    return await db.transaction(async (tx) => {
      if (!(await slugAvailable(tx, actor.orgId, slug))) return { ok: false as const, error: "slugTaken" as const };
      const data =
        source.kind === "template" ? { template: source.template } : source.kind === "clone" ? { clonedFrom: source.from } : { draftedByModel: true };
      await insertScenario(tx, actor, slug, content, "scenario.created", data);
      return { ok: true as const, slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "slugTaken" };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, d = 0; e && d < 5; e = (e as { cause?: unknown }).cause, d++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// --- Editing ---------------------------------------------------------------------------------------------

export type SaveResult =
  | { ok: true; revision: number; updatedAt: string; check: DraftCheck }
  | {
      ok: false;
      conflict: { revision: number; content: unknown; updatedBy: string | null; updatedAt: string };
    };

/**
 * Save the draft when nobody saved since `revision` (the revision the editor started from); otherwise
 * nothing is written and the caller gets what is saved now, to show the difference.
 */
export async function saveDraft(actor: Actor, slug: string, input: { content: unknown; revision: number }): Promise<SaveResult> {
  requireEditor(actor);
  const content = input.content;
  if (!content || typeof content !== "object" || Array.isArray(content)) throw new StudioError(400, "a draft is an object");
  if (JSON.stringify(content).length > MAX_DRAFT_BYTES) throw new StudioError(400, "the draft is too large");
  const db = getDb();
  return db.transaction(async (tx) => {
    const row = await requireOwnScenario(tx, actor, slug);
    if (row.status === "archived") throw new StudioError(409, "an archived scenario is read-only: restore it first");
    const stored = { ...(content as Record<string, unknown>), id: row.slug };
    const now = new Date();
    const [saved] = await tx
      .update(scenarioDrafts)
      .set({ content: stored, revision: sql`${scenarioDrafts.revision} + 1`, updatedBy: actor.id, updatedAt: now })
      .where(and(eq(scenarioDrafts.scenarioId, row.id), eq(scenarioDrafts.revision, input.revision)))
      .returning({ revision: scenarioDrafts.revision, updatedAt: scenarioDrafts.updatedAt });
    if (!saved) {
      const [current] = await tx
        .select({ draft: scenarioDrafts, editor: users.name })
        .from(scenarioDrafts)
        .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
        .where(eq(scenarioDrafts.scenarioId, row.id));
      if (!current) throw new StudioError(404, "no draft");
      return {
        ok: false as const,
        conflict: {
          revision: current.draft.revision,
          content: current.draft.content,
          updatedBy: current.editor,
          updatedAt: current.draft.updatedAt.toISOString(),
        },
      };
    }
    await tx.update(scenarios).set({ updatedAt: now }).where(eq(scenarios.id, row.id));
    await audit(tx, actor, "scenario.edited", row, { revision: saved.revision });
    return { ok: true as const, revision: saved.revision, updatedAt: saved.updatedAt.toISOString(), check: checkDraft(stored) };
  });
}

// --- Publishing --------------------------------------------------------------------------------------------

export type PublishResult =
  | { ok: true; version: number }
  | { ok: false; reason: "invalid"; errors: Record<string, FieldError> }
  | { ok: false; reason: "unchanged"; version: number }
  | { ok: false; reason: "testsFailed"; failed: Array<{ id: string; name: string; failures: TestFailure[] }> };

/** Run every test of a scenario against `definition` (the draft about to be published). */
export async function runScenarioTests(definition: Scenario, scenarioId: string) {
  const rows = await getDb().select().from(scenarioTests).where(eq(scenarioTests.scenarioId, scenarioId)).orderBy(asc(scenarioTests.createdAt));
  const results = [];
  for (const row of rows) {
    const expectation = TestExpectation.safeParse(row.expectation);
    const outcome = expectation.success
      ? await runTest(definition, { locale: row.locale, lines: row.lines, expectation: expectation.data })
      : { passed: false, failures: [{ key: "author.testFailInvalid" as const }] };
    results.push({ id: row.id, name: row.name, locale: row.locale, ...outcome });
  }
  return results;
}

async function insertVersion(tx: Db, actor: Actor, row: ScenarioRow, definition: Scenario): Promise<number> {
  const latest = await latestVersion(tx, row.id);
  const version = (latest?.version ?? 0) + 1;
  const now = new Date();
  await tx.insert(scenarioVersions).values({
    scenarioId: row.id,
    version,
    definition,
    checksum: definitionChecksum(definition),
    publishedAt: now,
    createdBy: actor.id,
  });
  await tx.update(scenarios).set({ status: "published", updatedAt: now }).where(eq(scenarios.id, row.id));
  return version;
}

/** Publish the draft as a new immutable version, when it is valid, changed, and its tests pass. */
export async function publishDraft(actor: Actor, slug: string): Promise<PublishResult> {
  requireEditor(actor);
  const db = getDb();
  const row = await requireOwnScenario(db, actor, slug);
  if (row.status === "archived") throw new StudioError(409, "restore the scenario before publishing it");
  const [draft] = await db.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, row.id));
  if (!draft) throw new StudioError(404, "no draft");
  const parsed = ScenarioSchema.safeParse(draft.content);
  if (!parsed.success) return { ok: false, reason: "invalid", errors: scenarioFieldErrors(parsed.error, draft.content) };
  const limits = studioLimitErrors(draft.content);
  if (Object.keys(limits).length > 0) return { ok: false, reason: "invalid", errors: limits };
  const definition = parsed.data;
  const latest = await latestVersion(db, row.id);
  if (latest && latest.checksum === definitionChecksum(definition) && row.status === "published")
    return { ok: false, reason: "unchanged", version: latest.version };
  const failed = (await runScenarioTests(definition, row.id)).filter((r) => !r.passed);
  if (failed.length > 0) return { ok: false, reason: "testsFailed", failed: failed.map(({ id, name, failures }) => ({ id, name, failures })) };
  return db.transaction(async (tx) => {
    const version = await insertVersion(tx, actor, row, definition);
    await audit(tx, actor, "scenario.published", row, { version, revision: draft.revision });
    return { ok: true as const, version };
  });
}

/** Roll back: publish version `n`'s definition again, as the newest version (and make it the draft). */
export async function rollbackTo(actor: Actor, slug: string, n: number): Promise<{ ok: true; version: number } | { ok: false }> {
  requireEditor(actor);
  const db = getDb();
  const row = await requireOwnScenario(db, actor, slug);
  if (row.status === "archived") throw new StudioError(409, "restore the scenario first");
  const [old] = await db
    .select()
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, row.id), eq(scenarioVersions.version, n)));
  if (!old) return { ok: false };
  const parsed = ScenarioSchema.safeParse(old.definition);
  if (!parsed.success) return { ok: false };
  return db.transaction(async (tx) => {
    const version = await insertVersion(tx, actor, row, parsed.data);
    await tx
      .update(scenarioDrafts)
      .set({ content: old.definition, revision: sql`${scenarioDrafts.revision} + 1`, updatedBy: actor.id, updatedAt: new Date() })
      .where(eq(scenarioDrafts.scenarioId, row.id));
    await audit(tx, actor, "scenario.rolled-back", row, { from: n, version });
    return { ok: true as const, version };
  });
}

/** Archive (out of the catalog; attempts and versions kept) or restore. */
export async function setArchived(actor: Actor, slug: string, archived: boolean): Promise<ScenarioRow["status"]> {
  requireEditor(actor);
  const db = getDb();
  return db.transaction(async (tx) => {
    const row = await requireOwnScenario(tx, actor, slug);
    const latest = await latestVersion(tx, row.id);
    const status = archived ? "archived" : latest ? "published" : "draft";
    if (row.status === status) return status;
    await tx.update(scenarios).set({ status, updatedAt: new Date() }).where(eq(scenarios.id, row.id));
    await audit(tx, actor, archived ? "scenario.archived" : "scenario.restored", row, { status });
    return status;
  });
}

// --- Import -------------------------------------------------------------------------------------------

export type ImportResult =
  | { ok: true; slug: string; created: boolean }
  | { ok: false; problems: Array<ScenarioProblem & { text?: FieldError }> }
  | { ok: false; error: "slugTaken" | "slugInvalid" | "archived" };

/**
 * Import a YAML file (the format of scenarios/*.yaml). Every problem names the line and the field.
 * Its `id` is the slug: an organisation scenario with that slug gets the file as its draft (a new
 * revision); otherwise a new scenario is created. A library slug cannot be taken: pass `slug` to
 * import under another name.
 */
export async function importYaml(actor: Actor, text: string, options: { slug?: string } = {}): Promise<ImportResult> {
  requireEditor(actor);
  if (text.length > MAX_DRAFT_BYTES) return { ok: false, problems: [{ path: "(file)", message: "the file is too large (512 kB at most)" }] };
  const checked = checkScenarioText(text);
  if (!checked.scenario) return { ok: false, problems: checked.problems };
  const limits = Object.entries(studioLimitErrors(checked.raw));
  if (limits.length > 0)
    return { ok: false, problems: limits.map(([path, text]) => ({ path, message: `longer than ${MAX_TITLE_CHARS} characters`, text })) };
  const slug = options.slug ?? checked.scenario.id;
  if (!isSlug(slug)) return { ok: false, error: "slugInvalid" };
  const content = { ...(checked.raw as Record<string, unknown>), id: slug };
  const db = getDb();
  return db.transaction(async (tx) => {
    const existing = await findScenario(tx, actor, slug);
    if (existing && existing.orgId === null) return { ok: false as const, error: "slugTaken" as const };
    if (existing) {
      if (existing.status === "archived") return { ok: false as const, error: "archived" as const };
      await tx
        .update(scenarioDrafts)
        .set({ content, revision: sql`${scenarioDrafts.revision} + 1`, updatedBy: actor.id, updatedAt: new Date() })
        .where(eq(scenarioDrafts.scenarioId, existing.id));
      await audit(tx, actor, "scenario.imported", existing, { into: "draft" });
      return { ok: true as const, slug, created: false };
    }
    await insertScenario(tx, actor, slug, content, "scenario.imported", { into: "new" });
    return { ok: true as const, slug, created: true };
  });
}

/** The audit trail of one scenario, newest first (for the versions page). */
export async function scenarioAudit(actor: Actor, slug: string) {
  requireReader(actor);
  const db = getDb();
  const row = await findScenario(db, actor, slug);
  if (!row || row.orgId === null) return [];
  const rows = await db
    .select({ action: auditEvents.action, data: auditEvents.data, at: auditEvents.createdAt, actor: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.subjectType, "scenario"), eq(auditEvents.subjectId, row.id), eq(auditEvents.orgId, actor.orgId)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(200);
  return rows.map((r) => ({ action: r.action, data: r.data, at: r.at.toISOString(), actor: r.actor }));
}

/** The scenario id of an organisation scenario the actor may edit (for the tests module). */
export async function editableScenarioId(actor: Actor, slug: string): Promise<string> {
  requireEditor(actor);
  const row = await requireOwnScenario(getDb(), actor, slug);
  return row.id;
}


