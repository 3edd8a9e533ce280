/**
 * Ending a call: the machine's final state (after the final line), End call, or a phone that
 * rang out. Scores once with scoreCall and stores scorecard n = 1 together with the attempt's
 * `ended` status, in one transaction: an ended attempt has its scorecard unless it is abandoned
 * (no trainee turn: `abandoned`, no scorecard, decision 279), and a second ending (double click,
 * two servers) inserts nothing (unique (attempt_id, n)).
 */
import { and, eq, ne } from "drizzle-orm";
import { attempts } from "../../db/schema";
import type { ScoreInput } from "../../machines/scorecard";
import { endCall, viewOf } from "../../machines/session";
import type { Move, Outcome } from "../../machines/types";
import { getDb } from "../db.server";
import { issueCertificationIfEarned } from "../certification/certify.server";
import { issueScorecard } from "../progress/scorecards.server";
import { scoreCall } from "../scoring/index";
import { loadAttempt, persistedOf, type LoadedAttempt } from "./attempts.server";
import { getJudge } from "./engines.server";
import { scorecardRow } from "./scorecard-row";

export function reportPath(attemptId: string): string {
  return `/calls/${attemptId}/report`;
}

declare global {
  var __motFinishing: Map<string, Promise<Outcome>> | undefined;
}
const finishing = (globalThis.__motFinishing ??= new Map());

/** End (if needed) and score the attempt once; returns its outcome. Safe to call twice. */
export function finishAttempt(attemptId: string): Promise<Outcome> {
  let pending = finishing.get(attemptId);
  if (!pending) {
    pending = finish(attemptId).finally(() => finishing.delete(attemptId));
    finishing.set(attemptId, pending);
  }
  return pending;
}

export function scoreInputOf(loaded: LoadedAttempt, view: ScoreInput["view"]): ScoreInput {
  return {
    scenario: loaded.scenario,
    locale: loaded.attempt.locale,
    turns: loaded.turns
      .filter((t) => t.speaker !== "system")
      .map((t) =>
        t.speaker === "trainee"
          ? { speaker: "trainee" as const, text: t.text, moves: t.moves as Move[], topics: t.topics }
          : { speaker: "customer" as const, text: t.text },
      ),
    view,
  };
}

/** A call is abandoned when it ends without a single trainee turn. */
export function isAbandoned(loaded: Pick<LoadedAttempt, "turns">): boolean {
  return !loaded.turns.some((t) => t.speaker === "trainee");
}

async function finish(attemptId: string): Promise<Outcome> {
  const loaded = await loadAttempt(attemptId);
  if (!loaded) throw new Error(`attempt ${attemptId} does not exist`);
  const { attempt, scenario } = loaded;
  if (attempt.status === "ended") return (attempt.outcome as Outcome | null) ?? "unresolved";

  let persisted = persistedOf(attempt, scenario);
  let view = viewOf(scenario, persisted);
  if (view.status !== "ended") {
    // End call, or a ringing phone nobody answered in time (endCall on a ringing call = missed).
    const step = endCall(scenario, persisted);
    persisted = step.persisted;
    view = step.view;
  }
  const outcome: Outcome = view.outcome ?? "unresolved";
  // Nothing said by the trainee (opened and left, replaced by a new call, never answered): the
  // call is abandoned — ended without a scorecard, out of every count, rate and average (decision 279).
  const abandoned = isAbandoned(loaded);
  const card = abandoned ? null : await scoreCall(scoreInputOf(loaded, view), { judge: getJudge() });

  await getDb().transaction(async (tx) => {
    const [ended] = await tx
      .update(attempts)
      .set({
        status: "ended",
        outcome,
        endedAt: new Date(),
        machineSnapshot: persisted.snapshot,
        machineVersion: persisted.machineVersion,
        abandoned,
      })
      .where(and(eq(attempts.id, attemptId), ne(attempts.status, "ended")))
      .returning({ id: attempts.id });
    if (!ended) return; // another request or server finished it first
    if (card) await issueScorecard(tx, scorecardRow(attemptId, 1, card));
  });
  // A certification call may complete its track (issue 12): issued once, whoever gets here first.
  if (attempt.mode === "certification" && !abandoned) await issueCertificationIfEarned(attemptId);
  return outcome;
}
