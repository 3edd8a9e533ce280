/**
 * DB-backed sessions: the cookie holds only a signed session id
 * (httpOnly, SameSite=Lax, Secure in production).
 */
import { createCookie, type Cookie } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions } from "../db/schema";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { ensureSessionSecret } from "./secret.server";

export const SESSION_MAX_AGE_S = 60 * 60 * 24 * 14;

let cookie: Cookie | undefined;
export function sessionCookie(): Cookie {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("mot_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.NODE_ENV === "production",
      path: "/",
      maxAge: SESSION_MAX_AGE_S,
      secrets: [ensureSessionSecret(env).secret],
    });
  }
  return cookie;
}

/** The session id from the request's cookie (signature checked), or null. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function createSession(userId: string, orgId: string | null): Promise<string> {
  const db = getDb();
  const [row] = await db
    .insert(sessions)
    .values({ userId, orgId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) })
    .returning({ id: sessions.id });
  if (!row) throw new Error("could not create a session");
  await deleteExpiredSessions();
  return row.id;
}

/** How often a process clears expired sessions (at a login, through the index on expires_at). */
export const SESSION_SWEEP_INTERVAL_MS = 10 * 60 * 1000;
let lastSweep = 0;

/**
 * Delete expired sessions, at most once per SWEEP interval per process (not at every login).
 * Returns how many rows were deleted, or null when skipped.
 */
export async function deleteExpiredSessions({ force = false } = {}): Promise<number | null> {
  const now = Date.now();
  if (!force && now - lastSweep < SESSION_SWEEP_INTERVAL_MS) return null;
  lastSweep = now;
  const deleted = await getDb()
    .delete(sessions)
    .where(lt(sessions.expiresAt, new Date(now)))
    .returning({ id: sessions.id });
  return deleted.length;
}

export async function getLiveSession(sessionId: string) {
  const [row] = await getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.id, sessionId));
}

export function commitSessionCookie(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

export function destroySessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
