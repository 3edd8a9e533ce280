/**
 * The server's edge (decision 120): what reaches Remix is a same-origin form of a bounded size.
 *
 *   - A request that changes something (any method but GET, HEAD, OPTIONS) from another origin
 *     → 403; without a form content type → 415; a multipart body without a boundary, or one that
 *     does not parse (truncated) → 400.
 *   - A body larger than the path's limit (app/server/limits.ts) → 413, before it is read: at once
 *     from Content-Length, or as soon as a chunked body passes the limit.
 *   - Each answer is a short plain-text message; nothing is logged (these are the client's mistakes).
 *
 * The body is read here (bounded) and handed to Remix as a buffer, through our own small adapter
 * (the one of @remix-run/express streams the raw request, with no limit).
 */
import type { IncomingMessage } from "node:http";
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { bodyLimitFor, type BodyLimit } from "./limits";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** A short answer to a request we refuse (never a page, never a stack). */
export function refuse(res: ExpressResponse, status: number, message: string, { close = false } = {}): void {
  if (res.headersSent) return;
  res.status(status);
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  if (close) res.setHeader("Connection", "close");
  res.end(`${message}\n`);
}

/** The host this request was addressed to (X-Forwarded-Host only behind a trusted proxy). */
function requestHost(req: ExpressRequest, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || req.get("host") || undefined;
}

/** Whether a request that changes something comes from another site (CSRF). */
function isCrossOrigin(req: ExpressRequest, trustProxy: boolean): boolean {
  if (req.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.get("origin");
  if (origin === undefined) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost !== requestHost(req, trustProxy);
}

type BodyRead = { kind: "ok"; body: Buffer } | { kind: "too-large" } | { kind: "aborted" };

/** Read a body up to `limit` bytes; stops reading as soon as it is passed. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => settle({ kind: "ok", body: Buffer.concat(chunks, size) }));
    req.once("error", () => settle({ kind: "aborted" }));
    req.once("close", () => settle(req.complete ? { kind: "ok", body: Buffer.concat(chunks, size) } : { kind: "aborted" }));
  });
}

/** After a refused upload: answer, then close the connection (the rest of the body is never read). */
function refuseTooLarge(req: ExpressRequest, res: ExpressResponse, limit: number): void {
  res.once("finish", () => {
    // Give the client a moment to read the answer before the socket goes (an unread body makes the close a reset).
    setTimeout(() => req.socket.destroy(), 1000).unref();
  });
  refuse(res, 413, `The request body is too large (limit ${Math.round(limit / 1024)} KB).`, { close: true });
}

export interface GuardOptions {
  trustProxy: boolean;
  limits?: readonly BodyLimit[];
}

/** Express middleware: checks and reads the body of every request that changes something. */
export function guardRequests({ trustProxy, limits }: GuardOptions): RequestHandler {
  return (req, res, next) => {
    if (READS.has(req.method)) return next();
    if (isCrossOrigin(req, trustProxy)) return refuse(res, 403, "Cross-origin request refused.");
    const limit = bodyLimitFor(req.path, limits);
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) > limit) return refuseTooLarge(req, res, limit);

    const contentType = req.get("content-type") ?? "";
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    if (!FORM_TYPES.has(mediaType)) {
      return refuse(res, 415, "Send a form (application/x-www-form-urlencoded or multipart/form-data).");
    }
    if (mediaType === "multipart/form-data" && !/;\s*boundary=("?)[^";]+\1/i.test(contentType)) {
      return refuse(res, 400, "The multipart form has no boundary.");
    }

    readBody(req, limit).then(
      async (read) => {
        if (read.kind === "too-large") return refuseTooLarge(req, res, limit);
        if (read.kind === "aborted") return refuse(res, 400, "The request body did not arrive whole.", { close: true });
        if (mediaType === "multipart/form-data") {
          try {
            await new Response(bytes(read.body), { headers: { "Content-Type": contentType } }).formData();
          } catch {
            return refuse(res, 400, "The multipart form is malformed or incomplete.");
          }
        }
        res.locals.body = read.body;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}

function fetchHeaders(req: ExpressRequest, trustProxy: boolean): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    // Not behind a trusted proxy, a forwarded host is the client's claim: Remix must not see it.
    if (!trustProxy && key === "x-forwarded-host") continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  return headers;
}

export interface RemixHandlerOptions {
  build: ServerBuild;
  mode: "production" | "development";
  trustProxy: boolean;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}

/** Express → Remix, with the body read by guardRequests (the @remix-run/express adapter, minus its raw stream). */
export function remixHandler({ build, mode, trustProxy, getLoadContext }: RemixHandlerOptions): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const host = requestHost(req, trustProxy) ?? "localhost";
      const url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
      let controller: AbortController | null = new AbortController();
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const body = res.locals.body as Buffer | undefined;
      const request = new Request(url.href, {
        method: req.method,
        headers: fetchHeaders(req, trustProxy),
        signal: controller.signal,
        ...(body !== undefined && !READS.has(req.method) ? { body: bytes(body) } : {}),
      });
      const response = await handle(request, getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      // Straight to Node's headers (Express's `append` re-reads and re-parses each one); the
      // Set-Cookie lines one by one, every other header as Remix combined it.
      for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) {
        res.flushHeaders();
        // A reply's events go out one by one, each as soon as it is said.
        if (response.body) await writeReadableStreamToWritable(response.body, res);
        else res.end();
      } else if (response.body) await writeCoalesced(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A page's body to the response, the chunks that arrive together written together (decision 260).
 * React and Remix hand a document over in many small chunks in the same turn of the event loop;
 * Remix's own `writeReadableStreamToWritable` writes each and flushes the compressor after each
 * (a separate deflate call and a sync flush for every chunk: ~1 ms of CPU for a 14 KB call page).
 * Here the chunks are collected until the event loop moves on (`setImmediate`), then written as
 * one and flushed once: what was streamed in steps (deferred data, a slow loader's part) still goes
 * out as soon as it is there; what was ready at once goes out at once, in one piece.
 */
export async function writeCoalesced(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const reader = body.getReader();
  const flushable = res as ExpressResponse & { flush?: () => void };
  let pending: Uint8Array[] = [];
  let scheduled = false;
  /** The chunks collected so far, written as one; false when there were none. */
  const writeOut = () => {
    if (pending.length === 0) return false;
    res.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
    pending = [];
    return true;
  };
  const writePending = () => {
    scheduled = false;
    if (!res.writableEnded && writeOut()) flushable.flush?.();
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        writeOut();
        res.end();
        break;
      }
      pending.push(value);
      if (!scheduled) {
        scheduled = true;
        setImmediate(writePending);
      }
    }
  } catch (error) {
    pending = [];
    res.destroy(error as Error);
    throw error;
  }
}
