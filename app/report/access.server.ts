/**
 * Who may read a past (or live) attempt — the one permission check of every read-only
 * view of a call (scorecard, transcript, timeline).
 *
 *   - the trainee who made the attempt (the owner), whatever organisation they are working in;
 *   - a trainer, manager or admin of the attempt's organisation (read-only);
 *   - nobody else: 404, so that an attempt id of another organisation does not even
 *     reveal that it exists (docs/decisions/070-attempt-read-permissions.md).
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { attempts, memberships, type Role } from "../../db/schema";
import { requireUser, type CurrentUser } from "../auth.server";
import { getDb } from "../db.server";

/** The roles that may read every attempt of their organisation. */
export const READER_ROLES: readonly Role[] = ["trainer", "manager", "admin"];

/** Attempt ids are UUIDs; anything else cannot exist. */
export const AttemptId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export type AttemptRow = typeof attempts.$inferSelect;

export interface AttemptAccess {
  user: CurrentUser;
  attempt: AttemptRow;
  /** True when the reader made the attempt (may try again, may continue it). */
  isOwner: boolean;
  /** The reader's role in the attempt's organisation (null for an owner who left it). */
  roleInOrg: Role | null;
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** Decide, without I/O, whether `userId` (with `roleInOrg` in the attempt's org) may read `attempt`. */
export function mayRead(
  attempt: Pick<AttemptRow, "userId">,
  userId: string,
  roleInOrg: Role | null,
): boolean {
  if (attempt.userId === userId) return true;
  return roleInOrg !== null && READER_ROLES.includes(roleInOrg);
}

/**
 * The attempt `attemptId` if the logged-in user may read it; otherwise throws a 404
 * Response (and a redirect to /login when logged out).
 */
export async function requireAttemptReader(
  request: Request,
  attemptId: string | undefined,
): Promise<AttemptAccess> {
  const user = await requireUser(request);
  const id = AttemptId.safeParse(attemptId);
  if (!id.success) throw notFound();
  const db = getDb();
  const [attempt] = await db.select().from(attempts).where(eq(attempts.id, id.data));
  if (!attempt) throw notFound();
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, user.id), eq(memberships.orgId, attempt.orgId)));
  const roleInOrg = membership?.role ?? null;
  if (!mayRead(attempt, user.id, roleInOrg)) throw notFound();
  return { user, attempt, isOwner: attempt.userId === user.id, roleInOrg };
}
