/** Read models for the role homes, and the admin's organisation/invitation commands. */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { INVITATION_DAYS } from "../db/constants";
import { hashPassword } from "../db/password";
import {
  auditEvents,
  invitations,
  memberships,
  organizations,
  scenarios,
  scenarioVersions,
  sessions,
  users,
  type Role,
} from "../db/schema";
import type { LocalizedText } from "../scenarios/schema";
import { getDb } from "./db.server";

export interface ScenarioSummary {
  id: string;
  slug: string;
  status: "draft" | "published" | "archived";
  global: boolean;
  versionId: string | null;
  version: number | null;
  title: LocalizedText | null;
  channel: "phone" | "in-person" | null;
  difficulty: number | null;
  estimatedMinutes: number | null;
}

interface DefinitionHead {
  title?: LocalizedText;
  channel?: "phone" | "in-person";
  difficulty?: number;
  estimatedMinutes?: number;
}

/**
 * The scenarios an organisation can see (its own and the global library), each with its
 * latest version. `publishedOnly` keeps published scenarios with a published version.
 */
export async function listScenarios(orgId: string, { publishedOnly }: { publishedOnly: boolean }) {
  const db = getDb();
  const latest = db
    .selectDistinctOn([scenarioVersions.scenarioId], {
      scenarioId: scenarioVersions.scenarioId,
      id: scenarioVersions.id,
      version: scenarioVersions.version,
      definition: scenarioVersions.definition,
      publishedAt: scenarioVersions.publishedAt,
    })
    .from(scenarioVersions)
    .where(publishedOnly ? sql`${scenarioVersions.publishedAt} is not null` : undefined)
    .orderBy(scenarioVersions.scenarioId, desc(scenarioVersions.version))
    .as("latest");
  const rows = await db
    .select({
      id: scenarios.id,
      slug: scenarios.slug,
      status: scenarios.status,
      orgId: scenarios.orgId,
      versionId: latest.id,
      version: latest.version,
      definition: latest.definition,
    })
    .from(scenarios)
    .leftJoin(latest, eq(latest.scenarioId, scenarios.id))
    .where(
      and(
        or(isNull(scenarios.orgId), eq(scenarios.orgId, orgId)),
        publishedOnly ? eq(scenarios.status, "published") : undefined,
      ),
    )
    .orderBy(asc(scenarios.slug));
  return rows
    .filter((r) => !publishedOnly || r.versionId)
    .map((r): ScenarioSummary => {
      const def = (r.definition ?? {}) as DefinitionHead;
      return {
        id: r.id,
        slug: r.slug,
        status: r.status,
        global: r.orgId === null,
        versionId: r.versionId,
        version: r.version,
        title: def.title ?? null,
        channel: def.channel ?? null,
        difficulty: def.difficulty ?? null,
        estimatedMinutes: def.estimatedMinutes ?? null,
      };
    })
    .sort((a, b) => (a.difficulty ?? 9) - (b.difficulty ?? 9) || a.slug.localeCompare(b.slug));
}

export async function listPeople(orgId: string) {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name));
}

export async function listOrganizations() {
  return getDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      members: count(memberships.userId),
    })
    .from(organizations)
    .leftJoin(memberships, eq(memberships.orgId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(asc(organizations.name));
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

export async function createOrganization(name: string, actorId: string) {
  const db = getDb();
  return db.transaction(async (tx) => {
    const slug = slugify(name);
    const [existing] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (existing) return { ok: false as const, reason: "exists" as const };
    const [org] = await tx.insert(organizations).values({ name, slug }).returning();
    if (!org) throw new Error("could not create the organisation");
    await tx.insert(auditEvents).values({
      orgId: org.id,
      actorId,
      action: "organization.created",
      subjectType: "organization",
      subjectId: org.id,
      data: { name },
    });
    return { ok: true as const, org };
  });
}

export { INVITATION_DAYS };

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Invite someone by email with a role. A new account gets a one-time link to set a
 * password (the token is returned once, only its hash is stored). An existing account
 * with a password just gets the membership.
 */
export async function inviteMember(input: {
  email: string;
  name: string;
  role: Role;
  orgId: string;
  invitedBy: string;
}): Promise<{ token: string | null; userId: string }> {
  const db = getDb();
  return db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) {
      [user] = await tx.insert(users).values({ email: input.email, name: input.name }).returning();
    }
    if (!user) throw new Error("could not create the user");
    await tx
      .insert(memberships)
      .values({ userId: user.id, orgId: input.orgId, role: input.role })
      .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: input.role } });
    let token: string | null = null;
    if (!user.passwordHash) {
      token = randomBytes(32).toString("base64url");
      await tx.insert(invitations).values({
        tokenHash: tokenHash(token),
        userId: user.id,
        orgId: input.orgId,
        role: input.role,
        invitedBy: input.invitedBy,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
    }
    await tx.insert(auditEvents).values({
      orgId: input.orgId,
      actorId: input.invitedBy,
      action: "member.invited",
      subjectType: "user",
      subjectId: user.id,
      data: { email: input.email, role: input.role, link: token !== null },
    });
    return { token, userId: user.id };
  });
}

/** The invitation behind a one-time token, if it is still valid. */
export async function findInvitation(token: string) {
  const [row] = await getDb()
    .select({ invitation: invitations, user: { id: users.id, email: users.email, name: users.name } })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash(token)),
        isNull(invitations.usedAt),
        sql`${invitations.expiresAt} > now()`,
      ),
    );
  return row ?? null;
}

/** Set the password and mark the invitation used (once). Returns the user id, or null if the link is no longer valid. */
export async function acceptInvitation(token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return getDb().transaction(async (tx) => {
    const [used] = await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, tokenHash(token)),
          isNull(invitations.usedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      )
      .returning();
    if (!used) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    // A password change ends the user's other sessions.
    await tx.delete(sessions).where(eq(sessions.userId, used.userId));
    await tx.insert(auditEvents).values({
      orgId: used.orgId,
      actorId: used.userId,
      action: "member.password-set",
      subjectType: "user",
      subjectId: used.userId,
    });
    return { userId: used.userId, orgId: used.orgId, role: used.role };
  });
}

export async function setUserLocale(userId: string, locale: "en" | "fr" | null) {
  await getDb().update(users).set({ locale }).where(eq(users.id, userId));
}
