/** The cookie-signing secret: SESSION_SECRET, or one generated once and kept in DATA_DIR. */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Env } from "./env.server";

export interface SessionSecret {
  secret: string;
  source: "environment" | "generated" | "file";
  file?: string;
}

export function ensureSessionSecret(env: Pick<Env, "SESSION_SECRET" | "DATA_DIR">): SessionSecret {
  if (env.SESSION_SECRET) return { secret: env.SESSION_SECRET, source: "environment" };
  const dir = resolve(env.DATA_DIR);
  const file = join(dir, "session-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, source: "file", file };
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "generated", file };
}
