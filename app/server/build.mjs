/**
 * The production build, in plain JavaScript so that `npm start` can check and run it with plain
 * node (no TypeScript loader):
 *
 *   build/index.js          the Remix app (remix build)
 *   public/build/…          the browser's fingerprinted assets (remix build)
 *   build/server/index.js   the Express server, app/server/index.ts compiled by esbuild (decision 121)
 *
 * `node app/server/build.mjs` builds both (what `npm run build` runs); `buildIfNeeded()` builds
 * only when an output is missing or older than the sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The compiled server, relative to the project root. */
export const SERVER_OUTPUT = join("build", "server", "index.js");
const REMIX_OUTPUT = join("build", "index.js");

const SOURCES = ["app", "machines", "scenarios", "db", "remix.config.js", "postcss.config.js", "package.json"];
const SKIP = new Set(["node_modules", "build", "migrations", ".cache"]);

/** @param {string} path @returns {number} */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry) || /\.test\.tsx?$/.test(entry) || entry.endsWith(".yaml") || entry.endsWith(".md")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether build/ is missing or older than any source file. @param {string} [root] */
export function buildIsStale(root = process.cwd()) {
  const outputs = [REMIX_OUTPUT, SERVER_OUTPUT].map((o) => resolve(root, o));
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => newestMtime(resolve(root, s)) > built);
}

/**
 * Compile app/server/index.ts and what it imports into one ES module; packages stay in node_modules.
 * `import.meta.url` in our own files keeps pointing at the source file (relative to the output), so
 * that files found next to a module (scenarios/*.yaml, db/migrations) are still found.
 * @param {string} [root]
 */
export async function compileServer(root = process.cwd()) {
  const { build } = await import("esbuild");
  const outfile = resolve(root, SERVER_OUTPUT);
  await build({
    absWorkingDir: root,
    entryPoints: [resolve(root, "app", "server", "index.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
    jsx: "automatic",
    plugins: [
      {
        name: "source-import-meta-url",
        setup(b) {
          b.onLoad({ filter: /\.(ts|tsx|js|mjs)$/ }, (args) => {
            if (args.path.includes(`${"/"}node_modules${"/"}`)) return undefined;
            const source = readFileSync(args.path, "utf8");
            if (!source.includes("import.meta.url")) return undefined;
            const rel = relative(dirname(outfile), args.path).split("\\").join("/");
            const loader = /** @type {"ts" | "tsx" | "js"} */ (args.path.endsWith(".tsx") ? "tsx" : args.path.endsWith(".ts") ? "ts" : "js");
            return {
              contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
              loader,
            };
          });
        },
      },
    ],
  });
}

/**
 * Build the Remix app and compile the server. Throws when a step fails.
 * @param {string} [root]
 * @param {(line: string) => void} [log]
 */
export async function buildApp(root = process.cwd(), log = console.log) {
  log("Building the app (remix build, then the server)…");
  const result = spawnSync(resolve(root, "node_modules", ".bin", "remix"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status ?? result.signal})`);
  await compileServer(root);
}

/**
 * Build when build/ is missing or stale.
 * @param {string} [root]
 * @param {(line: string) => void} [log]
 * @returns {Promise<boolean>} whether it built
 */
export async function buildIfNeeded(root = process.cwd(), log = console.log) {
  if (!buildIsStale(root)) return false;
  await buildApp(root, log);
  return true;
}

// `node app/server/build.mjs`: build now.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
  buildApp(root).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
