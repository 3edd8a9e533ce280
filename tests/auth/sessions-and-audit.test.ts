/**
 * In-process, on PGlite and (with TEST_DATABASE_URL) Postgres: a login writes no session when
 * its redirect cannot be sent (issue 10 item 8), expired sessions are swept through an index and
 * not at every login (issue 11), the current user is read once per request scope (issue 11),
 * and who may administer what is decided by one function, with operator actions audited
 * (issue 10 item 1, decision 100).
 */
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantFor, mayAdminister, operatorGrant, type AdminScope } from "../../app/admin/access.server";
import {
  createOrganization,
  grantOperator,
  inviteMember,
  listOperators,
  revokeOperator,
} from "../../app/admin/admin.server";
import { getUser, logIn, type CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import { runInRequestScope } from "../../app/platform/request-scope.server";
import { commitSessionCookie, createSession, deleteExpiredSessions } from "../../app/session.server";
import { auditEvents, memberships, organizations, sessions, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { testDatabases, type TestDatabase } from "../helpers";

process.env.SESSION_SECRET ??= "a-test-secret-of-at-least-32-characters!!";

describe.each(testDatabases())("sessions and administration on $name", ({ create }) => {
  let database: TestDatabase;
  let orgA: string;
  let adminA: CurrentUser;

  beforeAll(async () => {
    database = await create();
    orgA = (await seedDemo(database.db)).orgId;
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
    const [admin] = await database.db.select().from(users).where(eq(users.email, "admin@example.com"));
    adminA = {
      id: admin!.id,
      email: admin!.email,
      name: admin!.name,
      preferredLocale: null,
      locale: "en",
      sessionId: "none",
      org: { id: orgA, name: "Demo Front Desk", slug: "demo" },
      role: "admin",
      adminOrgIds: [orgA],
      operator: false,
    };
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  async function sessionCount(userId: string): Promise<number> {
    const [row] = await database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
    return Number(row?.n ?? 0);
  }

  it("writes no session when the address to go back to cannot be sent, and one when it can", async () => {
    const before = await sessionCount(adminA.id);
    await expect(logIn(adminA.id, orgA, "admin", "/team\r\nSet-Cookie: x=1")).rejects.toThrow();
    expect(await sessionCount(adminA.id)).toBe(before);
    const ok = await logIn(adminA.id, orgA, "admin", "/team");
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/team");
    expect(ok.headers.get("set-cookie")).toMatch(/^mot_session=/);
    expect(await sessionCount(adminA.id)).toBe(before + 1);
  });

  it("sweeps expired sessions through an index on expires_at, at most once per interval, not at every login", async () => {
    const result: unknown = await database.db.execute(
      sql`select indexdef from pg_indexes where tablename = 'sessions'`,
    );
    // postgres.js answers an array of rows, PGlite an object with rows.
    const defs = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
      indexdef: string;
    }>;
    expect(defs.some((d) => /\(expires_at\)/.test(d.indexdef))).toBe(true);

    const expired = () =>
      database.db
        .insert(sessions)
        .values({ userId: adminA.id, orgId: orgA, expiresAt: new Date(Date.now() - 1000) });
    await expired();
    await expired();
    expect(await deleteExpiredSessions({ force: true })).toBe(2);
    await expired();
    // A login right after a sweep leaves the expired row for the next sweep.
    await createSession(adminA.id, orgA);
    const [left] = await database.db
      .select({ n: count() })
      .from(sessions)
      .where(sql`${sessions.expiresAt} < now()`);
    expect(Number(left?.n)).toBe(1);
    expect(await deleteExpiredSessions()).toBeNull();
    expect(await deleteExpiredSessions({ force: true })).toBe(1);
  });

  it("reads the current user once per request scope, whatever Request objects the loaders get", async () => {
    const sessionId = await createSession(adminA.id, orgA);
    const cookie = (await commitSessionCookie(sessionId)).split(";")[0]!;
    const request = () => new Request("http://localhost/admin", { headers: { Cookie: cookie } });
    await runInRequestScope(async () => {
      const root = getUser(request());
      const route = getUser(request());
      expect(route).toBe(root);
      expect((await root)?.email).toBe("admin@example.com");
      expect((await root)?.adminOrgIds).toEqual([orgA]);
    });
    const [a, b] = await Promise.all([
      runInRequestScope(() => getUser(request())),
      runInRequestScope(() => getUser(request())),
    ]);
    expect(a).not.toBe(b);
    expect(a?.id).toBe(b?.id);
  });

  it("lets an organisation's admin administer that organisation only, and audits what an operator does elsewhere", async () => {
    const [orgB] = await database.db
      .insert(organizations)
      .values({ name: "Org B", slug: "org-b" })
      .returning();
    const scopeA: AdminScope = {
      user: adminA,
      operator: false,
      orgs: [{ id: orgA, name: "Demo Front Desk", slug: "demo" }],
    };
    expect(mayAdminister(adminA, orgA)).toEqual({ allowed: true, asOperator: false });
    expect(mayAdminister(adminA, orgB!.id)).toEqual({ allowed: false, asOperator: false });
    const refused = (() => {
      try {
        grantFor(scopeA, orgB!.id);
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(() => operatorGrant(scopeA)).toThrow();

    // Operators are granted explicitly (never seeded), and the grant is audited.
    expect(await listOperators(database.db)).toEqual([]);
    expect(await grantOperator(database.db, "admin@example.com", "test")).toBe(true);
    expect(await listOperators(database.db)).toEqual(["admin@example.com"]);
    const operator: CurrentUser = { ...adminA, operator: true };
    const opsScope: AdminScope = {
      user: operator,
      operator: true,
      orgs: [
        { id: orgA, name: "Demo Front Desk", slug: "demo" },
        { id: orgB!.id, name: "Org B", slug: "org-b" },
      ],
    };
    const grantB = grantFor(opsScope, orgB!.id);
    expect(grantB.asOperator).toBe(true);
    expect(grantFor(opsScope, orgA).asOperator).toBe(false);
    const invited = await inviteMember(grantB, { email: "bea@b.example", name: "Bea", role: "admin" });
    expect(invited.kind).toBe("link");
    // The membership waits for the link to be used.
    const [members] = await database.db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.orgId, orgB!.id));
    expect(Number(members?.n)).toBe(0);
    const created = await createOrganization(operatorGrant(opsScope), "Org C");
    expect(created.ok).toBe(true);

    const events = await database.db
      .select({ action: auditEvents.action, data: auditEvents.data, orgId: auditEvents.orgId })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, adminA.id));
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "member.invited",
          orgId: orgB!.id,
          data: expect.objectContaining({ asOperator: true }),
        }),
        expect.objectContaining({
          action: "organization.created",
          data: expect.objectContaining({ asOperator: true }),
        }),
      ]),
    );
    expect(await revokeOperator(database.db, "admin@example.com", "test")).toBe(true);
    const grants = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, adminA.id), sql`${auditEvents.action} like 'operator.%'`));
    expect(grants.map((g) => g.action).sort()).toEqual(["operator.granted", "operator.revoked"]);
  });
});
