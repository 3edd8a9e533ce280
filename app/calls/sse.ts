/**
 * The call's Server-Sent Events: what the stream route sends and how the browser reads it.
 * Pure (no DOM, no Node, no zod: it is in the call page's bundle): shared by
 * app/routes/api.calls.$id.stream.tsx and the call page.
 *
 *   token  { text }                       a piece of the customer's line as it is produced
 *   done   { seq, text, replaced, after? } the committed line (may differ from the tokens when a
 *                                         guardrail replaced an LLM line: then replaced = true);
 *                                         `after` is what the page shows once it is said (her mood,
 *                                         the offline notice), so the page needs no reload (decision 160)
 *   ended  { outcome, redirect }          the call is over and scored; go to `redirect`
 *   error  { message }                    the reply could not be produced (the trainee's turn is saved)
 */
/** What the call page shows once a line is committed: her mood (null when the scenario hides it), the offline notice. */
export interface AfterLine {
  mood: "calm" | "annoyed" | "angry" | null;
  offline: boolean;
}

export type CallEvent =
  | { type: "token"; text: string }
  | { type: "done"; seq: number; text: string; replaced: boolean; after?: AfterLine }
  | { type: "ended"; outcome: string; redirect: string }
  | { type: "error"; message: string };

type FieldCheck = [field: string, problem: string, ok: (value: unknown) => boolean, optional?: "optional"];
const isString = (v: unknown) => typeof v === "string";
const isAfterLine = (v: unknown) =>
  typeof v === "object" &&
  v !== null &&
  [null, "calm", "annoyed", "angry"].includes((v as AfterLine).mood) &&
  typeof (v as AfterLine).offline === "boolean";
const FIELDS: Record<CallEvent["type"], FieldCheck[]> = {
  token: [["text", "expected a string", isString]],
  done: [
    ["seq", "expected a whole number ≥ 0", (v) => typeof v === "number" && Number.isInteger(v) && v >= 0],
    ["text", "expected a string", isString],
    ["replaced", "expected true or false", (v) => typeof v === "boolean"],
    ["after", "expected { mood, offline }", isAfterLine, "optional"],
  ],
  ended: [
    ["outcome", "expected a string", isString],
    ["redirect", "expected a path starting with /", (v) => typeof v === "string" && v.startsWith("/")],
  ],
  error: [["message", "expected a string", isString]],
};

/** Check an event read from the wire: the event, or what is wrong with it (field and problem). */
export function checkCallEvent(
  type: string,
  data: unknown,
): { event: CallEvent } | { path: string; problem: string } {
  if (!Object.hasOwn(FIELDS, type)) return { path: "type", problem: `unknown event "${type}"` };
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { path: "(root)", problem: "expected an object" };
  const record = data as Record<string, unknown>;
  const event: Record<string, unknown> = { type };
  for (const [field, problem, ok, optional] of FIELDS[type as CallEvent["type"]]) {
    if (optional && record[field] === undefined) continue;
    if (!ok(record[field])) return { path: field, problem };
    event[field] = record[field];
  }
  return { event: event as CallEvent };
}

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
  const checked = checkCallEvent(name, payload);
  if ("path" in checked)
    return {
      type: "error",
      message: `stream: event "${name}" is invalid at ${checked.path}: ${checked.problem}`,
    };
  return checked.event;
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
  const response = await fetch(url, {
    headers: { Accept: "text/event-stream" },
    signal,
    credentials: "same-origin",
  });
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
