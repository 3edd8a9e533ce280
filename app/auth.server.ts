/**
 * Authentication and authorisation: log in/out, the current user, role checks.
 * Admin passes every role check in the organisation the user works in. Who may administer
 * which organisation is decided in app/admin/access.server.ts (decision 100).
 */
import { redirect } from "@remix-run/node";
import { and, eq, gt, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { z } from "zod";
import { dummyHash, verifyPassword } from "../db/password";
import { loginAttempts, memberships, organizations, platformOperators, sessions, users, type Role } from "../db/schema";
import { getDb, type Database } from "./db.server";
import { getEnv } from "./env.server";
import { isLocale, type Locale } from "./i18n";
import { resolveLocale } from "./locale.server";
import { peekRequestScoped, requestScoped } from "./platform/request-scope.server";
import {
  commitSessionCookie,
  createSession,
  deleteSession,
  destroySessionCookie,
  readSessionId,
} from "./session.server";

export type { Role };
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  /** The user's stored preference (null = follow the browser). */
  preferredLocale: Locale | null;
  /** The locale the UI uses for this request. */
  locale: Locale;
  sessionId: string;
  /** The organisation the user is working in. */
  org: { id: string; name: string; slug: string };
  role: Role;
  /** The organisations where the user's role is admin (whatever the organisation worked in). */
  adminOrgIds?: readonly string[];
  /** A platform operator (decision 100): may create and administer every organisation. */
  operator?: boolean;
}

/** Where each role lands after logging in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  trainee: "/train",
  trainer: "/author",
  manager: "/team",
  admin: "/admin",
};

/** Which top-level areas each role may see (admin sees all). */
export const AREAS_BY_ROLE: Record<Role, ReadonlyArray<"train" | "author" | "team" | "admin">> = {
  trainee: ["train"],
  trainer: ["train", "author"],
  manager: ["team", "author"],
  admin: ["train", "author", "team", "admin"],
};

export function homeFor(role: Role): string {
  return HOME_BY_ROLE[role];
}

/** The areas in the user's navigation: their role's, plus administration for anyone who may administer. */
export function areasFor(
  user: Pick<CurrentUser, "role" | "adminOrgIds" | "operator">,
): ReadonlyArray<"train" | "author" | "team" | "admin"> {
  const areas = AREAS_BY_ROLE[user.role];
  return !areas.includes("admin") && (user.operator || (user.adminOrgIds?.length ?? 0) > 0)
    ? [...areas, "admin"]
    : areas;
}

const ROLE_RANK: Record<Role, number> = { trainee: 0, trainer: 1, manager: 2, admin: 3 };

/**
 * What the current user's statement selects (decision 160): the live session's organisation, its user,
 * whether an operator, and the user's memberships (oldest first) with their organisations as JSON.
 */
const currentUserFields = {
  user: users,
  sessionOrgId: sessions.orgId,
  operator: sql<boolean>`${platformOperators.userId} is not null`,
  orgs: sql<unknown>`(
    select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'slug', o.slug, 'role', m.role)
      order by m.created_at), '[]'::json)
    from ${memberships} m join ${organizations} o on o.id = m.org_id
    where m.user_id = "users"."id")`,
};

/** The current user's part of a row of `selectCurrentUser`. */
export interface CurrentUserRow {
  user: typeof users.$inferSelect;
  sessionOrgId: string | null;
  operator: boolean;
  orgs: unknown;
}

/**
 * The current user's statement with `more` fields selected alongside (decision 225: a call's request
 * reads its attempt in the same statement), from the session joined to its user. The caller adds its
 * own joins, then `.where(liveSession)`; the placeholders are `sessionId` and `now` (an ISO string).
 */
export function selectCurrentUser<More extends SelectedFields>(db: Database, more: More) {
  return db
    .select({ ...currentUserFields, ...more })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(platformOperators, eq(platformOperators.userId, users.id));
}

/** The session asked for, not expired. A placeholder is not encoded by the column (Drizzle): the timestamp goes as text, as `gt` would send it. */
export const liveSession = and(eq(sessions.id, sql.placeholder("sessionId")), gt(sessions.expiresAt, sql.placeholder("now")));

/** Built once per database (Drizzle's prepared query: every request used to build the same SQL again, decision 205). */
function currentUserQuery(db: Database) {
  return selectCurrentUser(db, {}).where(liveSession).prepare("mot_current_user");
}

const currentUserQueries = new WeakMap<Database, ReturnType<typeof currentUserQuery>>();

async function loadUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const db = getDb();
  let query = currentUserQueries.get(db);
  if (!query) currentUserQueries.set(db, (query = currentUserQuery(db)));
  const [found] = await query.execute({ sessionId, now: new Date().toISOString() });
  return found ? userOf(request, sessionId, found) : null;
}

/** The current user from their row; null without a membership. */
async function userOf(request: Request, sessionId: string, found: CurrentUserRow): Promise<CurrentUser | null> {
  const row = found;
  const session = { orgId: found.sessionOrgId };
  const user = row.user;
  const memberOf = (typeof found.orgs === "string" ? JSON.parse(found.orgs) : found.orgs) as Array<{
    id: string;
    name: string;
    slug: string;
    role: Role;
  }>;
  const rows = memberOf.map((m) => ({ org: { id: m.id, name: m.name, slug: m.slug }, role: m.role }));
  if (rows.length === 0) return null;
  const current =
    rows.find((r) => r.org.id === session.orgId) ??
    [...rows].sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role])[0]!;
  const preferredLocale = user.locale && isLocale(user.locale) ? user.locale : null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    preferredLocale,
    locale: await resolveLocale(request, preferredLocale),
    sessionId,
    org: { id: current.org.id, name: current.org.name, slug: current.org.slug },
    role: current.role,
    adminOrgIds: rows.filter((r) => r.role === "admin").map((r) => r.org.id),
    operator: Boolean(row.operator),
  };
}

const cache = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The request scope's key of the current user (the cookie and the languages it depends on). */
function userKey(request: Request): string {
  return `current-user:${request.headers.get("Cookie") ?? ""}:${request.headers.get("Accept-Language") ?? ""}`;
}

/**
 * The logged-in user, or null. Read once per HTTP request: the root's and the route's loaders
 * (different Request objects) share one read through the request scope, keyed by the cookie.
 */
export function getUser(request: Request): Promise<CurrentUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = requestScoped(userKey(request), () => loadUser(request));
    cache.set(request, pending);
  }
  return pending;
}

/**
 * The logged-in user (or null) and something read in the same statement (decision 225): `read` runs
 * a statement of `selectCurrentUser` with its own fields and returns the user's part of the row (none
 * when the session is not live) and its own. The user is then this request's, as `getUser` gives it.
 * When this request already reads the user (the root's loader asked first), the user is awaited and
 * `apart` reads the rest on its own. `more` is null when there is no user.
 */
export async function getUserAnd<T>(
  request: Request,
  read: (sessionId: string, now: string) => Promise<{ row: CurrentUserRow | undefined; more: T }>,
  apart: (user: CurrentUser) => Promise<T>,
): Promise<{ user: CurrentUser | null; more: T | null }> {
  const key = userKey(request);
  const known = cache.get(request) ?? peekRequestScoped<CurrentUser | null>(key);
  if (known) {
    cache.set(request, known);
    const user = await known;
    return { user, more: user ? await apart(user) : null };
  }
  const both = (async () => {
    const sessionId = await readSessionId(request);
    if (!sessionId) return { user: null, more: null };
    const { row, more } = await read(sessionId, new Date().toISOString());
    const user = row ? await userOf(request, sessionId, row) : null;
    return { user, more: user ? more : null };
  })();
  cache.set(request, requestScoped(key, () => both.then((b) => b.user)));
  return both;
}

// Any C0/C1 control character (tab, CR, LF, NUL, DEL…): browsers drop some of them from a
// Location, which turns "/\t/host" into "//host".
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The one check for every "go back to" address (GET /login, the login form, POST /language,
 * the redirect to the login page): a path on this app's own origin, or null. The value is parsed
 * with `new URL` against `appOrigin` and the origins compared; control characters and
 * backslashes are refused; the result is the URL's own serialisation (always a valid header
 * value), never "//…", never the login or logout page.
 */
export function safeRedirectPath(
  to: FormDataEntryValue | string | null | undefined,
  appOrigin: string,
): string | null {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return null;
  if (CONTROL_CHARACTERS.test(to) || to.includes("\\") || !to.startsWith("/")) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(appOrigin);
    url = new URL(to, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (/^\/log(in|out)(\/|$)/.test(url.pathname)) return null;
  return path;
}

/** This request's origin (what `safeRedirectPath` compares against). */
export function appOriginOf(request: Request): string {
  return new URL(request.url).origin;
}

/** The logged-in user; when logged out, redirects to /login?redirectTo=<this page>. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  return loggedIn(request, await getUser(request));
}

function loggedIn(request: Request, user: CurrentUser | null): CurrentUser {
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, url.origin);
    throw redirect(back && back !== "/" ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login");
  }
  return user;
}

/** True when the user's role is one of `roles` (admin passes every check). */
export function hasRole(user: Pick<CurrentUser, "role">, roles: readonly Role[]): boolean {
  return user.role === "admin" || roles.includes(user.role);
}

function permitted(user: CurrentUser, roles: readonly Role[]): CurrentUser {
  if (!hasRole(user, roles)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/** The logged-in user when their role is one of `roles`; otherwise throws a 403 Response. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<CurrentUser> {
  return permitted(await requireUser(request), roles);
}

/**
 * `requireRole` with something read in the same statement as the user (`getUserAnd`): the same
 * redirect when logged out, the same 403 for another role.
 */
export async function requireRoleAnd<T>(
  request: Request,
  roles: readonly Role[],
  read: (sessionId: string, now: string) => Promise<{ row: CurrentUserRow | undefined; more: T }>,
  apart: (user: CurrentUser) => Promise<T>,
): Promise<{ user: CurrentUser; more: T }> {
  const { user, more } = await getUserAnd(request, read, apart);
  return { user: permittedUser(request, user, roles), more: more as T };
}

/** `requireRole`'s answer for a user already read: the login redirect when null, 403 for another role. */
export function permittedUser(request: Request, user: CurrentUser | null, roles: readonly Role[]): CurrentUser {
  return permitted(loggedIn(request, user), roles);
}

// --- Logging in --------------------------------------------------------------------------

export const LoginForm = z.object({
  email: z
    .string({ message: "auth.emailInvalid" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "auth.emailInvalid" }).max(254, { message: "auth.emailInvalid" })),
  password: z
    .string({ message: "auth.passwordMissing" })
    .min(1, { message: "auth.passwordMissing" })
    .max(200),
  redirectTo: z.string().optional(),
});

export const RATE_LIMIT = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perIp: 30,
} as const;

export type LoginResult =
  | { ok: true; user: { id: string }; role: Role; orgId: string }
  | { ok: false; reason: "invalid" | "rate-limited" | "no-membership"; retryAfterMinutes?: number };

// Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)).
const LOCK_LOGIN_ACCOUNT = 0x4c4f4731; // "LOG1"
const LOCK_LOGIN_IP = 0x4c4f4732; // "LOG2"

/**
 * Check the limits and count this attempt in one step, atomically: under a transaction-scoped
 * advisory lock per account and per IP (always taken in that order), count the failures in the
 * window and, when both are under their limits, insert this attempt as a failure. Concurrent
 * attempts for the same account or IP queue on the lock, so at most `perAccount` guesses per
 * account (and `perIp` per address) are ever evaluated in a window. Returns the attempt's id,
 * or null when a limit is reached. The attempt is marked succeeded once the password matched.
 */
async function reserveLoginAttempt(email: string, ip: string): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(${sql.raw(String(LOCK_LOGIN_ACCOUNT))}, hashtext(${email}))`,
    );
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(LOCK_LOGIN_IP))}, hashtext(${ip}))`);
    const since = new Date(Date.now() - RATE_LIMIT.windowMs).toISOString();
    const [counts] = await tx
      .select({
        byAccount: sql<number>`(select count(*) from ${loginAttempts} where ${loginAttempts.email} = ${email} and not ${loginAttempts.succeeded} and ${loginAttempts.createdAt} > ${since}::timestamptz)::int`,
        byIp: sql<number>`(select count(*) from ${loginAttempts} where ${loginAttempts.ip} = ${ip} and not ${loginAttempts.succeeded} and ${loginAttempts.createdAt} > ${since}::timestamptz)::int`,
      })
      .from(sql`(select 1) as one`);
    if (!counts || counts.byAccount >= RATE_LIMIT.perAccount || counts.byIp >= RATE_LIMIT.perIp) return null;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ email, ip, succeeded: false })
      .returning({ id: loginAttempts.id });
    return row?.id ?? null;
  });
}

/** The client's IP: the socket address, or X-Forwarded-For when TRUST_PROXY is set. */
export function clientIp(request: Request, socketIp?: string): string {
  if (getEnv().TRUST_PROXY) {
    const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketIp ?? "unknown";
}

/**
 * Check a password, rate-limited per account and per IP: the attempt is counted before the
 * password is evaluated (atomically with the limit check, see reserveLoginAttempt).
 */
export async function verifyLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  const db = getDb();
  const normalised = email.trim().toLowerCase();
  const attemptId = await reserveLoginAttempt(normalised, ip);
  if (!attemptId) {
    return { ok: false, reason: "rate-limited", retryAfterMinutes: Math.ceil(RATE_LIMIT.windowMs / 60000) };
  }
  const [user] = await db.select().from(users).where(eq(users.email, normalised));
  // Spend the same time whether or not the account exists.
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyHash(), password), false);
  if (!valid || !user) return { ok: false, reason: "invalid" };
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
  const rows = await db
    .select({ orgId: memberships.orgId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  const best = rows.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role])[0];
  if (!best) return { ok: false, reason: "no-membership" };
  return { ok: true, user: { id: user.id }, role: best.role, orgId: best.orgId };
}

/**
 * Start a session and redirect (Set-Cookie) to `redirectTo` or the role's home. The redirect is
 * built first: nothing is written when it cannot be (a bad address never leaves a session row).
 */
export async function logIn(
  userId: string,
  orgId: string,
  role: Role,
  redirectTo: string | null,
): Promise<Response> {
  const headers = new Headers({ Location: redirectTo ?? homeFor(role) });
  const sessionId = await createSession(userId, orgId);
  headers.append("Set-Cookie", await commitSessionCookie(sessionId));
  return new Response(null, { status: 302, headers });
}

export async function logOut(request: Request): Promise<Response> {
  const sessionId = await readSessionId(request);
  if (sessionId) await deleteSession(sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie() } });
}

export async function getUserId(request: Request): Promise<string | null> {
  return (await getUser(request))?.id ?? null;
}
