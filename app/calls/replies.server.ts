/**
 * The trainee's commands on a live call (DESIGN.md "One turn"; decisions 060, 110, 113):
 *
 *   1. the trainee's words are committed first (seq n, only behind a customer turn; a repeated
 *      client token returns the turn already stored instead of inserting another);
 *   2. the reply registry (reply-registry.server.ts) makes sure the pending reply is produced —
 *      once, in one process, detached from any request — and lets any process follow it:
 *      understand → traineeSaid → render, then one transaction commits the customer's turn, the
 *      trainee turn's moves/topics and the new machine snapshot (generation.server.ts);
 *   3. when the machine reached a final state, the attempt is ended and scored (finish.server.ts).
 *
 * A reply is *pending* when the call is live and the last turn is the trainee's (or, for the
 * opening line, when there is no turn yet). Whoever sees a pending reply (a reload after a
 * restart, the stream route, another process) asks the registry, which starts it if nobody is
 * producing it.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { attempts, turns } from "../../db/schema";
import { hasRungOut as ringsHaveRunOut, ringsAt } from "../../machines/session";
import type { Outcome } from "../../machines/types";
import { getDb } from "../db.server";
import { callViewOf, isUniqueViolation, loadAttempt, type LoadedAttempt, type TurnRow } from "./attempts.server";
import { finishAttempt } from "./finish.server";
import { ensureReply, getReplyRegistry, settleReply } from "./reply-registry.server";

export { pendingOf } from "./generation.server";
export { ensureReply, settleReply } from "./reply-registry.server";

// --- The trainee's actions ------------------------------------------------------------------

export type SayResult =
  | { kind: "accepted"; seq: number; duplicate: boolean }
  /** Another turn of this call (another tab) is still waiting for the customer's answer. */
  | { kind: "busy" }
  | { kind: "not-live" }
  | { kind: "ended" };

/** How long a trainee turn waits for the customer to answer the turn before it (another tab's). */
export const SAY_WAIT_MS = 30_000;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/**
 * One statement: insert the trainee turn at seq = last + 1 only when the call is live and its
 * last turn is the customer's (nothing pending). Two concurrent inserts (two tabs, two servers)
 * both see the same last turn, take the same seq, and the unique (attempt_id, seq) lets one in;
 * the other sees a trainee turn last and inserts nothing. So two trainee turns never follow
 * each other, whatever the number of processes (decision 110).
 *
 * `claim` (the reply registry's `claimAfter`, several processes: decision 200) claims the reply
 * for this process in the same statement; `claimed` says whether it did.
 */
export async function insertTraineeTurn(
  attemptId: string,
  text: string,
  clientToken: string,
  claim?: SQL,
): Promise<{ id: string; seq: number; createdAt: Date; claimed: boolean } | null> {
  const insert = sql`
    insert into ${turns} (id, attempt_id, seq, speaker, text, client_token)
    select ${randomUUID()}, a.id, last.seq + 1, 'trainee', ${text}, ${clientToken}
    from ${attempts} a
    join lateral (
      select t.seq, t.speaker from ${turns} t where t.attempt_id = a.id order by t.seq desc limit 1
    ) last on true
    where a.id = ${attemptId} and a.status = 'live' and last.speaker <> 'trainee'`;
  const result = await getDb().execute(
    claim
      ? sql`with said as (${insert} returning id, attempt_id, seq, created_at)${claim}
          select id, seq, created_at, exists (select from claimed) as claimed from said`
      : sql`${insert} returning id, seq, created_at`,
  );
  const [row] = rowsOf<{ id: string; seq: number; created_at: Date | string; claimed?: boolean }>(result);
  return row ? { id: row.id, seq: Number(row.seq), createdAt: new Date(row.created_at), claimed: row.claimed === true } : null;
}

/**
 * Commit the trainee's words (before any model is called) and start the reply. A client
 * token already used on this attempt returns that turn (double submit). While a reply is
 * pending (another tab's turn), the turn waits for it, up to SAY_WAIT_MS, then is refused
 * (`busy`): the caller gives the words back to the trainee. `loaded` (the call as the request
 * read it) saves reading it again: the happy path is one insert, and the reply starts from it.
 */
export async function addTraineeTurn(
  attemptId: string,
  text: string,
  clientToken: string,
  loaded?: LoadedAttempt,
  { waitMs = SAY_WAIT_MS }: { waitMs?: number } = {},
): Promise<SayResult> {
  const db = getDb();
  const existing = async () => {
    const [row] = await db
      .select({ seq: turns.seq })
      .from(turns)
      .where(and(eq(turns.attemptId, attemptId), eq(turns.clientToken, clientToken)));
    return row ?? null;
  };
  const giveUpAt = Date.now() + waitMs;
  let call: LoadedAttempt | null = loaded ?? null;
  for (;;) {
    if (!call) {
      // The customer speaks before the trainee's next turn: wait for any pending line (not beyond the wait).
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<"time-up">((resolve) => (timer = setTimeout(() => resolve("time-up"), Math.max(0, giveUpAt - Date.now()))));
      const settled = await Promise.race([settleReply(attemptId).catch(() => null), timeUp]);
      clearTimeout(timer);
      if (settled === "time-up") return { kind: "busy" };
      call = await loadAttempt(attemptId);
    }
    if (!call) return { kind: "not-live" };
    if (call.attempt.status === "ended") return { kind: "ended" };
    if (call.attempt.status !== "live") return { kind: "not-live" };
    if (callViewOf(call).status === "ended") {
      await finishAttempt(attemptId);
      return { kind: "ended" };
    }
    try {
      const row = await insertTraineeTurn(attemptId, text, clientToken, getReplyRegistry().claimAfter?.());
      if (row) {
        // When the call read before is the one the turn follows, the reply starts from it (no read).
        const current = call.turns.at(-1)?.seq === row.seq - 1;
        const turn: TurnRow = {
          id: row.id,
          seq: row.seq,
          createdAt: row.createdAt,
          attemptId,
          speaker: "trainee",
          text,
          moves: [],
          topics: [],
          engine: null,
          latencyMs: null,
          clientToken,
          meta: null,
        };
        await ensureReply(attemptId, current ? { ...call, turns: [...call.turns, turn] } : undefined, row.claimed ? row.seq + 1 : undefined);
        return { kind: "accepted", seq: row.seq, duplicate: false };
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // This form's token (double submit), or another tab's turn took this seq at the same moment.
    }
    const same = await existing();
    if (same) {
      await ensureReply(attemptId);
      return { kind: "accepted", seq: same.seq, duplicate: true };
    }
    if (Date.now() >= giveUpAt) return { kind: "busy" };
    call = null;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type AnswerResult = { kind: "answered"; rings: number } | { kind: "missed" } | { kind: "not-ringing" };

/**
 * The trainee pressed Answer. Rings are measured on the server: floor(elapsed / 3 s) + 1.
 * Past the scenario's maximum the caller has hung up (outcome not_answered, scored).
 */
export async function answerAttempt(loaded: LoadedAttempt, now = Date.now()): Promise<AnswerResult> {
  const { attempt, scenario } = loaded;
  if (attempt.status !== "ringing") {
    await ensureReply(attempt.id);
    return { kind: "not-ringing" };
  }
  const elapsed = Math.max(0, now - attempt.startedAt.getTime());
  if (ringsHaveRunOut(scenario, elapsed)) {
    await finishAttempt(attempt.id);
    return { kind: "missed" };
  }
  const rings = ringsAt(scenario, elapsed);
  const [answered] = await getDb()
    .update(attempts)
    .set({ status: "live", answeredAfterMs: elapsed, answeredAfterRings: rings })
    .where(and(eq(attempts.id, attempt.id), eq(attempts.status, "ringing")))
    .returning({ id: attempts.id });
  await ensureReply(attempt.id);
  return answered ? { kind: "answered", rings } : { kind: "not-ringing" };
}

/** True when a ringing phone has rung out (the caller hung up). */
export function hasRungOut(loaded: LoadedAttempt, now = Date.now()): boolean {
  return loaded.attempt.status === "ringing" && ringsHaveRunOut(loaded.scenario, now - loaded.attempt.startedAt.getTime());
}

/** The trainee ends the call: the pending reply (if any) is produced first, then the call is scored. */
export async function endAttempt(attemptId: string): Promise<Outcome> {
  try {
    await settleReply(attemptId);
  } catch {
    // The trainee's words are stored; ending must not depend on the customer's last line.
  }
  return finishAttempt(attemptId);
}
