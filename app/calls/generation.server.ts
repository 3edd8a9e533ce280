/**
 * Producing one pending customer line (DESIGN.md "One turn"; decisions 060, 112): understand →
 * traineeSaid → render (app/engine/call-runner.ts), then one statement commits the customer's
 * turn, the trainee turn's moves/topics and the new machine snapshot; only then is `done`
 * announced; when the machine reached a final state the call is ended and scored (`ended`).
 *
 * No registry here: whoever runs it (reply-registry*.server.ts) passes `emit` and decides that
 * it runs once per call; it may add its own writes to the commit's statement (`commitWith`). The
 * unique (attempt_id, seq) is the last word: a second commit of the same line (two processes)
 * rolls back and serves the committed one.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { attempts, turns } from "../../db/schema";
import { answerCall, startCall } from "../../machines/session";
import type { Outcome, Step } from "../../machines/types";
import { getDb } from "../db.server";
import { renderStep, runTurn } from "../engine/call-runner";
import type { HistoryTurn, RenderResult, RenderStream, UnderstandResult } from "../engine/types";
import type { AfterLine, CallEvent } from "./sse";
import { isUniqueViolation, persistedOf, type LoadedAttempt, type TurnRow } from "./attempts.server";
import { customerOffline, getEngines } from "./engines.server";
import { finishAttempt, reportPath } from "./finish.server";
import { describeError } from "../server/log";

export type Pending = { kind: "opening"; seq: 0 } | { kind: "reply"; seq: number; trainee: TurnRow };

/** The customer line the call is waiting for, if any (derived from the rows, never stored). */
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
  /** What the page shows once the line is said (decision 160). */
  after?: AfterLine;
}

function historyOf(rows: TurnRow[]): HistoryTurn[] {
  return rows
    .filter((t) => t.speaker !== "system")
    .map((t) => ({ speaker: t.speaker === "trainee" ? ("trainee" as const) : ("customer" as const), text: t.text }));
}

/** The line about to be committed, as `done` will announce it. */
export interface CommittingLine {
  seq: number;
  text: string;
  replaced: boolean;
  /** The call is over: `ended` follows once it is scored. */
  final: boolean;
  after: AfterLine;
}

/** What the registry running the generation writes in the commit's own statement (decision 200). */
export interface CommitWith {
  /**
   * Data-modifying CTEs (each `, name as (…)`) and the select that ends the statement (`select …`,
   * run once, e.g. a `pg_notify`). Called just before the commit; null adds nothing.
   */
  (line: CommittingLine): Promise<{ ctes: SQL; select: SQL } | null>;
}

/** How `done` was announced: `announced` when it went out with the commit (its CommitWith ran in it). */
export interface DoneInfo {
  final: boolean;
  announced: boolean;
}

/** Produce and commit the pending line; every event goes to `emit` (tokens, done, ended, error). */
export async function produceReply(
  loaded: LoadedAttempt,
  pending: Pending,
  /** `final` with `done`: the call is over and `ended` follows once it is scored. */
  emit: (event: CallEvent, info?: DoneInfo) => void,
  { commitWith }: { commitWith?: CommitWith } = {},
): Promise<GenerationResult> {
  const { attempt, scenario } = loaded;
  const engines = getEngines();
  const { customer, understander } = engines;
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
      render = renderStep(customer, { scenario, locale: attempt.locale, step, history: [], budgetMs: engines.turnBudgetMs });
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
        budgetMs: engines.turnBudgetMs,
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
      emit({ type: "token", text: token });
    }
    const rendered: RenderResult = await render.done;
    const text = (rendered.text || streamed).trim();
    const replaced = Boolean(rendered.replaced) || (streamed.trim() !== "" && streamed.trim() !== text);
    const latencyMs = Date.now() - started;

    // What the page would read again after the line: her mood (unless the scenario hides it) and
    // the offline notice (decision 112). Carried by `done`, so the page needs no reload (decision 160).
    const after: AfterLine = { mood: scenario.customer.hideMood ? null : step.view.mood, offline: customerOffline() };
    const final = step.view.status === "ended";
    const extra = commitWith ? await commitWith({ seq: pending.seq, text, replaced, final, after }) : null;
    const committed = await commit(loaded, pending, step, { text, rendered, latencyMs, understanding, understoodAfterMs, replaced }, extra);
    const result: GenerationResult = { seq: pending.seq, text: committed.text, replaced, outcome: null, after };
    emit({ type: "done", seq: pending.seq, text: committed.text, replaced, after }, { final, announced: committed.mine && extra !== null });
    if (step.view.status === "ended") {
      result.outcome = await finishAttempt(attempt.id);
      emit({ type: "ended", outcome: result.outcome, redirect: reportPath(attempt.id) });
    }
    return result;
  } catch (error) {
    // Never the raw message: a database error's carries the statement's parameters (the trainee's
    // words). The browser gets the one-line, redacted form; the log gets the frames too.
    console.error(`call ${attempt.id}: the reply to seq ${pending.seq - 1} failed: ${describeError(error)}`);
    emit({ type: "error", message: describeError(error, { frames: false }) });
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
  extra: { ctes: SQL; select: SQL } | null,
): Promise<{ text: string; mine: boolean }> {
  const db = getDb();
  const attemptId = loaded.attempt.id;
  const meta = {
    beat: step.beat,
    mood: step.view.mood,
    ...(line.rendered.model ? { model: line.rendered.model } : {}),
    ...(line.rendered.fallbackReason ? { fallbackReason: line.rendered.fallbackReason } : {}),
    ...(line.replaced ? { replaced: true } : {}),
  };
  const understood =
    pending.kind === "reply" && line.understanding
      ? sql`, understood as (
          update ${turns} set
            moves = ${JSON.stringify(line.understanding.moves)}::jsonb,
            topics = ${JSON.stringify(line.understanding.topics)}::jsonb,
            engine = ${line.understanding.classifier},
            latency_ms = ${line.understoodAfterMs},
            meta = ${line.understanding.fallbackReason ? JSON.stringify({ fallbackReason: line.understanding.fallbackReason }) : null}::jsonb
          where id = ${pending.trainee.id}
          returning 1
        )`
      : sql``;
  const said = sql`
      with said as (
        insert into ${turns} (id, attempt_id, seq, speaker, text, engine, latency_ms, meta)
        values (${randomUUID()}, ${attemptId}, ${pending.seq}, 'customer', ${line.text}, ${line.rendered.engine},
          ${line.latencyMs}, ${JSON.stringify(meta)}::jsonb)
        returning 1
      )${understood}`;
  const snapshot = JSON.stringify(step.persisted.snapshot);
  try {
    // One statement (decision 160), as atomic as the transaction it replaces: the customer's turn,
    // the trainee turn's moves and the new snapshot are all written or (a unique violation: another
    // process committed this seq first) none is. The registry's part (decision 200: its claim
    // released, `done` notified) is written, or not, with them.
    await db.execute(
      extra
        ? sql`${said}, saved as (
            update ${attempts} set machine_snapshot = ${snapshot}::jsonb, machine_version = ${step.persisted.machineVersion}
            where id = ${attemptId} and status = 'live'
            returning 1
          )${extra.ctes}
          ${extra.select}`
        : sql`${said}
          update ${attempts} set machine_snapshot = ${snapshot}::jsonb, machine_version = ${step.persisted.machineVersion}
          where id = ${attemptId} and status = 'live'`,
    );
    return { text: line.text, mine: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another process committed this reply first: ours is rolled back, theirs is the line.
    const [theirs] = await db
      .select({ text: turns.text })
      .from(turns)
      .where(and(eq(turns.attemptId, attemptId), eq(turns.seq, pending.seq)));
    if (!theirs) throw error;
    return { text: theirs.text, mine: false };
  }
}
