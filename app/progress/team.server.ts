/**
 * The manager's read models for /team: the organisation's people (a page at a time, searchable
 * by name or email) with their figures, and the organisation's calls (newest first, a page at a
 * time, searchable by trainee). Designed for 100,000 calls per organisation: filters first,
 * one index range per page, the effective scorecard looked up per listed call only.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { attempts, memberships, users, type Role } from "../../db/schema";
import type { Outcome } from "../../machines/types";
import type { LocalizedText } from "../../scenarios/schema";
import { getDb } from "../db.server";
import { olderThan, startedAtText, type CallCursor } from "./history.server";
export { cursorParam, parseCursor } from "./history.server";
import { scenarioHeads } from "./scenario-heads.server";
import { effectiveScorecard, outcomeOf } from "./scorecards.server";
import { callStatsByPerson } from "./statistics.server";

export const PEOPLE_PAGE_SIZE = 50;
/** The calls the team page lists at a time (older ones: the next page). */
export const TEAM_CALLS_LIMIT = 50;
/** Longest search accepted (longer input is cut). */
export const SEARCH_MAX = 100;

/** A search typed by a manager, as an ILIKE pattern matching it anywhere (wildcards escaped). */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Trimmed, at most SEARCH_MAX characters; undefined when empty. */
export function normaliseSearch(q: string | null | undefined): string | undefined {
  const s = (q ?? "").trim().slice(0, SEARCH_MAX);
  return s === "" ? undefined : s;
}

function personMatches(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const p = containsPattern(q);
  return or(ilike(users.name, p), ilike(users.email, p));
}

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  hasPassword: boolean;
  calls: number;
  scored: number;
  bestOverall: number | null;
}

export interface PeoplePage {
  rows: PersonRow[];
  /** How many people match (all pages). */
  total: number;
  page: number;
  pageCount: number;
}

/** One page (1-based) of the organisation's people, by name, matching `q` when given. */
export async function listPeople(
  orgId: string,
  { q, page = 1, pageSize = PEOPLE_PAGE_SIZE }: { q?: string; page?: number; pageSize?: number } = {},
): Promise<PeoplePage> {
  const db = getDb();
  const where = and(eq(memberships.orgId, orgId), personMatches(q));
  const [[{ total } = { total: 0 }], people] = await Promise.all([
    db.select({ total: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where),
    db
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
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
  ]);
  const stats = await callStatsByPerson(
    orgId,
    people.map((p) => p.id),
  );
  const n = Number(total);
  return {
    rows: people.map((p) => ({
      ...p,
      calls: stats.get(p.id)?.calls ?? 0,
      scored: stats.get(p.id)?.scored ?? 0,
      bestOverall: stats.get(p.id)?.bestOverall ?? null,
    })),
    total: n,
    page: Math.max(1, page),
    pageCount: Math.max(1, Math.ceil(n / pageSize)),
  };
}

export interface TeamCall {
  id: string;
  startedAt: string;
  status: "ringing" | "live" | "ended";
  /** Ended without a trainee turn: no scorecard, out of every figure (decision 279). */
  abandoned: boolean;
  mode: "practice" | "certification";
  outcome: Outcome | null;
  trainee: { id: string; name: string };
  scenario: { slug: string; title: LocalizedText | null };
  /** The attempt's effective scorecard. */
  score: { overall: number; passed: boolean } | null;
}

export interface TeamCallsPage {
  calls: TeamCall[];
  /** Where the next (older) page starts; null on the last page. */
  next: CallCursor | null;
}

/**
 * The organisation's calls, newest first, `limit` at a time, older than `before`; with `q`, only
 * the calls of people whose name or email contains it; with `userId`, only that person's. Only
 * attempts made in `orgId`; what a reader may open is decided again on the report page.
 */
export async function listTeamCalls(
  orgId: string,
  { q, userId, before, limit = TEAM_CALLS_LIMIT }: { q?: string; userId?: string; before?: CallCursor; limit?: number } = {},
): Promise<TeamCallsPage> {
  const db = getDb();
  let people: string[] | undefined;
  if (q) {
    const matching = await db
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), personMatches(q)));
    people = matching.map((m) => m.id);
    if (people.length === 0) return { calls: [], next: null };
  }
  const card = effectiveScorecard(attempts.id);
  const rows = await db
    .select({
      id: attempts.id,
      startedAt: attempts.startedAt,
      at: startedAtText,
      status: attempts.status,
      abandoned: attempts.abandoned,
      mode: attempts.mode,
      outcome: attempts.outcome,
      userId: attempts.userId,
      userName: users.name,
      versionId: attempts.scenarioVersionId,
      overall: card.overall,
      passed: card.passed,
    })
    .from(attempts)
    .innerJoin(users, eq(users.id, attempts.userId))
    .leftJoinLateral(card, sql`true`)
    .where(
      and(
        eq(attempts.orgId, orgId),
        userId ? eq(attempts.userId, userId) : undefined,
        people ? inArray(attempts.userId, people) : undefined,
        olderThan(before),
      ),
    )
    .orderBy(desc(attempts.startedAt), desc(attempts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const heads = await scenarioHeads(page.map((r) => r.versionId));
  const last = page[page.length - 1];
  return {
    calls: page.map((r) => {
      const head = heads.get(r.versionId);
      return {
        id: r.id,
        startedAt: r.startedAt.toISOString(),
        status: r.status,
        abandoned: r.abandoned,
        mode: r.mode,
        outcome: outcomeOf(r.outcome),
        trainee: { id: r.userId, name: r.userName },
        scenario: { slug: head?.slug ?? "", title: head?.title ?? null },
        score: r.overall !== null && r.passed !== null ? { overall: r.overall, passed: r.passed } : null,
      };
    }),
    next: rows.length > limit && last ? { startedAt: last.at, id: last.id } : null,
  };
}

/** Everything /team shows for one request: a page of people and a page of calls, in parallel. */
export async function loadTeamPage(orgId: string, params: { q?: string; page?: number; before?: CallCursor }) {
  const [people, calls] = await Promise.all([
    listPeople(orgId, { q: params.q, page: params.page }),
    listTeamCalls(orgId, { q: params.q, before: params.before }),
  ]);
  return { people, calls };
}
