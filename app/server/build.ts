/** Build the Remix app when build/ is missing or older than the sources. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const SOURCES = [
  "app",
  "machines",
  "scenarios",
  "db",
  "remix.config.js",
  "postcss.config.js",
  "package.json",
];
const SKIP = new Set(["node_modules", "build", "migrations", ".cache", "server"]);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (
      SKIP.has(entry) ||
      entry.endsWith(".test.ts") ||
      entry.endsWith(".test.tsx") ||
      entry.endsWith(".yaml")
    )
      continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
  const output = resolve(root, "build", "index.js");
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return SOURCES.some((s) => newestMtime(resolve(root, s)) > built);
}

export function buildIfNeeded(root = process.cwd(), log: (line: string) => void = console.log): void {
  if (!buildIsStale(root)) return;
  log("Building the app (remix build)…");
  const result = spawnSync(resolve(root, "node_modules", ".bin", "remix"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status ?? result.signal})`);
}
