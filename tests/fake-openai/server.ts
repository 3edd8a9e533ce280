/**
 * A loopback fake of an OpenAI-compatible server (POST /v1/chat/completions),
 * for tests, benchmarks and offline play. No network beyond 127.0.0.1.
 *
 * - `stream: true`  → SSE `data: {chat.completion.chunk}` lines ending in `data: [DONE]`;
 * - `response_format: { type: "json_schema" }` or a forced tool call → a JSON answer;
 * - injectable latency (before the first byte, between chunks), HTTP errors
 *   (429 with retry-after, 500, ...), hangs (for timeouts), malformed JSON,
 *   a connection dropped mid-stream;
 * - records every request it receives (body, headers, timings).
 *
 *   const fake = await startFakeOpenAI({ script: (req) => ({ text: "Hello." }) });
 *   new ChatOpenAI({ configuration: { baseURL: fake.baseUrl }, apiKey: "test", ... });
 *   fake.setBehaviour({ status: 429, retryAfterSeconds: 1 }, { times: 1 });
 *   fake.requests[0].body.messages ...
 *   await fake.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface ChatMessage {
  role: string;
  content: unknown;
  name?: string;
  tool_calls?: unknown;
}

/** What a request asks for, as far as the fake can tell. */
export type RequestKind = "text" | "json_schema" | "json_object" | "tool";

export interface RecordedRequest {
  /** 0-based order of arrival. */
  index: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: ChatCompletionBody | undefined;
  rawBody: string;
  kind: RequestKind;
  stream: boolean;
  /** Name of the JSON schema or forced tool, when structured output is asked for. */
  schemaName?: string;
  /** JSON schema of the structured output, when given. */
  schema?: unknown;
  /** Every message's text, joined with blank lines (handy to scan a prompt). */
  promptText: string;
  /** performance.now() timings of the fake's side: arrival, first byte written, last byte written. */
  receivedAt: number;
  firstByteAt?: number;
  /** performance.now() when each content (or tool-argument) chunk was written, streaming only. */
  chunkTimes: number[];
  endedAt?: number;
  /** How the fake answered (for assertions). */
  answeredWith?: string;
}

export interface ChatCompletionBody {
  model?: string;
  messages?: ChatMessage[];
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
  tools?: Array<{ type: string; function: { name: string; parameters?: unknown } }>;
  tool_choice?: unknown;
  [key: string]: unknown;
}

export interface Latency {
  /** Delay before the first byte of the response (ms). */
  firstByteMs?: number;
  /** Delay between two streamed chunks (ms). */
  betweenChunksMs?: number;
}

/** How to answer one request. */
export type FakeReply =
  /** A text answer (streamed word by word when the request streams; `chunks` overrides the split). */
  | { text: string; chunks?: string[]; latency?: Latency }
  /** A structured answer: JSON content for json_schema/json_object, tool-call arguments for tools. */
  | { json: unknown; latency?: Latency }
  /** An HTTP error with an OpenAI-style error body. */
  | { status: number; retryAfterSeconds?: number; message?: string; latency?: Latency }
  /** Never answer (the client must time out). */
  | { hang: true }
  /** A 200 whose content is not valid JSON (structured) or a broken SSE line (streaming). */
  | { malformed: true; latency?: Latency }
  /** Stream `afterChunks` chunks of `text`, then destroy the connection. */
  | { text: string; dropAfterChunks: number; latency?: Latency };

export type Script = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAIOptions {
  /** Decides every answer (default: {@link defaultScript}). */
  script?: Script;
  /** Default latency applied to every answer that does not set its own. */
  latency?: Latency;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Log one line per request to stderr. */
  log?: boolean;
  /**
   * Serve GET /__fake/requests?since=N: the timings of the requests received
   * (durations from arrival, so a process on another clock can use them).
   */
  control?: boolean;
}

/** A request's timings relative to its arrival (ms), as served by the control endpoint. */
export interface RequestTimings {
  index: number;
  kind: RequestKind;
  answeredWith?: string;
  firstByteMs?: number;
  chunkMs: number[];
  endedMs?: number;
}

export function timingsOf(r: RecordedRequest): RequestTimings {
  return {
    index: r.index,
    kind: r.kind,
    answeredWith: r.answeredWith,
    firstByteMs: r.firstByteAt !== undefined ? r.firstByteAt - r.receivedAt : undefined,
    chunkMs: r.chunkTimes.map((t) => t - r.receivedAt),
    endedMs: r.endedAt !== undefined ? r.endedAt - r.receivedAt : undefined,
  };
}

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:43121/v1 — what OPENAI_BASE_URL should be. */
  baseUrl: string;
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** TCP connections accepted so far (to see whether clients reuse them). */
  readonly connections: number;
  /**
   * Override the script: a reply (or a script) used for the next `times`
   * requests (default: until changed). `setBehaviour(null)` goes back to the script.
   */
  setBehaviour(behaviour: FakeReply | Script | null, options?: { times?: number; kinds?: RequestKind[] }): void;
  /** Change the default latency. */
  setLatency(latency: Latency): void;
  /** Replace the script. */
  setScript(script: Script): void;
  /** Forget the recorded requests. */
  clearRequests(): void;
  close(): Promise<void>;
}

/** A minimal instance of a JSON schema (empty arrays, first enum value, ...). */
export function minimalInstance(schema: unknown): unknown {
  if (!schema || typeof schema !== "object") return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if ("const" in s) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return minimalInstance(s.anyOf[0]);
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required as string[] | undefined) ?? Object.keys(props));
      for (const [k, v] of Object.entries(props)) if (required.has(k)) out[k] = minimalInstance(v);
      return out;
    }
    case "array":
      return [];
    case "string":
      return "";
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}

/** Default answers: a short line for text, a minimal valid instance for structured output. */
export const defaultScript: Script = (req) => {
  if (req.kind === "text") return { text: "Hello, this is the fake customer speaking." };
  return { json: minimalInstance(req.schema) };
};

function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((part) => (part && typeof part === "object" && "text" in part ? String((part as { text: unknown }).text) : ""))
      .join("");
  return "";
}

function describe(body: ChatCompletionBody | undefined): Pick<RecordedRequest, "kind" | "schemaName" | "schema" | "stream" | "promptText"> {
  const promptText = (body?.messages ?? []).map((m) => textOfContent(m.content)).join("\n\n");
  const stream = body?.stream === true;
  const rf = body?.response_format;
  if (rf?.type === "json_schema") {
    return { kind: "json_schema", schemaName: rf.json_schema?.name, schema: rf.json_schema?.schema, stream, promptText };
  }
  if (rf?.type === "json_object") return { kind: "json_object", stream, promptText };
  if (body?.tools && body.tools.length > 0 && body.tool_choice) {
    const tc = body.tool_choice as { function?: { name?: string } } | string;
    const name = typeof tc === "object" ? tc.function?.name : body.tools[0]?.function.name;
    const tool = body.tools.find((t) => t.function.name === name) ?? body.tools[0];
    return { kind: "tool", schemaName: tool?.function.name, schema: tool?.function.parameters, stream, promptText };
  }
  return { kind: "text", stream, promptText };
}

const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

/** Split a text into stream chunks: one per word, keeping the spaces. */
export function wordChunks(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [text];
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let script: Script = options.script ?? defaultScript;
  let latency: Latency = { ...options.latency };
  let override: { behaviour: FakeReply | Script; remaining: number; kinds?: RequestKind[] } | null = null;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;

  function pick(req: RecordedRequest): FakeReply | Script {
    if (override && override.remaining > 0 && (!override.kinds || override.kinds.includes(req.kind))) {
      override.remaining -= 1;
      const b = override.behaviour;
      if (override.remaining <= 0) override = null;
      return b;
    }
    return script;
  }

  async function handle(httpReq: IncomingMessage, res: ServerResponse) {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of httpReq) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const path = (httpReq.url ?? "/").split("?")[0] ?? "/";

    if (options.control && httpReq.method === "GET" && path === "/__fake/requests") {
      const since = Number(new URL(httpReq.url ?? "/", "http://x").searchParams.get("since") ?? 0);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(requests.slice(since).map(timingsOf)));
      return;
    }
    if (httpReq.method === "GET" && /\/models\/?$/.test(path)) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model", owned_by: "fake" }] }));
      return;
    }
    if (httpReq.method !== "POST" || !/\/chat\/completions\/?$/.test(path)) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${httpReq.method} ${path}`, type: "invalid_request_error" } }));
      return;
    }

    let body: ChatCompletionBody | undefined;
    try {
      body = JSON.parse(rawBody) as ChatCompletionBody;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = {
      index: requests.length,
      method: httpReq.method,
      path,
      headers: { ...httpReq.headers },
      body,
      rawBody,
      receivedAt: arrivedAt,
      chunkTimes: [],
      ...describe(body),
    };
    requests.push(recorded);
    if (options.log) {
      console.error(`[fake-openai] #${recorded.index} ${recorded.kind}${recorded.stream ? " stream" : ""} model=${body?.model ?? "?"}`);
    }
    if (!body) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "request body is not JSON", type: "invalid_request_error" } }));
      recorded.answeredWith = "400";
      return;
    }

    const chosen = pick(recorded);
    let reply: FakeReply;
    try {
      reply = typeof chosen === "function" ? await chosen(recorded) : chosen;
    } catch (err) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `fake script failed: ${String(err)}`, type: "server_error" } }));
      recorded.answeredWith = "script-error";
      return;
    }
    await answer(recorded, body, reply, res);
  }

  async function answer(req: RecordedRequest, body: ChatCompletionBody, reply: FakeReply, res: ServerResponse) {
    if ("hang" in reply) {
      req.answeredWith = "hang";
      return; // never answer; the socket is destroyed by the client's abort or by close()
    }
    const lat = { ...latency, ...("latency" in reply ? reply.latency : undefined) };
    await sleep(lat.firstByteMs ?? 0);
    if (res.destroyed) return;
    const id = `chatcmpl-fake-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? "fake-model";

    if ("status" in reply) {
      req.answeredWith = `http-${reply.status}`;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (reply.retryAfterSeconds !== undefined) headers["retry-after"] = String(reply.retryAfterSeconds);
      req.firstByteAt = performance.now();
      res.writeHead(reply.status, headers);
      res.end(
        JSON.stringify({
          error: {
            message: reply.message ?? (reply.status === 429 ? "Rate limit reached (fake)" : "Internal server error (fake)"),
            type: reply.status === 429 ? "rate_limit_error" : "server_error",
            code: reply.status === 429 ? "rate_limit_exceeded" : null,
          },
        }),
      );
      req.endedAt = performance.now();
      return;
    }

    // What goes in the assistant message.
    let content: string | null;
    let toolArgs: string | null = null;
    if ("malformed" in reply) {
      content = '{"moves": ["greet", "ask_question"'; // truncated JSON
      if (req.kind === "tool") {
        toolArgs = content;
        content = null;
      }
      req.answeredWith = "malformed";
    } else if ("json" in reply) {
      const json = JSON.stringify(reply.json);
      if (req.kind === "tool") {
        toolArgs = json;
        content = null;
      } else content = json;
      req.answeredWith = "json";
    } else {
      content = reply.text;
      req.answeredWith = "dropAfterChunks" in reply ? "drop" : "text";
    }

    if (!req.stream) {
      req.firstByteAt = performance.now();
      res.writeHead(200, { "content-type": "application/json" });
      const message: Record<string, unknown> = { role: "assistant", content, refusal: null };
      if (toolArgs !== null) {
        message.tool_calls = [{ id: `call_${counter}`, type: "function", function: { name: req.schemaName ?? "extract", arguments: toolArgs } }];
      }
      res.end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message, logprobs: null, finish_reason: toolArgs !== null ? "tool_calls" : "stop" }],
          usage: { prompt_tokens: Math.ceil(req.promptText.length / 4), completion_tokens: Math.ceil((content ?? toolArgs ?? "").length / 4), total_tokens: 0 },
        }),
      );
      req.endedAt = performance.now();
      return;
    }

    // Streaming (SSE).
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (delta: Record<string, unknown>, finish: string | null = null) =>
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`);
    req.firstByteAt = performance.now();
    send({ role: "assistant", content: "" });

    if ("malformed" in reply) {
      res.write("data: {this is not json\n\n");
      res.end();
      req.endedAt = performance.now();
      return;
    }

    const pieces =
      toolArgs !== null ? wordChunks(toolArgs) : "chunks" in reply && reply.chunks ? reply.chunks : wordChunks(content ?? "");
    const dropAfter = "dropAfterChunks" in reply ? reply.dropAfterChunks : Infinity;
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) await sleep(lat.betweenChunksMs ?? 0);
      if (res.destroyed) return;
      if (i >= dropAfter) {
        // Let what was written reach the client, then cut the connection.
        await new Promise<void>((r) => res.write("", () => r()));
        await sleep(5);
        req.endedAt = performance.now();
        res.socket?.destroy();
        return;
      }
      const piece = pieces[i] ?? "";
      if (toolArgs !== null) {
        send({
          tool_calls: [{ index: 0, ...(i === 0 ? { id: `call_${counter}`, type: "function" } : {}), function: { ...(i === 0 ? { name: req.schemaName ?? "extract" } : {}), arguments: piece } }],
        });
      } else send({ content: piece });
      req.chunkTimes.push(performance.now());
    }
    send({}, toolArgs !== null ? "tool_calls" : "stop");
    const so = body.stream_options as { include_usage?: boolean } | undefined;
    if (so?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: { prompt_tokens: 0, completion_tokens: pieces.length, total_tokens: pieces.length } })}\n\n`);
    }
    res.write("data: [DONE]\n\n");
    res.end();
    req.endedAt = performance.now();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: String(err), type: "server_error" } }));
      } else res.destroy();
    });
  });
  // Like real API servers, keep idle connections open: with a short hint
  // (undici subtracts a 1 s safety margin) every request would pay a new TCP connection.
  server.keepAliveTimeout = 65_000;
  let connections = 0;
  server.on("connection", (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get connections() {
      return connections;
    },
    setBehaviour(behaviour, opts) {
      override = behaviour === null ? null : { behaviour, remaining: opts?.times ?? Infinity, kinds: opts?.kinds };
    },
    setLatency(l) {
      latency = { ...l };
    },
    setScript(s) {
      script = s;
    },
    clearRequests() {
      requests.length = 0;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
