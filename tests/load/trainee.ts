/**
 * One simulated trainee playing a whole call over the browser's real request sequence (Remix single
 * fetch, JavaScript on), for the several-processes test and `npm run load`:
 *
 *   start   POST /train/:slug (mode=stream) → /calls/:id;  GET /calls/:id.data (the page's loaders)
 *   opening GET /api/calls/:id/stream?seq=0 (in person: her first line)
 *   a turn  POST /calls/:id.data (intent=say, mode=stream: the fetcher; the page revalidates nothing after a
 *           streamed turn, decision 160) → GET /api/calls/:id/stream?seq=n+1 (tokens, done, maybe ended)
 *   end     POST /calls/:id (intent=end) → the scorecard
 *
 * (Until session 8 it also read the page after each POST and each reply, as the browser did before decision
 * 160: a reply that ended the call before that read came back as a redirect to the scorecard, counted as an
 * error although the browser never makes that request.)
 *
 * Turn time: from the say POST to the `done` event of the reply.
 */
import { randomUUID } from "node:crypto";

export interface TurnFigure {
  ms: number;
  tokens: number;
  streamedMatches: boolean;
}

export interface PlayedCall {
  attemptId: string | null;
  accepted: number;
  turns: TurnFigure[];
  errors: string[];
  ended: boolean;
}

interface StreamRead {
  tokens: string[];
  done: { seq: number; text: string } | null;
  ended: boolean;
  error: string | null;
}

async function readStream(url: string, cookie: string, signal: AbortSignal): Promise<StreamRead> {
  const res = await fetch(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal });
  if (res.status !== 200) throw new Error(`stream: HTTP ${res.status}`);
  const body = await res.text();
  const read: StreamRead = { tokens: [], done: null, ended: false, error: null };
  for (const frame of body.split("\n\n")) {
    const event = /^event: (\w+)$/m.exec(frame)?.[1];
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (!event || data === undefined) continue;
    const parsed = JSON.parse(data) as { text?: string; seq?: number; message?: string };
    if (event === "token") read.tokens.push(parsed.text ?? "");
    else if (event === "done") read.done = { seq: parsed.seq ?? -1, text: parsed.text ?? "" };
    else if (event === "ended") read.ended = true;
    else if (event === "error") read.error = parsed.message ?? "error";
  }
  return read;
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Play one call: the opening, then `lines` one by one (as long as the call lasts), then End call. */
export async function playCall(input: {
  base: string;
  cookie: string;
  slug: string;
  lines: string[];
  locale?: "en" | "fr";
  /** Stop saying new lines after this time (the call is still ended). */
  until?: number;
  timeoutMs?: number;
  /**
   * Read the page once more before the opening's stream: behind a strict round-robin proxy with two
   * processes, the opening's stream then lands on the other process than the POST that started the call
   * (each turn, POST then stream, already alternates).
   */
  streamElsewhere?: boolean;
}): Promise<PlayedCall> {
  const { base, cookie } = input;
  const played: PlayedCall = { attemptId: null, accepted: 0, turns: [], errors: [], ended: false };
  const signal = AbortSignal.timeout(input.timeoutMs ?? 120_000);
  const headers = { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" };
  const page = async () => {
    const res = await fetch(`${base}/calls/${played.attemptId}.data`, { headers: { Cookie: cookie }, signal });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`page data: HTTP ${res.status} ${body.slice(0, 160)}`);
  };
  try {
    const start = await fetch(`${base}/train/${input.slug}`, {
      method: "POST",
      redirect: "manual",
      headers,
      body: form({ callLocale: input.locale ?? "en", mode: "stream" }),
      signal,
    });
    const location = start.headers.get("location") ?? "";
    const id = /^\/calls\/([0-9a-f-]{36})$/.exec(location)?.[1];
    if (!id) throw new Error(`start: HTTP ${start.status} to ${location || "nowhere"}`);
    played.attemptId = id;
    await page();
    if (input.streamElsewhere) await page();
    const opening = await readStream(`${base}/api/calls/${id}/stream?seq=0`, cookie, signal);
    if (!opening.done) throw new Error(`opening: ${opening.error ?? "no done event"}`);
    let seq = 0;
    for (const line of input.lines) {
      if (input.until !== undefined && Date.now() >= input.until) break;
      const t0 = performance.now();
      const said = await fetch(`${base}/calls/${id}.data`, {
        method: "POST",
        headers,
        body: form({ intent: "say", text: line, clientToken: randomUUID(), mode: "stream" }),
        signal,
      });
      const answer = await said.text();
      if (said.status !== 200 || !answer.includes('"ok"')) {
        // The call may have ended on the previous line (redirect to the scorecard): not an error.
        if (said.status === 202 || said.status === 204 || /report/.test(answer)) {
          played.ended = true;
          break;
        }
        throw new Error(`say: HTTP ${said.status}`);
      }
      played.accepted++;
      seq += 2;
      const reply = await readStream(`${base}/api/calls/${id}/stream?seq=${seq}`, cookie, signal);
      if (!reply.done) throw new Error(`reply ${seq}: ${reply.error ?? "no done event"}`);
      played.turns.push({
        ms: performance.now() - t0,
        tokens: reply.tokens.length,
        streamedMatches: reply.tokens.join("").trim() === reply.done.text.trim(),
      });
      if (reply.ended) {
        played.ended = true;
        break;
      }
    }
    if (!played.ended) {
      const end = await fetch(`${base}/calls/${id}`, { method: "POST", redirect: "manual", headers, body: form({ intent: "end" }), signal });
      await end.arrayBuffer();
      if (end.status !== 302 && end.status !== 303) throw new Error(`end: HTTP ${end.status}`);
      played.ended = true;
    }
  } catch (error) {
    played.errors.push(error instanceof Error ? error.message : String(error));
  }
  return played;
}
