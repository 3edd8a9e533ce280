/**
 * The production server: Express over the built Remix app (build/index.js), through the edge of
 * app/server/requests.ts (same-origin forms of a bounded size), with compressed responses and
 * long-lived caching of the fingerprinted assets. Opens the database once (PGlite or Postgres),
 * migrates, seeds, syncs the scenario library. `close()` stops it cleanly (decision 122).
 */
import { readdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler } from "express";
import { createDatabase, migrate, type DatabaseHandle } from "../../db/client";
import { isEmptyDatabase, seedDemo, type LibrarySyncResult } from "../../db/seed";
import { setDatabaseHandle } from "../db.server";
import { preloadLangChain } from "../engine/langchain";
import { customerEngineKind, judgeKind, type Env } from "../env.server";
import { requestScopeMiddleware } from "../platform/request-scope.server";
import { ensureSessionSecret, type SessionSecret } from "../secret.server";
import { createNonce, securityHeaders } from "../security.server";
import { buildStampOf, startLibrary } from "./library";
import { describeError } from "./log";
import { guardRequests, refuse, remixHandler } from "./requests";

export interface StartedServer {
  url: string;
  port: number;
  handle: DatabaseHandle;
  seeded: boolean;
  library: LibrarySyncResult;
  secret: SessionSecret;
  /**
   * Stop: refuse new connections, let the requests in flight finish (streamed replies included)
   * for up to `graceMs`, then cut what is left, let the replies being produced commit, then
   * close the database.
   */
  close(options?: { graceMs?: number }): Promise<{ cut: number }>;
}

/** How long after listening the background warm-up starts (the first pages go first). */
const WARM_UP_DELAY_MS = 1000;

/** Fingerprinted assets (public/build/…): their name changes with their content. */
const ASSET_CACHE = "public, max-age=31536000, immutable";

export interface StartOptions {
  /** The project's root (public/, build/, the build stamp). Default: the working directory. */
  root?: string;
  /**
   * The Remix app (build/index.js). The compiled server bundles it and passes it in (decision 235);
   * by default (a test or bench running this module from source) it is imported from `root`.
   */
  loadBuild?: () => Promise<ServerBuild>;
}

/**
 * public/ served as it is (an hour's cache), asked only about the names it holds (decision 260):
 * `express.static` stats the file system for every GET that reaches it, and every page and reply
 * stream reaches it (a `stat` on the thread pool, then its callback, per request). The names at the
 * top of public/ are listed once at start (public/ is the build's, not written while the server
 * runs); a path under one of them goes to `express.static` as before, any other to the next handler,
 * as `express.static` would send it after finding nothing.
 */
function publicFiles(dir: string): express.RequestHandler {
  const serve = express.static(dir, { maxAge: "1h" });
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    names = new Set();
  }
  return (req, res, next) => {
    const first = req.path.split("/", 2)[1] ?? "";
    let name: string;
    try {
      name = decodeURIComponent(first);
    } catch {
      return serve(req, res, next); // what express.static makes of a malformed path, as before
    }
    // "/" is public/index.html to express.static.
    return names.has(name) || (name === "" && names.has("index.html")) ? serve(req, res, next) : next();
  };
}

export async function startServer(
  env: Env,
  { root = process.cwd(), loadBuild }: StartOptions = {},
): Promise<StartedServer> {
  const secret = ensureSessionSecret(env);
  // The compiled server's Remix app is evaluated on the next microtask, once the database has started
  // opening: PGlite reads and compiles its WebAssembly off this thread meanwhile (decision 235).
  const loadingBuild = loadBuild
    ? loadBuild()
    : (import(pathToFileURL(resolve(root, "build", "index.js")).href) as Promise<ServerBuild>);
  loadingBuild.catch(() => {}); // awaited below; a failure is reported there
  const handle = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(handle.db);
  let seeded = false;
  if (env.SEED_DEMO && (await isEmptyDatabase(handle.db))) {
    await seedDemo(handle.db);
    seeded = true;
  }
  const { result: library, scenarios } = await startLibrary(handle.db, {
    dataDir: env.DATA_DIR,
    buildStamp: buildStampOf(resolve(root, "build", "server", "index.js")),
  });
  setDatabaseHandle(handle);

  const build = await loadingBuild;
  const production = env.NODE_ENV === "production";

  let stopping = false;
  const inFlight = new Set<express.Response>();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use((_req, res, next) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    // While stopping, a request on a kept-alive connection is still answered, on a closing one.
    if (stopping) res.setHeader("Connection", "close");
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce, { production })))
      res.setHeader(name, value);
    next();
  });
  app.use(
    compression({
      // A streamed reply goes out token by token: never held back by the compressor.
      filter: (req, res) =>
        !/text\/event-stream/i.test(String(res.getHeader("Content-Type") ?? "")) && compression.filter(req, res),
    }),
  );
  app.use(
    "/build",
    express.static(resolve(root, "public", "build"), {
      immutable: true,
      maxAge: "1y",
      setHeaders: (res) => res.setHeader("Cache-Control", ASSET_CACHE),
    }),
  );
  app.use(publicFiles(resolve(root, "public")));
  app.use(guardRequests({ trustProxy: env.TRUST_PROXY }));
  // One scope per request: the current user is read once, shared by the root and route loaders.
  app.use(requestScopeMiddleware);
  app.all(
    "*",
    remixHandler({
      build,
      mode: production ? "production" : "development",
      trustProxy: env.TRUST_PROXY,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  const onError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    // Express's own parsers and our adapter end here: a short line, never the request's content.
    console.error(`${req.method} ${req.path}: ${describeError(error)}`);
    refuse(res, 500, "Something went wrong on the server.");
  };
  app.use(onError);

  const server: Server = await new Promise((ok, fail) => {
    const s = app.listen(env.PORT, () => ok(s));
    s.once("error", fail);
  });
  const port = (server.address() as AddressInfo).port;
  // Topic models trained (or read from disk) and LangChain loaded (with a model configured: it is not
  // imported at start) in the background, WARM_UP_DELAY_MS after listening: their synchronous steps
  // (decoding the moves model, reading each model, compiling LangChain) would hold up the first
  // requests, and no trainee's turn comes that early (a login, a scenario and a call come first).
  // A turn before the warm-up loads what it needs itself (decision 195).
  const warmUp = setTimeout(() => {
    // Imported here, not at the top: the moves model (3 MB) and the NLP libraries are not needed to serve
    // the first pages (decision 235).
    void import("../engine/understanding-cache").then(({ warmUnderstandingAtStart }) =>
      warmUnderstandingAtStart(env.DATA_DIR, scenarios),
    );
    if (customerEngineKind(env) === "llm" || judgeKind(env) === "llm") setImmediate(preloadLangChain);
  }, WARM_UP_DELAY_MS);
  warmUp.unref();
  let closing: Promise<{ cut: number }> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    handle,
    seeded,
    library,
    secret,
    close: ({ graceMs = 5000 } = {}) =>
      (closing ??= (async () => {
        stopping = true;
        clearTimeout(warmUp);
        const closed = new Promise<void>((ok) => server.close(() => ok()));
        // A request whose bytes arrived while the event loop was busy (the understanding warm-up
        // trains synchronously) is not parsed yet, so its connection still looks idle: let the
        // next poll phase read it (a timer, then an immediate, which runs after that poll) before
        // closing idle connections, or it would be reset instead of answered.
        await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setImmediate(r));
        server.closeIdleConnections();
        let cut = 0;
        const deadline = Date.now() + graceMs;
        while (inFlight.size > 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          server.closeIdleConnections();
        }
        cut = inFlight.size;
        server.closeAllConnections();
        await closed;
        // A reply whose stream was cut (or whose page was closed) is still produced and committed
        // here: the database closes only once no generation of this process is running.
        // Imported here: the call pipeline behind it is not needed to start (decision 235).
        const { closeReplyRegistry } = await import("../calls/reply-registry.server");
        await closeReplyRegistry().catch((error: unknown) =>
          console.error(`shutdown: the reply registry did not close cleanly: ${describeError(error)}`),
        );
        await handle.close();
        return { cut };
      })()),
  };
}
