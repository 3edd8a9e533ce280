/** Read models for the role homes (the administration lives in app/admin/). */
import { and, asc, count, desc, eq, isNull, max, or, sql } from "drizzle-orm";
import { z } from "zod";
import { attempts, memberships, scenarios, scenarioVersions, scorecards, users } from "../db/schema";
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

export async function setUserLocale(userId: string, locale: "en" | "fr" | null) {
  await getDb().update(users).set({ locale }).where(eq(users.id, userId));
}
