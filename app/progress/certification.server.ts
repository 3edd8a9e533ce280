/**
 * Certification read models (issue 12, decision 143): a trainee's assigned tracks, the
 * manager's matrix of people × tracks with counts, a person's certification summary, the
 * team's most missed checkpoints and its progress over time. Each is a handful of queries per
 * request, bounded by the organisation's index ranges: no query per person or per track.
 */
import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import {
  attempts,
  certificationAttempts,
  certifications,
  memberships,
  progressStats,
  scenarios,
  scenarioVersions,
  trackAssignments,
  tracks,
  trackVersions,
  users,
  type Role,
} from "../../db/schema";
import { passesTrackScenario, statusOf, TrackScenarioSchema, type TrackStatus } from "../certification/rules";
import { resolveTrackScenarios } from "../certification/tracks.server";
import { getDb } from "../db.server";
import { checkpointLabels, scenarioTitles } from "./scenario-heads.server";
import { effectiveScorecard } from "./scorecards.server";

type Name = { en: string; fr: string };

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

// --- The trainee: assigned to you ------------------------------------------------------------------

export interface AssignedTrack {
  trackId: string;
  name: Name;
  description: Name;
  dueAt: string | null;
  overdue: boolean;
  status: TrackStatus;
  certifiedUntil: string | null;
  certificationId: string | null;
  language: "en" | "fr" | null;
  attemptsAllowed: number | null;
  hideCoaching: boolean;
  scenarios: Array<{
    slug: string;
    title: Name | null;
    passMark: number;
    /** Passed under the track's current version (a valid certification issued under it counts every scenario as passed). */
    passed: boolean;
    tries: number;
    /** Every attempt allowed is used and the scenario is not passed: a certification call cannot start (assigning again renews them). */
    noAttemptsLeft: boolean;
  }>;
  passedCount: number;
  /** The track's current version. */
  version: number;
  /** The version a valid certification was issued under, when the track has changed since (null otherwise). */
  certifiedUnderVersion: number | null;
}

/** The tracks assigned to `userId` in `orgId`, due first, each with progress in the current cycle. */
export async function assignedTracksOf(userId: string, orgId: string, now = new Date()): Promise<AssignedTrack[]> {
  const db = getDb();
  const rows = await db
    .select({
      trackId: tracks.id,
      dueAt: trackAssignments.dueAt,
      assignedAt: trackAssignments.assignedAt,
      v: trackVersions,
    })
    .from(trackAssignments)
    .innerJoin(tracks, eq(tracks.id, trackAssignments.trackId))
    .innerJoin(trackVersions, and(eq(trackVersions.trackId, tracks.id), eq(trackVersions.version, tracks.currentVersion)))
    .where(and(eq(trackAssignments.userId, userId), eq(trackAssignments.orgId, orgId), isNull(tracks.archivedAt)))
    .orderBy(sql`${trackAssignments.dueAt} asc nulls last`, asc(tracks.createdAt));
  if (rows.length === 0) return [];
  const trackIds = rows.map((r) => r.trackId);
  const card = effectiveScorecard(attempts.id);
  const [certs, tries] = await Promise.all([
    db
      .selectDistinctOn([certifications.trackId], {
        trackId: certifications.trackId,
        id: certifications.id,
        issuedAt: certifications.issuedAt,
        expiresAt: certifications.expiresAt,
        trackVersionId: certifications.trackVersionId,
        version: trackVersions.version,
      })
      .from(certifications)
      .leftJoin(trackVersions, eq(trackVersions.id, certifications.trackVersionId))
      .where(and(eq(certifications.userId, userId), inArray(certifications.trackId, trackIds), isNull(certifications.revokedAt)))
      .orderBy(certifications.trackId, desc(certifications.issuedAt)),
    db
      .select({
        trackId: certificationAttempts.trackId,
        trackVersionId: certificationAttempts.trackVersionId,
        scenarioId: certificationAttempts.scenarioId,
        startedAt: certificationAttempts.startedAt,
        overall: card.overall,
        empathy: card.empathy,
        resolution: card.resolution,
        anticipation: card.anticipation,
        judge: card.judge,
        passed: card.passed,
      })
      .from(certificationAttempts)
      .innerJoin(attempts, eq(attempts.id, certificationAttempts.attemptId))
      .leftJoinLateral(card, sql`true`)
      // Abandoned calls (nothing said) are no attempt (decision 279).
      .where(and(eq(certificationAttempts.userId, userId), inArray(certificationAttempts.trackId, trackIds), eq(attempts.abandoned, false))),
  ]);
  const out: AssignedTrack[] = [];
  for (const r of rows) {
    const list = TrackScenarioSchema.array().parse(r.v.scenarios);
    const resolved = await resolveTrackScenarios(list);
    const cert = certs.find((c) => c.trackId === r.trackId) ?? null;
    // Certified and valid under the current version: every scenario counts as passed (the evidence).
    // Under an older version (the track was edited since), the certificate stays valid until it
    // expires (decision 140) but passes the new version's scenarios only by its own calls: a
    // scenario is passed by a certification call of the current version that passes it.
    const valid = Boolean(cert?.expiresAt && cert.expiresAt > now);
    const certifiedHere = valid && cert?.trackVersionId === r.v.id;
    const since = valid ? r.assignedAt.getTime() : Math.max(r.assignedAt.getTime(), cert?.issuedAt.getTime() ?? 0);
    const mine = tries.filter((t) => t.trackId === r.trackId && t.startedAt.getTime() >= since);
    const scen = list.map((s) => {
      const on = mine.filter((t) => t.scenarioId === s.scenarioId);
      const passed =
        certifiedHere ||
        on.some(
          (t) =>
            t.trackVersionId === r.v.id &&
            t.overall !== null &&
            passesTrackScenario(
              {
                overall: t.overall,
                empathy: t.empathy ?? 0,
                resolution: t.resolution ?? 0,
                anticipation: t.anticipation ?? 0,
                judge: t.judge ?? "",
                passed: t.passed ?? false,
              },
              s,
            ),
        );
      const head = resolved.get(s.scenarioId);
      const noAttemptsLeft = !passed && !valid && r.v.attemptsAllowed !== null && on.length >= r.v.attemptsAllowed;
      return { slug: head?.slug ?? "", title: head?.title ?? null, passMark: s.passMark, passed, tries: on.length, noAttemptsLeft };
    });
    const status = statusOf({
      now,
      assigned: true,
      dueAt: r.dueAt,
      latestExpiresAt: cert?.expiresAt ?? null,
      attemptsInCycle: mine.length,
    })!;
    out.push({
      trackId: r.trackId,
      name: r.v.name,
      description: r.v.description,
      dueAt: r.dueAt?.toISOString() ?? null,
      overdue: status === "overdue",
      status,
      certifiedUntil: cert?.expiresAt && cert.expiresAt > now ? cert.expiresAt.toISOString() : null,
      certificationId: cert?.id ?? null,
      language: r.v.language,
      attemptsAllowed: r.v.attemptsAllowed,
      hideCoaching: r.v.hideCoaching,
      scenarios: scen,
      passedCount: scen.filter((s) => s.passed).length,
      version: r.v.version,
      certifiedUnderVersion: valid && !certifiedHere ? (cert?.version ?? null) : null,
    });
  }
  return out;
}

// --- The manager: the matrix ------------------------------------------------------------------------

export interface MatrixCell {
  status: TrackStatus;
  dueAt: string | null;
  expiresAt: string | null;
}
export interface MatrixRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  cells: Record<string, MatrixCell | null>;
}
export interface Matrix {
  tracks: Array<{ id: string; name: Name }>;
  rows: MatrixRow[];
  counts: Record<TrackStatus, number>;
}

export interface MatrixFilters {
  trackId?: string;
  status?: TrackStatus;
  role?: Role;
}

/**
 * People × tracks of `orgId`: every member (of `role`) against every track (or `trackId`),
 * each cell's status at `now`; rows with `status` only when asked. Counts are per cell, after
 * the track and role filters. Four queries whatever the number of people and tracks.
 */
export async function certificationMatrix(orgId: string, filters: MatrixFilters = {}, now = new Date()): Promise<Matrix> {
  const db = getDb();
  const trackWhere = and(eq(tracks.orgId, orgId), isNull(tracks.archivedAt), filters.trackId ? eq(tracks.id, filters.trackId) : undefined);
  const [trackRows, people, assigned, certs, tried] = await Promise.all([
    db.select({ id: tracks.id, name: tracks.name }).from(tracks).where(trackWhere).orderBy(asc(tracks.createdAt), asc(tracks.id)),
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), filters.role ? eq(memberships.role, filters.role) : undefined))
      .orderBy(asc(users.name), asc(users.id)),
    db
      .select({ userId: trackAssignments.userId, trackId: trackAssignments.trackId, dueAt: trackAssignments.dueAt, assignedAt: trackAssignments.assignedAt })
      .from(trackAssignments)
      .where(and(eq(trackAssignments.orgId, orgId), filters.trackId ? eq(trackAssignments.trackId, filters.trackId) : undefined)),
    db
      .selectDistinctOn([certifications.userId, certifications.trackId], {
        userId: certifications.userId,
        trackId: certifications.trackId,
        issuedAt: certifications.issuedAt,
        expiresAt: certifications.expiresAt,
      })
      .from(certifications)
      .where(and(eq(certifications.orgId, orgId), isNull(certifications.revokedAt), filters.trackId ? eq(certifications.trackId, filters.trackId) : undefined))
      .orderBy(certifications.userId, certifications.trackId, desc(certifications.issuedAt)),
    db
      .select({ userId: certificationAttempts.userId, trackId: certificationAttempts.trackId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(certificationAttempts)
      .innerJoin(
        trackAssignments,
        and(
          eq(trackAssignments.userId, certificationAttempts.userId),
          eq(trackAssignments.trackId, certificationAttempts.trackId),
          gte(certificationAttempts.startedAt, trackAssignments.assignedAt),
        ),
      )
      .where(and(eq(trackAssignments.orgId, orgId), filters.trackId ? eq(trackAssignments.trackId, filters.trackId) : undefined))
      .groupBy(certificationAttempts.userId, certificationAttempts.trackId),
  ]);
  const key = (u: string, t: string) => `${u}\u0000${t}`;
  const a = new Map(assigned.map((r) => [key(r.userId, r.trackId), r]));
  const c = new Map(certs.map((r) => [key(r.userId, r.trackId), r]));
  const n = new Map(tried.map((r) => [key(r.userId, r.trackId), r.n]));
  const counts = Object.fromEntries(
    (["certified", "expiring", "expired", "overdue", "in_progress", "not_started"] as const).map((s) => [s, 0]),
  ) as Record<TrackStatus, number>;
  const rows: MatrixRow[] = [];
  for (const p of people) {
    const cells: Record<string, MatrixCell | null> = {};
    let keep = !filters.status;
    for (const t of trackRows) {
      const as = a.get(key(p.userId, t.id));
      const cert = c.get(key(p.userId, t.id));
      const status = statusOf({
        now,
        assigned: Boolean(as),
        dueAt: as?.dueAt ?? null,
        latestExpiresAt: cert?.expiresAt ?? null,
        attemptsInCycle: n.get(key(p.userId, t.id)) ?? 0,
      });
      cells[t.id] = status
        ? { status, dueAt: as?.dueAt?.toISOString() ?? null, expiresAt: cert?.expiresAt?.toISOString() ?? null }
        : null;
      if (status) counts[status]++;
      if (status && status === filters.status) keep = true;
    }
    if (keep) rows.push({ ...p, cells });
  }
  return { tracks: trackRows, rows, counts };
}

/**
 * Who is blocked on track `trackId` (version `rules`): for each person, the scenarios not passed
 * whose attempts are all used in their current cycle (since the later of the assignment and their
 * last certification in force). Two queries, bounded by the track's certification calls.
 */
export async function blockedOnTrack(
  trackId: string,
  rules: { attemptsAllowed: number | null; scenarios: Array<{ scenarioId: string; passMark: number; minimums: Record<"empathy" | "resolution" | "anticipation", number> }> },
  trackVersionId: string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (rules.attemptsAllowed === null) return out;
  const db = getDb();
  const card = effectiveScorecard(attempts.id);
  const [rows, certs] = await Promise.all([
    db
      .select({
        userId: certificationAttempts.userId,
        scenarioId: certificationAttempts.scenarioId,
        trackVersionId: certificationAttempts.trackVersionId,
        startedAt: certificationAttempts.startedAt,
        overall: card.overall,
        empathy: card.empathy,
        resolution: card.resolution,
        anticipation: card.anticipation,
        judge: card.judge,
        passed: card.passed,
      })
      .from(certificationAttempts)
      .innerJoin(
        trackAssignments,
        and(
          eq(trackAssignments.userId, certificationAttempts.userId),
          eq(trackAssignments.trackId, certificationAttempts.trackId),
          gte(certificationAttempts.startedAt, trackAssignments.assignedAt),
        ),
      )
      .innerJoin(attempts, eq(attempts.id, certificationAttempts.attemptId))
      .leftJoinLateral(card, sql`true`)
      .where(and(eq(certificationAttempts.trackId, trackId), eq(attempts.abandoned, false))),
    db
      .select({ userId: certifications.userId, issuedAt: sql<string>`max(${certifications.issuedAt})` })
      .from(certifications)
      .where(and(eq(certifications.trackId, trackId), isNull(certifications.revokedAt)))
      .groupBy(certifications.userId),
  ]);
  const lastCert = new Map(certs.map((c) => [c.userId, new Date(c.issuedAt).getTime()]));
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) {
    if (r.startedAt.getTime() < (lastCert.get(r.userId) ?? 0)) continue;
    byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  }
  for (const [userId, list] of byUser) {
    const stuck = rules.scenarios
      .filter((s) => {
        const on = list.filter((r) => r.scenarioId === s.scenarioId);
        const passed = on.some(
          (t) =>
            t.trackVersionId === trackVersionId &&
            t.overall !== null &&
            passesTrackScenario(
              { overall: t.overall, empathy: t.empathy ?? 0, resolution: t.resolution ?? 0, anticipation: t.anticipation ?? 0, judge: t.judge ?? "", passed: t.passed ?? false },
              s,
            ),
        );
        return !passed && on.length >= rules.attemptsAllowed!;
      })
      .map((s) => s.scenarioId);
    if (stuck.length > 0) out.set(userId, stuck);
  }
  return out;
}

// --- What to coach next ------------------------------------------------------------------------------

export interface MissedCheckpoint {
  scenarioSlug: string;
  /** The scenario's current title (null when none can be read: show the slug). */
  scenarioTitle: Name | null;
  checkpointId: string;
  dimension: string;
  /**
   * The checkpoint's description in each language: the rubric's (of the newest version it was
   * missed in), else as a scorecard of a call in that language said it, else in the other one.
   */
  label: Name;
  /** As the newest scorecards said it, in the language their calls were played in. */
  description: string;
  missed: number;
  /** Calls where it was missed, newest first (at most 3): the call, who took it and when. */
  examples: MissedExample[];
}

/**
 * A call where the checkpoint was missed: whose, when (date and time: two calls of a day differ), and its
 * score (the latest scorecard's overall, null when it has none), so that the links can be told apart.
 */
export interface MissedExample {
  id: string;
  name: string;
  at: string;
  score: number | null;
}

/** How many of the organisation's (or person's) latest scored calls "most missed" looks at. */
export const MISSED_WINDOW = 500;

/**
 * The checkpoints most often missed in the latest MISSED_WINDOW scored calls of `orgId` (or of
 * one person), by how often, each with example calls. One bounded query on the (org, started)
 * or (org, user, started) index, then the titles and rubrics of the few scenarios listed.
 */
export async function mostMissedCheckpoints(
  orgId: string,
  { userId, limit = 8 }: { userId?: string; limit?: number } = {},
): Promise<MissedCheckpoint[]> {
  const result = await getDb().execute(sql`
    with recent as (
      select a.id, a.started_at, a.locale, sv.id as version_id, sv.scenario_id, u.name as user_name
      from ${attempts} a join ${scenarioVersions} sv on sv.id = a.scenario_version_id join ${users} u on u.id = a.user_id
      where a.org_id = ${orgId} and a.status = 'ended' and not a.abandoned ${userId ? sql`and a.user_id = ${userId}` : sql``}
      order by a.started_at desc
      limit ${MISSED_WINDOW}
    ),
    missed as (
      select r.id as attempt_id, r.started_at, r.locale, r.version_id, r.scenario_id, r.user_name, cp->>'id' as checkpoint_id,
        cp->>'dimension' as dimension, cp->>'description' as description, card.overall
      from recent r
      cross join lateral (select s.checkpoints, s.overall from scorecards s where s.attempt_id = r.id order by s.n desc limit 1) card
      cross join lateral jsonb_array_elements(case when jsonb_typeof(card.checkpoints) = 'array' then card.checkpoints else '[]'::jsonb end) cp
      where (cp->>'hit')::boolean = false
    )
    select s.id as scenario_id, s.slug as scenario_slug, m.checkpoint_id, min(m.dimension) as dimension,
      (array_agg(m.description order by m.started_at desc))[1] as description,
      (array_agg(m.description order by m.started_at desc) filter (where m.locale = 'en'))[1] as description_en,
      (array_agg(m.description order by m.started_at desc) filter (where m.locale = 'fr'))[1] as description_fr,
      (array_agg(m.version_id order by m.started_at desc))[1] as version_id,
      count(*)::int as missed,
      (array_agg(json_build_object('id', m.attempt_id, 'name', m.user_name, 'at', m.started_at, 'score', m.overall) order by m.started_at desc))[1:3] as examples
    from missed m join ${scenarios} s on s.id = m.scenario_id
    group by s.id, s.slug, m.checkpoint_id
    order by missed desc, s.slug, m.checkpoint_id
    limit ${limit}`);
  const rows = rowsOf<Record<string, unknown>>(result);
  const [titles, rubrics] = await Promise.all([
    scenarioTitles(rows.map((r) => String(r.scenario_id))),
    checkpointLabels(rows.map((r) => String(r.version_id))),
  ]);
  return rows.map((r) => {
    const checkpointId = String(r.checkpoint_id);
    const rubric = rubrics.get(String(r.version_id))?.get(checkpointId);
    const said = { en: text(r.description_en), fr: text(r.description_fr) };
    const description = text(r.description);
    return {
      scenarioSlug: String(r.scenario_slug),
      scenarioTitle: titles.get(String(r.scenario_id)) ?? null,
      checkpointId,
      dimension: String(r.dimension ?? ""),
      label: {
        en: rubric?.en ?? (said.en || said.fr || description),
        fr: rubric?.fr ?? (said.fr || said.en || description),
      },
      description,
      missed: Number(r.missed),
      examples: exampleCalls(r.examples),
    };
  });
}

/** The example calls as the driver gives them (json objects; a JSON string on some drivers), dates as ISO strings. */
function exampleCalls(value: unknown): MissedExample[] {
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list.map((e) => {
    const o = (typeof e === "string" ? JSON.parse(e) : e) as { id: unknown; name: unknown; at: unknown; score: unknown };
    const score = o.score === null || o.score === undefined ? null : Number(o.score);
    return {
      id: String(o.id),
      name: String(o.name ?? ""),
      at: new Date(String(o.at)).toISOString(),
      score: score !== null && Number.isFinite(score) ? score : null,
    };
  });
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

// --- Progress over time ------------------------------------------------------------------------------

export interface ProgressPoint {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  calls: number;
  empathy: number;
  resolution: number;
  anticipation: number;
  overall: number;
}

/**
 * Average effective scores per week over the last `weeks` weeks, of the organisation's answered
 * calls (or one person's). Bounded by the (org, started) index range.
 */
export async function progressOverTime(
  orgId: string,
  { userId, weeks = 12, now = new Date() }: { userId?: string; weeks?: number; now?: Date } = {},
): Promise<ProgressPoint[]> {
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const result = await getDb().execute(sql`
    select to_char(date_trunc('week', a.started_at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*)::int as calls,
      round(avg(c.empathy))::int as empathy, round(avg(c.resolution))::int as resolution,
      round(avg(c.anticipation))::int as anticipation, round(avg(c.overall))::int as overall
    from ${attempts} a
    cross join lateral (select s.empathy, s.resolution, s.anticipation, s.overall from scorecards s
      where s.attempt_id = a.id order by s.n desc limit 1) c
    where a.org_id = ${orgId} and a.started_at >= ${since.toISOString()}
      and a.status = 'ended' and not a.abandoned and a.outcome is distinct from 'not_answered'
      ${userId ? sql`and a.user_id = ${userId}` : sql``}
    group by 1 order by 1`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    week: String(r.week),
    calls: Number(r.calls),
    empathy: Number(r.empathy),
    resolution: Number(r.resolution),
    anticipation: Number(r.anticipation),
    overall: Number(r.overall),
  }));
}

// --- A person ----------------------------------------------------------------------------------------

export interface PersonCertification {
  id: string;
  trackId: string;
  name: Name;
  version: number;
  issuedAt: string;
  expiresAt: string | null;
  /** When it was withdrawn (decision 273), or null. */
  revokedAt: string | null;
  evidence: string[];
}

/** Every certification of a person in `orgId` (withdrawn ones too, said so), newest first, with the name of the version it was issued under. */
export async function certificationsOf(orgId: string, userId: string): Promise<PersonCertification[]> {
  const rows = await getDb()
    .select({
      id: certifications.id,
      trackId: certifications.trackId,
      name: trackVersions.name,
      version: trackVersions.version,
      issuedAt: certifications.issuedAt,
      expiresAt: certifications.expiresAt,
      revokedAt: certifications.revokedAt,
      evidence: certifications.evidence,
    })
    .from(certifications)
    .innerJoin(trackVersions, eq(trackVersions.id, certifications.trackVersionId))
    .where(and(eq(certifications.orgId, orgId), eq(certifications.userId, userId)))
    .orderBy(desc(certifications.issuedAt));
  return rows.map((r) => ({
    ...r,
    issuedAt: r.issuedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** A person's averages per dimension per scenario, from the maintained statistics, with each scenario's title. */
export async function dimensionsOf(orgId: string, userId: string) {
  const rows = await getDb()
    .select({
      scenarioId: scenarios.id,
      slug: scenarios.slug,
      scored: progressStats.scoredCalls,
      best: progressStats.bestOverall,
      empathy: progressStats.sumEmpathy,
      resolution: progressStats.sumResolution,
      anticipation: progressStats.sumAnticipation,
      overall: progressStats.sumOverall,
    })
    .from(progressStats)
    .innerJoin(scenarios, eq(scenarios.id, progressStats.scenarioId))
    .where(and(eq(progressStats.orgId, orgId), eq(progressStats.userId, userId)))
    .orderBy(asc(scenarios.slug));
  const scored = rows.filter((r) => r.scored > 0);
  const titles = await scenarioTitles(scored.map((r) => r.scenarioId));
  return scored.map((r) => ({
    slug: r.slug,
    title: titles.get(r.scenarioId) ?? null,
    scored: r.scored,
    best: r.best,
    empathy: Math.round(r.empathy / r.scored),
    resolution: Math.round(r.resolution / r.scored),
    anticipation: Math.round(r.anticipation / r.scored),
    overall: Math.round(r.overall / r.scored),
  }));
}

/** The member `userId` of `orgId` (null when not a member). */
export async function memberOf(orgId: string, userId: string) {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(userId)) return null;
  const [row] = await getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return row ?? null;
}

/** A certification with what its page prints (null when `orgId` is not its organisation). */
export async function certificateOf(id: string) {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return null;
  const [row] = await getDb()
    .select({
      id: certifications.id,
      userId: certifications.userId,
      orgId: certifications.orgId,
      person: users.name,
      name: trackVersions.name,
      version: trackVersions.version,
      issuedAt: certifications.issuedAt,
      expiresAt: certifications.expiresAt,
      revokedAt: certifications.revokedAt,
      evidence: certifications.evidence,
    })
    .from(certifications)
    .innerJoin(users, eq(users.id, certifications.userId))
    .innerJoin(trackVersions, eq(trackVersions.id, certifications.trackVersionId))
    .where(eq(certifications.id, id));
  return row ?? null;
}
