/**
 * The call page's reading of a pending customer reply over Server-Sent Events (app/calls/sse.ts):
 * once per pending seq, tokens as they come, then the committed line; when the call is over,
 * a pause to read the last words and on to the scorecard. The `done` event carries what the page
 * shows after the line (her mood, the offline notice): `onCommitted` puts the committed turn in the
 * page without reloading its data (decision 160). Only a `done` without it (a line read back from
 * the database after a reconnect) or a broken stream reloads the page's data.
 */
import { useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { readCallStream, type AfterLine, type CallEvent } from "./sse";

export interface StreamState {
  seq: number;
  text: string;
  phase: "waiting" | "streaming" | "done" | "error";
  error?: string;
  /** Where to go when the call is over (the scorecard). */
  ended?: string;
}

/** How long the customer's last words stay on screen before the scorecard. */
const LAST_WORDS_MS = 1500;

/**
 * The reply being streamed for `pendingSeq` (null before any). Starts reading only once the page
 * is hydrated; never twice for the same seq.
 */
export function useCallStream({
  callId,
  pendingSeq,
  hydrated,
  onCommitted,
}: {
  callId: string;
  pendingSeq: number | null;
  hydrated: boolean;
  /** The committed line and what the page shows after it; the page adds the turn itself. */
  onCommitted?: (line: { seq: number; text: string; after: AfterLine }) => void;
}): StreamState | null {
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [stream, setStream] = useState<StreamState | null>(null);
  const started = useRef(new Set<number>());
  const committedRef = useRef(onCommitted);
  committedRef.current = onCommitted;

  useEffect(() => {
    const seq = pendingSeq;
    if (!hydrated || seq === null || started.current.has(seq)) return;
    started.current.add(seq);
    const controller = new AbortController();
    setStream({ seq, text: "", phase: "waiting" });
    const onEvent = (event: CallEvent) => {
      if (event.type === "token") {
        setStream((s) => (s && s.seq === seq ? { ...s, text: s.text + event.text, phase: "streaming" } : s));
      } else if (event.type === "done") {
        // The committed line wins over the streamed tokens (a guardrail may have replaced them).
        setStream((s) => (s && s.seq === seq ? { ...s, text: event.text, phase: "done" } : s));
      } else if (event.type === "ended") {
        setStream((s) => (s ? { ...s, phase: "done", ended: event.redirect } : s));
      } else {
        setStream((s) => (s && s.seq === seq ? { ...s, phase: "error", error: event.message } : s));
      }
    };
    let endedTo: string | null = null;
    let applied = false;
    readCallStream(`/api/calls/${callId}/stream?seq=${seq}`, (e) => {
      if (e.type === "ended") endedTo = e.redirect;
      if (e.type === "done" && e.seq === seq && e.after && committedRef.current) {
        committedRef.current({ seq: e.seq, text: e.text, after: e.after });
        applied = true;
      }
      onEvent(e);
    })
      .then(() => {
        if (endedTo) {
          // Let the trainee read the customer's last words, then go to the scorecard.
          const to = endedTo;
          window.setTimeout(() => navigate(to), LAST_WORDS_MS);
        } else if (!applied) {
          revalidator.revalidate();
        }
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setStream((s) => (s && s.seq === seq ? { ...s, phase: "error", error: String(error) } : s));
      });
    // No abort on unmount: the reply is produced and committed by the server anyway.
    // navigate and revalidator are left out of the dependencies on purpose: a new identity must not read again.
  }, [hydrated, pendingSeq, callId]);

  return stream;
}
