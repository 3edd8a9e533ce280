/**
 * Starting a call, once per click however many clicks arrive (decision 111). The database
 * decides: a partial unique index allows one open (not ended) attempt per trainee and
 * scenario version, so two concurrent Start requests insert one attempt; the other finds it
 * and lands on the same call. Starting again on purpose (the briefing offered to continue a
 * call in progress, and the form names that call in `replace`) ends that call first, scored
 * as it stands; a ringing call that has rung out is ended too.
 *
 * Which open call the form knew (decision 286): the briefing's form carries `startId`, the id
 * its new call takes. A second submit of that form finds the call under that id (`own`: the
 * double click lands on it, silently). An open call under any other id was started elsewhere
 * (another tab, perhaps in the other language): `open`, and the briefing says so instead of
 * landing in it.
 */
import { and, eq, ne } from "drizzle-orm";
import { attempts } from "../../db/schema";
import { hasRungOut } from "../../machines/session";
import type { Locale } from "../../machines/types";
import type { CurrentUser } from "../auth.server";
import { getDb } from "../db.server";
import { isAttemptId, newAttemptValues, type AttemptRow, type PlayableScenario } from "./attempts.server";
import { finishAttempt } from "./finish.server";

export type StartResult =
  /** A new call. */
  | { kind: "started"; attempt: AttemptRow }
  /** The call this very form started (its `startId`): a second submit of the same form. */
  | { kind: "own"; attempt: AttemptRow }
  /** A call in progress the form did not know about: the caller must not land in it silently. */
  | { kind: "open"; attempt: AttemptRow };

/** What an open call found instead of a new one is to the form that asked: its own, or another. */
export function openCallResult(attempt: AttemptRow, startId: string | null | undefined): StartResult {
  return startId && attempt.id === startId ? { kind: "own", attempt } : { kind: "open", attempt };
}

export async function startAttempt(input: {
  user: CurrentUser;
  playable: PlayableScenario;
  locale: Locale;
  /** The call in progress the briefing showed: starting again ends it. */
  replace?: string | null;
  /** The id the form's new call takes (a UUID rendered with the form), so that a second submit knows its call. */
  startId?: string | null;
}): Promise<StartResult> {
  const db = getDb();
  const { user, playable } = input;
  let startId = input.startId && isAttemptId(input.startId) ? input.startId : null;
  if (input.replace && isAttemptId(input.replace)) {
    const [old] = await db
      .select({ id: attempts.id, status: attempts.status })
      .from(attempts)
      .where(and(eq(attempts.id, input.replace), eq(attempts.userId, user.id)));
    if (old && old.status !== "ended") await finishAttempt(old.id);
  }
  for (let round = 0; round < 3; round++) {
    const values = { ...newAttemptValues(input), ...(startId ? { id: startId } : {}) };
    const [row] = await db.insert(attempts).values(values).onConflictDoNothing().returning();
    if (row) return { kind: "started", attempt: row };
    const [open] = await db
      .select()
      .from(attempts)
      .where(and(eq(attempts.userId, user.id), eq(attempts.scenarioVersionId, playable.versionId), ne(attempts.status, "ended")))
      .limit(1);
    if (!open) {
      // Ended in the meantime, or the form's id is already taken (a stale page sent again after its call ended):
      // try again under a fresh id.
      startId = null;
      continue;
    }
    const elapsed = Date.now() - open.startedAt.getTime();
    if (open.status === "ringing" && hasRungOut(playable.scenario, elapsed)) {
      // Nobody answered that one in time: it is over (not answered, scored), start afresh.
      await finishAttempt(open.id);
      continue;
    }
    return openCallResult(open, startId);
  }
  throw new Error(`could not start a call on scenario version ${playable.versionId}: the open call kept changing`);
}
