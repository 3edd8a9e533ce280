/**
 * The loaders and actions of the certification pages (routes stay thin): tracks (new, open,
 * edit, assign), the trainee's certification briefing and start, the certificate. Every one
 * checks who is asking and their role in the organisation they work in.
 */
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { ROLES, type Role } from "../../db/schema";
import { requireRole, requireUser, type CurrentUser } from "../auth.server";
import { callPath, openCallNotice, PLAYER_ROLES, type StartActionData } from "../calls/page.server";
import { AttemptIdField } from "../calls/turn-form";
import { hasMessage, type MessageKey } from "../i18n";
import { ensureReply, settleReply } from "../calls/replies.server";
import { listScenarios } from "../progress/catalog.server";
import {
  assignedTracksOf,
  blockedOnTrack,
  certificateOf,
  certificationMatrix,
  certificationsOf,
  dimensionsOf,
  memberOf,
  MISSED_WINDOW,
  mostMissedCheckpoints,
  progressOverTime,
} from "../progress/certification.server";
import { listPeople, listTeamCalls } from "../progress/team.server";
import { evidenceCalls } from "./evidence.server";
import { attemptsCsvStream, matrixCsv } from "./export.server";
import { certificationRulesFor, startCertification, withdrawalOf } from "./certify.server";
import { DIMENSIONS, TrackRulesSchema, type TrackRules } from "./rules";
import { assignTrack, CERTIFIER_ROLES, createTrack, listTracks as listTracksOf, currentTrackVersion, resolveTrackScenarios, TrackError, updateTrack } from "./tracks.server";

export { CERTIFIER_ROLES };

export function requireCertifier(request: Request): Promise<CurrentUser> {
  return requireRole(request, CERTIFIER_ROLES);
}

function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The published scenarios a track may use, for the form. */
async function scenarioChoices(orgId: string) {
  const list = await listScenarios(orgId, { publishedOnly: true });
  return list
    .filter((s) => s.status === "published" && s.versionId && s.title)
    .map((s) => ({ id: s.id, slug: s.slug, title: s.title!, versionId: s.versionId!, version: s.version ?? 1 }));
}

/** A whole number from a form field; `fallback` when empty; NaN when it is not a whole number ("2.5", "abc"). */
const int = (v: FormDataEntryValue | null, fallback: number | null) => {
  const s = typeof v === "string" ? v.trim() : "";
  if (s === "") return fallback;
  const n = Number(s);
  return Number.isInteger(n) ? n : Number.NaN;
};

/** The track form's fields as TrackRules (validated by the caller with TrackRulesSchema). */
export function rulesFromForm(form: FormData, choices: Array<{ id: string; versionId: string }>): unknown {
  const picked = choices
    .filter((c) => form.get(`include_${c.id}`) === "on")
    .map((c, i) => ({
      order: int(form.get(`order_${c.id}`), i + 1) ?? i + 1,
      scenarioId: c.id,
      versionId: form.get(`version_${c.id}`) === c.versionId ? c.versionId : null,
      passMark: int(form.get(`pass_${c.id}`), 70),
      minimums: Object.fromEntries(DIMENSIONS.map((d) => [d, int(form.get(`min_${d}_${c.id}`), 0)])),
    }))
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
  const language = form.get("language");
  return {
    name: { en: String(form.get("nameEn") ?? ""), fr: String(form.get("nameFr") ?? "") },
    description: { en: String(form.get("descriptionEn") ?? ""), fr: String(form.get("descriptionFr") ?? "") },
    scenarios: picked,
    attemptsAllowed: int(form.get("attemptsAllowed"), null),
    cooldownHours: int(form.get("cooldownHours"), 0),
    language: language === "en" || language === "fr" ? language : null,
    hideCoaching: form.get("hideCoaching") === "on",
    validityMonths: int(form.get("validityMonths"), 12),
    recertifyDays: int(form.get("recertifyDays"), 30),
  };
}

function firstError(error: z.ZodError): string {
  const msg = error.issues[0]?.message ?? "";
  return msg.startsWith("certification.") ? msg : "certification.errorForm";
}

export async function loadTrackForm(request: Request, trackId?: string) {
  const user = await requireCertifier(request);
  const choices = await scenarioChoices(user.org.id);
  let current: { version: number; rules: TrackRules } | null = null;
  if (trackId) {
    const v = await currentTrackVersion(user.org.id, trackId);
    if (!v) throw notFound();
    current = { version: v.version, rules: v.rules };
  }
  return { choices, current };
}

/** A field's error: a message key and its variables. */
export interface FieldError {
  key: string;
  vars?: Record<string, number>;
}

/** The allowed range of each whole-number field of the track form (the same as TrackRulesSchema's). */
const RANGES = {
  order: [1, 50],
  score: [0, 100],
  cooldownHours: [0, 24 * 90],
  validityMonths: [1, 120],
  recertifyDays: [0, 365],
} as const;

const range = (r: readonly [number, number]): FieldError => ({ key: "certification.errorWholeNumber", vars: { min: r[0], max: r[1] } });

/** The form field a TrackRulesSchema issue is about (the names TrackForm gives its inputs), with its message. */
function fieldErrorOf(issue: z.ZodIssue, input: { scenarios: Array<{ scenarioId: string }> }): { name: string; error: FieldError } | null {
  const [head, a, b, c] = issue.path;
  const lang = a === "fr" ? "Fr" : "En";
  switch (head) {
    case "name":
      return {
        name: `name${lang}`,
        error: issue.code === "too_small" ? { key: `certification.errorName${lang}` } : { key: "certification.errorTextLength", vars: { max: 120 } },
      };
    case "description":
      return { name: `description${lang}`, error: { key: "certification.errorTextLength", vars: { max: 2000 } } };
    case "scenarios": {
      if (a === undefined) return { name: "scenarios", error: { key: "certification.errorScenarios" } };
      const id = typeof a === "number" ? input.scenarios[a]?.scenarioId : undefined;
      if (!id) return null;
      if (b === "passMark") return { name: `pass_${id}`, error: range(RANGES.score) };
      if (b === "minimums" && typeof c === "string") return { name: `min_${c}_${id}`, error: range(RANGES.score) };
      return null;
    }
    case "attemptsAllowed":
      return { name: "attemptsAllowed", error: { key: "certification.errorAttemptsField" } };
    case "cooldownHours":
    case "validityMonths":
    case "recertifyDays":
      return { name: head, error: range(RANGES[head]) };
    default:
      return null;
  }
}

/** What was typed, to show again when the form is refused (the form's own fields only, bounded). */
function postedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && /^[A-Za-z0-9_-]{1,200}$/.test(k)) out[k] = v.slice(0, 2000);
  return out;
}

export interface TrackFormResult {
  error: string;
  /** Each invalid field (by input name, "scenarios" for the list) with its own message. */
  fieldErrors: Record<string, FieldError>;
  values: Record<string, string>;
}

export async function saveTrackForm(request: Request, trackId?: string) {
  const user = await requireCertifier(request);
  const form = await request.formData();
  const choices = await scenarioChoices(user.org.id);
  const input = rulesFromForm(form, choices) as { scenarios: Array<{ scenarioId: string }> };
  const fieldErrors: Record<string, FieldError> = {};
  const byOrder = new Map<number, string[]>();
  for (const c of choices) {
    if (form.get(`include_${c.id}`) !== "on") continue;
    const order = int(form.get(`order_${c.id}`), null);
    if (order === null) continue; // empty: placed in the list's order
    if (Number.isNaN(order) || order < RANGES.order[0] || order > RANGES.order[1]) fieldErrors[`order_${c.id}`] = range(RANGES.order);
    else byOrder.set(order, [...(byOrder.get(order) ?? []), c.id]);
  }
  // Two scenarios with the same order number: the order would be a guess, so each says so.
  for (const [n, ids] of byOrder)
    if (ids.length > 1) for (const id of ids) fieldErrors[`order_${id}`] = { key: "certification.errorOrderDuplicate", vars: { n } };
  const parsed = TrackRulesSchema.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const f = fieldErrorOf(issue, input);
      if (f && !fieldErrors[f.name]) fieldErrors[f.name] = f.error;
    }
  const refuse = (error: string) => json<TrackFormResult>({ error, fieldErrors, values: postedValues(form) }, { status: 400 });
  if (!parsed.success) return refuse(Object.keys(fieldErrors).length > 0 ? "certification.errorForm" : firstError(parsed.error));
  if (Object.keys(fieldErrors).length > 0) return refuse("certification.errorForm");
  try {
    if (trackId) {
      await updateTrack({ id: user.id, orgId: user.org.id }, trackId, parsed.data);
      return redirect(`/team/tracks/${trackId}`);
    }
    const { id } = await createTrack({ id: user.id, orgId: user.org.id }, parsed.data);
    return redirect(`/team/tracks/${id}`);
  } catch (e) {
    if (e instanceof TrackError) return refuse(e.key);
    throw e;
  }
}

export async function loadTrackPage(request: Request, trackId: string | undefined) {
  const user = await requireCertifier(request);
  const v = trackId ? await currentTrackVersion(user.org.id, trackId) : null;
  if (!v) throw notFound();
  const [resolved, people, matrix, blocked] = await Promise.all([
    resolveTrackScenarios(v.rules.scenarios),
    listPeople(user.org.id, { pageSize: 500 }),
    certificationMatrix(user.org.id, { trackId: v.trackId }),
    blockedOnTrack(v.trackId, v.rules, v.id),
  ]);
  return {
    today: todayUtc(),
    track: { id: v.trackId, version: v.version, rules: v.rules },
    scenarios: v.rules.scenarios.map((s) => ({ ...s, slug: resolved.get(s.scenarioId)?.slug ?? "", title: resolved.get(s.scenarioId)?.title ?? null })),
    people: people.rows.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    assigned: matrix.rows
      .filter((r) => r.cells[v.trackId])
      .map((r) => {
        const cell = r.cells[v.trackId]!;
        // Attempts used up on a scenario not passed (a valid certification is never "blocked").
        const stuck = cell.status === "certified" || cell.status === "expiring" ? [] : (blocked.get(r.userId) ?? []);
        return {
          userId: r.userId,
          name: r.name,
          ...cell,
          blockedOn: stuck.map((id) => ({ slug: resolved.get(id)?.slug ?? "", title: resolved.get(id)?.title ?? null })),
        };
      }),
  };
}

const AssignForm = z.object({
  people: z.array(z.string().min(1).max(100)).max(1000),
  roles: z.array(z.enum(ROLES)).max(4),
  dueAt: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "certification.errorDue")
    // A real calendar day (not 2026-02-31).
    .refine((d) => {
      if (d === "") return true;
      const at = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === d;
    }, "certification.errorDue"),
});

/** Today as YYYY-MM-DD, UTC (a due date is the end of its day, UTC). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface AssignResult {
  error: string | null;
  /** Variables of the error message (the refused date). */
  errorVars: Record<string, string> | null;
  /** The field the error is about, for aria-invalid and focus. */
  field: "dueAt" | "people" | null;
  assigned: number | null;
  /** What was posted, to show again when it is refused. */
  values: { people: string[]; roles: string[]; dueAt: string } | null;
}

export async function assignFromForm(request: Request, trackId: string | undefined, now = new Date()) {
  const user = await requireCertifier(request);
  // Another organisation's track does not exist for this reader.
  if (!trackId || !(await currentTrackVersion(user.org.id, trackId))) throw notFound();
  const form = await request.formData();
  const posted = {
    people: form.getAll("people").map(String).slice(0, 1000),
    roles: form.getAll("roles").map(String).slice(0, 10),
    dueAt: String(form.get("dueAt") ?? "").slice(0, 40),
  };
  const refuse = (error: string, field: AssignResult["field"], errorVars: Record<string, string> | null = null) =>
    json<AssignResult>({ error, errorVars, field, assigned: null, values: posted }, { status: 400 });
  const parsed = AssignForm.safeParse(posted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(firstError(parsed.error), issue?.path[0] === "dueAt" ? "dueAt" : null);
  }
  // The due date is the end of that day, UTC; a day already past is refused (it would be overdue at once).
  const day = parsed.data.dueAt;
  if (day && day < todayUtc(now)) return refuse("certification.errorDuePast", "dueAt", { date: day });
  const dueAt = day ? new Date(`${day}T23:59:59.999Z`) : null;
  try {
    const n = await assignTrack({ id: user.id, orgId: user.org.id }, { trackId, userIds: parsed.data.people, roles: parsed.data.roles as Role[], dueAt });
    return json<AssignResult>({ error: null, errorVars: null, field: null, assigned: n, values: null });
  } catch (e) {
    if (e instanceof TrackError) return refuse(e.key, e.key === "certification.errorNobody" ? "people" : null);
    throw e;
  }
}

// --- The trainee's certification briefing -----------------------------------------------------------

const TrackParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** The certification box of the briefing, when ?track= names a track assigned to the trainee. */
export async function loadCertificationBriefing(request: Request, slug: string | undefined) {
  const user = await requireRole(request, PLAYER_ROLES);
  const track = TrackParam.safeParse(new URL(request.url).searchParams.get("track"));
  if (!track.success || !slug) return null;
  const [rules, version] = await Promise.all([
    certificationRulesFor(user, track.data, slug),
    currentTrackVersion(user.org.id, track.data),
  ]);
  if (!rules || !version) return null;
  return {
    trackId: track.data,
    name: version.rules.name,
    passMark: rules.passMark,
    language: rules.language,
    attemptsAllowed: rules.attemptsAllowed,
    attemptNumber: rules.openAttemptId ? rules.attemptsUsed : rules.attemptsUsed + 1,
    hideCoaching: rules.hideCoaching,
    availableAt: rules.availableAt?.toISOString() ?? null,
    openAttemptId: rules.openAttemptId,
    blocked: rules.blocked,
  };
}

const CertStartForm = z.object({
  track: TrackParam,
  callLocale: z.enum(["en", "fr"], { message: "call.errorLanguage" }),
  mode: z.enum(["stream"]).optional(),
  /** The id this form's new call takes (decision 286). */
  startId: AttemptIdField.optional(),
  /** The certification call in progress the page showed ("Continue your call"): the form goes to it. */
  resume: AttemptIdField.optional(),
});

/**
 * Start a certification call from the briefing (the rules are enforced in startCertification). A
 * certification call in progress that the page did not show (started meanwhile in another tab) is
 * not entered silently: the briefing says which and in what language, and offers to resume it
 * (decision 286); it is never ended from here, it counts as one of the trainee's attempts.
 */
export async function startCertificationFromBriefing(request: Request, slug: string | undefined, form: FormData) {
  const user = await requireRole(request, PLAYER_ROLES);
  const parsed = CertStartForm.safeParse(Object.fromEntries(form));
  if (!parsed.success || !slug) {
    const first = parsed.success ? "" : (parsed.error.issues[0]?.message ?? "");
    const error: MessageKey = first.startsWith("call.") && hasMessage(first) ? first : "call.errorLanguage";
    return json<StartActionData>({ error }, { status: 400 });
  }
  const { track, callLocale, mode, startId, resume } = parsed.data;
  try {
    const started = await startCertification({ user, trackId: track, slug, locale: callLocale, startId });
    const attempt = started.attempt;
    if (started.kind === "open" && attempt.id !== resume) {
      return json<StartActionData>({ openCall: openCallNotice(attempt, callLocale) }, { status: 409 });
    }
    if (started.kind === "started" && attempt.status === "live") {
      if (mode === "stream") void ensureReply(attempt.id);
      else await settleReply(attempt.id).catch(() => null);
    }
    return redirect(callPath(attempt.id));
  } catch (e) {
    if (e instanceof TrackError) return json<StartActionData>({ error: e.key as MessageKey }, { status: 400 });
    throw e;
  }
}

// --- The certificate ---------------------------------------------------------------------------------

/** A certificate: its holder, or a trainer, manager or admin of its organisation. */
export async function loadCertificate(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const cert = id ? await certificateOf(id) : null;
  if (!cert) throw notFound();
  const own = cert.userId === user.id;
  const reader = cert.orgId === user.org.id && CERTIFIER_ROLES.includes(user.role);
  if (!own && !reader) throw notFound();
  // The calls that earned it: their scenario, day and score (a holder or a reader of the organisation may open each report).
  const [calls, withdrawn] = await Promise.all([evidenceCalls(cert.evidence), withdrawalOf(cert)]);
  return {
    withdrawn,
    locale: user.locale,
    id: cert.id,
    person: cert.person,
    name: cert.name,
    version: cert.version,
    issuedAt: cert.issuedAt.toISOString(),
    expiresAt: cert.expiresAt?.toISOString() ?? null,
    calls,
    missingCalls: Math.max(0, cert.evidence.length - calls.length),
  };
}

export { memberOf };

/** The trainee's "Assigned to you" (their own assignments only). */
export async function loadAssigned(request: Request) {
  const user = await requireRole(request, PLAYER_ROLES);
  return assignedTracksOf(user.id, user.org.id);
}

// --- The manager's dashboard and exports ---------------------------------------------------------------

const StatusParam = z.enum(["certified", "expiring", "expired", "overdue", "in_progress", "not_started"]);

/** The matrix filters of a URL (?track=&status=&role=), each ignored when invalid. */
export function matrixFiltersOf(url: URL) {
  const track = TrackParam.safeParse(url.searchParams.get("track"));
  const status = StatusParam.safeParse(url.searchParams.get("status"));
  const role = z.enum(ROLES).safeParse(url.searchParams.get("role"));
  return {
    trackId: track.success ? track.data : undefined,
    status: status.success ? status.data : undefined,
    role: role.success ? role.data : undefined,
  };
}

/** What /team shows above the people and calls: tracks, the matrix, what to coach next, progress. */
export async function loadDashboard(orgId: string, url: URL) {
  const filters = matrixFiltersOf(url);
  const [tracks, matrix, missed, progress] = await Promise.all([
    listTracksOf(orgId),
    certificationMatrix(orgId, filters),
    mostMissedCheckpoints(orgId),
    progressOverTime(orgId),
  ]);
  return { filters, tracks, matrix, missed, missedWindow: MISSED_WINDOW, progress };
}

/** /team/export/matrix.csv and /team/export/attempts.csv (trainers, managers, admins of the organisation). */
export async function exportCsv(request: Request, what: "matrix" | "attempts") {
  const user = await requireCertifier(request);
  const url = new URL(request.url);
  const day = new Date().toISOString().slice(0, 10);
  const headers = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${what}-${user.org.slug}-${day}.csv"`,
    "Cache-Control": "no-store",
  };
  if (what === "matrix") return new Response(await matrixCsv(user.org.id, matrixFiltersOf(url), user.locale), { headers });
  const mode = z.enum(["practice", "certification"]).safeParse(url.searchParams.get("mode"));
  const person = TrackParam.safeParse(url.searchParams.get("person"));
  return new Response(
    attemptsCsvStream(user.org.id, { mode: mode.success ? mode.data : undefined, userId: person.success ? person.data : undefined }, user.locale),
    { headers },
  );
}

/** A person's page: assignments, certifications, calls, progress per dimension, what they miss. */
export async function loadPersonPage(request: Request, userId: string | undefined) {
  const user = await requireCertifier(request);
  const person = userId ? await memberOf(user.org.id, userId) : null;
  if (!person) throw notFound();
  const [assigned, certs, dims, calls, missed, progress] = await Promise.all([
    assignedTracksOf(person.id, user.org.id),
    certificationsOf(user.org.id, person.id),
    dimensionsOf(user.org.id, person.id),
    listTeamCalls(user.org.id, { userId: person.id, limit: 50 }),
    mostMissedCheckpoints(user.org.id, { userId: person.id, limit: 5 }),
    progressOverTime(user.org.id, { userId: person.id }),
  ]);
  return { person, assigned, certs, dims, calls: calls.calls, missed, progress };
}
