/**
 * "Try again" on a scorecard: a fresh attempt of the same scenario version, in the same call
 * language, for the trainee who made the first one. Creating the attempt is part A's
 * (app/calls/attempts.server.ts createAttempt); this module only decides whether it may.
 */
import { eq } from "drizzle-orm";
import { scenarios, scenarioVersions } from "../../db/schema";
import type { CurrentUser } from "../auth.server";
import { createAttempt, scenarioOfVersion, type PlayableScenario } from "../calls/attempts.server";
import { getDb } from "../db.server";
import type { AttemptRow } from "./access.server";

export type RetryResult =
  { ok: true; attemptId: string } | { ok: false; reason: "not-owner" | "not-playable" };

/** The attempt's scenario version, if the user's organisation may still play it (published, own or global). */
export async function playableVersionOf(
  attempt: AttemptRow,
  user: CurrentUser,
): Promise<PlayableScenario | null> {
  const [row] = await getDb()
    .select({
      scenarioId: scenarios.id,
      orgId: scenarios.orgId,
      status: scenarios.status,
      version: scenarioVersions.version,
      publishedAt: scenarioVersions.publishedAt,
      definition: scenarioVersions.definition,
    })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(eq(scenarioVersions.id, attempt.scenarioVersionId));
  if (!row || row.status !== "published" || !row.publishedAt) return null;
  if (row.orgId !== null && row.orgId !== user.org.id) return null;
  return {
    scenarioId: row.scenarioId,
    versionId: attempt.scenarioVersionId,
    version: row.version,
    scenario: await scenarioOfVersion(attempt.scenarioVersionId, row.definition),
    global: row.orgId === null,
  };
}

export async function tryAgain(attempt: AttemptRow, user: CurrentUser): Promise<RetryResult> {
  if (attempt.userId !== user.id) return { ok: false, reason: "not-owner" };
  const playable = await playableVersionOf(attempt, user);
  if (!playable) return { ok: false, reason: "not-playable" };
  const created = await createAttempt({ user, playable, locale: attempt.locale });
  return { ok: true, attemptId: created.id };
}
