/**
 * The studio's loaders and actions (the routes app/routes/author*.tsx stay thin). Every one checks
 * who is asking: readers (trainers, managers, admins) load; editors (trainers, admins) act.
 */
import "./messages";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireRole, type CurrentUser } from "../auth.server";
import { t, type MessageKey } from "../i18n";
import { MOVES } from "../../scenarios/moves";
import { ScenarioSchema } from "../../scenarios/schema";
import { getEngines } from "../calls/engines.server";
import { scenarioFormSpec } from "./form-spec.server";
import { playLines, PlayRequest } from "./play.server";
import { deleteTest, listTests, NewTest, runDraftTests, saveTest } from "./tests.server";
import { draftFromDocument, MAX_DOCUMENT_CHARS } from "./drafting.server";
import { fieldErrors, type FieldError } from "../forms/field-errors";
import type { TestFailure } from "./test-failures";
import { importProblemMessage } from "./issues";
import { canEditStudio, isSlug, STUDIO_READERS } from "./roles";
import {
  actorOf,
  createScenario,
  diffVersions,
  exportVersion,
  importYaml,
  listStudio,
  loadEditor,
  MAX_DRAFT_BYTES,
  publishDraft,
  rollbackTo,
  saveDraft,
  scenarioAudit,
  setArchived,
  StudioError,
  type Actor,
  type StudioRow,
} from "./studio.server";
import { TEMPLATES } from "./templates";
import { decodeImportFile, type ImportFileProblem } from "./import-file";

export async function requireStudioReader(request: Request): Promise<{ user: CurrentUser; actor: Actor; canEdit: boolean }> {
  const user = await requireRole(request, STUDIO_READERS);
  return { user, actor: actorOf(user), canEdit: canEditStudio(user.role) };
}

/** A StudioError as the Response a route throws (anything else is rethrown). */
export function asResponse(error: unknown): never {
  if (error instanceof StudioError) {
    throw new Response(error.message, { status: error.status === 400 ? 400 : error.status });
  }
  throw error;
}

export function editorPath(slug: string): string {
  return `/author/${slug}`;
}

// --- Home ---------------------------------------------------------------------------------------

export const HomeFilters = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(["all", "draft", "published", "archived"]).catch("all"),
  source: z.enum(["all", "org", "library"]).catch("all"),
  channel: z.enum(["all", "phone", "in-person"]).catch("all"),
});
export type HomeFilters = z.infer<typeof HomeFilters>;

function matches(row: StudioRow, f: HomeFilters): boolean {
  if (f.status !== "all" && row.status !== f.status) return false;
  if (f.source === "org" && row.global) return false;
  if (f.source === "library" && !row.global) return false;
  if (f.channel !== "all" && row.channel !== f.channel) return false;
  if (f.q) {
    const needle = f.q.toLowerCase();
    const hay = `${row.slug} ${row.title?.en ?? ""} ${row.title?.fr ?? ""}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

export async function loadHome(request: Request) {
  const { user, actor, canEdit } = await requireStudioReader(request);
  const url = new URL(request.url);
  const filters = HomeFilters.parse(Object.fromEntries(url.searchParams));
  const all = await listStudio(actor).catch(asResponse);
  return {
    canEdit,
    filters,
    total: all.length,
    ownCount: all.filter((r) => !r.global).length,
    rows: all.filter((r) => matches(r, filters)),
    metaTitle: t(user.locale, "author.homeTitle"),
  };
}

export type ImportActionData =
  | { ok: true; slug: string }
  | {
      ok: false;
      problems?: Array<{ line?: number; path: string; message: string; text?: FieldError | null }>;
      error?: "importSlugTaken" | "importArchived" | "importEmpty" | "errorSlugInvalid";
      /** The file itself cannot be imported (too large, empty, not a text). */
      fileProblem?: ImportFileProblem;
    };

/** Import a YAML file (multipart form, field `file`), or YAML text (field `yaml`). */
export async function importAction(request: Request) {
  const { user, actor } = await requireStudioReader(request);
  if (!canEditStudio(user.role)) throw new Response("Forbidden", { status: 403 });
  const form = await request.formData();
  const file = form.get("file");
  let text: string;
  // A file input left empty sends a part with no name and no bytes: "choose a file first". A chosen file is read
  // only when it is a text of a sensible size (else: too large, empty, not a YAML text), in the reader's words.
  if (typeof file === "object" && file && "arrayBuffer" in file && (file.name !== "" || file.size > 0)) {
    const decoded = decodeImportFile(new Uint8Array(await file.arrayBuffer()));
    if ("problem" in decoded) return data<ImportActionData>({ ok: false, fileProblem: decoded.problem }, { status: decoded.problem.key === "authorStudio.fileTooLarge" ? 413 : 400 });
    text = decoded.text;
  } else text = String(form.get("yaml") ?? "");
  if (!text.trim()) return data<ImportActionData>({ ok: false, error: "importEmpty" }, { status: 400 });
  const result = await importYaml(actor, text).catch(asResponse);
  if (result.ok) return redirect(editorPath(result.slug));
  if ("problems" in result)
    return data<ImportActionData>({ ok: false, problems: result.problems.map((p) => ({ ...p, text: p.text ?? importProblemMessage(p) })) }, { status: 400 });
  const error = result.error === "slugTaken" ? "importSlugTaken" : result.error === "archived" ? "importArchived" : "errorSlugInvalid";
  return data<ImportActionData>({ ok: false, error }, { status: 409 });
}

// --- New scenario ------------------------------------------------------------------------------------

export async function loadNew(request: Request) {
  const { user, actor, canEdit } = await requireStudioReader(request);
  if (!canEdit) throw new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const from = url.searchParams.get("from") ?? "";
  const all = await listStudio(actor);
  return {
    /** A model is configured: offer drafting from a document (offline: the templates). */
    canDraft: getEngines().info.customer === "llm",
    from: all.some((r) => r.slug === from) ? from : "",
    scenarios: all.map((r) => ({ slug: r.slug, title: r.title, global: r.global })),
    metaTitle: t(user.locale, "author.newTitle"),
  };
}

export const NewScenarioForm = z
  .object({
    slug: z.string().trim().toLowerCase().refine(isSlug, { message: "author.errorSlugInvalid" }),
    source: z.enum([...TEMPLATES, "clone", "model"], { message: "forms.invalidOption" }),
    from: z.string().optional(),
    document: z.string().max(MAX_DOCUMENT_CHARS, { message: "author.errorDocumentTooLong" }).optional(),
  })
  .refine((v) => v.source !== "clone" || Boolean(v.from), { message: "author.errorSourceMissing", path: ["from"] })
  .refine((v) => v.source !== "model" || Boolean(v.document?.trim()), { message: "author.errorDocumentEmpty", path: ["document"] });

export type NewActionData = { errors: Record<string, FieldError>; values: Record<string, string> };

export async function newAction(request: Request) {
  const { actor, canEdit } = await requireStudioReader(request);
  if (!canEdit) throw new Response("Forbidden", { status: 403 });
  const form = Object.fromEntries(await request.formData());
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  const parsed = NewScenarioForm.safeParse(values);
  if (!parsed.success) return data<NewActionData>({ errors: fieldErrors(parsed.error, { depth: 1 }), values }, { status: 400 });
  const { slug, source, from } = parsed.data;
  const result =
    source === "model"
      ? await draftFromDocument(actor, slug, parsed.data.document ?? "").catch(asResponse)
      : await createScenario(actor, slug, source === "clone" ? { kind: "clone", from: from! } : { kind: "template", template: source }).catch(asResponse);
  if (!result.ok && (result.error === "noModel" || result.error === "modelFailed" || result.error === "notJson" || result.error === "documentEmpty")) {
    const key = result.error === "documentEmpty" ? "author.errorDocumentEmpty" : result.error === "noModel" ? "author.errorNoModel" : "author.errorModelFailed";
    return data<NewActionData>({ errors: { document: { key } }, values }, { status: result.error === "documentEmpty" ? 400 : 502 });
  }
  if (result.ok) return redirect(editorPath(result.slug));
  const key = result.error === "slugTaken" ? "author.errorSlugTaken" : result.error === "slugInvalid" ? "author.errorSlugInvalid" : "author.errorSourceMissing";
  const field = result.error === "sourceMissing" ? "from" : "slug";
  return data<NewActionData>({ errors: { [field]: { key } }, values }, { status: 409 });
}

// --- Editor ------------------------------------------------------------------------------------------

export async function loadEditorPage(request: Request, slug: string | undefined) {
  const { user, actor, canEdit } = await requireStudioReader(request);
  const editor = slug ? await loadEditor(actor, slug).catch(asResponse) : null;
  if (!editor || !editor.draft) throw new Response("Not Found", { status: 404 });
  const tests = editor.global ? [] : await listTests(actor, editor.slug);
  const title = (editor.draft.content as { title?: { en?: string; fr?: string } } | null)?.title;
  return {
    slug: editor.slug,
    global: editor.global,
    status: editor.status,
    canEdit: editor.canEdit,
    canPublish: canEdit && !editor.global,
    draft: editor.draft,
    versions: editor.versions,
    check: editor.check,
    spec: scenarioFormSpec(),
    moves: [...MOVES],
    tests: tests.map(({ id, name, locale, lines }) => ({ id, name, locale, lines })),
    llm: getEngines().info.customer === "llm",
    metaTitle: t(user.locale, "author.editorTitle", { title: title?.[user.locale] || title?.en || editor.slug }),
  };
}

export type EditorActionData = {
  intent: string;
  ok: boolean;
  message?: { key: MessageKey; vars?: Record<string, string | number> };
  failed?: Array<{ name: string; failures: TestFailure[] }>;
  errors?: Record<string, FieldError>;
  results?: Array<{ id: string; name: string; passed: boolean; failures: TestFailure[] }> | null;
};

/** Publish, archive, restore, save/delete/run tests (form posts from the editor). */
export async function editorAction(request: Request, slug: string | undefined) {
  const { actor } = await requireStudioReader(request);
  if (!slug) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "publish": {
        const r = await publishDraft(actor, slug);
        if (r.ok) return data<EditorActionData>({ intent, ok: true, message: { key: "author.published", vars: { n: r.version } } });
        if (r.reason === "invalid")
          return data<EditorActionData>({ intent, ok: false, errors: r.errors, message: { key: "author.publishInvalid", vars: { count: Object.keys(r.errors).length } } }, { status: 400 });
        if (r.reason === "unchanged") return data<EditorActionData>({ intent, ok: false, message: { key: "author.publishUnchanged", vars: { n: r.version } } });
        return data<EditorActionData>({ intent, ok: false, failed: r.failed, message: { key: "author.publishTestsFailed", vars: { count: r.failed.length } } }, { status: 409 });
      }
      case "archive":
      case "restore":
        await setArchived(actor, slug, intent === "archive");
        return data<EditorActionData>({ intent, ok: true });
      case "saveTest": {
        let raw: unknown;
        try {
          raw = JSON.parse(String(form.get("test") ?? ""));
        } catch {
          raw = null;
        }
        const parsed = NewTest.safeParse(raw);
        if (!parsed.success) {
          const errors = fieldErrors(parsed.error);
          const first = Object.values(errors)[0];
          return data<EditorActionData>({ intent, ok: false, errors, ...(first ? { message: first } : {}) }, { status: 400 });
        }
        await saveTest(actor, slug, parsed.data);
        return data<EditorActionData>({ intent, ok: true, message: { key: "author.testSaved" } });
      }
      case "deleteTest":
        await deleteTest(actor, slug, String(form.get("testId") ?? ""));
        return data<EditorActionData>({ intent, ok: true });
      case "runTests":
        return data<EditorActionData>({ intent, ok: true, results: await runDraftTests(actor, slug) });
      default:
        return data<EditorActionData>({ intent, ok: false }, { status: 400 });
    }
  } catch (error) {
    return asResponse(error);
  }
}

/**
 * The JSON in the `payload` field of a form post (the server's edge takes forms only, decision 120):
 * undefined when missing, too large or not JSON.
 */
async function payloadOf(request: Request): Promise<unknown> {
  try {
    const raw = (await request.formData()).get("payload");
    if (typeof raw !== "string" || raw.length > MAX_DRAFT_BYTES * 2) return undefined;
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** What an autosave sends: the draft and the revision it started from (each error names its field). */
const DraftSave = z.object(
  {
    content: z.record(z.string(), z.unknown(), { message: "author.draftContentInvalid" }),
    revision: z.number({ message: "author.draftRevisionInvalid" }).int({ message: "author.draftRevisionInvalid" }).min(0, { message: "author.draftRevisionInvalid" }),
  },
  { message: "author.draftPayloadMissing" },
);

/**
 * A JSON answer with its status. These routes are resource routes: Remix drops the status of
 * `data()` there (a malformed save answered 200), so the Response is made here.
 */
function jsonAnswer(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/**
 * The autosave endpoint: JSON `{ content, revision }` → the new revision and checks (200), the
 * conflict (409), or a malformed save (400, `error` says what is wrong in the user's language,
 * `field` which part of the payload).
 */
export async function draftAction(request: Request, slug: string | undefined) {
  const { actor, user } = await requireStudioReader(request);
  if (!slug || request.method !== "POST") throw new Response("Not Found", { status: 404 });
  const body = await payloadOf(request);
  if (body === undefined) return jsonAnswer({ ok: false, error: t(user.locale, "author.draftPayloadMissing"), field: "payload" }, 400);
  const parsed = DraftSave.safeParse(body);
  if (!parsed.success) {
    const [field, first] = Object.entries(fieldErrors(parsed.error, { depth: 1 }))[0] ?? ["payload", { key: "author.draftPayloadMissing" as const }];
    return jsonAnswer({ ok: false, error: t(user.locale, first.key, first.vars), field: field || "payload" }, 400);
  }
  const result = await saveDraft(actor, slug, parsed.data).catch(asResponse);
  return jsonAnswer(result, result.ok ? 200 : 409);
}

/** Test-play: JSON PlayRequest → the replayed call with its debug view. Nothing is recorded. */
export async function playAction(request: Request, slug: string | undefined) {
  const { actor, user } = await requireStudioReader(request);
  if (!slug) throw new Response("Not Found", { status: 404 });
  const parsed = PlayRequest.safeParse(await payloadOf(request));
  if (!parsed.success) {
    const [field, first] = Object.entries(fieldErrors(parsed.error))[0] ?? ["", undefined];
    return jsonAnswer({ ok: false as const, error: first ? t(user.locale, "author.problemIn", { field: field || "payload", problem: t(user.locale, first.key, first.vars) }) : t(user.locale, "author.playBadRequest"), field: field || "payload" }, 400);
  }
  const editor = await loadEditor(actor, slug).catch(asResponse);
  if (!editor?.draft) throw new Response("Not Found", { status: 404 });
  const scenario = ScenarioSchema.safeParse(editor.draft.content);
  if (!scenario.success) return jsonAnswer({ ok: false as const, error: t(user.locale, "author.playInvalid") }, 409);
  const engines = getEngines();
  const llm = parsed.data.engine === "llm" && engines.info.customer === "llm";
  const state = await playLines(scenario.data, parsed.data.locale, parsed.data.lines, {
    ...(llm ? { engine: engines.customer, understander: engines.understander, said: parsed.data.said } : {}),
  });
  return jsonAnswer({ ok: true as const, state });
}

/** A version as a YAML file download. */
export async function exportLoader(request: Request, slug: string | undefined) {
  const { actor } = await requireStudioReader(request);
  const param = new URL(request.url).searchParams.get("version");
  const n = Number(param);
  const yaml = slug && param && Number.isInteger(n) ? await exportVersion(actor, slug, n).catch(asResponse) : null;
  // No such version (or none asked for): the versions page, where each published version has its download link,
  // rather than a bare "Not Found" (the versions page answers the app's own 404 for a scenario the reader cannot see).
  if (!yaml) throw redirect(`${editorPath(encodeURIComponent(slug ?? ""))}/versions`);
  return new Response(yaml, {
    headers: {
      "Content-Type": "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-v${n}.yaml"`,
      "Cache-Control": "no-store",
    },
  });
}

// --- Versions --------------------------------------------------------------------------------------------

export async function loadVersions(request: Request, slug: string | undefined) {
  const { user, actor, canEdit } = await requireStudioReader(request);
  const editor = slug ? await loadEditor(actor, slug).catch(asResponse) : null;
  if (!editor) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const versions = editor.versions;
  const newest = versions[0]?.version ?? null;
  const fromParam = Number(url.searchParams.get("from"));
  const toParam = url.searchParams.get("to");
  const from = Number.isInteger(fromParam) && versions.some((v) => v.version === fromParam) ? fromParam : (versions[1]?.version ?? newest);
  const to: number | "draft" | null =
    toParam === "draft" && !editor.global
      ? "draft"
      : Number.isInteger(Number(toParam)) && versions.some((v) => v.version === Number(toParam))
        ? Number(toParam)
        : newest;
  const changes = from !== null && to !== null ? await diffVersions(actor, editor.slug, from, to) : null;
  const title = (editor.draft?.content as { title?: { en?: string; fr?: string } } | null)?.title;
  return {
    slug: editor.slug,
    global: editor.global,
    canEdit: canEdit && editor.canEdit,
    title: title?.[user.locale] || title?.en || editor.slug,
    versions,
    from,
    to,
    changes,
    history: await scenarioAudit(actor, editor.slug),
    metaTitle: t(user.locale, "author.versionsTitle", { title: title?.[user.locale] || editor.slug }),
  };
}

export type VersionsActionData = { ok: boolean; message?: { key: MessageKey; vars?: Record<string, string | number> } };

/** Roll back: publish an old version again as the newest. */
export async function versionsAction(request: Request, slug: string | undefined) {
  const { actor } = await requireStudioReader(request);
  if (!slug) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const n = Number(form.get("version"));
  if (form.get("intent") !== "rollback" || !Number.isInteger(n)) return data<VersionsActionData>({ ok: false }, { status: 400 });
  const result = await rollbackTo(actor, slug, n).catch(asResponse);
  if (!result.ok) return data<VersionsActionData>({ ok: false }, { status: 404 });
  return data<VersionsActionData>({ ok: true, message: { key: "author.rolledBack", vars: { from: n, n: result.version } } });
}
