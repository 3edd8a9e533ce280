/**
 * Platform operators are granted only from the command line, to an existing account, and each
 * grant or revocation is an audit event (decision 100) — on PGlite and (with TEST_DATABASE_URL)
 * Postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase, migrate } from "../../db/client";
import { auditEvents, platformOperators } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { runCli } from "../cli/run-cli";
import { createServerDatabase, testDatabases } from "../helpers";
import { copyPgliteTemplate } from "../helpers/pglite-template";

/** A migrated, seeded database that this process has closed again (PGlite allows one process at a time). */
async function seededDatabase(kind: "pglite" | "postgres") {
  let env: Record<string, string>;
  let open: () => ReturnType<typeof createDatabase>;
  let drop: () => Promise<void>;
  if (kind === "postgres") {
    const server = await createServerDatabase();
    env = { DATABASE_URL: server.url };
    open = () => createDatabase({ databaseUrl: server.url, max: 1 });
    drop = server.drop;
  } else {
    const dir = mkdtempSync(join(tmpdir(), "mot-operator-"));
    await copyPgliteTemplate(dir, "migrated"); // not initdb'd again (decision 268); migrate below finds it done
    env = { DATA_DIR: dir, DATABASE_URL: "" };
    open = () => createDatabase({ dataDir: dir });
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  const handle = open();
  await migrate(handle.db);
  await seedDemo(handle.db);
  await handle.close();
  return { env, open, drop };
}

describe.each(testDatabases())("the operator command on $name", { timeout: 300_000 }, ({ kind }) => {
  it("grants, lists and revokes the platform-operator role, recording each change, and refuses unknown accounts", async () => {
    const database = await seededDatabase(kind);
    try {
      const cli = (...args: string[]) => runCli(["operator", ...args], undefined, database.env);
      // The demo seed creates no operator.
      expect((await cli("list")).stdout).toContain("No platform operator.");
      const granted = await cli("grant", "Admin@Example.com");
      expect(granted.code).toBe(0);
      expect(granted.stdout).toContain("admin@example.com is now a platform operator");
      expect((await cli("list")).stdout.trim()).toBe("admin@example.com");
      const unknown = await cli("grant", "nobody@example.com");
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("no account with the email nobody@example.com");
      expect((await cli("revoke", "admin@example.com")).code).toBe(0);
      expect((await cli("revoke", "admin@example.com")).code).toBe(1);
      expect((await cli("grant")).code).toBe(2);

      const handle = database.open();
      try {
        const events = await handle.db
          .select({ action: auditEvents.action, data: auditEvents.data })
          .from(auditEvents)
          .where(eq(auditEvents.subjectType, "user"))
          .orderBy(asc(auditEvents.createdAt));
        expect(events.map((e) => e.action)).toEqual(["operator.granted", "operator.revoked"]);
        expect(events[0]!.data).toMatchObject({ email: "admin@example.com" });
        expect(await handle.db.select().from(platformOperators)).toEqual([]);
      } finally {
        await handle.close();
      }
    } finally {
      await database.drop();
    }
  });
});
