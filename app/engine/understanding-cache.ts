/**
 * The I/O side of the offline understanding (decision 091): a disk cache for the scenario topic models
 * (trained from each scenario's example phrases, keyed by a hash of their content and the classifier
 * version), and a warm-up that trains the built-in scenarios' models in the background at start-up, so no
 * trainee's first turn pays for it and a restarted process reads them from disk instead of training again.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../scenarios/schema";
import { LOCALES, type Locale } from "../../scenarios/moves";
import { loadAllScenarios } from "../../scenarios/load";
import { setTopicModelStore, topicModel, warmMoves, type TopicModelStore } from "../../machines/understanding";

const KEY = /^[0-9a-f]{16}$/;
/** A cached model larger than this is not trusted (a topic model is a few hundred kB at most). */
const MAX_ENTRY_BYTES = 20 * 1024 * 1024;

/** Topic models as files `<dir>/topics-<key>.json`, written atomically (temporary file, then rename). */
export function diskTopicStore(dir: string): TopicModelStore {
  let usable = true;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    usable = false; // read-only or missing data dir: the models are trained in memory, as without a cache
  }
  return {
    get(key) {
      if (!usable || !KEY.test(key)) return undefined;
      try {
        const text = readFileSync(join(dir, `topics-${key}.json`), "utf8");
        return text.length <= MAX_ENTRY_BYTES ? text : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      if (!usable || !KEY.test(key)) return;
      const file = join(dir, `topics-${key}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, value);
        renameSync(tmp, file);
      } catch {
        // A cache that cannot be written costs a retraining next start, nothing else.
      }
    },
  };
}

let installedDir: string | undefined;

/** Use `dir` as the topic models' disk cache for this process (idempotent). */
export function installUnderstandingCache(dir: string): void {
  if (installedDir === dir) return;
  setTopicModelStore(diskTopicStore(dir));
  installedDir = dir;
}

/**
 * Decode the moves model and load (or train) the topic models of `scenarios` in both languages, one
 * scenario × language at a time, yielding to the event loop between them so requests are still served.
 */
export async function warmUnderstanding(scenarios: readonly Scenario[], locales: readonly Locale[] = LOCALES): Promise<{ models: number; ms: number }> {
  // Nothing synchronous before the first yield: the caller (the server, right after listening) goes on at once.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const t0 = performance.now();
  warmMoves();
  let models = 0;
  for (const scenario of scenarios) {
    for (const locale of locales) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      topicModel(scenario, locale);
      models++;
    }
  }
  return { models, ms: performance.now() - t0 };
}

/** Where the app keeps the understanding's cache inside its data dir. */
export function understandingCacheDir(dataDir: string): string {
  return join(dataDir, "cache", "understanding");
}

/**
 * The command line's topic-model cache: the app's (under DATA_DIR, `./data` by default), so `cli play` and
 * `cli score` read the models the server or an earlier command trained instead of training them again each
 * run (about half a second a scenario and language). A data dir that cannot be written costs only that.
 */
export function cliUnderstandingCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return understandingCacheDir(env.DATA_DIR?.trim() || "./data");
}

/**
 * At server start: install the disk cache under the data dir and warm the built-in scenarios' topic models
 * in the background (the web process reads them from the same disk cache). Never throws; a failure is one
 * line in the log and costs only a training on first use.
 */
export function warmUnderstandingAtStart(dataDir: string, scenarios?: readonly Scenario[]): Promise<void> {
  return (async () => {
    try {
      installUnderstandingCache(understandingCacheDir(dataDir));
      const { models, ms } = await warmUnderstanding(scenarios ?? loadAllScenarios());
      console.log(`Understanding: ${models} topic models ready in ${Math.round(ms)} ms`);
    } catch (err) {
      console.warn(`Understanding warm-up failed (${err instanceof Error ? err.message : String(err)}); topic models will be trained on first use`);
    }
  })();
}
