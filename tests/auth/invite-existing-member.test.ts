/**
 * Inviting someone who is already a member of the organisation is refused (tester finding, session 13): the
 * invitation used to give them the typed role at once ("… is now a member with the role Administrator"),
 * without confirmation. Now nothing changes and the refusal points to Change role, in English and French; an
 * account of another organisation still joins at once (decision 011). Against the real built server on PGlite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, migrate } from "../../db/client";
import { get, login, postForm, startTestServer, type TestServer } from "../helpers";
import { copyPgliteTemplate } from "../helpers/pglite-template";
import { createWorld, type World } from "../report/fixtures";

function memberRole(html: string, email: string): string | null {
  return new RegExp(`data-member="${email}"[\\s\\S]*?data-testid="member-role">([^<]+)<`).exec(html)?.[1] ?? null;
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

describe("inviting someone who is already a member", { timeout: 240_000 }, () => {
  let dir: string;
  let server: TestServer;
  let base: string;
  let world: World;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mot-invite-member-"));
    await copyPgliteTemplate(dir, "migrated");
    const handle = createDatabase({ dataDir: dir });
    try {
      await migrate(handle.db);
      world = await createWorld(handle.db);
    } finally {
      await handle.close();
    }
    server = await startTestServer({ env: { DATA_DIR: dir } });
    base = server.baseUrl;
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is refused with a message pointing to Change role, and changes nothing, in English and French", async () => {
    const admin = await login(base, world.emails.admin);
    const fields = {
      intent: "invite",
      email: world.emails.trainer,
      name: "Someone Else",
      role: "admin",
      orgId: world.demoOrgId,
    };
    const en = await postForm(`${base}/admin`, fields, { cookie: admin });
    expect(en.status).toBe(409);
    const enText = text(await en.text());
    expect(enText).toContain(
      `(${world.emails.trainer}) is already a member (Trainer); nothing was changed. To change their role, use “Change role” in the member list.`,
    );
    expect(enText).not.toContain("is now a member");
    const again = await postForm(`${base}/admin`, { ...fields, role: "trainer" }, { cookie: admin });
    expect(again.status).toBe(409);
    expect(text(await again.text())).toContain("is already a member (Trainer)");

    const fr = await postForm(`${base}/admin`, fields, { cookie: admin, headers: { "Accept-Language": "fr" } });
    expect(fr.status).toBe(409);
    const frHtml = await fr.text();
    expect(text(frHtml)).toContain(
      `(${world.emails.trainer}) est déjà membre (Formateur·rice) ; rien n'a été modifié. Pour changer son rôle, utilisez « Changer le rôle » dans la liste des membres.`,
    );
    expect(frHtml).toContain('value="Someone Else"');

    const page = await (await get(`${base}/admin`, { cookie: admin })).text();
    expect(memberRole(page, world.emails.trainer)).toBe("Trainer");
    expect(page).not.toContain("Someone Else");
  });

  it("still lets an account of another organisation join at once", async () => {
    const admin = await login(base, world.emails.admin);
    const res = await postForm(
      `${base}/admin`,
      { intent: "invite", email: world.emails.otherTrainee, name: "Other", role: "trainee", orgId: world.demoOrgId },
      { cookie: admin },
    );
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain(`${world.emails.otherTrainee} already has a password and is now a member with the role Trainee.`);
    const page = await (await get(`${base}/admin`, { cookie: admin })).text();
    expect(memberRole(page, world.emails.otherTrainee)).toBe("Trainee");
  });
});
