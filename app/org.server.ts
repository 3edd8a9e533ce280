/** Read models for the role homes, and the admin's organisation/invitation commands. */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, isNull, max, or, sql } from "drizzle-orm";
import { z } from "zod";
import { INVITATION_DAYS } from "../db/constants";
import { hashPassword } from "../db/password";
import {
  attempts,
  auditEvents,
  invitations,
  memberships,
  organizations,
  scenarios,
  scenarioVersions,
  scorecards,
  sessions,
  users,
  type Role,
} from "../db/schema";
import type { Outcome } from "../machines/types";
import { LocalizedText } from "../scenarios/schema";
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

/** The newest calls the team page lists (older ones stay reachable from each trainee's history). */
export const TEAM_CALLS_LIMIT = 50;

export interface TeamCall {
  id: string;
  startedAt: string;
  status: "ringing" | "live" | "ended";
  mode: "practice" | "certification";
  outcome: Outcome | null;
  trainee: { id: string; name: string };
  scenario: { slug: string; title: LocalizedText | null };
  /** The attempt's latest scorecard (re-scoring issues n+1; the newest counts). */
  score: { overall: number; passed: boolean } | null;
}

export interface PersonCallStats {
  calls: number;
  /** Best overall score over the person's scored calls in the organisation; null if none is scored. */
  bestOverall: number | null;
}

const OUTCOMES: readonly Outcome[] = ["resolved", "unresolved", "customer_left", "not_answered"];
const TitleOf = z.object({ title: LocalizedText }).loose();

/** The latest scorecard of each attempt made in `orgId` (a subquery to join on attempt id). */
function latestScorecards(orgId: string) {
  return getDb()
    .selectDistinctOn([scorecards.attemptId], {
      attemptId: scorecards.attemptId,
      overall: scorecards.overall,
      passed: scorecards.passed,
    })
    .from(scorecards)
    .innerJoin(attempts, eq(attempts.id, scorecards.attemptId))
    .where(eq(attempts.orgId, orgId))
    .orderBy(scorecards.attemptId, desc(scorecards.n))
    .as("latest_card");
}

/**
 * The organisation's calls, newest first (at most TEAM_CALLS_LIMIT), with the trainee, the
 * scenario and the latest scorecard. Only attempts made in `orgId`; what a reader may open is
 * decided again by requireAttemptReader on the report page.
 */
export async function listTeamCalls(orgId: string, limit = TEAM_CALLS_LIMIT): Promise<TeamCall[]> {
  const card = latestScorecards(orgId);
  const rows = await getDb()
    .select({
      id: attempts.id,
      startedAt: attempts.startedAt,
      status: attempts.status,
      mode: attempts.mode,
      outcome: attempts.outcome,
      userId: users.id,
      userName: users.name,
      slug: scenarios.slug,
      definition: scenarioVersions.definition,
      overall: card.overall,
      passed: card.passed,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, attempts.scenarioVersionId))
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .leftJoin(card, eq(card.attemptId, attempts.id))
    .where(eq(attempts.orgId, orgId))
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(limit);
  return rows.map((r) => {
    const head = TitleOf.safeParse(r.definition);
    return {
      id: r.id,
      startedAt: r.startedAt.toISOString(),
      status: r.status,
      mode: r.mode,
      outcome:
        r.outcome && (OUTCOMES as readonly string[]).includes(r.outcome) ? (r.outcome as Outcome) : null,
      trainee: { id: r.userId, name: r.userName },
      scenario: { slug: r.slug, title: head.success ? head.data.title : null },
      score: r.overall !== null && r.passed !== null ? { overall: r.overall, passed: r.passed } : null,
    };
  });
}

/** For each person with at least one call in `orgId`: how many calls, and their best overall score. */
export async function callStatsByPerson(orgId: string): Promise<Map<string, PersonCallStats>> {
  const card = latestScorecards(orgId);
  const rows = await getDb()
    .select({
      userId: attempts.userId,
      calls: count(attempts.id),
      best: max(card.overall),
    })
    .from(attempts)
    .leftJoin(card, eq(card.attemptId, attempts.id))
    .where(eq(attempts.orgId, orgId))
    .groupBy(attempts.userId);
  return new Map(
    rows.map((r) => [
      r.userId,
      { calls: Number(r.calls), bestOverall: r.best === null ? null : Number(r.best) },
    ]),
  );
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
