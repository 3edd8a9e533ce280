/** A pending customer line being produced, in this process or another (see reply-registry.server.ts). */
import type { SQL } from "drizzle-orm";
import type { LoadedAttempt } from "./attempts.server";
import type { GenerationResult } from "./generation.server";
import type { CallEvent } from "./sse";

/** A pending line, produced in this process or another. */
export interface ReplyHandle {
  readonly attemptId: string;
  readonly seq: number;
  /** Replays what was said so far, then follows; returns a function that stops following. */
  follow(listener: (event: CallEvent) => void): () => void;
  /** The committed line; rejects when it could not be produced. */
  readonly result: Promise<GenerationResult>;
}

export interface ReplyRegistry {
  /**
   * Make sure the pending line of the call is being produced (here, or in another process that
   * already is) and return a handle on it; null when nothing is pending. `loaded` saves a read
   * when the caller has just loaded the call. `claimed`: the seq of the line this process already
   * claimed in the statement that made it pending (see `claimAfter`).
   */
  ensure(attemptId: string, loaded?: LoadedAttempt, claimed?: number): Promise<ReplyHandle | null>;
  /**
   * Several processes (decision 200): a CTE, `, claimed as (…)`, that claims for this process the
   * line following the trainee turn inserted by the CTE `said` of the same statement (which returns
   * its `attempt_id` and `seq`), so that no statement of its own is needed; `claimed` returns a row
   * when it did. Absent when one process is all there is.
   */
  claimAfter?(): SQL;
  /** The handle of a line being produced in this process, if any. */
  local(attemptId: string): ReplyHandle | undefined;
  close(): Promise<void>;
}

/** A generation run by this process: tokens kept for late listeners, events fanned out. */
export class LocalGeneration implements ReplyHandle {
  readonly tokens: string[] = [];
  readonly listeners = new Set<(event: CallEvent) => void>();
  readonly result: Promise<GenerationResult>;

  constructor(
    readonly attemptId: string,
    readonly seq: number,
    run: (emit: (event: CallEvent) => void) => Promise<GenerationResult>,
  ) {
    this.result = run((event) => this.emit(event));
    this.result.catch(() => undefined); // followers and settle see the rejection; never unhandled here
  }

  emit(event: CallEvent): void {
    if (event.type === "token") this.tokens.push(event.text);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener that fails (closed stream) must not stop the reply.
        this.listeners.delete(listener);
      }
    }
  }

  follow(listener: (event: CallEvent) => void): () => void {
    for (const text of this.tokens) listener({ type: "token", text });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

