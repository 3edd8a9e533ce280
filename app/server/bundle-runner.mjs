/**
 * Runs the compiled server (build/server/app.cjs, one CommonJS file: the server, the Remix app and the
 * packages they use) with a V8 code cache (decision 235): compiling that file (7.7 MB) is most of a
 * start's module loading, and V8 can skip it — and the compilation of every function the start ran —
 * when given the code it produced last time. What Node 22 does with `module.enableCompileCache()`;
 * Node 20 has only `vm.Script`'s `cachedData`.
 *
 * The cache (`app.cjs.cache`, next to the bundle) is written once, if there was none or V8 rejected it
 * (a new bundle, another Node, other V8 flags): when the server is stopped (SIGTERM or SIGINT, before
 * its own handlers: what stopping loads is not what a start needs), when it exits, or CACHE_AFTER_MS
 * after "listening" in a server left running — whichever comes first. It holds what the process
 * compiled by then (≈ 3 MB); written after a long session it would hold much more and take longer to
 * read at every start. Its first line is the bundle's size and mtime, checked before V8's own checks
 * (which compare only the source's length); `npm run build` deletes it. Any failure to read or write it
 * only costs the compilation. `MOT_CODE_CACHE=0` turns it off.
 *
 * build/server/index.js is this module bundled, calling `runBundle` (app/server/build.mjs).
 */
import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

/** How long after "listening" a server still running writes the cache (without waiting for its exit). */
const CACHE_AFTER_MS = 2_000;

/** @param {string} bundle @returns {string} */
export function codeCacheFile(bundle) {
  return `${bundle}.cache`;
}

/** The bundle's identity for its cache: its size and mtime. @param {string} bundle */
function stampOf(bundle) {
  const st = statSync(bundle);
  return `${st.size}:${st.mtimeMs}`;
}

/** @param {string} file @param {string} stamp @returns {Buffer | undefined} */
function readCache(file, stamp) {
  try {
    if (!existsSync(file)) return undefined;
    const data = readFileSync(file);
    const newline = data.indexOf(10);
    if (newline < 0 || data.subarray(0, newline).toString("utf8") !== stamp) return undefined;
    return data.subarray(newline + 1);
  } catch {
    return undefined;
  }
}

/** @param {string} file @param {string} stamp @param {Buffer} code */
function writeCache(file, stamp, code) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${stamp}\n`), code]));
    renameSync(tmp, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
  }
}

/**
 * Compile and run a CommonJS bundle (with the code cache when there is a valid one) and call its
 * `start` export.
 * @param {string} bundle absolute path of the bundle
 */
export function runBundle(bundle) {
  const require = createRequire(bundle);
  const source = readFileSync(bundle, "utf8");
  const useCache = process.env.MOT_CODE_CACHE !== "0";
  const stamp = useCache ? stampOf(bundle) : "";
  const cacheFile = codeCacheFile(bundle);
  const cachedData = useCache ? readCache(cacheFile, stamp) : undefined;
  // Node's own CommonJS wrapper, on the first line so that line numbers stay the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  let onListening = () => {};
  if (useCache && (!cachedData || script.cachedDataRejected)) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writeCache(cacheFile, stamp, script.createCachedData());
    };
    process.once("exit", write);
    onListening = () => {
      // Only once listening (the server's own handlers come right after): a listener before that would
      // keep a signal from stopping a start.
      for (const signal of ["SIGTERM", "SIGINT"]) process.prependOnceListener(signal, write);
      setTimeout(write, CACHE_AFTER_MS).unref();
    };
  }
  const module = { exports: /** @type {{ start?: (hooks: { onListening: () => void }) => void }} */ ({}) };
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  if (typeof module.exports.start !== "function") throw new Error(`${bundle} has no start function`);
  module.exports.start({ onListening });
}
