/**
 * Who may administer what (issue 10 item 1, decision 100), the admin page's invitations
 * (pending list, withdraw, new link, member count, the address after posting) and one-time
 * links (item 4: a newer link revokes the older; a used or withdrawn link answers 410) —
 * against the real built server, on PGlite and (with TEST_DATABASE_URL) on Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantOperator } from "../../app/admin/admin.server";
import { hashPassword } from "../../db/password";
import { memberships, users } from "../../db/schema";
import { DEMO_PASSWORD, seedDemo } from "../../db/seed";
import { cookieFrom, get, login, postForm, testDatabases, type TestServer } from "../helpers";
import { serveFilledDatabase, type PreparedServer } from "../report/support";

const OPERATOR = "olga@ops.example";

/** The id of organisation `name` in the invite form: an option, or the hidden field of a one-organisation admin. */
function orgOption(html: string, name: string): string {
  const id =
    new RegExp(`<option value="([^"]+)"[^>]*>${name}</option>`).exec(html)?.[1] ??
    (html.includes(`>${name}</th>`)
      ? /<input type="hidden" name="orgId" value="([^"]+)"/.exec(html)?.[1]
      : undefined);
  if (!id) throw new Error(`no organisation ${name} in the invite form`);
  return id;
}

function memberCount(html: string, slug: string): number {
  const n = new RegExp(`data-org="${slug}"[\\s\\S]*?data-testid="member-count">(\\d+)<`).exec(html)?.[1];
  if (n === undefined) throw new Error(`no member count for ${slug}`);
  return Number(n);
}

function pendingId(html: string, email: string): string | null {
  return (
    new RegExp(`data-invitation="${email}"[\\s\\S]*?name="invitationId" value="([^"]+)"`).exec(html)?.[1] ??
    null
  );
}

function linkIn(html: string): string {
  const link = /(http:\/\/[^"<\s]+\/set-password\/[A-Za-z0-9_-]+)/.exec(html)?.[1];
  if (!link) throw new Error("no one-time link on the page");
  return new URL(link).pathname;
}

describe.each(testDatabases())("administration on $name", { timeout: 180_000 }, ({ kind }) => {
  let prepared: PreparedServer;
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    prepared = await serveFilledDatabase(kind, async (db) => {
      const { orgId } = await seedDemo(db);
      const [ops] = await db
        .insert(users)
        .values({ email: OPERATOR, name: "Olga Operator", passwordHash: await hashPassword(DEMO_PASSWORD) })
        .returning();
      await db.insert(memberships).values({ userId: ops!.id, orgId, role: "trainee" });
      expect(await grantOperator(db, OPERATOR, "test")).toBe(true);
    });
    server = prepared.server;
    base = server.baseUrl;
  }, 300_000);
  afterAll(async () => {
    await prepared?.close();
  });

  it("keeps each organisation's admin inside their organisation; only an operator creates organisations", async () => {
    // The operator creates organisation B and invites B's admin.
    const ops = await login(base, OPERATOR);
    const created = await postForm(
      `${base}/admin`,
      { intent: "create-org", name: "Clinique Sourire" },
      { cookie: ops },
    );
    expect(created.status).toBe(200);
    const duplicate = await postForm(
      `${base}/admin`,
      { intent: "create-org", name: "Clinique Sourire" },
      { cookie: ops },
    );
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toContain("already exists");
    const opsPage = await (await get(`${base}/admin`, { cookie: ops })).text();
    expect(opsPage).toContain("All organisations");
    const orgA = orgOption(opsPage, "Demo Front Desk");
    const orgB = orgOption(opsPage, "Clinique Sourire");
    const invited = await postForm(
      `${base}/admin`,
      { intent: "invite", email: "bob@b.example", name: "Bob B", role: "admin", orgId: orgB },
      { cookie: ops },
    );
    expect(invited.status).toBe(200);
    const set = await postForm(base + linkIn(await invited.text()), {
      password: "bob-password-1",
      confirm: "bob-password-1",
    });
    expect(set.status).toBe(302);
    expect(set.headers.get("location")).toBe("/admin");
    const bob = cookieFrom(set);

    // B's admin sees B only, and no way to create an organisation.
    const bobPage = await (await get(`${base}/admin`, { cookie: bob })).text();
    expect(bobPage).toContain("Clinique Sourire");
    expect(bobPage).not.toContain("Demo Front Desk");
    expect(bobPage).not.toContain(orgA);
    expect(bobPage).not.toContain("Create an organisation");

    // The take-over of the probe: join A as manager, demote A's manager, create an organisation.
    const join = await postForm(
      `${base}/admin`,
      { intent: "invite", email: "bob@b.example", name: "Bob B", role: "manager", orgId: orgA },
      { cookie: bob },
    );
    expect(join.status).toBe(403);
    const demote = await postForm(
      `${base}/admin`,
      { intent: "invite", email: "manager@example.com", name: "Maya", role: "trainee", orgId: orgA },
      { cookie: bob },
    );
    expect(demote.status).toBe(403);
    expect(
      (await postForm(`${base}/admin`, { intent: "create-org", name: "Bob Corp" }, { cookie: bob })).status,
    ).toBe(403);
    expect((await get(`${base}/team`, { cookie: await login(base, "manager@example.com") })).status).toBe(
      200,
    );
    expect(
      (await get(`${base}/team`, { cookie: await login(base, "bob@b.example", "bob-password-1") })).status,
    ).toBe(200);
    const bobTeam = await (await get(`${base}/team`, { cookie: bob })).text();
    expect(bobTeam).not.toContain("Maya Manager");

    // A's admin (not an operator) administers A only.
    const adminA = await login(base, "admin@example.com");
    const adminPage = await (await get(`${base}/admin`, { cookie: adminA })).text();
    expect(adminPage).toContain("Demo Front Desk");
    expect(adminPage).not.toContain("Clinique Sourire");
    expect(adminPage).not.toContain("Create an organisation");
    expect(
      (
        await postForm(
          `${base}/admin`,
          { intent: "invite", email: "spy@a.example", name: "Spy", role: "admin", orgId: orgB },
          { cookie: adminA },
        )
      ).status,
    ).toBe(403);
    expect(
      (await postForm(`${base}/admin`, { intent: "create-org", name: "Another" }, { cookie: adminA })).status,
    ).toBe(403);

    // An invitation of A cannot be withdrawn or renewed by B's admin.
    const pendingA = await postForm(
      `${base}/admin`,
      { intent: "invite", email: "pat@a.example", name: "Pat", role: "trainee", orgId: orgA },
      { cookie: adminA },
    );
    expect(pendingA.status).toBe(200);
    const id = pendingId(await (await get(`${base}/admin`, { cookie: adminA })).text(), "pat@a.example");
    expect(id).toBeTruthy();
    for (const intent of ["revoke", "resend"]) {
      expect((await postForm(`${base}/admin`, { intent, invitationId: id! }, { cookie: bob })).status).toBe(
        403,
      );
    }
    expect(pendingId(await (await get(`${base}/admin`, { cookie: adminA })).text(), "pat@a.example")).toBe(
      id,
    );

    // Other roles still get 403 on the whole page.
    const trainer = await login(base, "trainer@example.com");
    expect((await get(`${base}/admin`, { cookie: trainer })).status).toBe(403);
  });

  it("lists pending invitations without counting them as members, and posts to /admin (not /admin?index)", async () => {
    const admin = await login(base, "admin@example.com");
    const before = await (await get(`${base}/admin`, { cookie: admin })).text();
    expect(before).toContain("Invitations not yet accepted");
    expect(before).not.toContain("?index");
    expect(before).toMatch(/<form method="post" action="\/admin"/);
    const members = memberCount(before, "demo");

    const invited = await postForm(
      `${base}/admin`,
      {
        intent: "invite",
        email: `quinn-${kind}@a.example`,
        name: "Quinn",
        role: "trainer",
        orgId: orgOption(before, "Demo Front Desk"),
      },
      { cookie: admin },
    );
    const link = linkIn(await invited.text());
    const after = await (await get(`${base}/admin`, { cookie: admin })).text();
    expect(memberCount(after, "demo")).toBe(members);
    expect(pendingId(after, `quinn-${kind}@a.example`)).toBeTruthy();

    const accepted = await postForm(base + link, { password: "quinn-password", confirm: "quinn-password" });
    expect(accepted.status).toBe(302);
    const done = await (await get(`${base}/admin`, { cookie: admin })).text();
    expect(memberCount(done, "demo")).toBe(members + 1);
    expect(pendingId(done, `quinn-${kind}@a.example`)).toBeNull();
  });

  it("revokes the earlier link when someone is invited again, and answers 410 to a used or withdrawn link in both languages", async () => {
    const admin = await login(base, "admin@example.com");
    const page = await (await get(`${base}/admin`, { cookie: admin })).text();
    const orgId = orgOption(page, "Demo Front Desk");
    const email = "xavier@a.example";
    const invite = async () =>
      linkIn(
        await (
          await postForm(
            `${base}/admin`,
            { intent: "invite", email, name: "Xavier", role: "manager", orgId },
            { cookie: admin },
          )
        ).text(),
      );
    const l1 = await invite();
    const l2 = await invite();
    expect(l2).not.toBe(l1);

    const old = await get(base + l1);
    expect(old.status).toBe(410);
    expect(await old.text()).toContain("This link was withdrawn");
    const oldFr = await get(base + l1, { headers: { "Accept-Language": "fr-CA,fr;q=0.9" } });
    expect(oldFr.status).toBe(410);
    expect(await oldFr.text()).toContain("Ce lien a été retiré");
    const refused = await postForm(base + l1, {
      password: "attacker-password",
      confirm: "attacker-password",
    });
    expect(refused.status).toBe(410);
    await expect(login(base, email, "attacker-password")).rejects.toThrow(/HTTP 401/);

    const set = await postForm(base + l2, { password: "xavier-password", confirm: "xavier-password" });
    expect(set.status).toBe(302);
    const xavier = cookieFrom(set);

    const used = await get(base + l2);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain("This link has already been used");
    const usedFr = await get(base + l2, { headers: { "Accept-Language": "fr" } });
    expect(await usedFr.text()).toContain("Ce lien a déjà servi");
    // Neither link sets the password again, nor ends Xavier's session.
    for (const link of [l1, l2]) {
      expect(
        (await postForm(base + link, { password: "second-password", confirm: "second-password" })).status,
      ).toBe(410);
    }
    expect((await get(`${base}/team`, { cookie: xavier })).status).toBe(200);
    expect(await login(base, email, "xavier-password")).toContain("mot_session=");

    const unknown = await get(`${base}/set-password/not-a-real-token`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("This link does not work");
  });

  it("lets an admin withdraw an invitation or make a new link for it", async () => {
    const admin = await login(base, "admin@example.com");
    const orgId = orgOption(await (await get(`${base}/admin`, { cookie: admin })).text(), "Demo Front Desk");
    const invite = async (email: string) =>
      linkIn(
        await (
          await postForm(
            `${base}/admin`,
            { intent: "invite", email, name: "Someone", role: "trainee", orgId },
            { cookie: admin },
          )
        ).text(),
      );

    const withdrawnLink = await invite("yves@a.example");
    const id = pendingId(await (await get(`${base}/admin`, { cookie: admin })).text(), "yves@a.example");
    const revoked = await postForm(
      `${base}/admin`,
      { intent: "revoke", invitationId: id! },
      { cookie: admin },
    );
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("was withdrawn");
    expect((await get(base + withdrawnLink)).status).toBe(410);
    expect(
      pendingId(await (await get(`${base}/admin`, { cookie: admin })).text(), "yves@a.example"),
    ).toBeNull();
    const again = await postForm(`${base}/admin`, { intent: "revoke", invitationId: id! }, { cookie: admin });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("no longer pending");

    const firstLink = await invite("zoe@a.example");
    const zid = pendingId(await (await get(`${base}/admin`, { cookie: admin })).text(), "zoe@a.example");
    const resent = await postForm(
      `${base}/admin`,
      { intent: "resend", invitationId: zid! },
      { cookie: admin },
    );
    expect(resent.status).toBe(200);
    const newLink = linkIn(await resent.text());
    expect(newLink).not.toBe(firstLink);
    expect((await get(base + firstLink)).status).toBe(410);
    expect((await get(base + newLink)).status).toBe(200);
  });

  it("serves a favicon", async () => {
    const res = await get(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/icon/);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
