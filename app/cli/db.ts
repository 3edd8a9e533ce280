/**
 * `npm run db:migrate | db:seed | db:reset` — for people who run their own Postgres
 * (DATABASE_URL), or on the embedded database in DATA_DIR (stop the app first: PGlite
 * allows one process at a time).
 */
import { sql } from "drizzle-orm";
import { parseEnv, InvalidEnvironmentError } from "../env.server";
import { createDatabase, migrate } from "../../db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, syncScenarioLibrary } from "../../db/seed";

async function main(command: string | undefined): Promise<number> {
  if (command !== "migrate" && command !== "seed" && command !== "reset") {
    console.error("usage: tsx app/cli/db.ts migrate|seed|reset");
    return 2;
  }
  const env = parseEnv(process.env);
  const handle = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  const where = env.DATABASE_URL ? "the Postgres server (DATABASE_URL)" : `PGlite in ${env.DATA_DIR}`;
  try {
    if (command === "reset") {
      await handle.db.execute(sql`drop schema if exists public cascade`);
      await handle.db.execute(sql`drop schema if exists drizzle cascade`);
      await handle.db.execute(sql`create schema public`);
      console.log(`Dropped every table in ${where}.`);
    }
    await migrate(handle.db);
    console.log(`Migrations applied to ${where}.`);
    if (command === "seed" || command === "reset") {
      const lib = await syncScenarioLibrary(handle.db);
      console.log(
        `Scenario library: ${lib.added.length} added, ${lib.updated.length} new version(s), ${lib.unchanged.length} unchanged.`,
      );
      if (env.SEED_DEMO) {
        const { created } = await seedDemo(handle.db);
        console.log(
          created
            ? `Demo organisation seeded: ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")} (password "${DEMO_PASSWORD}").`
            : "Demo organisation already present.",
        );
      } else {
        console.log("SEED_DEMO=false: demo accounts not seeded.");
      }
    }
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      error instanceof InvalidEnvironmentError
        ? error.message
        : `error: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
