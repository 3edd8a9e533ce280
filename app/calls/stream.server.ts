/**
 * The SSE resource route's body (app/routes/api.calls.$id.stream.tsx): the pending customer
 * line of a call, token by token, then `done` once it is committed, then `ended` when the
 * call is over. Connecting starts the reply when nobody is producing it (a reload after a
 * restart); disconnecting stops nothing: the reply is still committed. The line may be produced
 * by another process: the reply registry's handle follows it all the same (decision 113).
 */
import { callViewOf, requireOwnCall } from "./attempts.server";
import { customerOffline } from "./engines.server";
import { reportPath } from "./finish.server";
import { PLAYER_ROLES } from "./page.server";
import { ensureReply } from "./reply-registry.server";
import { encodeEvent, KEEP_ALIVE, type AfterLine, type CallEvent } from "./sse";

const KEEP_ALIVE_MS = 15_000;

export async function streamCall(request: Request, attemptId: string | undefined): Promise<Response> {
  const { loaded } = await requireOwnCall(request, PLAYER_ROLES, attemptId);
  const id = loaded.attempt.id;
  const seqParam = new URL(request.url).searchParams.get("seq");
  const wantedSeq = seqParam !== null && /^\d{1,6}$/.test(seqParam) ? Number(seqParam) : null;

  const generation = loaded.attempt.status === "live" ? await ensureReply(id, loaded).catch(() => null) : null;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (event: CallEvent) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(encodeEvent(event)));
        } catch {
          closed = true;
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const timer = setInterval(() => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(KEEP_ALIVE));
        } catch {
          closed = true;
        }
      }, KEEP_ALIVE_MS);
      request.signal.addEventListener("abort", () => close());

      if (!generation) {
        // Nothing pending: the line asked for is already committed (a reconnect after `done`).
        // The call as this request read it holds every committed turn: no statement (decision 160), and
        // `after` as the page's loader would give it, so that the page reloads nothing.
        const seq = wantedSeq ?? loaded.turns.at(-1)?.seq ?? null;
        const row = seq === null ? undefined : loaded.turns.find((t) => t.seq === seq);
        if (seq !== null && row?.speaker === "customer") {
          const after: AfterLine = { mood: loaded.scenario.customer.hideMood ? null : callViewOf(loaded).mood, offline: customerOffline() };
          send({ type: "done", seq, text: row.text, replaced: false, after });
        }
        if (loaded.attempt.status === "ended") {
          send({ type: "ended", outcome: loaded.attempt.outcome ?? "unresolved", redirect: reportPath(id) });
        }
        clearInterval(timer);
        close();
        return;
      }

      let sentDone = false;
      let sentEnded = false;
      let sentError = false;
      const listener = (event: CallEvent) => {
        if (event.type === "done") sentDone = true;
        if (event.type === "ended") sentEnded = true;
        if (event.type === "error") sentError = true;
        send(event);
      };
      // Catch up on what was said before we connected, then follow (nothing is missed).
      const unfollow = generation.follow(listener);
      cleanup = () => {
        clearInterval(timer);
        unfollow();
      };
      generation.result.then(
        (result) => {
          if (!sentDone)
            send({ type: "done", seq: result.seq, text: result.text, replaced: result.replaced, ...(result.after ? { after: result.after } : {}) });
          if (result.outcome && !sentEnded) send({ type: "ended", outcome: result.outcome, redirect: reportPath(id) });
          close();
        },
        (error: unknown) => {
          if (!sentError) send({ type: "error", message: error instanceof Error ? error.message : String(error) });
          close();
        },
      );
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
