/**
 * Starting a call, once per click however many clicks arrive (decision 111). The database
 * decides: a partial unique index allows one open (not ended) attempt per trainee and
 * scenario version, so two concurrent Start requests insert one attempt; the other finds it
 * and lands on the same call. Starting again on purpose (the briefing offered to continue a
 * call in progress, and the form names that call in `replace`) ends that call first, scored
 * as it stands; a ringing call that has rung out is ended too.
 */
import { and, eq, ne } from "drizzle-orm";
import { attempts } from "../../db/schema";
import { hasRungOut } from "../../machines/session";
import type { Locale } from "../../machines/types";
import type { CurrentUser } from "../auth.server";
import { getDb } from "../db.server";
import { isAttemptId, newAttemptValues, type AttemptRow, type PlayableScenario } from "./attempts.server";
import { finishAttempt } from "./finish.server";

export type StartResult = { kind: "started"; attempt: AttemptRow } | { kind: "open"; attempt: AttemptRow };

export async function startAttempt(input: {
  user: CurrentUser;
  playable: PlayableScenario;
  locale: Locale;
  /** The call in progress the briefing showed: starting again ends it. */
  replace?: string | null;
}): Promise<StartResult> {
  const db = getDb();
  const { user, playable } = input;
  if (input.replace && isAttemptId(input.replace)) {
    const [old] = await db
      .select({ id: attempts.id, status: attempts.status })
      .from(attempts)
      .where(and(eq(attempts.id, input.replace), eq(attempts.userId, user.id)));
    if (old && old.status !== "ended") await finishAttempt(old.id);
  }
  for (let round = 0; round < 3; round++) {
    const [row] = await db.insert(attempts).values(newAttemptValues(input)).onConflictDoNothing().returning();
    if (row) return { kind: "started", attempt: row };
    const [open] = await db
      .select()
      .from(attempts)
      .where(and(eq(attempts.userId, user.id), eq(attempts.scenarioVersionId, playable.versionId), ne(attempts.status, "ended")))
      .limit(1);
    if (!open) continue; // ended in the meantime: try again
    const elapsed = Date.now() - open.startedAt.getTime();
    if (open.status === "ringing" && hasRungOut(playable.scenario, elapsed)) {
      // Nobody answered that one in time: it is over (not answered, scored), start afresh.
      await finishAttempt(open.id);
      continue;
    }
    return { kind: "open", attempt: open };
  }
  throw new Error(`could not start a call on scenario version ${playable.versionId}: the open call kept changing`);
}
