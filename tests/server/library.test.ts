/** The library's sync at start-up skips the parse only when the database already has every file's version. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scenarioVersions } from "../../db/schema";
import { migrate } from "../../db/client";
import { startLibrary, syncLibraryAtStart } from "../../app/server/library";
import { loadAllScenarios } from "../../scenarios/load";
import { testDatabases, type TestDatabase } from "../helpers";

describe.each(testDatabases())("the library at start-up on $name", ({ create }) => {
  let t: TestDatabase;
  let dataDir: string;
  beforeEach(async () => {
    t = await create();
    await migrate(t.db);
    dataDir = mkdtempSync(join(tmpdir(), "mot-library-"));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("publishes every file once, then finds them unchanged from the cache", async () => {
    const first = await syncLibraryAtStart(t.db, { dataDir, buildStamp: "1" });
    expect(first.added.sort()).toEqual(["angry-caller", "lost-cap", "smile-25k"]);
    expect(existsSync(join(dataDir, "cache", "library.json"))).toBe(true);
    const second = await syncLibraryAtStart(t.db, { dataDir, buildStamp: "1" });
    expect(second).toEqual({ added: [], updated: [], unchanged: expect.arrayContaining(["angry-caller", "lost-cap", "smile-25k"]) });
    expect(await t.db.select().from(scenarioVersions)).toHaveLength(3);
  });

  it("syncs for real when the database does not hold the cached version (another process or a reset changed it)", async () => {
    await syncLibraryAtStart(t.db, { dataDir, buildStamp: "1" });
    // The database's latest version of one scenario is not the file's any more.
    await t.db.update(scenarioVersions).set({ checksum: "edited-elsewhere" }).where(eq(scenarioVersions.version, 1));
    const again = await syncLibraryAtStart(t.db, { dataDir, buildStamp: "1" });
    expect(again.updated.sort()).toEqual(["angry-caller", "lost-cap", "smile-25k"]);
    expect(await t.db.select().from(scenarioVersions)).toHaveLength(6);
  });

  it("does not trust the cache of another build (the parser may have changed) or without a build", async () => {
    await syncLibraryAtStart(t.db, { dataDir, buildStamp: "1" });
    const cacheKeys = () => Object.keys(JSON.parse(readFileSync(join(dataDir, "cache", "library.json"), "utf8")) as object);
    expect(cacheKeys().every((k) => k.endsWith(":1"))).toBe(true);
    // Another build: parsed again (and the cache now speaks for that build only).
    const other = await syncLibraryAtStart(t.db, { dataDir, buildStamp: "2" });
    expect(other.unchanged.sort()).toEqual(["angry-caller", "lost-cap", "smile-25k"]);
    expect(cacheKeys()).toHaveLength(3);
    expect(cacheKeys().every((k) => k.endsWith(":2"))).toBe(true);
    // From source (no build): parsed, and the cache is left alone.
    const fromSource = await syncLibraryAtStart(t.db, { dataDir, buildStamp: null });
    expect(fromSource.unchanged).toHaveLength(3);
    expect(cacheKeys().every((k) => k.endsWith(":2"))).toBe(true);
  });

  it("gives the scenarios back from the cache when nothing changed, as the parse gives them (decision 195)", async () => {
    const first = await startLibrary(t.db, { dataDir, buildStamp: "1" });
    const second = await startLibrary(t.db, { dataDir, buildStamp: "1" });
    expect(second.result.added).toEqual([]);
    expect(second.scenarios).toEqual(first.scenarios);
    expect(second.scenarios).toEqual(loadAllScenarios());
  });
});
