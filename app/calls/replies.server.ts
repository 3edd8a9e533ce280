/**
 * The turn pipeline with the database (DESIGN.md "One turn"; docs/decisions/060).
 *
 *   1. the trainee's words are committed first (seq n; a repeated client token returns the
 *      turn already stored instead of inserting another);
 *   2. a *generation* produces the pending reply in this process, detached from any request:
 *      understand → traineeSaid → render (app/engine/call-runner.ts). Its tokens fan out to
 *      whoever listens (the SSE route); nobody listening changes nothing;
 *   3. the customer's turn (seq n+1), the trainee turn's moves/topics and the new machine
 *      snapshot are committed in one transaction; only then is `done` announced;
 *   4. when the machine reached a final state, the attempt is ended and scored (`ended`).
 *
 * A reply is *pending* when the call is live and the last turn is the trainee's (or, for
 * the opening line, when there is no turn yet). Whoever sees a pending reply with no
 * generation running (a reload after a restart, the stream route) starts one; the unique
 * (attempt_id, seq) makes a second commit from another server fail and roll back.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { attempts, turns } from "../../db/schema";
import { hasRungOut as ringsHaveRunOut, ringsAt } from "../../machines/session";
import type { Outcome, Step } from "../../machines/types";
import { getDb } from "../db.server";
import { answerCall, renderStep, runTurn, startCall } from "../engine/call-runner";
import type { HistoryTurn, RenderResult, RenderStream, UnderstandResult } from "../engine/types";
import type { CallEvent } from "./sse";
import {
  callViewOf,
  isUniqueViolation,
  loadAttempt,
  persistedOf,
  type LoadedAttempt,
  type TurnRow,
} from "./attempts.server";
import { getEngines } from "./engines.server";
import { finishAttempt, reportPath } from "./finish.server";

export type Pending = { kind: "opening"; seq: 0 } | { kind: "reply"; seq: number; trainee: TurnRow };

/** The customer line the call is waiting for, if any. */
export function pendingOf(loaded: LoadedAttempt): Pending | null {
  if (loaded.attempt.status !== "live") return null;
  const last = loaded.turns.at(-1);
  if (!last) return { kind: "opening", seq: 0 };
  if (last.speaker === "trainee") return { kind: "reply", seq: last.seq + 1, trainee: last };
  return null;
}

export interface GenerationResult {
  seq: number;
  text: string;
  replaced: boolean;
  /** Set when the call is over (and scored). */
  outcome: Outcome | null;
}

export interface Generation {
  attemptId: string;
  seq: number;
  /** Tokens produced so far (a late listener gets them first). */
  tokens: string[];
  listeners: Set<(event: CallEvent) => void>;
  /** Resolves with the committed line; rejects when it could not be produced. */
  result: Promise<GenerationResult>;
}

declare global {
  var __motGenerations: Map<string, Generation> | undefined;
}
const generations = (globalThis.__motGenerations ??= new Map());

/** The generation running for this attempt in this process, if any. */
export function runningGeneration(attemptId: string): Generation | undefined {
  return generations.get(attemptId);
}

/**
 * Make sure the pending reply of the attempt is being produced; returns its generation, or
 * null when nothing is pending. Never starts two for the same attempt in one process.
 */
export async function ensureReply(attemptId: string): Promise<Generation | null> {
  const running = generations.get(attemptId);
  if (running) return running;
  const loaded = await loadAttempt(attemptId);
  if (!loaded) return null;
  const pending = pendingOf(loaded);
  if (!pending) return null;
  // Another request may have started it while we were reading.
  const raced = generations.get(attemptId);
  if (raced) return raced;
  const generation: Generation = {
    attemptId,
    seq: pending.seq,
    tokens: [],
    listeners: new Set(),
    result: Promise.resolve(null as never),
  };
  generation.result = generate(generation, loaded, pending);
  generations.set(attemptId, generation);
  const forget = () => {
    if (generations.get(attemptId) === generation) generations.delete(attemptId);
  };
  generation.result.then(forget, forget);
  return generation;
}

/** Wait until the attempt has no pending reply (produce it if nobody is). */
export async function settleReply(attemptId: string): Promise<GenerationResult | null> {
  const generation = await ensureReply(attemptId);
  return generation ? generation.result : null;
}

function emit(generation: Generation, event: CallEvent): void {
  for (const listener of generation.listeners) {
    try {
      listener(event);
    } catch {
      // A listener that fails (closed stream) must not stop the reply.
      generation.listeners.delete(listener);
    }
  }
}

function historyOf(rows: TurnRow[]): HistoryTurn[] {
  return rows
    .filter((t) => t.speaker !== "system")
    .map((t) => ({ speaker: t.speaker === "trainee" ? ("trainee" as const) : ("customer" as const), text: t.text }));
}

async function generate(generation: Generation, loaded: LoadedAttempt, pending: Pending): Promise<GenerationResult> {
  const { attempt, scenario } = loaded;
  const { customer, understander } = getEngines();
  const started = Date.now();
  const persisted = persistedOf(attempt, scenario);
  let step: Step;
  let render: RenderStream | null;
  let understanding: UnderstandResult | null = null;
  let understoodAfterMs: number | null = null;

  try {
    if (pending.kind === "opening") {
      const rings = attempt.answeredAfterRings ?? 1;
      // Phone: the stored snapshot is still the ringing one; answering is replayed with the rings
      // measured at the answer. In person: the snapshot is the start, with the opening beat.
      step = scenario.channel === "phone" ? answerCall(scenario, persisted, rings) : startCall(scenario);
      render = renderStep(customer, { scenario, locale: attempt.locale, step, history: [] });
    } else {
      const before = loaded.turns.filter((t) => t.seq < pending.trainee.seq);
      const turn = await runTurn({
        scenario,
        locale: attempt.locale,
        persisted,
        history: historyOf(before),
        text: pending.trainee.text,
        understander,
        engine: customer,
      });
      understanding = turn.understanding;
      understoodAfterMs = Date.now() - started;
      step = turn.step;
      render = turn.render;
    }
    if (!render || !step.beat) throw new Error(`the call machine chose no customer line after turn ${pending.seq - 1}`);

    let streamed = "";
    for await (const token of render.tokens) {
      streamed += token;
      generation.tokens.push(token);
      emit(generation, { type: "token", text: token });
    }
    const rendered: RenderResult = await render.done;
    const text = (rendered.text || streamed).trim();
    const replaced = Boolean(rendered.replaced) || (streamed.trim() !== "" && streamed.trim() !== text);
    const latencyMs = Date.now() - started;

    const committed = await commit(loaded, pending, step, {
      text,
      rendered,
      latencyMs,
      understanding,
      understoodAfterMs,
      replaced,
    });
    const result: GenerationResult = { seq: pending.seq, text: committed.text, replaced, outcome: null };
    emit(generation, { type: "done", seq: pending.seq, text: committed.text, replaced });
    if (step.view.status === "ended") {
      result.outcome = await finishAttempt(attempt.id);
      emit(generation, { type: "ended", outcome: result.outcome, redirect: reportPath(attempt.id) });
    }
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`call ${attempt.id}: the reply to seq ${pending.seq - 1} failed: ${message}`);
    emit(generation, { type: "error", message });
    throw error;
  }
}

async function commit(
  loaded: LoadedAttempt,
  pending: Pending,
  step: Step,
  line: {
    text: string;
    rendered: RenderResult;
    latencyMs: number;
    understanding: UnderstandResult | null;
    understoodAfterMs: number | null;
    replaced: boolean;
  },
): Promise<{ text: string }> {
  const db = getDb();
  const attemptId = loaded.attempt.id;
  try {
    await db.transaction(async (tx) => {
      if (pending.kind === "reply" && line.understanding) {
        await tx
          .update(turns)
          .set({
            moves: line.understanding.moves,
            topics: line.understanding.topics,
            engine: line.understanding.classifier,
            latencyMs: line.understoodAfterMs,
            meta: line.understanding.fallbackReason ? { fallbackReason: line.understanding.fallbackReason } : null,
          })
          .where(eq(turns.id, pending.trainee.id));
      }
      await tx.insert(turns).values({
        attemptId,
        seq: pending.seq,
        speaker: "customer",
        text: line.text,
        engine: line.rendered.engine,
        latencyMs: line.latencyMs,
        meta: {
          beat: step.beat,
          mood: step.view.mood,
          ...(line.rendered.model ? { model: line.rendered.model } : {}),
          ...(line.rendered.fallbackReason ? { fallbackReason: line.rendered.fallbackReason } : {}),
          ...(line.replaced ? { replaced: true } : {}),
        },
      });
      await tx
        .update(attempts)
        .set({ machineSnapshot: step.persisted.snapshot, machineVersion: step.persisted.machineVersion })
        .where(and(eq(attempts.id, attemptId), eq(attempts.status, "live")));
    });
    return { text: line.text };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another server committed this reply first: ours is rolled back, theirs is the line.
    const [theirs] = await db
      .select({ text: turns.text })
      .from(turns)
      .where(and(eq(turns.attemptId, attemptId), eq(turns.seq, pending.seq)));
    if (!theirs) throw error;
    return { text: theirs.text };
  }
}

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
 */
export async function insertTraineeTurn(attemptId: string, text: string, clientToken: string): Promise<number | null> {
  const result = await getDb().execute(sql`
    insert into ${turns} (id, attempt_id, seq, speaker, text, client_token)
    select ${randomUUID()}, a.id, last.seq + 1, 'trainee', ${text}, ${clientToken}
    from ${attempts} a
    join lateral (
      select t.seq, t.speaker from ${turns} t where t.attempt_id = a.id order by t.seq desc limit 1
    ) last on true
    where a.id = ${attemptId} and a.status = 'live' and last.speaker <> 'trainee'
    returning seq`);
  const [row] = rowsOf<{ seq: number }>(result);
  return row ? Number(row.seq) : null;
}

/**
 * Commit the trainee's words (before any model is called) and start the reply. A client
 * token already used on this attempt returns that turn (double submit). While a reply is
 * pending (another tab's turn), the turn waits for it, up to SAY_WAIT_MS, then is refused
 * (`busy`): the caller gives the words back to the trainee.
 */
export async function addTraineeTurn(attemptId: string, text: string, clientToken: string): Promise<SayResult> {
  const db = getDb();
  const existing = async () => {
    const [row] = await db
      .select({ seq: turns.seq })
      .from(turns)
      .where(and(eq(turns.attemptId, attemptId), eq(turns.clientToken, clientToken)));
    return row ?? null;
  };
  const already = await existing();
  if (already) {
    await ensureReply(attemptId);
    return { kind: "accepted", seq: already.seq, duplicate: true };
  }
  const giveUpAt = Date.now() + SAY_WAIT_MS;
  for (;;) {
    // The customer speaks before the trainee's next turn: finish any pending line first.
    await settleReply(attemptId).catch(() => null);
    const loaded = await loadAttempt(attemptId);
    if (!loaded) return { kind: "not-live" };
    if (loaded.attempt.status === "ended") return { kind: "ended" };
    if (loaded.attempt.status !== "live") return { kind: "not-live" };
    if (callViewOf(loaded).status === "ended") {
      await finishAttempt(attemptId);
      return { kind: "ended" };
    }
    try {
      const seq = await insertTraineeTurn(attemptId, text, clientToken);
      if (seq !== null) {
        await ensureReply(attemptId);
        return { kind: "accepted", seq, duplicate: false };
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const same = await existing();
      if (same) return { kind: "accepted", seq: same.seq, duplicate: true };
      // Another tab's turn took this seq at the same moment: wait for its answer.
    }
    if (Date.now() >= giveUpAt) return { kind: "busy" };
    await new Promise((resolve) => setTimeout(resolve, 50));
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
