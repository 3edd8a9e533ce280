/**
 * The admin page's members (decision 272): the list of the admin's own organisation, a role
 * change (audited), the last admin's refusal, a removal (confirmed; the person can no longer log
 * in, their session ends, their calls and scorecards stay), a member id of another organisation
 * forged into the form — and a used invitation link seen by someone already signed in. Against
 * the real built server, on PGlite and (with TEST_DATABASE_URL) on Postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantFor, type AdminScope } from "../../app/admin/access.server";
import { changeMemberRole, removeMember } from "../../app/admin/admin.server";
import type { CurrentUser } from "../../app/auth.server";
import { setDatabaseHandle } from "../../app/db.server";
import { createDatabase, migrate, type Database } from "../../db/client";
import { hashPassword } from "../../db/password";
import { attempts, auditEvents, memberships, scorecards, sessions, users } from "../../db/schema";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed";
import {
  cookieFrom,
  createServerDatabase,
  get,
  login,
  postForm,
  startTestServer,
  testDatabases,
  type TestDatabase,
  type TestDatabaseKind,
  type TestServer,
} from "../helpers";
import { copyPgliteTemplate } from "../helpers/pglite-template";
import { createWorld, playAndStore, playLines, type World } from "../report/fixtures";

const OTHER_ADMIN = "admin@other.example.com";

/** A database filled here, served by the built server, and opened again by `reopen` once the server stopped. */
async function prepare(kind: TestDatabaseKind, fill: (db: Database) => Promise<Filled>) {
  let open: () => ReturnType<typeof createDatabase>;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (kind === "postgres") {
    const pg = await createServerDatabase();
    open = () => createDatabase({ databaseUrl: pg.url, max: 2 });
    env = { DATABASE_URL: pg.url };
    cleanup = () => pg.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), "mot-members-"));
    await copyPgliteTemplate(dir, "migrated");
    open = () => createDatabase({ dataDir: dir });
    env = { DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const handle = open();
  let filled: Filled;
  try {
    await migrate(handle.db);
    filled = await fill(handle.db);
  } finally {
    await handle.close();
  }
  const server = await startTestServer({ env });
  return { server, filled, open, cleanup };
}

interface Filled {
  world: World;
  otherAdminId: string;
  /** A scored call of the member who will be removed. */
  attemptId: string;
}

/** The hidden userId of the member row `email` in the members table. */
function memberId(html: string, email: string): string {
  const id = new RegExp(`data-member="${email}"[\\s\\S]*?name="userId" value="([^"]+)"`).exec(html)?.[1];
  if (!id) throw new Error(`no member ${email} on the page`);
  return id;
}

function memberRole(html: string, email: string): string | null {
  return (
    new RegExp(`data-member="${email}"[\\s\\S]*?data-testid="member-role">([^<]+)<`).exec(html)?.[1] ?? null
  );
}

function linkIn(html: string): string {
  const link = /(http:\/\/[^"<\s]+\/set-password\/[A-Za-z0-9_-]+)/.exec(html)?.[1];
  if (!link) throw new Error("no one-time link on the page");
  return new URL(link).pathname;
}

/** The page's text with its markup and entities reduced (apostrophes, French quotes). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe.each(testDatabases())(
  "the members of an organisation on $name",
  { timeout: 240_000 },
  ({ kind }) => {
    let prepared: Awaited<ReturnType<typeof prepare>>;
    let server: TestServer;
    let base: string;
    let world: World;
    let demoOrgId: string;
    let otherOrgId: string;

    beforeAll(async () => {
      prepared = await prepare(kind, async (db) => {
        const w = await createWorld(db);
        const [ada] = await db
          .insert(users)
          .values({ email: OTHER_ADMIN, name: "Ada Other", passwordHash: await hashPassword(DEMO_PASSWORD) })
          .returning();
        await db.insert(memberships).values({ userId: ada!.id, orgId: w.otherOrgId, role: "admin" });
        const call = await playAndStore(db, {
          userId: w.users.trainee2,
          orgId: w.demoOrgId,
          slug: "lost-cap",
          locale: "en",
          lines: playLines("lost-cap", "en", "thoughtful"),
        });
        return { world: w, otherAdminId: ada!.id, attemptId: call.attemptId };
      });
      server = prepared.server;
      base = server.baseUrl;
      world = prepared.filled.world;
      demoOrgId = world.demoOrgId;
      otherOrgId = world.otherOrgId;
    }, 300_000);

    afterAll(async () => {
      await prepared?.server.close();
      await prepared?.cleanup();
    });

    it("lists the members of the admin's own organisation only, in both languages", async () => {
      const admin = await login(base, world.emails.admin);
      const page = await (await get(`${base}/admin`, { cookie: admin })).text();
      expect(page).toContain("Members of Demo Front Desk");
      for (const email of ["trainee", "trainer", "manager", "admin", "trainee2"] as const) {
        expect(page).toContain(`data-member="${world.emails[email]}"`);
      }
      expect(memberRole(page, world.emails.trainer)).toBe("Trainer");
      expect(page).toContain("Last active");
      for (const email of [world.emails.otherTrainee, world.emails.otherManager, OTHER_ADMIN]) {
        expect(page).not.toContain(email);
      }
      // Asking for another organisation's list changes nothing.
      const forged = await (await get(`${base}/admin?org=${otherOrgId}`, { cookie: admin })).text();
      expect(forged).not.toContain(world.emails.otherTrainee);
      expect(forged).toContain(`data-member="${world.emails.trainee2}"`);

      const fr = await (
        await get(`${base}/admin`, { cookie: admin, headers: { "Accept-Language": "fr" } })
      ).text();
      expect(fr).toContain("Membres de Demo Front Desk");
      expect(fr).toContain("Changer le rôle");

      const other = await (await get(`${base}/admin`, { cookie: await login(base, OTHER_ADMIN) })).text();
      expect(other).toContain("Members of Other Clinic");
      expect(other).toContain(`data-member="${world.emails.otherTrainee}"`);
      expect(other).not.toContain(world.emails.trainee2);
    });

    it("refuses a member of another organisation forged into the form", async () => {
      const admin = await login(base, world.emails.admin);
      for (const fields of <Array<Record<string, string>>>[
        { intent: "change-role", orgId: demoOrgId, userId: world.users.otherTrainee, role: "admin" },
        { intent: "remove", orgId: demoOrgId, userId: world.users.otherManager, confirmed: "yes" },
      ]) {
        const res = await postForm(`${base}/admin`, fields, { cookie: admin });
        expect(res.status).toBe(404);
        expect(text(await res.text())).toContain("This person is not a member of this organisation");
      }
      // Pointing the form at the other organisation itself: 403.
      for (const fields of <Array<Record<string, string>>>[
        { intent: "change-role", orgId: otherOrgId, userId: world.users.otherTrainee, role: "admin" },
        { intent: "remove", orgId: otherOrgId, userId: world.users.otherManager, confirmed: "yes" },
      ]) {
        expect((await postForm(`${base}/admin`, fields, { cookie: admin })).status).toBe(403);
      }
      const other = await (await get(`${base}/admin`, { cookie: await login(base, OTHER_ADMIN) })).text();
      expect(memberRole(other, world.emails.otherTrainee)).toBe("Trainee");
      expect(memberRole(other, world.emails.otherManager)).toBe("Manager");
      expect(await login(base, world.emails.otherManager)).toContain("mot_session=");
    });

    it("changes a member's role", async () => {
      const admin = await login(base, world.emails.admin);
      const page = await (await get(`${base}/admin`, { cookie: admin })).text();
      const trainerId = memberId(page, world.emails.trainer);
      const changed = await postForm(
        `${base}/admin`,
        { intent: "change-role", orgId: demoOrgId, userId: trainerId, role: "manager" },
        { cookie: admin },
      );
      expect(changed.status).toBe(200);
      expect(text(await changed.text())).toContain("now has the role Manager");
      const after = await (await get(`${base}/admin`, { cookie: admin })).text();
      expect(memberRole(after, world.emails.trainer)).toBe("Manager");
      const trainerLogin = await postForm(`${base}/login`, {
        email: world.emails.trainer,
        password: DEMO_PASSWORD,
      });
      expect(trainerLogin.headers.get("location")).toBe("/team");

      const same = await postForm(
        `${base}/admin`,
        { intent: "change-role", orgId: demoOrgId, userId: trainerId, role: "manager" },
        { cookie: admin },
      );
      expect(text(await same.text())).toContain("already had the role Manager; nothing changed");
      const bad = await postForm(
        `${base}/admin`,
        { intent: "change-role", orgId: demoOrgId, userId: trainerId, role: "owner" },
        { cookie: admin },
      );
      expect(bad.status).toBe(400);
      expect(text(await bad.text())).toContain("Choose one of the roles in the list.");
      // Other roles cannot use the command at all.
      const manager = await login(base, world.emails.manager);
      expect(
        (
          await postForm(
            `${base}/admin`,
            { intent: "change-role", orgId: demoOrgId, userId: trainerId, role: "trainee" },
            { cookie: manager },
          )
        ).status,
      ).toBe(403);
    });

    it("removes a member after a confirmation: they cannot log in, their session ends, their calls stay", async () => {
      const trainee2 = await login(base, world.emails.trainee2);
      expect((await get(`${base}/train`, { cookie: trainee2 })).status).toBe(200);
      const admin = await login(base, world.emails.admin);
      const id = memberId(
        await (await get(`${base}/admin`, { cookie: admin })).text(),
        world.emails.trainee2,
      );

      // The Remove button asks first; a removal posted without the confirmation changes nothing.
      const confirm = await get(`${base}/admin?remove=${id}`, { cookie: admin });
      const asked = text(await confirm.text());
      expect(asked).toContain("Remove Sam Second from Demo Front Desk?");
      expect(asked).toContain("Their calls, scorecards and certificates are kept.");
      const unconfirmed = await postForm(
        `${base}/admin`,
        { intent: "remove", orgId: demoOrgId, userId: id },
        { cookie: admin },
      );
      expect(unconfirmed.status).toBe(400);
      expect(text(await unconfirmed.text())).toContain("A removal must be confirmed");
      expect((await get(`${base}/train`, { cookie: trainee2 })).status).toBe(200);

      const removed = await postForm(
        `${base}/admin`,
        { intent: "remove", orgId: demoOrgId, userId: id, confirmed: "yes" },
        { cookie: admin },
      );
      expect(removed.status).toBe(200);
      expect(text(await removed.text())).toContain(
        "Sam Second (second.trainee@example.com) was removed from Demo Front Desk",
      );

      const ended = await get(`${base}/train`, { cookie: trainee2 });
      expect(ended.status).toBe(302);
      expect(ended.headers.get("location")).toMatch(/^\/login/);
      const refused = await postForm(`${base}/login`, {
        email: world.emails.trainee2,
        password: DEMO_PASSWORD,
      });
      expect(refused.status).toBe(401);
      expect(text(await refused.text())).toContain("is not a member of any organisation");

      const after = await (await get(`${base}/admin`, { cookie: admin })).text();
      expect(after).not.toContain(`data-member="${world.emails.trainee2}"`);
      // The call and its scorecard are still there for the organisation.
      const report = await get(`${base}/calls/${prepared.filled.attemptId}/report`, { cookie: admin });
      expect(report.status).toBe(200);
      expect(await report.text()).toContain("Sam Second");

      const again = await postForm(
        `${base}/admin`,
        { intent: "remove", orgId: demoOrgId, userId: id, confirmed: "yes" },
        { cookie: admin },
      );
      expect(again.status).toBe(404);
    });

    it("refuses the last admin's own demotion or removal, then lets them step down once there is another admin", async () => {
      const admin = await login(base, world.emails.admin);
      const self = world.users.admin;
      const lastAdmin =
        "You are the last admin of Demo Front Desk: you cannot remove yourself or give yourself another role.";
      for (const fields of <Array<Record<string, string>>>[
        { intent: "change-role", orgId: demoOrgId, userId: self, role: "manager" },
        { intent: "remove", orgId: demoOrgId, userId: self, confirmed: "yes" },
      ]) {
        const res = await postForm(`${base}/admin`, fields, { cookie: admin });
        expect(res.status).toBe(409);
        expect(text(await res.text())).toContain(lastAdmin);
      }
      // An invitation never changes a member's role: refused as for any member (already a member).
      const invited = await postForm(
        `${base}/admin`,
        { intent: "invite", orgId: demoOrgId, email: world.emails.admin, name: "Me", role: "trainee" },
        { cookie: admin },
      );
      expect(invited.status).toBe(409);
      expect(text(await invited.text())).toContain("is already a member (Administrator); nothing was changed.");
      const fr = await postForm(
        `${base}/admin`,
        { intent: "change-role", orgId: demoOrgId, userId: self, role: "manager" },
        { cookie: admin, headers: { "Accept-Language": "fr" } },
      );
      expect(text(await fr.text())).toContain("Vous êtes le dernier ou la dernière admin de Demo Front Desk");
      expect(
        memberRole(await (await get(`${base}/admin`, { cookie: admin })).text(), world.emails.admin),
      ).toBe("Administrator");

      // Another admin first; then stepping down is allowed, and /admin is no longer theirs.
      expect(
        (
          await postForm(
            `${base}/admin`,
            { intent: "change-role", orgId: demoOrgId, userId: world.users.manager, role: "admin" },
            { cookie: admin },
          )
        ).status,
      ).toBe(200);
      const stepDown = await postForm(
        `${base}/admin`,
        { intent: "change-role", orgId: demoOrgId, userId: self, role: "manager" },
        { cookie: admin },
      );
      expect(stepDown.status).toBe(302);
      expect((await get(`${base}/admin`, { cookie: admin })).status).toBe(403);
    });

    it("tells someone signed in that a used invitation link was used, and points them home", async () => {
      const admin = await login(base, world.emails.manager); // an admin since the test above
      const invited = await postForm(
        `${base}/admin`,
        {
          intent: "invite",
          orgId: demoOrgId,
          email: "newbie@example.com",
          name: "Nina Newbie",
          role: "trainee",
        },
        { cookie: admin },
      );
      const link = linkIn(await invited.text());
      const set = await postForm(base + link, { password: "nina-password", confirm: "nina-password" });
      expect(set.status).toBe(302);
      const nina = cookieFrom(set);

      const signedIn = await get(base + link, { cookie: nina });
      expect(signedIn.status).toBe(410);
      const page = text(await signedIn.text());
      expect(page).toContain("This link has already been used");
      expect(page).toContain("You are signed in as Nina Newbie (newbie@example.com)");
      expect(page).toContain("Go to your home page");
      expect(page).not.toContain("Go to the login page");
      const fr = text(
        await (await get(base + link, { cookie: nina, headers: { "Accept-Language": "fr" } })).text(),
      );
      expect(fr).toContain("Vous êtes connecté·e en tant que Nina Newbie");
      expect(fr).toContain("Aller à votre page d'accueil");

      const anonymous = text(await (await get(base + link)).text());
      expect(anonymous).toContain("Go to the login page");
      expect(anonymous).not.toContain("You are signed in");
    });

    it("recorded every change in audit_events and kept the removed member's history", async () => {
      await server.close();
      const handle = prepared.open();
      try {
        const db = handle.db;
        const events = await db.select().from(auditEvents).where(eq(auditEvents.orgId, demoOrgId));
        const trainerChange = events.find(
          (e) => e.action === "member.role-changed" && e.subjectId === world.users.trainer,
        );
        expect(trainerChange?.actorId).toBe(world.users.admin);
        expect(trainerChange?.data).toMatchObject({
          role: "manager",
          previousRole: "trainer",
          asOperator: false,
        });
        const removal = events.find((e) => e.action === "member.removed");
        expect(removal?.subjectId).toBe(world.users.trainee2);
        expect(removal?.data).toMatchObject({
          email: world.emails.trainee2,
          role: "trainee",
          asOperator: false,
        });
        // Refusals change nothing and record nothing; no event touches the other organisation's people.
        expect(events.filter((e) => e.subjectId === world.users.otherTrainee)).toEqual([]);
        expect(
          events.filter((e) => e.action === "member.role-changed" && e.subjectId === world.users.admin),
        ).toHaveLength(1);

        const [account] = await db.select().from(users).where(eq(users.id, world.users.trainee2));
        expect(account?.email).toBe(world.emails.trainee2);
        expect(
          await db
            .select()
            .from(memberships)
            .where(and(eq(memberships.userId, world.users.trainee2), eq(memberships.orgId, demoOrgId))),
        ).toEqual([]);
        expect(await db.select().from(sessions).where(eq(sessions.userId, world.users.trainee2))).toEqual([]);
        const calls = await db.select().from(attempts).where(eq(attempts.userId, world.users.trainee2));
        expect(calls.map((c) => c.id)).toContain(prepared.filled.attemptId);
        expect(
          await db.select().from(scorecards).where(eq(scorecards.attemptId, prepared.filled.attemptId)),
        ).toHaveLength(1);
      } finally {
        await handle.close();
      }
    });
  },
);

describe.each(testDatabases())("two admins demoting each other at once on $name", ({ create }) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await create();
    setDatabaseHandle({ db: database.db, driver: database.kind, close: async () => {} });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  function scopeOf(userId: string, orgId: string): AdminScope {
    const user: CurrentUser = {
      id: userId,
      email: `${userId}@x`,
      name: userId,
      preferredLocale: null,
      locale: "en",
      sessionId: "none",
      org: { id: orgId, name: "Demo Front Desk", slug: "demo" },
      role: "admin",
      adminOrgIds: [orgId],
      operator: false,
    };
    return { user, operator: false, orgs: [{ id: orgId, name: "Demo Front Desk", slug: "demo" }] };
  }

  it("leaves the organisation one admin whichever order the commands run in", async () => {
    const { orgId } = await seedDemo(database.db);
    const ids = Object.fromEntries(
      (await database.db.select({ id: users.id, email: users.email }).from(users)).map((u) => [
        u.email,
        u.id,
      ]),
    );
    const ada = ids["admin@example.com"]!;
    const maya = ids["manager@example.com"]!;
    await database.db
      .update(memberships)
      .set({ role: "admin" })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, maya)));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        changeMemberRole(grantFor(scopeOf(ada, orgId), orgId), maya, "manager"),
        round % 2 === 0
          ? changeMemberRole(grantFor(scopeOf(maya, orgId), orgId), ada, "trainer")
          : removeMember(grantFor(scopeOf(maya, orgId), orgId), ada),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.reason))).toEqual(["last-admin"]);
      const admins = await database.db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")));
      expect(admins).toHaveLength(1);
      // Both admins again for the next round (the removed one comes back).
      for (const userId of [ada, maya]) {
        await database.db
          .insert(memberships)
          .values({ userId, orgId, role: "admin" })
          .onConflictDoUpdate({ target: [memberships.userId, memberships.orgId], set: { role: "admin" } });
      }
    }
  });
});
