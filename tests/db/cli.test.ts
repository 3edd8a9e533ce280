/** `npm run db:migrate | db:seed | db:reset` on PGlite and (with TEST_DATABASE_URL) on Postgres. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { users } from "../../db/schema";
import { createServerDatabase, testDatabases } from "../helpers/db";
import { ROOT } from "../helpers/server";

describe.each(testDatabases())("the database commands on $name", { timeout: 180_000 }, ({ kind }) => {
  let target: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (kind === "postgres") {
      const server = await createServerDatabase();
      target = { DATABASE_URL: server.url };
      cleanup = server.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), "mot-cli-"));
      target = { DATA_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanup?.();
  });

  function run(command: string, env: Record<string, string> = {}) {
    return spawnSync(process.execPath, ["--import", "tsx", "app/cli/db.ts", command], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...target, ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
  }

  async function userEmails(): Promise<string[]> {
    const handle = createDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR });
    try {
      return (await handle.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    } finally {
      await handle.close();
    }
  }

  it("migrates an empty database and says where", () => {
    const result = run("migrate");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Migrations applied to (the Postgres server|PGlite in)/);
  });

  it("seeds no demo account when SEED_DEMO=false", async () => {
    const result = run("seed", { SEED_DEMO: "false" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("SEED_DEMO=false: demo accounts not seeded.");
    expect(await userEmails()).toEqual([]);
  });

  it("seeds the four demo accounts, and resets to exactly them again", async () => {
    expect(run("seed").status).toBe(0);
    const seeded = await userEmails();
    expect(seeded).toEqual([
      "admin@example.com",
      "manager@example.com",
      "trainee@example.com",
      "trainer@example.com",
    ]);
    const reset = run("reset");
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain("Dropped every table");
    expect(await userEmails()).toEqual(seeded);
  });

  it("refuses an unknown command with its usage", () => {
    const result = run("drop-everything");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: tsx app/cli/db.ts migrate|seed|reset");
  });
});
