/**
 * Where a call's pending customer line is being produced, and how to follow it (decision 113).
 * Every part of the app that needs the reply goes through this interface; which implementation
 * runs is a choice of the database:
 *
 *   PGlite (one process)   LocalReplyRegistry: an in-memory map of running generations
 *   Postgres (N processes) PostgresReplyRegistry: one generation per call across processes
 *                          (a leased claim row), tokens and results fanned out with LISTEN/NOTIFY
 *
 * The turn pipeline itself is in generation.server.ts; the trainee's commands in replies.server.ts.
 */
import { getDatabaseHandle, getDb } from "../db.server";
import { loadAttempt, type LoadedAttempt } from "./attempts.server";
import { pendingOf, produceReply, type GenerationResult } from "./generation.server";
import { LocalGeneration, type ReplyHandle, type ReplyRegistry } from "./reply-handle.server";
import { createPostgresReplyRegistry } from "./reply-registry.postgres.server";

export type { GenerationResult } from "./generation.server";
export type { ReplyHandle, ReplyRegistry } from "./reply-handle.server";

/** One process: a map of the generations running here (PGlite allows one process anyway). */
export function createLocalReplyRegistry(): ReplyRegistry {
  const running = new Map<string, LocalGeneration>();
  return {
    local: (attemptId) => running.get(attemptId),
    async ensure(attemptId, loaded) {
      const existing = running.get(attemptId);
      if (existing) return existing;
      const call = loaded ?? (await loadAttempt(attemptId));
      if (!call) return null;
      const pending = pendingOf(call);
      if (!pending) return null;
      // Another request may have started it while we were reading.
      const raced = running.get(attemptId);
      if (raced) return raced;
      const generation = new LocalGeneration(attemptId, pending.seq, (emit) => produceReply(call, pending, emit));
      running.set(attemptId, generation);
      const forget = () => {
        if (running.get(attemptId) === generation) running.delete(attemptId);
      };
      generation.result.then(forget, forget);
      return generation;
    },
    async close() {
      await Promise.allSettled([...running.values()].map((g) => g.result));
    },
  };
}

declare global {
  var __motReplyRegistry: { db: unknown; registry: ReplyRegistry } | undefined;
}

/** The registry of this process, for its database (re-created when tests swap the database). */
export function getReplyRegistry(): ReplyRegistry {
  const db = getDb();
  const current = globalThis.__motReplyRegistry;
  if (current && current.db === db) return current.registry;
  const handle = getDatabaseHandle();
  const registry = handle.driver === "postgres" ? createPostgresReplyRegistry(db) : createLocalReplyRegistry();
  globalThis.__motReplyRegistry = { db, registry };
  return registry;
}

/**
 * Make sure the pending reply is being produced; its handle, or null when nothing is pending.
 * `claimed`: the seq this process claimed with the turn that made it pending (`claimAfter`).
 */
export function ensureReply(attemptId: string, loaded?: LoadedAttempt, claimed?: number): Promise<ReplyHandle | null> {
  return getReplyRegistry().ensure(attemptId, loaded, claimed);
}

/** Wait until the call has no pending reply (produce it if nobody is). */
export async function settleReply(attemptId: string, loaded?: LoadedAttempt): Promise<GenerationResult | null> {
  const handle = await ensureReply(attemptId, loaded);
  return handle ? handle.result : null;
}

/**
 * At shutdown, before the database closes: let the replies being produced in this process finish
 * and commit (each bounded by its turn's time budget, decision 112), then stop listening. A no-op
 * when no call was served. Reads the registry through the global, so the server's copy of this
 * module and the app build's copy close the same one.
 */
export async function closeReplyRegistry(): Promise<void> {
  const current = globalThis.__motReplyRegistry;
  if (!current) return;
  globalThis.__motReplyRegistry = undefined;
  await current.registry.close();
}
