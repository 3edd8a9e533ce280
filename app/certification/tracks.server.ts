/**
 * Tracks and assignments (issue 12, decision 140): created and edited by the trainers, managers
 * and admins of an organisation. Editing a track adds a version; certifications keep theirs.
 * Every change is an audit event.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  auditEvents,
  memberships,
  scenarios,
  scenarioVersions,
  trackAssignments,
  tracks,
  trackVersions,
  type Role,
} from "../../db/schema";
import { getDb } from "../db.server";
import { TrackRulesSchema, TrackScenarioSchema, type TrackRules, type TrackScenario } from "./rules";

/** Who may define tracks, assign them, review attempts and read the team's progress. */
export const CERTIFIER_ROLES: readonly Role[] = ["trainer", "manager", "admin"];

export class TrackError extends Error {
  constructor(public readonly key: string) {
    super(key);
  }
}

/** The scenario ids (and pinned version ids) of `rules` must be the organisation's or the library's, published. */
async function checkScenarios(orgId: string, list: TrackScenario[]): Promise<void> {
  const ids = [...new Set(list.map((s) => s.scenarioId))];
  if (ids.length !== list.length) throw new TrackError("certification.errorDuplicateScenario");
  const db = getDb();
  const found = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(and(inArray(scenarios.id, ids), eq(scenarios.status, "published"), or(isNull(scenarios.orgId), eq(scenarios.orgId, orgId))));
  if (found.length !== ids.length) throw new TrackError("certification.errorScenarios");
  const pinned = list.filter((s) => s.versionId !== null);
  if (pinned.length > 0) {
    const versions = await db
      .select({ id: scenarioVersions.id, scenarioId: scenarioVersions.scenarioId })
      .from(scenarioVersions)
      .where(and(inArray(scenarioVersions.id, pinned.map((s) => s.versionId!)), sql`${scenarioVersions.publishedAt} is not null`));
    for (const p of pinned)
      if (!versions.some((v) => v.id === p.versionId && v.scenarioId === p.scenarioId))
        throw new TrackError("certification.errorVersion");
  }
}

/** Create a track with version 1 of its rules. */
export async function createTrack(actor: { id: string; orgId: string }, input: TrackRules): Promise<{ id: string }> {
  const rules = TrackRulesSchema.parse(input);
  await checkScenarios(actor.orgId, rules.scenarios);
  return getDb().transaction(async (tx) => {
    const [track] = await tx
      .insert(tracks)
      .values({ orgId: actor.orgId, name: rules.name, currentVersion: 1, createdBy: actor.id })
      .returning({ id: tracks.id });
    await tx.insert(trackVersions).values({ trackId: track!.id, version: 1, ...rules, createdBy: actor.id });
    await tx.insert(auditEvents).values({
      orgId: actor.orgId,
      actorId: actor.id,
      action: "track.create",
      subjectType: "track",
      subjectId: track!.id,
      data: { version: 1 },
    });
    return { id: track!.id };
  });
}

/** New rules for a track: version n+1 (certifications already issued keep theirs). */
export async function updateTrack(
  actor: { id: string; orgId: string },
  trackId: string,
  input: TrackRules,
): Promise<{ version: number }> {
  const rules = TrackRulesSchema.parse(input);
  await checkScenarios(actor.orgId, rules.scenarios);
  return getDb().transaction(async (tx) => {
    const [track] = await tx
      .select({ id: tracks.id, currentVersion: tracks.currentVersion })
      .from(tracks)
      .where(and(eq(tracks.id, trackId), eq(tracks.orgId, actor.orgId)))
      .for("update");
    if (!track) throw new TrackError("certification.errorNoTrack");
    const version = track.currentVersion + 1;
    await tx.insert(trackVersions).values({ trackId, version, ...rules, createdBy: actor.id });
    await tx.update(tracks).set({ currentVersion: version, name: rules.name }).where(eq(tracks.id, trackId));
    await tx.insert(auditEvents).values({
      orgId: actor.orgId,
      actorId: actor.id,
      action: "track.update",
      subjectType: "track",
      subjectId: trackId,
      data: { version },
    });
    return { version };
  });
}

export interface TrackVersionRow {
  id: string;
  trackId: string;
  orgId: string;
  version: number;
  rules: TrackRules;
}

function rulesOf(row: typeof trackVersions.$inferSelect): TrackRules {
  return {
    name: row.name,
    description: row.description,
    scenarios: TrackScenarioSchema.array().parse(row.scenarios),
    attemptsAllowed: row.attemptsAllowed,
    cooldownHours: row.cooldownHours,
    language: row.language,
    hideCoaching: row.hideCoaching,
    validityMonths: row.validityMonths,
    recertifyDays: row.recertifyDays,
  };
}

/** The current version of a track of `orgId` (null when it is not theirs or does not exist). */
export async function currentTrackVersion(orgId: string, trackId: string): Promise<TrackVersionRow | null> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(trackId)) return null;
  const [row] = await getDb()
    .select({ v: trackVersions, orgId: tracks.orgId })
    .from(tracks)
    .innerJoin(trackVersions, and(eq(trackVersions.trackId, tracks.id), eq(trackVersions.version, tracks.currentVersion)))
    .where(and(eq(tracks.id, trackId), eq(tracks.orgId, orgId)));
  if (!row) return null;
  return { id: row.v.id, trackId: row.v.trackId, orgId: row.orgId, version: row.v.version, rules: rulesOf(row.v) };
}

/** A track version by id (any organisation: callers check). */
export async function trackVersionById(id: string): Promise<TrackVersionRow | null> {
  const [row] = await getDb()
    .select({ v: trackVersions, orgId: tracks.orgId })
    .from(trackVersions)
    .innerJoin(tracks, eq(tracks.id, trackVersions.trackId))
    .where(eq(trackVersions.id, id));
  if (!row) return null;
  return { id: row.v.id, trackId: row.v.trackId, orgId: row.orgId, version: row.v.version, rules: rulesOf(row.v) };
}

export interface TrackSummary {
  id: string;
  name: { en: string; fr: string };
  version: number;
  scenarioCount: number;
  validityMonths: number;
  assigned: number;
}

/** The organisation's tracks (not archived), oldest first, with their current rules' headline. */
export async function listTracks(orgId: string): Promise<TrackSummary[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: tracks.id,
      name: tracks.name,
      version: tracks.currentVersion,
      scenarios: trackVersions.scenarios,
      validityMonths: trackVersions.validityMonths,
      assigned: sql<number>`(select count(*) from ${trackAssignments} where ${trackAssignments.trackId} = ${tracks.id})`.mapWith(Number),
    })
    .from(tracks)
    .innerJoin(trackVersions, and(eq(trackVersions.trackId, tracks.id), eq(trackVersions.version, tracks.currentVersion)))
    .where(and(eq(tracks.orgId, orgId), isNull(tracks.archivedAt)))
    .orderBy(asc(tracks.createdAt), asc(tracks.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    version: r.version,
    scenarioCount: Array.isArray(r.scenarios) ? r.scenarios.length : 0,
    validityMonths: r.validityMonths,
    assigned: r.assigned,
  }));
}

/**
 * Assign a track to people of the organisation (ids, and/or everyone with one of `roles`) with
 * a due date. Assigning again renews the assignment: a new due date and a fresh attempt count.
 * Returns how many people it was assigned to.
 */
export async function assignTrack(
  actor: { id: string; orgId: string },
  input: { trackId: string; userIds: string[]; roles: Role[]; dueAt: Date | null },
  now = new Date(),
): Promise<number> {
  const db = getDb();
  const version = await currentTrackVersion(actor.orgId, input.trackId);
  if (!version) throw new TrackError("certification.errorNoTrack");
  const conditions = [];
  if (input.userIds.length > 0) conditions.push(inArray(memberships.userId, input.userIds));
  if (input.roles.length > 0) conditions.push(inArray(memberships.role, input.roles));
  if (conditions.length === 0) throw new TrackError("certification.errorNobody");
  const people = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), or(...conditions)));
  if (people.length === 0 || (input.userIds.length > 0 && input.roles.length === 0 && people.length !== new Set(input.userIds).size))
    throw new TrackError("certification.errorNobody");
  await db.transaction(async (tx) => {
    await tx
      .insert(trackAssignments)
      .values(
        people.map((p) => ({
          orgId: actor.orgId,
          trackId: input.trackId,
          userId: p.userId,
          dueAt: input.dueAt,
          assignedBy: actor.id,
          assignedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [trackAssignments.trackId, trackAssignments.userId],
        set: { dueAt: input.dueAt, assignedBy: actor.id, assignedAt: now },
      });
    await tx.insert(auditEvents).values({
      orgId: actor.orgId,
      actorId: actor.id,
      action: "track.assign",
      subjectType: "track",
      subjectId: input.trackId,
      data: { users: people.map((p) => p.userId), dueAt: input.dueAt?.toISOString() ?? null },
    });
  });
  return people.length;
}

/** The scenario versions a track version's scenarios resolve to now (pinned, or latest published). */
export async function resolveTrackScenarios(
  list: TrackScenario[],
): Promise<Map<string, { versionId: string; slug: string; title: { en: string; fr: string } | null }>> {
  const out = new Map<string, { versionId: string; slug: string; title: { en: string; fr: string } | null }>();
  if (list.length === 0) return out;
  const rows = await getDb()
    .selectDistinctOn([scenarioVersions.scenarioId], {
      scenarioId: scenarioVersions.scenarioId,
      versionId: scenarioVersions.id,
      slug: scenarios.slug,
      title: sql<{ en: string; fr: string } | null>`${scenarioVersions.definition} -> 'title'`,
    })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(and(inArray(scenarioVersions.scenarioId, list.map((s) => s.scenarioId)), sql`${scenarioVersions.publishedAt} is not null`))
    .orderBy(scenarioVersions.scenarioId, desc(scenarioVersions.version));
  for (const s of list) {
    const latest = rows.find((r) => r.scenarioId === s.scenarioId);
    if (latest) out.set(s.scenarioId, { versionId: s.versionId ?? latest.versionId, slug: latest.slug, title: latest.title });
  }
  return out;
}
