/**
 * `npm start`: plain node, no TypeScript loader. Builds first when build/ is missing or older
 * than the sources (SKIP_BUILD=1 skips the check), then runs the compiled server
 * (build/server/index.js, from app/server/index.ts).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIfNeeded, SERVER_OUTPUT } from "./build.mjs";

// `npm start` serves the production build unless told otherwise (`npm run dev`).
process.env.NODE_ENV ??= "production";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
try {
  if (process.env.SKIP_BUILD !== "1") await buildIfNeeded(root);
} catch (error) {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
await import(pathToFileURL(resolve(root, SERVER_OUTPUT)).href);
