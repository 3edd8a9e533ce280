/**
 * The reply registry for any number of app processes on one Postgres (decision 113).
 *
 * - **One generation per call across processes.** A process produces a pending line only after
 *   claiming it in `reply_claims` (one row per attempt: insert, or take over a lapsed lease or an
 *   older seq, in one statement). The lease is renewed while the line is produced and deleted once
 *   it is committed; a process that dies leaves a lease that lapses, and the next request anywhere
 *   takes it over. The unique (attempt_id, seq) still guards the commit.
 * - **Fan-out with LISTEN/NOTIFY** on one channel. The producing process always announces `done`,
 *   `error` and `ended`; it sends its tokens only once another process asks (a follower's `replay`
 *   request, answered with the tokens so far), so a call followed by one process costs no NOTIFY per
 *   token. Every process LISTENs on one dedicated connection and hands each message to the
 *   followers of that call in this process.
 * - A follower also reads the database once a second (a missed notification, a producer that died):
 *   the committed line ends its wait, a lapsed lease makes it claim and produce the line itself.
 * - **No statements of its own on a turn** (decision 200): the claim of the reply to a trainee turn
 *   is a CTE of the statement that inserts the turn (`claimAfter`), and the release of the claim and
 *   the `done` NOTIFY are part of the commit's statement (`commitWith`; a NOTIFY is delivered when
 *   its transaction commits, so `done` goes out exactly when the line is in the database). Their own
 *   statements remain for the opening line, a take-over, and a commit that lost to another process.
 */
import { randomUUID } from "node:crypto";
import { sql as fragment } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Database } from "../db.server";
import { loadAttempt, type LoadedAttempt } from "./attempts.server";
import { pendingOf, produceReply, type CommitWith, type DoneInfo, type GenerationResult, type Pending } from "./generation.server";
import { LocalGeneration, type ReplyHandle, type ReplyRegistry } from "./reply-handle.server";
import type { AfterLine, CallEvent } from "./sse";
import type { Outcome } from "../../machines/types";

export const REPLY_CHANNEL = "mot_replies";
const LEASE_MS = 15_000;
const RENEW_MS = 5_000;
const POLL_MS = 1_500;
/** Tokens forwarded to other processes are grouped over this long (one NOTIFY per group). */
const TOKEN_BATCH_MS = 40;
/** NOTIFY payloads are limited to 8,000 bytes. */
const MAX_PAYLOAD = 7_500;

type Wire =
  | { k: "t"; a: string; s: number; i: number; t: string[] }
  | { k: "snap"; a: string; s: number; t: string[] }
  | { k: "d"; a: string; s: number; text: string | null; replaced: boolean; final: boolean; v?: AfterLine }
  | { k: "x"; a: string; s: number; m: string }
  | { k: "e"; a: string; outcome: string; redirect: string }
  | { k: "r"; a: string; s: number };

class RemoteReply implements ReplyHandle {
  readonly tokens: string[] = [];
  readonly listeners = new Set<(event: CallEvent) => void>();
  readonly result: Promise<GenerationResult>;
  settled = false;
  private done: { text: string; replaced: boolean; final: boolean; after?: AfterLine } | null = null;
  private resolve!: (r: GenerationResult) => void;
  private reject!: (e: Error) => void;

  constructor(
    readonly attemptId: string,
    readonly seq: number,
  ) {
    this.result = new Promise<GenerationResult>((ok, fail) => {
      this.resolve = ok;
      this.reject = fail;
    });
    this.result.catch(() => undefined);
  }

  private emit(event: CallEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  follow(listener: (event: CallEvent) => void): () => void {
    for (const text of this.tokens) listener({ type: "token", text });
    if (this.done) listener(this.doneEvent());
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tokensFrom(index: number, texts: string[]): void {
    if (this.settled || this.done) return;
    texts.forEach((text, j) => {
      if (index + j !== this.tokens.length) return; // already seen (or a gap: `done` brings the whole line)
      this.tokens.push(text);
      this.emit({ type: "token", text });
    });
  }

  private doneEvent(): CallEvent {
    const { text, replaced, after } = this.done!;
    return { type: "done", seq: this.seq, text, replaced, ...(after ? { after } : {}) };
  }

  /** `after` is unknown when the line was read from the database: the page then reloads its data. */
  committed(text: string, replaced: boolean, final: boolean, after?: AfterLine): void {
    if (this.settled || this.done) return;
    this.done = { text, replaced, final, after };
    this.emit(this.doneEvent());
    if (!final) this.finish(null);
  }

  ended(outcome: string, redirect: string): void {
    if (this.settled) return;
    if (!this.done) return; // an `ended` before our line's `done` is not ours to report
    this.emit({ type: "ended", outcome, redirect });
    this.finish(outcome as Outcome);
  }

  failed(message: string): void {
    if (this.settled) return;
    this.settled = true;
    this.emit({ type: "error", message });
    this.reject(new Error(message));
  }

  finish(outcome: Outcome | null): void {
    if (this.settled || !this.done) return;
    this.settled = true;
    this.resolve({ seq: this.seq, text: this.done.text, replaced: this.done.replaced, outcome, after: this.done.after });
  }

  isFinal(): boolean {
    return this.done?.final ?? false;
  }
  hasDone(): boolean {
    return this.done !== null;
  }
}

export function createPostgresReplyRegistry(db: Database): ReplyRegistry {
  const sql = (db as unknown as { $client: Sql }).$client;
  const owner = randomUUID();
  const running = new Map<string, { generation: LocalGeneration; published: boolean; chain: Promise<unknown> }>();
  const followers = new Map<string, RemoteReply>();
  const starting = new Map<string, Promise<ReplyHandle | null>>();
  let listening: Promise<{ unlisten(): Promise<void> }> | null = null;
  let closed = false;

  const listen = () =>
    (listening ??= sql.listen(REPLY_CHANNEL, (payload) => onMessage(payload)).catch((error: unknown) => {
      listening = null;
      throw error;
    }));

  /**
   * Every payload this process sends begins with its mark (`{"o":"<owner>",` then the message's
   * fields): Postgres delivers a NOTIFY to every listener, this process's own LISTEN connection
   * included, and a process never needs its own messages (its followers of its own lines are fed by
   * the generation itself), so it drops them without parsing them (decision 225: a `done` carries the
   * whole line, up to 7.5 KB, back to its sender on every turn).
   */
  const mark = `{"o":${JSON.stringify(owner)},`;
  const marked = (message: object) => mark + JSON.stringify(message).slice(1);

  /** A message as a NOTIFY payload; null when too long and not needed (`done` brings the whole line). */
  function payloadOf(message: Wire): string | null {
    const payload = marked(message);
    if (payload.length <= MAX_PAYLOAD) return payload;
    if (message.k === "d") return marked({ ...message, text: null });
    if (message.k === "snap" || message.k === "t") return null;
    return marked({ ...message, m: "error" });
  }

  function send(entry: { chain: Promise<unknown> } | null, message: Wire): void {
    const payload = payloadOf(message);
    if (payload === null) return;
    const go = () => sql.notify(REPLY_CHANNEL, payload).catch(() => undefined);
    // One producer's messages in order (each NOTIFY may take another pooled connection).
    if (entry) entry.chain = entry.chain.then(go);
    else void go();
  }

  function onMessage(payload: string): void {
    if (payload.startsWith(mark)) return; // this process's own message
    let message: Wire;
    try {
      message = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (message.k === "r") {
      const entry = running.get(message.a);
      if (!entry || entry.generation.seq !== message.s) return;
      entry.published = true;
      send(entry, { k: "snap", a: message.a, s: message.s, t: [...entry.generation.tokens] });
      return;
    }
    const follower = followers.get(message.a);
    if (!follower) return;
    if (message.k === "e") return follower.ended(message.outcome, message.redirect);
    if (message.s !== follower.seq) return;
    if (message.k === "snap") follower.tokensFrom(0, message.t);
    else if (message.k === "t") follower.tokensFrom(message.i, message.t);
    else if (message.k === "x") follower.failed(message.m);
    else if (message.k === "d") {
      if (message.text === null) void check(follower);
      else follower.committed(message.text, message.replaced, message.final, message.v);
    }
  }

  async function claim(attemptId: string, seq: number): Promise<boolean> {
    const rows = await sql`
      insert into reply_claims (attempt_id, seq, owner, expires_at)
      values (${attemptId}, ${seq}, ${owner}, now() + make_interval(secs => ${LEASE_MS / 1000}))
      on conflict (attempt_id) do update
        set seq = excluded.seq, owner = excluded.owner, expires_at = excluded.expires_at
        where reply_claims.expires_at < now() or reply_claims.seq < excluded.seq or reply_claims.owner = excluded.owner
      returning owner`;
    return rows.length > 0;
  }

  function produce(call: LoadedAttempt, pending: Pending): LocalGeneration {
    const attemptId = call.attempt.id;
    const entry = {
      generation: null as unknown as LocalGeneration,
      published: false,
      chain: Promise.resolve() as Promise<unknown>,
      /** The claim was deleted and `done` notified by the commit's own statement. */
      released: false,
    };
    let batch: { i: number; t: string[] } | null = null;
    let batchTimer: NodeJS.Timeout | null = null;
    const flush = () => {
      if (batchTimer) clearTimeout(batchTimer);
      batchTimer = null;
      if (batch) send(entry, { k: "t", a: attemptId, s: pending.seq, i: batch.i, t: batch.t });
      batch = null;
    };
    const relay = (event: CallEvent, info?: DoneInfo) => {
      if (event.type === "token") {
        if (!entry.published) return;
        batch ??= { i: entry.generation.tokens.length - 1, t: [] };
        batch.t.push(event.text);
        batchTimer ??= setTimeout(flush, TOKEN_BATCH_MS);
        return;
      }
      flush();
      if (event.type === "done") {
        if (info?.announced) {
          entry.released = true;
          clearInterval(renew);
          return;
        }
        const final = info?.final ?? false;
        send(entry, { k: "d", a: attemptId, s: pending.seq, text: event.text, replaced: event.replaced, final, ...(event.after ? { v: event.after } : {}) });
      } else if (event.type === "ended") {
        send(entry, { k: "e", a: attemptId, outcome: event.outcome, redirect: event.redirect });
      } else {
        send(entry, { k: "x", a: attemptId, s: pending.seq, m: event.message });
      }
    };
    // The release and `done` in the commit's statement, after the tokens already sent to followers.
    const commitWith: CommitWith = async (line) => {
      flush();
      await entry.chain;
      const payload = payloadOf({ k: "d", a: attemptId, s: line.seq, text: line.text, replaced: line.replaced, final: line.final, v: line.after });
      return {
        ctes: fragment`, released as (
          delete from reply_claims where attempt_id = ${attemptId} and owner = ${owner} and seq = ${pending.seq}
          returning 1
        )`,
        select: fragment`select pg_notify(${REPLY_CHANNEL}, ${payload})`,
      };
    };
    entry.generation = new LocalGeneration(attemptId, pending.seq, (emit) =>
      produceReply(
        call,
        pending,
        (event, info) => {
          emit(event);
          relay(event, info);
        },
        { commitWith },
      ),
    );
    running.set(attemptId, entry);
    const renew: NodeJS.Timeout = setInterval(() => {
      void sql`update reply_claims set expires_at = now() + make_interval(secs => ${LEASE_MS / 1000})
               where attempt_id = ${attemptId} and owner = ${owner} and seq = ${pending.seq}`.catch(() => undefined);
    }, RENEW_MS);
    renew.unref?.();
    const release = async () => {
      clearInterval(renew);
      if (running.get(attemptId) === entry) running.delete(attemptId);
      if (entry.released) return;
      await entry.chain;
      await sql`delete from reply_claims where attempt_id = ${attemptId} and owner = ${owner} and seq = ${pending.seq}`.catch(() => undefined);
    };
    entry.generation.result.then(release, release);
    return entry.generation;
  }

  /** Read the database for a follower: the committed line ends its wait; a lapsed lease is taken over. */
  async function check(follower: RemoteReply): Promise<void> {
    if (follower.settled) return;
    // One statement: the committed line if any, the call's status, and whether the claim is alive.
    const [state] = await sql<{ text: string | null; status: string; outcome: string | null; alive: boolean | null }[]>`
      select (select t.text from turns t where t.attempt_id = a.id and t.seq = ${follower.seq}) as text,
             a.status, a.outcome,
             (select c.expires_at > now() from reply_claims c where c.attempt_id = a.id and c.seq = ${follower.seq}) as alive
      from attempts a where a.id = ${follower.attemptId}`;
    if (!state) return;
    if (state.text !== null) {
      const ended = state.status === "ended";
      follower.committed(state.text, false, ended || follower.isFinal());
      if (ended) follower.ended(state.outcome ?? "unresolved", `/calls/${follower.attemptId}/report`);
      else if (!follower.isFinal()) follower.finish(null);
      // A final line whose call is not ended yet: `ended` (or the next read) follows.
      return;
    }
    if (state.alive) return;
    // Nobody is producing it any more (the producer died): produce it here.
    const call = await loadAttempt(follower.attemptId);
    const pending = call ? pendingOf(call) : null;
    if (!call || !pending || pending.seq !== follower.seq) return;
    if (!(await claim(follower.attemptId, pending.seq))) return;
    const generation = running.get(follower.attemptId)?.generation ?? produce(call, pending);
    let sent = follower.tokens.length;
    generation.follow((event) => {
      if (event.type === "token") {
        // Tokens already shown from the first producer are not repeated; `done` carries the line.
        if (sent > 0) sent--;
        else follower.tokensFrom(follower.tokens.length, [event.text]);
      }
      // `done`, `ended` and `error` come from the result below, in that order.
    });
    generation.result.then(
      (r) => {
        follower.committed(r.text, r.replaced, r.outcome !== null, r.after);
        if (r.outcome) follower.ended(r.outcome, `/calls/${follower.attemptId}/report`);
      },
      (e: unknown) => follower.failed(e instanceof Error ? e.message : String(e)),
    );
  }

  function followRemote(attemptId: string, seq: number): RemoteReply {
    const existing = followers.get(attemptId);
    if (existing && existing.seq === seq && !existing.settled) return existing;
    const follower = new RemoteReply(attemptId, seq);
    followers.set(attemptId, follower);
    send(null, { k: "r", a: attemptId, s: seq });
    void check(follower).catch(() => undefined);
    const timer = setInterval(() => void check(follower).catch(() => undefined), POLL_MS);
    timer.unref?.();
    const forget = () => {
      clearInterval(timer);
      if (followers.get(attemptId) === follower) followers.delete(attemptId);
    };
    follower.result.then(forget, forget);
    return follower;
  }

  async function start(attemptId: string, loaded?: LoadedAttempt, claimed?: number): Promise<ReplyHandle | null> {
    const call = loaded ?? (await loadAttempt(attemptId));
    if (!call) return null;
    const pending = pendingOf(call);
    if (!pending) return null;
    const mine = running.get(attemptId);
    if (mine) return mine.generation;
    const followed = followers.get(attemptId);
    if (followed && followed.seq === pending.seq && !followed.settled) return followed;
    // Listening before claiming: a `done` from the process that holds the claim cannot be missed.
    // (Listening also lets this process answer other processes' replay requests for its own lines.)
    await listen();
    if (claimed === pending.seq || (await claim(attemptId, pending.seq))) return produce(call, pending);
    return followRemote(attemptId, pending.seq);
  }

  return {
    local: (attemptId) => running.get(attemptId)?.generation,
    claimAfter: () => fragment`, claimed as (
      insert into reply_claims (attempt_id, seq, owner, expires_at)
      select attempt_id, seq + 1, ${owner}, now() + make_interval(secs => ${LEASE_MS / 1000}) from said
      on conflict (attempt_id) do update
        set seq = excluded.seq, owner = excluded.owner, expires_at = excluded.expires_at
        where reply_claims.expires_at < now() or reply_claims.seq < excluded.seq or reply_claims.owner = excluded.owner
      returning 1
    )`,
    async ensure(attemptId, loaded, claimed) {
      if (closed) throw new Error("the reply registry is closed");
      const mine = running.get(attemptId);
      if (mine) return mine.generation;
      let pendingStart = starting.get(attemptId);
      if (!pendingStart) {
        pendingStart = start(attemptId, loaded, claimed).finally(() => starting.delete(attemptId));
        starting.set(attemptId, pendingStart);
      }
      return pendingStart;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running.values()].map((e) => e.generation.result));
      await Promise.allSettled([...running.values()].map((e) => e.chain));
      const l = await listening?.catch(() => null);
      await l?.unlisten().catch(() => undefined);
    },
  };
}
