/**
 * Authentication and authorisation: log in/out, the current user, role checks.
 * Admin passes every role check.
 */
import { redirect } from "@remix-run/node";
import { and, asc, count, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { dummyHash, verifyPassword } from "../db/password";
import { loginAttempts, memberships, organizations, users, type Role } from "../db/schema";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { isLocale, type Locale } from "./i18n";
import { resolveLocale } from "./locale.server";
import {
  commitSessionCookie,
  createSession,
  deleteSession,
  destroySessionCookie,
  getLiveSession,
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
  manager: ["team"],
  admin: ["train", "author", "team", "admin"],
};

export function homeFor(role: Role): string {
  return HOME_BY_ROLE[role];
}

const ROLE_RANK: Record<Role, number> = { trainee: 0, trainer: 1, manager: 2, admin: 3 };

async function loadUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await getLiveSession(sessionId);
  if (!session) return null;
  const db = getDb();
  const [user] = await db.select().from(users).where(eq(users.id, session.userId));
  if (!user) return null;
  const rows = await db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt));
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
  };
}

const cache = new WeakMap<Request, Promise<CurrentUser | null>>();

/** The logged-in user, or null (memoised per request). */
export function getUser(request: Request): Promise<CurrentUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadUser(request);
    cache.set(request, pending);
  }
  return pending;
}

/** A same-site path to go back to after login; anything else becomes null. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined): string | null {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return null;
  if (to.startsWith("/login") || to.startsWith("/logout")) return null;
  return to;
}

/** The logged-in user; when logged out, redirects to /login?redirectTo=<this page>. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search);
    throw redirect(back && back !== "/" ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login");
  }
  return user;
}

/** True when the user's role is one of `roles` (admin passes every check). */
export function hasRole(user: Pick<CurrentUser, "role">, roles: readonly Role[]): boolean {
  return user.role === "admin" || roles.includes(user.role);
}

/** The logged-in user when their role is one of `roles`; otherwise throws a 403 Response. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasRole(user, roles)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
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

async function recentFailures(column: "email" | "ip", value: string): Promise<number> {
  const since = new Date(Date.now() - RATE_LIMIT.windowMs);
  const [row] = await getDb()
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(column === "email" ? loginAttempts.email : loginAttempts.ip, value),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  return row?.n ?? 0;
}

/** The client's IP: the socket address, or X-Forwarded-For when TRUST_PROXY is set. */
export function clientIp(request: Request, socketIp?: string): string {
  if (getEnv().TRUST_PROXY) {
    const forwarded = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return socketIp ?? "unknown";
}

/** Check a password, rate-limited per account and per IP; records the attempt. */
export async function verifyLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  const db = getDb();
  const normalised = email.trim().toLowerCase();
  const [byAccount, byIp] = await Promise.all([
    recentFailures("email", normalised),
    recentFailures("ip", ip),
  ]);
  if (byAccount >= RATE_LIMIT.perAccount || byIp >= RATE_LIMIT.perIp) {
    return { ok: false, reason: "rate-limited", retryAfterMinutes: Math.ceil(RATE_LIMIT.windowMs / 60000) };
  }
  const [user] = await db.select().from(users).where(eq(users.email, normalised));
  // Spend the same time whether or not the account exists.
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyPassword(await dummyHash(), password), false);
  await db.insert(loginAttempts).values({ email: normalised, ip, succeeded: valid });
  if (!valid || !user) return { ok: false, reason: "invalid" };
  const rows = await db
    .select({ orgId: memberships.orgId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  const best = rows.sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role])[0];
  if (!best) return { ok: false, reason: "no-membership" };
  return { ok: true, user: { id: user.id }, role: best.role, orgId: best.orgId };
}

/** Start a session and redirect (Set-Cookie) to `redirectTo` or the role's home. */
export async function logIn(
  userId: string,
  orgId: string,
  role: Role,
  redirectTo: string | null,
): Promise<Response> {
  const sessionId = await createSession(userId, orgId);
  return redirect(redirectTo ?? homeFor(role), {
    headers: { "Set-Cookie": await commitSessionCookie(sessionId) },
  });
}

export async function logOut(request: Request): Promise<Response> {
  const sessionId = await readSessionId(request);
  if (sessionId) await deleteSession(sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await destroySessionCookie() } });
}

export async function getUserId(request: Request): Promise<string | null> {
  return (await getUser(request))?.id ?? null;
}
