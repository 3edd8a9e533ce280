/**
 * The production server: Express + @remix-run/express over the built app.
 * Opens the database once (PGlite or Postgres), migrates, seeds, syncs the scenario library.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createDatabase, migrate, type DatabaseHandle } from "../../db/client";
import { isEmptyDatabase, seedDemo, syncScenarioLibrary, type LibrarySyncResult } from "../../db/seed";
import { setDatabaseHandle } from "../db.server";
import type { Env } from "../env.server";
import { ensureSessionSecret, type SessionSecret } from "../secret.server";
import { createNonce, securityHeaders } from "../security.server";

export interface StartedServer {
  url: string;
  port: number;
  handle: DatabaseHandle;
  seeded: boolean;
  library: LibrarySyncResult;
  secret: SessionSecret;
  close(): Promise<void>;
}

export async function startServer(
  env: Env,
  { root = process.cwd() }: { root?: string } = {},
): Promise<StartedServer> {
  const secret = ensureSessionSecret(env);
  const handle = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await migrate(handle.db);
  let seeded = false;
  if (env.SEED_DEMO && (await isEmptyDatabase(handle.db))) {
    await seedDemo(handle.db);
    seeded = true;
  }
  const library = await syncScenarioLibrary(handle.db);
  setDatabaseHandle(handle);

  const buildPath = resolve(root, "build", "index.js");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const production = env.NODE_ENV === "production";

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use((_req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders(nonce, { production })))
      res.setHeader(name, value);
    next();
  });
  app.use("/build", express.static(resolve(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(resolve(root, "public"), { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );

  const server: Server = await new Promise((ok, fail) => {
    const s = app.listen(env.PORT, () => ok(s));
    s.once("error", fail);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    handle,
    seeded,
    library,
    secret,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await handle.close();
    },
  };
}
