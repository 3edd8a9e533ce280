/**
 * The call's Server-Sent Events: what the stream route sends and how the browser reads it.
 * Pure (no DOM, no Node): shared by app/routes/api.calls.$id.stream.tsx and the call page.
 *
 *   token  { text }                       a piece of the customer's line as it is produced
 *   done   { seq, text, replaced }        the committed line (may differ from the tokens when a
 *                                         guardrail replaced an LLM line: then replaced = true)
 *   ended  { outcome, redirect }          the call is over and scored; go to `redirect`
 *   error  { message }                    the reply could not be produced (the trainee's turn is saved)
 */
import { z } from "zod";

export const CallEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("token"), text: z.string() }),
  z.object({ type: z.literal("done"), seq: z.number().int().min(0), text: z.string(), replaced: z.boolean() }),
  z.object({ type: z.literal("ended"), outcome: z.string(), redirect: z.string().startsWith("/") }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type CallEvent = z.infer<typeof CallEvent>;

/** One SSE frame. JSON keeps newlines out of the `data:` line. */
export function encodeEvent(event: CallEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment frame, to keep proxies from closing an idle stream. */
export const KEEP_ALIVE = ": keep-alive\n\n";

/**
 * Incremental text/event-stream parser: feed it chunks as they arrive, get the events whose
 * frame is complete. Frames with an unknown event name or invalid data become `error` events
 * naming what was wrong, never a silent drop.
 */
export class CallEventParser {
  private buffer = "";

  push(chunk: string): CallEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const events: CallEvent[] = [];
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = parseFrame(frame);
      if (event) events.push(event);
    }
    return events;
  }
}

function parseFrame(frame: string): CallEvent | null {
  let name = "message";
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") name = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(data.join("\n"));
  } catch {
    return { type: "error", message: `stream: event "${name}" has data that is not JSON` };
  }
  const parsed = CallEvent.safeParse({ ...(payload as object), type: name });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { type: "error", message: `stream: event "${name}" is invalid at ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  return parsed.data;
}

/**
 * Read the call's stream with fetch (no automatic reconnection, unlike EventSource: a
 * finished reply must not be asked for again). Calls `onEvent` for each event; resolves when
 * the server closes the stream.
 */
export async function readCallStream(
  url: string,
  onEvent: (event: CallEvent) => void,
  { signal }: { signal?: AbortSignal } = {},
): Promise<void> {
  const response = await fetch(url, { headers: { Accept: "text/event-stream" }, signal, credentials: "same-origin" });
  if (!response.ok || !response.body) {
    onEvent({ type: "error", message: `stream: HTTP ${response.status}` });
    return;
  }
  const parser = new CallEventParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const event of parser.push(value)) onEvent(event);
  }
}
