/**
 * The call page's JavaScript: what a browser downloads to open /calls/:id (the entry, the root
 * route, the call route and every chunk they import), raw and gzip-compressed, from the built
 * assets (public/build, Remix's manifest). Goal (issue 11): < 120 KB gzip; zod must not be in it.
 *
 *   npx tsx tests/bench/bundle.ts        prints the figures (builds first when needed)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { buildIfNeeded } from "../../app/server/build.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");
export const CALL_ROUTE_ID = "routes/calls.$id";
export const CALL_PAGE_GOAL_GZIP_KB = 120;

interface ManifestRoute {
  module: string;
  imports?: string[];
  parentId?: string;
}
interface Manifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
}

export interface PageWeight {
  files: Array<{ url: string; bytes: number; gzipBytes: number }>;
  bytes: number;
  gzipBytes: number;
  /** Files whose code carries zod (its error class or its core type names). */
  zodFiles: string[];
}

function readManifest(root: string): Manifest {
  const dir = join(root, "public", "build");
  const file = readdirSync(dir).find((f) => /^manifest-[0-9A-Z]+\.js$/i.test(f));
  if (!file) throw new Error(`no Remix manifest in ${dir}: build first (npm run build)`);
  const text = readFileSync(join(dir, file), "utf8");
  const json = text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "");
  return JSON.parse(json) as Manifest;
}

/** The JavaScript files a route's page loads: the entry, then the route and its parents with their imports. */
export function pageWeight(routeId: string, root = ROOT): PageWeight {
  const manifest = readManifest(root);
  const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let id: string | undefined = routeId; id; ) {
    const route: ManifestRoute | undefined = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    urls.add(route.module);
    for (const i of route.imports ?? []) urls.add(i);
    id = route.parentId;
  }
  const files = [...urls].map((url) => {
    const content = readFileSync(join(root, "public", url.replace(/^\//, "")));
    return { url, bytes: content.length, gzipBytes: gzipSync(content).length, zod: /\bZodError\b|\$ZodType|_zod\b/.test(content.toString("utf8")) };
  });
  return {
    files: files.map(({ url, bytes, gzipBytes }) => ({ url, bytes, gzipBytes })),
    bytes: files.reduce((t, f) => t + f.bytes, 0),
    gzipBytes: files.reduce((t, f) => t + f.gzipBytes, 0),
    zodFiles: files.filter((f) => f.zod).map((f) => f.url),
  };
}

/** Print the call page's JavaScript weight against its goal (builds first when build/ is stale). */
export async function benchBundle(): Promise<PageWeight> {
  await buildIfNeeded(ROOT, () => {});
  const w = pageWeight(CALL_ROUTE_ID);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const met = w.gzipBytes / 1024 < CALL_PAGE_GOAL_GZIP_KB;
  console.log(
    `call page JavaScript: ${kb(w.gzipBytes)} KiB gzip (${kb(w.bytes)} KiB raw, ${w.files.length} files); ` +
      `goal < ${CALL_PAGE_GOAL_GZIP_KB} KiB gzip: ${met ? "met" : "NOT met"}; zod: ${w.zodFiles.length === 0 ? "absent" : `in ${w.zodFiles.join(", ")}`}`,
  );
  return w;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchBundle().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
