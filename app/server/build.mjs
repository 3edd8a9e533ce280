/**
 * The production build, in plain JavaScript so that `npm start` can check and run it with plain
 * node (no TypeScript loader):
 *
 *   build/index.js          the Remix app (remix build)
 *   public/build/…          the browser's fingerprinted assets (remix build)
 *   build/server/index.js   the Express server, app/server/index.ts compiled by esbuild (decisions 121, 235;
 *                           it runs build/server/app.cjs)
 *
 * `node app/server/build.mjs` builds both (what `npm run build` runs); `buildIfNeeded()` builds
 * only when an output is missing or older than the sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { codeCacheFile } from "./bundle-runner.mjs";

/** The compiled server, relative to the project root: `node build/server/index.js` starts it. */
export const SERVER_OUTPUT = join("build", "server", "index.js");
/** The bundle it runs (decision 235). */
const SERVER_BUNDLE = join("build", "server", "app.cjs");
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
  const outputs = [REMIX_OUTPUT, SERVER_BUNDLE, SERVER_OUTPUT].map((o) => resolve(root, o));
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => newestMtime(resolve(root, s)) > built);
}

/**
 * Packages left in node_modules: PGlite finds its WebAssembly and data files next to its own module,
 * argon2 is a native addon. Everything else is bundled — LangChain too: it is still evaluated only on
 * first use (decision 195: `import()` of a bundled module runs it then), and it must see the same zod
 * as our schemas (with LangChain left out and zod bundled, tests/calls/llm-call.test.ts fell back to
 * the offline engines).
 */
const EXTERNAL = ["@electric-sql/pglite", "@electric-sql/pglite/*", "@node-rs/argon2"];

/**
 * JavaScript that reads one of our JSON files when it runs, from the source tree (as the migrations
 * and the scenario library are): the moves model is 4 MB, which V8 builds several times faster with
 * `JSON.parse` than from a JavaScript literal, and which, as a literal or as a string in the bundle,
 * would also be copied into the code cache (6–11 MB instead of ≈ 3 MB, slower to read at every start).
 * @param {string} path the JSON file @param {string} outDir the bundle's directory
 */
function readJsonAtRun(path, outDir) {
  const rel = relative(outDir, path).split("\\").join("/");
  return `JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(rel)}), "utf8"))`;
}

/**
 * Our JSON files in the Remix build (`remix build` prints each as one object literal, after a comment
 * naming the file), read when they run instead (`readJsonAtRun`). A literal is kept as it is unless
 * it is exactly the file's content.
 * @param {string} source build/index.js @param {string} root @param {string} outDir
 */
function jsonReadAtRun(source, root, outDir) {
  return source.replace(/^\/\/ ([\w./-]+\.json)\nvar (\w+) = (\{.*\});$/gm, (whole, file, name, literal) => {
    const path = resolve(root, file);
    if (file.includes("node_modules") || !existsSync(path)) return whole;
    const printed = JSON.stringify(JSON.parse(readFileSync(path, "utf8")));
    if (JSON.stringify(new Function(`return (${literal});`)()) !== printed) return whole;
    return `// ${file}\nvar ${name} = ${readJsonAtRun(path, outDir)};`;
  });
}

/**
 * Compile the server (decision 235) into
 *
 *   build/server/app.cjs    app/server/index.ts, the Remix app (build/index.js, which `remix build`
 *                           wrote first) and the packages both use (but those of EXTERNAL), bundled
 *                           once into one CommonJS file exporting `start({ onListening })`;
 *   build/server/index.js   app/server/bundle-runner.mjs, which runs app.cjs with a V8 code cache.
 *
 * One file compiles and evaluates much faster than the ~1,000 modules Node would otherwise resolve,
 * read and compile one by one at every start, and the code cache skips the compilation itself. The
 * Remix app is imported dynamically, so that its evaluation comes after the database has started
 * opening. Any code cache of an older bundle is deleted.
 *
 * `import.meta.url` in our own files (and in build/index.js) keeps pointing at the file it was written
 * in (relative to the output), so that files found next to a module (scenarios/*.yaml, db/migrations)
 * are still found; our JSON files (the moves model) are read from the source tree when they run
 * (`readJsonAtRun`).
 * @param {string} [root]
 */
export async function compileServer(root = process.cwd()) {
  const { build } = await import("esbuild");
  const outfile = resolve(root, SERVER_BUNDLE);
  const entry = [
    `import { run } from "./app/server/index.ts";`,
    `export function start(hooks) {`,
    `  run({ ...hooks, loadBuild: () => import("./${REMIX_OUTPUT.split("\\").join("/")}") });`,
    `}`,
  ].join("\n");
  const nodeModules = `${"/"}node_modules${"/"}`;
  await build({
    absWorkingDir: root,
    stdin: { contents: entry, resolveDir: root, sourcefile: "server-entry.js", loader: "js" },
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    // Smaller to read and to compile; names are kept (stack traces stay readable).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: "linked",
    logLevel: "warning",
    jsx: "automatic",
    plugins: [
      {
        name: "source-import-meta-url",
        setup(b) {
          b.onLoad({ filter: /\.(ts|tsx|js|mjs)$/ }, (args) => {
            if (args.path.includes(nodeModules)) return undefined;
            const loader = /** @type {"ts" | "tsx" | "js"} */ (args.path.endsWith(".tsx") ? "tsx" : args.path.endsWith(".ts") ? "ts" : "js");
            let source = readFileSync(args.path, "utf8");
            if (args.path === resolve(root, REMIX_OUTPUT)) source = jsonReadAtRun(source, root, dirname(outfile));
            if (!source.includes("import.meta.url")) return { contents: source, loader };
            const rel = relative(dirname(outfile), args.path).split("\\").join("/");
            return {
              contents: source.replaceAll(
                "import.meta.url",
                `new URL(${JSON.stringify(rel)}, require("node:url").pathToFileURL(__filename)).href`,
              ),
              loader,
            };
          });
          b.onLoad({ filter: /\.json$/ }, (args) => {
            if (args.path.includes(nodeModules)) return undefined;
            return { contents: `export default ${readJsonAtRun(args.path, dirname(outfile))};`, loader: "js" };
          });
        },
      },
    ],
  });
  rmSync(codeCacheFile(outfile), { force: true });
  rmSync(resolve(root, `${SERVER_OUTPUT}.map`), { force: true }); // the bundle of before decision 235
  const runner = resolve(root, "app", "server", "bundle-runner.mjs");
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        `import { runBundle } from ${JSON.stringify(runner)};`,
        `import { fileURLToPath } from "node:url";`,
        `runBundle(fileURLToPath(new URL("./${basename(outfile)}", import.meta.url)));`,
      ].join("\n"),
      resolveDir: root,
      sourcefile: "server-runner.js",
      loader: "js",
    },
    outfile: resolve(root, SERVER_OUTPUT),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
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
