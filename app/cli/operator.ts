/**
 * `npm run --silent cli -- operator grant|revoke EMAIL` · `operator list`
 *
 * Platform operators (decision 100) may create organisations and administer every one of them.
 * The role is never seeded: it is granted here, explicitly, to an existing account, and each
 * grant or revocation is an audit event (audit_events, action operator.granted / operator.revoked).
 * Works on the Postgres server of DATABASE_URL, or on the embedded database in DATA_DIR (stop
 * the app first: PGlite allows one process at a time).
 */
import { createDatabase, migrate } from "../../db/client";
import { grantOperator, listOperators, revokeOperator } from "../admin/admin.server";
import { parseEnv } from "../env.server";

const USAGE = "usage: operator grant EMAIL | operator revoke EMAIL | operator list";

export async function run(argv: string[]): Promise<number> {
  const [action, email, ...rest] = argv;
  const needsEmail = action === "grant" || action === "revoke";
  if (!(needsEmail || action === "list") || (needsEmail ? !email || rest.length > 0 : argv.length > 1)) {
    console.error(`error: ${USAGE}`);
    return 2;
  }
  const env = parseEnv(process.env);
  const handle = createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrate(handle.db);
    if (action === "list") {
      const emails = await listOperators(handle.db);
      console.log(emails.length ? emails.join("\n") : "No platform operator.");
      return 0;
    }
    const who = email!.trim().toLowerCase();
    const note = `cli (${process.env.USER ?? "unknown user"})`;
    if (action === "grant") {
      if (!(await grantOperator(handle.db, who, note))) {
        console.error(`error: no account with the email ${who} (invite the person first)`);
        return 1;
      }
      console.log(`${who} is now a platform operator (recorded in audit_events).`);
      return 0;
    }
    if (!(await revokeOperator(handle.db, who, note))) {
      console.error(`error: ${who} is not a platform operator`);
      return 1;
    }
    console.log(`${who} is no longer a platform operator (recorded in audit_events).`);
    return 0;
  } finally {
    await handle.close();
  }
}
