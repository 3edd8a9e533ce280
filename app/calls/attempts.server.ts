/**
 * Attempts and turns: reading a call for its owner, starting one, the scenario behind it (the
 * catalog's per-trainee figures are in app/progress/). The turn pipeline is in replies.server.ts, the
 * ending and scoring in finish.server.ts.
 */
import { and, desc, eq, getTableColumns, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { attempts, scenarios, scenarioVersions, turns, users, type Role } from "../../db/schema";
import { startCall, viewOf } from "../../machines/session";
import type { CallView, Locale, PersistedCall } from "../../machines/types";
import { StoredScenarioSchema, type Scenario } from "../../scenarios/schema";
import {
  getUser,
  getUserAnd,
  liveSession,
  permittedUser,
  requireRole,
  selectCurrentUser,
  type CurrentUser,
} from "../auth.server";
import { requestScoped, takeRequestScoped } from "../platform/request-scope.server";
import { getDb, type Database } from "../db.server";
import { getEngines } from "./engines.server";

export type AttemptRow = typeof attempts.$inferSelect;
export type TurnRow = typeof turns.$inferSelect;

export interface LoadedAttempt {
  attempt: AttemptRow;
  scenario: Scenario;
  turns: TurnRow[];
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** Attempt ids are UUIDs: anything else cannot exist. */
export function isAttemptId(id: string | undefined): id is string {
  return typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

const scenarioCache = new Map<string, Scenario>();

/** The validated scenario of a stored (immutable) version; says which version is broken and where. */
export async function scenarioOfVersion(versionId: string, definition?: unknown): Promise<Scenario> {
  const cached = scenarioCache.get(versionId);
  if (cached) return cached;
  let raw = definition;
  if (raw === undefined) {
    const [row] = await getDb()
      .select({ definition: scenarioVersions.definition })
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, versionId));
    if (!row) throw new Error(`scenario version ${versionId} does not exist`);
    raw = row.definition;
  }
  const parsed = StoredScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    // Every issue, not only the first (issue 13): whoever repairs the version sees all of it at once.
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`scenario version ${versionId} is invalid at ${issues.join("; ")}`);
  }
  scenarioCache.set(versionId, parsed.data);
  return parsed.data;
}

export function persistedOf(attempt: AttemptRow, scenario: Scenario): PersistedCall {
  return { machineVersion: attempt.machineVersion, scenarioId: scenario.id, snapshot: attempt.machineSnapshot };
}

export function callViewOf(loaded: LoadedAttempt): CallView {
  return viewOf(loaded.scenario, persistedOf(loaded.attempt, loaded.scenario));
}

/**
 * The turns of live calls up to their last customer turn, per process. Those rows never change again
 * (a trainee turn's moves are written in the same transaction as the customer's answer to it, and
 * turns are never deleted), so a call's turns are read incrementally: only those after the last
 * customer turn this process has seen (issue 11: a call's cost no longer grows with its length squared).
 */
const settledTurns = new Map<string, TurnRow[]>();
const MAX_CACHED_CALLS = 5_000;

/** A turn as `json_build_object` gives it (one statement reads the attempt and its new turns). */
interface TurnJson {
  id: string;
  attemptId: string;
  seq: number;
  speaker: TurnRow["speaker"];
  text: string;
  moves: string[];
  topics: string[];
  engine: string | null;
  latencyMs: number | null;
  clientToken: string | null;
  meta: unknown;
  createdAt: string;
}

/** json and jsonb values arrive parsed from both drivers; a string is parsed here (defensive). */
function parsedJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

function turnOf(t: TurnJson): TurnRow {
  return {
    id: t.id,
    attemptId: t.attemptId,
    seq: Number(t.seq),
    speaker: t.speaker,
    text: t.text,
    moves: parsedJson<string[]>(t.moves) ?? [],
    topics: parsedJson<string[]>(t.topics) ?? [],
    engine: t.engine,
    latencyMs: t.latencyMs === null ? null : Number(t.latencyMs),
    clientToken: t.clientToken,
    meta: parsedJson<unknown>(t.meta),
    createdAt: new Date(t.createdAt),
  };
}

/** The attempt's turns after `after`, aggregated as JSON (decision 160); placeholders `attemptId`, `after`. */
const newerTurns = sql<unknown>`(
  select coalesce(json_agg(json_build_object(
    'id', t.id, 'attemptId', t.attempt_id, 'seq', t.seq, 'speaker', t.speaker, 'text', t.text,
    'moves', t.moves, 'topics', t.topics, 'engine', t.engine, 'latencyMs', t.latency_ms,
    'clientToken', t.client_token, 'meta', t.meta, 'createdAt', t.created_at
  ) order by t.seq), '[]'::json)
  from ${turns} t where t.attempt_id = ${sql.placeholder("attemptId")} and t.seq > ${sql.placeholder("after")})`;

/** The attempt's row and its turns after `after`. */
function attemptQuery(db: Database) {
  return db
    .select({ attempt: getTableColumns(attempts), newer: newerTurns })
    .from(attempts)
    .where(eq(attempts.id, sql.placeholder("attemptId")))
    .prepare("mot_load_attempt");
}

/**
 * The current user's statement and, left-joined, the attempt when it is theirs, with its turns after
 * `after` (decision 225: a call's request reads both in one statement).
 */
function userAndAttemptQuery(db: Database) {
  return selectCurrentUser(db, { attempt: attempts, newer: newerTurns })
    .leftJoin(attempts, and(eq(attempts.id, sql.placeholder("attemptId")), eq(attempts.userId, users.id)))
    .where(liveSession)
    .prepare("mot_user_and_attempt");
}

/** Built once per database (Drizzle's prepared query: the SQL is no longer built per request; decision 205). */
const attemptQueries = new WeakMap<Database, ReturnType<typeof attemptQuery>>();
const userAndAttemptQueries = new WeakMap<Database, ReturnType<typeof userAndAttemptQuery>>();

/** The turns after which a call's read starts: those this process already holds. */
function knownTurns(attemptId: string): { known: TurnRow[] | undefined; after: number } {
  const known = settledTurns.get(attemptId);
  return { known, after: known?.at(-1)?.seq ?? -1 };
}

/** The call from its row, its newer turns and the turns already known (which are kept for the next read). */
async function loadedOf(attemptId: string, known: TurnRow[] | undefined, row: { attempt: AttemptRow; newer: unknown } | undefined): Promise<LoadedAttempt | null> {
  settledTurns.delete(attemptId);
  if (!row) return null;
  const attempt = row.attempt;
  const newer = parsedJson<TurnJson[]>(row.newer).map(turnOf);
  const scenario = await scenarioOfVersion(attempt.scenarioVersionId);
  const rows = known ? [...known, ...newer] : newer;
  if (attempt.status !== "ended") {
    let last = rows.length - 1;
    while (last >= 0 && rows[last]!.speaker !== "customer") last--;
    if (last >= 0) {
      settledTurns.set(attemptId, rows.slice(0, last + 1));
      // Oldest first out (a Map keeps insertion order; a call read again moves to the end).
      if (settledTurns.size > MAX_CACHED_CALLS) settledTurns.delete(settledTurns.keys().next().value!);
    }
  }
  return { attempt, scenario, turns: rows };
}

/**
 * The attempt with its scenario and turns (no permission check: callers check). One statement
 * (decision 160): the attempt's row and, aggregated as JSON, its turns after the last one this
 * process already holds.
 */
export async function loadAttempt(attemptId: string): Promise<LoadedAttempt | null> {
  const db = getDb();
  const { known, after } = knownTurns(attemptId);
  let query = attemptQueries.get(db);
  if (!query) attemptQueries.set(db, (query = attemptQuery(db)));
  const [row] = await query.execute({ attemptId, after });
  return loadedOf(attemptId, known, row);
}

/** The user and, when it is theirs, the call: one statement unless the request already read the user. */
function readOwnCall(request: Request, attemptId: string) {
  return getUserAnd<LoadedAttempt | null>(
    request,
    async (sessionId, now) => {
      const db = getDb();
      const { known, after } = knownTurns(attemptId);
      let query = userAndAttemptQueries.get(db);
      if (!query) userAndAttemptQueries.set(db, (query = userAndAttemptQuery(db)));
      const [found] = await query.execute({ sessionId, now, attemptId, after });
      const more = found?.attempt ? await loadedOf(attemptId, known, { attempt: found.attempt, newer: found.newer }) : null;
      return { row: found, more };
    },
    (user) => loadAttempt(attemptId).then((loaded) => (loaded && loaded.attempt.userId === user.id ? loaded : null)),
  );
}

/** The request scope's key of a call read with its player (decision 260). */
function ownCallKey(attemptId: string): string {
  return `own-call:${attemptId}`;
}

/**
 * The logged-in user, or null, for a loader that runs beside the call's on the call's page (the
 * root's): the user and the call are read in one statement here, and the call's loader
 * (`requireOwnCall`) takes the call from this request's scope instead of reading it again
 * (decision 260: the page after a no-JS turn sent two statements, the user's for the root's loader,
 * then the call's). Nothing is decided here: who may see the call is `requireOwnCall`'s check, as
 * before; the statement only joins the call when it is the user's.
 */
export async function getUserWithCall(request: Request, attemptId: string | undefined): Promise<CurrentUser | null> {
  if (!isAttemptId(attemptId)) return getUser(request);
  return (await requestScoped(ownCallKey(attemptId), () => readOwnCall(request, attemptId))).user;
}

/**
 * The logged-in user when their role is one of `roles` (`requireRole`: the same redirect and 403),
 * and the call `attemptId` when they made it, read in one statement (decision 225). Another
 * trainee's call, or another organisation's, is a 404: it must not even be revealed; trainers and
 * managers read attempts through the read-only report, never through the live call. When the
 * request already reads the user (a root loader asked first), the attempt is read on its own, as
 * before — unless that loader read it with the user (`getUserWithCall`, decision 260).
 */
export async function requireOwnCall(
  request: Request,
  roles: readonly Role[],
  attemptId: string | undefined,
): Promise<{ user: CurrentUser; loaded: LoadedAttempt }> {
  if (!isAttemptId(attemptId)) {
    await requireRole(request, roles);
    throw notFound();
  }
  // Taken, not shared: a loader that runs after this request's action reads the call as it is now.
  const read = await (takeRequestScoped<Awaited<ReturnType<typeof readOwnCall>>>(ownCallKey(attemptId)) ??
    readOwnCall(request, attemptId));
  const user = permittedUser(request, read.user, roles);
  const loaded = read.more;
  if (!loaded || loaded.attempt.userId !== user.id) throw notFound();
  return { user, loaded };
}

export interface PlayableScenario {
  scenarioId: string;
  versionId: string;
  version: number;
  scenario: Scenario;
  global: boolean;
}

/**
 * The published scenario `slug` the organisation may play (its own first, then the global
 * library), at its latest published version; null when there is none.
 */
export async function findPlayableScenario(orgId: string, slug: string): Promise<PlayableScenario | null> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return null;
  const rows = await getDb()
    .select({
      scenarioId: scenarios.id,
      orgId: scenarios.orgId,
      versionId: scenarioVersions.id,
      version: scenarioVersions.version,
      definition: scenarioVersions.definition,
    })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.scenarioId, scenarios.id))
    .where(
      and(
        eq(scenarios.slug, slug),
        eq(scenarios.status, "published"),
        isNotNull(scenarioVersions.publishedAt),
        or(isNull(scenarios.orgId), eq(scenarios.orgId, orgId)),
      ),
    )
    .orderBy(desc(scenarioVersions.version));
  const best = rows.find((r) => r.orgId === orgId) ?? rows.find((r) => r.orgId === null);
  if (!best) return null;
  return {
    scenarioId: best.scenarioId,
    versionId: best.versionId,
    version: best.version,
    scenario: await scenarioOfVersion(best.versionId, best.definition),
    global: best.orgId === null,
  };
}

/**
 * The row of a new call: phone scenarios ring (status `ringing`, the clock starts now); in
 * person the customer is at the desk (status `live`, her opening line is the pending reply).
 * Inserted by start.server.ts (one open call per trainee and scenario version).
 */
export function newAttemptValues(input: { user: CurrentUser; playable: PlayableScenario; locale: Locale }) {
  const step = startCall(input.playable.scenario);
  return {
    userId: input.user.id,
    orgId: input.user.org.id,
    scenarioVersionId: input.playable.versionId,
    locale: input.locale,
    mode: "practice" as const,
    engine: getEngines().customer.name,
    status: input.playable.scenario.channel === "phone" ? ("ringing" as const) : ("live" as const),
    machineSnapshot: step.persisted.snapshot,
    machineVersion: step.persisted.machineVersion,
    startedAt: new Date(),
  };
}

/**
 * The id a form chose for its new call (decision 286), when it is a UUID no attempt has yet;
 * otherwise undefined, and the database picks one (a stale page sent again after its call ended).
 */
export async function unusedAttemptId(id: string | null | undefined): Promise<string | undefined> {
  if (!id || !isAttemptId(id)) return undefined;
  const [taken] = await getDb().select({ id: attempts.id }).from(attempts).where(eq(attempts.id, id));
  return taken ? undefined : id;
}

/**
 * Start a call, or return the one already open on this scenario version (one open call per
 * trainee and version: a double click on Try again lands on one call). The briefing's Start
 * goes through start.server.ts, which can also end the open call on purpose.
 */
export async function createAttempt(input: { user: CurrentUser; playable: PlayableScenario; locale: Locale }): Promise<AttemptRow> {
  const db = getDb();
  for (let round = 0; round < 3; round++) {
    const [row] = await db.insert(attempts).values(newAttemptValues(input)).onConflictDoNothing().returning();
    if (row) return row;
    const [open] = await db
      .select()
      .from(attempts)
      .where(and(eq(attempts.userId, input.user.id), eq(attempts.scenarioVersionId, input.playable.versionId), ne(attempts.status, "ended")))
      .limit(1);
    if (open) return open;
  }
  throw new Error("could not create the attempt");
}

/** True when a database error is a unique-constraint violation (Postgres 23505), whatever the driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
