import { mkdtempSync, readdirSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { setTopicModelStore, topicModelKey } from "../../machines/understanding";
import { diskTopicStore, understandingCacheDir, warmUnderstanding, installUnderstandingCache } from "./understanding-cache";

afterEach(() => setTopicModelStore(undefined));

describe("the topic models' disk cache", () => {
  it("keeps a model under its key and gives it back, and ignores keys that are not content hashes", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "und-")), "cache");
    const store = diskTopicStore(dir);
    store.set("0123456789abcdef", '{"model":null}');
    expect(store.get("0123456789abcdef")).toBe('{"model":null}');
    expect(readdirSync(dir)).toEqual(["topics-0123456789abcdef.json"]);
    store.set("../../etc/passwd", "x");
    expect(store.get("../../etc/passwd")).toBeUndefined();
    expect(store.get("fedcba9876543210")).toBeUndefined();
  });

  it("does not fail when the data dir cannot be written", () => {
    const root = mkdtempSync(join(tmpdir(), "und-"));
    const file = join(root, "not-a-dir");
    writeFileSync(file, "");
    chmodSync(file, 0o400);
    const store = diskTopicStore(join(file, "cache"));
    expect(() => store.set("0123456789abcdef", "{}")).not.toThrow();
    expect(store.get("0123456789abcdef")).toBeUndefined();
  });

  it("is filled by the start-up warm-up, so a new process reads the models instead of training them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "und-"));
    installUnderstandingCache(understandingCacheDir(dataDir));
    const scenario = loadScenarioById("lost-cap");
    const { models } = await warmUnderstanding([scenario], ["en"]);
    expect(models).toBe(1);
    const files = readdirSync(understandingCacheDir(dataDir));
    expect(files).toContain(`topics-${topicModelKey(scenario, "en")}.json`);
  });
});
