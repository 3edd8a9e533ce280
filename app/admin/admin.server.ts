/**
 * The administration's read models and commands: organisations, members, invitations
 * (decisions 011, 100, 101, 272). Every command takes a grant from access.server.ts and acts on
 * the grant's organisation only; every command writes an audit event.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { INVITATION_DAYS } from "../../db/constants";
import { hashPassword } from "../../db/password";
import {
  attempts,
  auditEvents,
  invitations,
  loginAttempts,
  memberships,
  organizations,
  platformOperators,
  sessions,
  users,
  type Role,
} from "../../db/schema";
import { getDb, type Database } from "../db.server";
import type { AdminOrg, OperatorGrant, OrgGrant } from "./access.server";

export { INVITATION_DAYS };

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The audit data every admin action carries: whether the actor acted as a platform operator. */
function asActor(grant: OrgGrant): { asOperator: boolean } {
  return { asOperator: grant.asOperator };
}

/** A pending invitation: not used, not revoked, not expired. */
const pending = () =>
  and(isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`));

// --- Organisations -----------------------------------------------------------------------

export interface OrgOverview extends AdminOrg {
  /** People who accepted (memberships); pending invitations are not members yet. */
  members: number;
  pendingInvitations: number;
}

/** The given organisations (the caller's scope) with their member and pending-invitation counts. */
export async function listOrganizationOverviews(orgs: readonly AdminOrg[]): Promise<OrgOverview[]> {
  if (orgs.length === 0) return [];
  const ids = orgs.map((o) => o.id);
  const db = getDb();
  const [members, invited] = await Promise.all([
    db
      .select({ orgId: memberships.orgId, n: count() })
      .from(memberships)
      .where(inArray(memberships.orgId, ids))
      .groupBy(memberships.orgId),
    db
      .select({ orgId: invitations.orgId, n: count() })
      .from(invitations)
      .where(and(inArray(invitations.orgId, ids), pending()))
      .groupBy(invitations.orgId),
  ]);
  const memberCount = new Map(members.map((r) => [r.orgId, Number(r.n)]));
  const invitedCount = new Map(invited.map((r) => [r.orgId, Number(r.n)]));
  return orgs.map((o) => ({
    ...o,
    members: memberCount.get(o.id) ?? 0,
    pendingInvitations: invitedCount.get(o.id) ?? 0,
  }));
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base || "org";
}

/** Create an organisation (platform operators only). */
export async function createOrganization(grant: OperatorGrant, name: string) {
  return getDb().transaction(async (tx) => {
    const slug = slugify(name);
    const [existing] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (existing) return { ok: false as const, reason: "exists" as const };
    const [org] = await tx.insert(organizations).values({ name, slug }).returning();
    if (!org) throw new Error("could not create the organisation");
    await tx.insert(auditEvents).values({
      orgId: org.id,
      actorId: grant.actorId,
      action: "organization.created",
      subjectType: "organization",
      subjectId: org.id,
      data: { name, asOperator: true },
    });
    return { ok: true as const, org };
  });
}

// --- Members (decision 272) --------------------------------------------------------------

/** Advisory lock namespace (first key of pg_advisory_xact_lock(int, int)) of an organisation's memberships. */
const LOCK_ORG_MEMBERS = 0x4d454d31; // "MEM1"

/**
 * Serialise the commands that change an organisation's memberships (role changes, removals, an
 * invitation of an existing member): two admins demoting each other at once must not both pass
 * the last-admin check. Works the same on PGlite.
 */
async function lockOrgMembers(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${sql.raw(String(LOCK_ORG_MEMBERS))}, hashtext(${orgId}))`,
  );
}

export interface OrgMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  /** The latest of: a successful login, a session started, a call started in this organisation. */
  lastActiveAt: string | null;
}

/** The members of the grant's organisation (people who accepted), by name. */
export async function listMembers(grant: OrgGrant): Promise<OrgMember[]> {
  const lastLogin = sql`(select max(${loginAttempts.createdAt}) from ${loginAttempts}
    where ${loginAttempts.email} = ${users.email} and ${loginAttempts.succeeded})`;
  const lastSession = sql`(select max(${sessions.createdAt}) from ${sessions} where ${sessions.userId} = ${users.id})`;
  const lastCall = sql`(select max(${attempts.startedAt}) from ${attempts}
    where ${attempts.orgId} = ${memberships.orgId} and ${attempts.userId} = ${users.id})`;
  const rows = await getDb()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      lastActiveAt: sql<string | Date | null>`greatest(${lastLogin}, ${lastSession}, ${lastCall})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, grant.orgId))
    .orderBy(asc(sql`lower(${users.name})`), asc(users.email));
  return rows.map((r) => ({
    ...r,
    joinedAt: r.joinedAt.toISOString(),
    lastActiveAt: r.lastActiveAt === null ? null : new Date(r.lastActiveAt).toISOString(),
  }));
}

export type MemberRefusal = "not-member" | "last-admin";

/** The member's row in the grant's organisation, and whether they are its only admin. */
async function memberForChange(tx: Tx, grant: OrgGrant, userId: string) {
  await lockOrgMembers(tx, grant.orgId);
  const [member] = await tx
    .select({ role: memberships.role, joinedAt: memberships.createdAt, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, grant.orgId), eq(memberships.userId, userId)));
  if (!member) return null;
  let lastAdmin = false;
  if (member.role === "admin") {
    const [admins] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.orgId, grant.orgId), eq(memberships.role, "admin")));
    lastAdmin = Number(admins?.n ?? 0) <= 1;
  }
  return { ...member, lastAdmin };
}

export type ChangeRoleResult =
  | { ok: true; name: string; email: string; role: Role; previousRole: Role }
  | { ok: false; reason: MemberRefusal; name?: string };

/**
 * Give a member of the grant's organisation another role. Refused for someone who is not a
 * member of that organisation (whatever id the form carried) and for the organisation's last
 * admin (an organisation always keeps one). Audited `member.role-changed` when the role changes.
 */
export async function changeMemberRole(
  grant: OrgGrant,
  userId: string,
  role: Role,
): Promise<ChangeRoleResult> {
  return getDb().transaction(async (tx) => {
    const member = await memberForChange(tx, grant, userId);
    if (!member) return { ok: false as const, reason: "not-member" as const };
    const base = { name: member.name, email: member.email, role, previousRole: member.role };
    if (member.role === role) return { ok: true as const, ...base };
    if (member.lastAdmin) return { ok: false as const, reason: "last-admin" as const, name: member.name };
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, grant.orgId), eq(memberships.userId, userId)));
    await tx.insert(auditEvents).values({
      orgId: grant.orgId,
      actorId: grant.actorId,
      action: "member.role-changed",
      subjectType: "user",
      subjectId: userId,
      data: { email: member.email, role, previousRole: member.role, ...asActor(grant) },
    });
    return { ok: true as const, ...base };
  });
}

export type RemoveMemberResult =
  | { ok: true; name: string; email: string; role: Role; endedSessions: number }
  | { ok: false; reason: MemberRefusal; name?: string };

/**
 * Remove a member from the grant's organisation: the membership goes (so every check that reads
 * memberships sees a non-member from now on, and a person with no other organisation can no
 * longer log in), their sessions working in this organisation end, their pending links to it
 * are revoked. Their account, calls, scorecards, certificates and assignments are kept: nothing
 * of the record is deleted. Refused for a non-member and for the organisation's last admin.
 * Audited `member.removed` with the role and the date they had joined.
 */
export async function removeMember(grant: OrgGrant, userId: string): Promise<RemoveMemberResult> {
  return getDb().transaction(async (tx) => {
    const member = await memberForChange(tx, grant, userId);
    if (!member) return { ok: false as const, reason: "not-member" as const };
    if (member.lastAdmin) return { ok: false as const, reason: "last-admin" as const, name: member.name };
    await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, grant.orgId), eq(memberships.userId, userId)));
    // Sessions working in this organisation (or in none: they would fall back to any membership).
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), or(eq(sessions.orgId, grant.orgId), isNull(sessions.orgId))))
      .returning({ id: sessions.id });
    await revokePending(tx, userId, grant.orgId);
    await tx.insert(auditEvents).values({
      orgId: grant.orgId,
      actorId: grant.actorId,
      action: "member.removed",
      subjectType: "user",
      subjectId: userId,
      data: {
        email: member.email,
        role: member.role,
        joinedAt: member.joinedAt.toISOString(),
        endedSessions: ended.length,
        ...asActor(grant),
      },
    });
    return {
      ok: true as const,
      name: member.name,
      email: member.email,
      role: member.role,
      endedSessions: ended.length,
    };
  });
}

// --- Invitations -------------------------------------------------------------------------

export interface PendingInvitation {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** The pending invitations of the given organisations, newest first. */
export async function listPendingInvitations(orgIds: readonly string[]): Promise<PendingInvitation[]> {
  if (orgIds.length === 0) return [];
  const rows = await getDb()
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      email: users.email,
      name: users.name,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(inArray(invitations.orgId, [...orgIds]), pending()))
    .orderBy(desc(invitations.createdAt), asc(invitations.id));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** The organisation of an invitation (to ask access.server for a grant on it), or null. */
export async function orgOfInvitation(invitationId: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ orgId: invitations.orgId })
    .from(invitations)
    .where(eq(invitations.id, invitationId));
  return row?.orgId ?? null;
}

/** Revoke the person's earlier pending links to this organisation; returns how many. */
async function revokePending(tx: Tx, userId: string, orgId: string): Promise<number> {
  const revoked = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.userId, userId), eq(invitations.orgId, orgId), pending()))
    .returning({ id: invitations.id });
  return revoked.length;
}

async function issueLink(tx: Tx, grant: OrgGrant, userId: string, role: Role): Promise<string> {
  const token = newToken();
  await tx.insert(invitations).values({
    tokenHash: tokenHash(token),
    userId,
    orgId: grant.orgId,
    role,
    invitedBy: grant.actorId,
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
  });
  return token;
}

export type InviteResult =
  | { kind: "link"; token: string; userId: string; revoked: number }
  | { kind: "member"; userId: string; previousRole: Role | null }
  /**
   * The person is already a member of this organisation: an invitation never changes a member's role
   * (that is "Change role" in the member list, which says what it changes); nothing is written.
   */
  | { kind: "refused"; reason: "already-member"; userId: string; name: string; role: Role };

/**
 * Invite someone by email with a role, into the grant's organisation. A person without a
 * password gets a one-time link (only its hash is stored; earlier links of that person to this
 * organisation are revoked); the membership is created when the link is used. A person who
 * already has a password (an account of another organisation) becomes a member right away (decision
 * 011). Someone already a member of this organisation is refused: the invitation changes nothing.
 */
export async function inviteMember(
  grant: OrgGrant,
  input: { email: string; name: string; role: Role },
): Promise<InviteResult> {
  return getDb().transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) {
      [user] = await tx.insert(users).values({ email: input.email, name: input.name }).returning();
    }
    if (!user) throw new Error("could not create the user");
    const existing = await memberForChange(tx, grant, user.id);
    if (existing) {
      return {
        kind: "refused" as const,
        reason: "already-member" as const,
        userId: user.id,
        name: existing.name,
        role: existing.role,
      };
    }
    if (user.passwordHash) {
      // Two invitations of the same account at once: the second finds the membership and leaves it.
      await tx
        .insert(memberships)
        .values({ userId: user.id, orgId: grant.orgId, role: input.role })
        .onConflictDoNothing({ target: [memberships.userId, memberships.orgId] });
      await revokePending(tx, user.id, grant.orgId);
      await tx.insert(auditEvents).values({
        orgId: grant.orgId,
        actorId: grant.actorId,
        action: "member.added",
        subjectType: "user",
        subjectId: user.id,
        data: { email: input.email, role: input.role, previousRole: null, ...asActor(grant) },
      });
      return { kind: "member" as const, userId: user.id, previousRole: null };
    }
    const revoked = await revokePending(tx, user.id, grant.orgId);
    const token = await issueLink(tx, grant, user.id, input.role);
    await tx.insert(auditEvents).values({
      orgId: grant.orgId,
      actorId: grant.actorId,
      action: "member.invited",
      subjectType: "user",
      subjectId: user.id,
      data: { email: input.email, role: input.role, revokedEarlier: revoked, ...asActor(grant) },
    });
    return { kind: "link" as const, token, userId: user.id, revoked };
  });
}

/**
 * A new link for a pending invitation of the grant's organisation (the old one stops working).
 * Null when there is no such pending invitation in that organisation.
 */
export async function resendInvitation(
  grant: OrgGrant,
  invitationId: string,
): Promise<{ token: string; email: string } | null> {
  return getDb().transaction(async (tx) => {
    const [old] = await tx
      .select({ invitation: invitations, email: users.email })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, grant.orgId), pending()));
    if (!old) return null;
    await revokePending(tx, old.invitation.userId, grant.orgId);
    const token = await issueLink(tx, grant, old.invitation.userId, old.invitation.role);
    await tx.insert(auditEvents).values({
      orgId: grant.orgId,
      actorId: grant.actorId,
      action: "invitation.resent",
      subjectType: "invitation",
      subjectId: invitationId,
      data: { email: old.email, role: old.invitation.role, ...asActor(grant) },
    });
    return { token, email: old.email };
  });
}

/** Withdraw a pending invitation of the grant's organisation; its link answers 410 from now on. */
export async function revokeInvitation(
  grant: OrgGrant,
  invitationId: string,
): Promise<{ email: string } | null> {
  return getDb().transaction(async (tx) => {
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, grant.orgId), pending()))
      .returning();
    if (!revoked) return null;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, revoked.userId));
    await tx.insert(auditEvents).values({
      orgId: grant.orgId,
      actorId: grant.actorId,
      action: "invitation.revoked",
      subjectType: "invitation",
      subjectId: invitationId,
      data: { email: user?.email ?? null, role: revoked.role, ...asActor(grant) },
    });
    return { email: user?.email ?? "" };
  });
}

export type LinkState = "valid" | "used" | "revoked" | "expired";

/** What a one-time link is now (null: no such link). */
export async function invitationByToken(token: string) {
  const [row] = await getDb()
    .select({
      invitation: invitations,
      user: { id: users.id, email: users.email, name: users.name },
      org: { name: organizations.name },
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash(token)));
  if (!row) return null;
  const state: LinkState = row.invitation.usedAt
    ? "used"
    : row.invitation.revokedAt
      ? "revoked"
      : row.expired
        ? "expired"
        : "valid";
  return { state, user: row.user, org: row.org, role: row.invitation.role };
}

class LinkRefused extends Error {
  constructor(readonly state: Exclude<LinkState, "valid"> | "unknown") {
    super(state);
  }
}

export type AcceptResult =
  | { ok: true; userId: string; orgId: string; role: Role }
  | { ok: false; state: Exclude<LinkState, "valid"> | "unknown" };

/**
 * Use a one-time link: set the password (only if the person has none yet), create the
 * membership, revoke the person's other links, end their sessions — all or nothing.
 */
export async function acceptInvitation(token: string, password: string): Promise<AcceptResult> {
  const passwordHash = await hashPassword(password);
  try {
    return await getDb().transaction(async (tx) => {
      const [used] = await tx
        .update(invitations)
        .set({ usedAt: new Date() })
        .where(and(eq(invitations.tokenHash, tokenHash(token)), pending()))
        .returning();
      if (!used) {
        const found = await invitationByTokenIn(tx, token);
        throw new LinkRefused(found ?? "unknown");
      }
      const [set] = await tx
        .update(users)
        .set({ passwordHash })
        .where(and(eq(users.id, used.userId), isNull(users.passwordHash)))
        .returning({ id: users.id });
      // A link never replaces a password that is already set (an older link of a person who
      // has since chosen one): refuse it as used.
      if (!set) throw new LinkRefused("used");
      await tx
        .insert(memberships)
        .values({ userId: used.userId, orgId: used.orgId, role: used.role })
        .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: used.role } });
      // The person has a password now: no other link may set it again.
      await tx
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(and(eq(invitations.userId, used.userId), ne(invitations.id, used.id), pending()));
      // A password change ends the user's other sessions.
      await tx.delete(sessions).where(eq(sessions.userId, used.userId));
      await tx.insert(auditEvents).values({
        orgId: used.orgId,
        actorId: used.userId,
        action: "member.password-set",
        subjectType: "user",
        subjectId: used.userId,
        data: { invitationId: used.id, role: used.role },
      });
      return { ok: true as const, userId: used.userId, orgId: used.orgId, role: used.role };
    });
  } catch (error) {
    if (error instanceof LinkRefused) return { ok: false, state: error.state };
    throw error;
  }
}

async function invitationByTokenIn(tx: Tx, token: string): Promise<Exclude<LinkState, "valid"> | null> {
  const [row] = await tx
    .select({
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash(token)));
  if (!row) return null;
  return row.usedAt ? "used" : row.revokedAt ? "revoked" : "expired";
}

// --- Platform operators (granted from the CLI only) -----------------------------------------

/** Make an existing account a platform operator; audited. False when there is no such account. */
export async function grantOperator(db: Database, email: string, note: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
    if (!user) return false;
    await tx.insert(platformOperators).values({ userId: user.id }).onConflictDoNothing();
    await tx.insert(auditEvents).values({
      actorId: null,
      action: "operator.granted",
      subjectType: "user",
      subjectId: user.id,
      data: { email: user.email, via: note },
    });
    return true;
  });
}

/** Withdraw the platform-operator grant; audited. False when the account was not an operator. */
export async function revokeOperator(db: Database, email: string, note: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
    if (!user) return false;
    const removed = await tx
      .delete(platformOperators)
      .where(eq(platformOperators.userId, user.id))
      .returning();
    if (removed.length === 0) return false;
    await tx.insert(auditEvents).values({
      actorId: null,
      action: "operator.revoked",
      subjectType: "user",
      subjectId: user.id,
      data: { email: user.email, via: note },
    });
    return true;
  });
}

/** Every platform operator's email. */
export async function listOperators(db: Database): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(platformOperators)
    .innerJoin(users, eq(users.id, platformOperators.userId))
    .orderBy(asc(users.email));
  return rows.map((r) => r.email);
}
