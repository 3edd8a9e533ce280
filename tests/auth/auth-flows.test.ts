/**
 * Logging in and out, sessions, rate limits, invitations — against the real built app,
 * on PGlite and (with TEST_DATABASE_URL) on the Postgres server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieFrom,
  get,
  login,
  postForm,
  startTestServer,
  testDatabases,
  type TestServer,
} from "../helpers";

describe.each(testDatabases())("logging in and out on $name", { timeout: 120_000 }, ({ kind }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: kind });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("sends each demo account to its role's home after logging in", async () => {
    const homes = {
      "trainee@example.com": "/train",
      "trainer@example.com": "/author",
      "manager@example.com": "/team",
      "admin@example.com": "/admin",
    };
    for (const [email, home] of Object.entries(homes)) {
      const res = await postForm(`${server.baseUrl}/login`, {
        email: email.toUpperCase(),
        password: "moment-demo",
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(home);
    }
  });

  it("goes back to the page asked for when logging in from a redirect, but never off-site", async () => {
    const back = await postForm(`${server.baseUrl}/login`, {
      email: "admin@example.com",
      password: "moment-demo",
      redirectTo: "/team",
    });
    expect(back.headers.get("location")).toBe("/team");
    const offsite = await postForm(`${server.baseUrl}/login`, {
      email: "admin@example.com",
      password: "moment-demo",
      redirectTo: "//evil.example/steal",
    });
    expect(offsite.headers.get("location")).toBe("/admin");
  });

  it("keeps only a signed session id in an httpOnly, SameSite=Lax, Secure cookie", async () => {
    const res = await postForm(`${server.baseUrl}/login`, {
      email: "trainee@example.com",
      password: "moment-demo",
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("mot_session="));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/i);
    const value = decodeURIComponent(setCookie!.split(";")[0]!.split("=").slice(1).join("="));
    expect(value).not.toContain("trainee");
    expect(value).not.toContain("moment-demo");
  });

  it("refuses a session cookie whose signature was tampered with", async () => {
    const cookie = await login(server.baseUrl, "trainee@example.com");
    const tampered = cookie.replace(
      /mot_session=([^;]+)/,
      (_m, v: string) => `mot_session=${v.slice(0, -3)}abc`,
    );
    const res = await get(`${server.baseUrl}/train`, { cookie: tampered });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("says the email and password do not match, without saying which, and keeps the email typed", async () => {
    for (const email of ["trainee@example.com", "nobody@example.com"]) {
      const res = await postForm(`${server.baseUrl}/login`, { email, password: "wrong-password" });
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain("That email and password do not match an account.");
      expect(html).toContain(`value="${email}"`);
    }
  });

  it("explains an invalid email address next to the field", async () => {
    const res = await postForm(`${server.baseUrl}/login`, { email: "not-an-email", password: "x" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter a valid email address");
    const empty = await postForm(`${server.baseUrl}/login`, { email: "trainee@example.com", password: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter your password.");
  });

  it("answers in French when the browser prefers French", async () => {
    const res = await postForm(
      `${server.baseUrl}/login`,
      { email: "trainee@example.com", password: "wrong-password" },
      { headers: { "Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5" } },
    );
    const html = await res.text();
    expect(html).toContain("Ce courriel et ce mot de passe ne correspondent à aucun compte.");
    expect(html).toContain('<html lang="fr"');
  });

  it("blocks an account after five failed attempts, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await postForm(`${server.baseUrl}/login`, {
        email: "manager@example.com",
        password: `wrong-${i}`,
      });
      expect(res.status).toBe(401);
    }
    const blocked = await postForm(`${server.baseUrl}/login`, {
      email: "manager@example.com",
      password: "moment-demo",
    });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many failed attempts");
    // Another account from the same address still works.
    expect(await login(server.baseUrl, "trainer@example.com")).toContain("mot_session=");
  });

  it("ends the session on the server when logging out, so the old cookie no longer works", async () => {
    const cookie = await login(server.baseUrl, "trainer@example.com");
    expect((await get(`${server.baseUrl}/author`, { cookie })).status).toBe(200);
    const out = await postForm(`${server.baseUrl}/logout`, {}, { cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    const after = await get(`${server.baseUrl}/author`, { cookie });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Fauthor");
  });

  it("remembers the language chosen by a user on the account, across sessions", async () => {
    const cookie = await login(server.baseUrl, "trainer@example.com");
    const switched = await postForm(
      `${server.baseUrl}/language`,
      { locale: "fr", redirectTo: "/author" },
      { cookie },
    );
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe("/author");
    // A new session, with no language cookie and an English browser: still French.
    const fresh = await login(server.baseUrl, "trainer@example.com");
    const html = await (
      await get(`${server.baseUrl}/author`, { cookie: fresh, headers: { "Accept-Language": "en" } })
    ).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Se déconnecter");
    await postForm(`${server.baseUrl}/language`, { locale: "en" }, { cookie: fresh });
  });

  it("lets an admin invite someone, who sets a password with the one-time link and lands on the role's home", async () => {
    const admin = await login(server.baseUrl, "admin@example.com");
    const adminPage = await (await get(`${server.baseUrl}/admin`, { cookie: admin })).text();
    // The admin of one organisation invites into it (the form carries its id).
    expect(adminPage).toContain(">Demo Front Desk</th>");
    const orgId = /<input type="hidden" name="orgId" value="([^"]+)"/.exec(adminPage)?.[1];
    expect(orgId).toBeTruthy();
    const email = `new-${kind}@example.com`;
    const invited = await postForm(
      `${server.baseUrl}/admin`,
      { intent: "invite", email, name: "Nora New", role: "manager", orgId: orgId! },
      { cookie: admin },
    );
    expect(invited.status).toBe(200);
    const html = await invited.text();
    const link = /(http:\/\/[^"<\s]+\/set-password\/[A-Za-z0-9_-]+)/.exec(html)?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    const page = await (await get(server.baseUrl + path)).text();
    expect(page).toContain(email);
    const tooShort = await postForm(server.baseUrl + path, { password: "short", confirm: "short" });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("at least 10 characters");

    const set = await postForm(server.baseUrl + path, {
      password: "a-good-password",
      confirm: "a-good-password",
    });
    expect(set.status).toBe(302);
    expect(set.headers.get("location")).toBe("/team");
    expect((await get(`${server.baseUrl}/team`, { cookie: cookieFrom(set) })).status).toBe(200);

    const reused = await get(server.baseUrl + path);
    expect(reused.status).toBe(410);
    expect(await reused.text()).toContain("This link has already been used");
    expect(await login(server.baseUrl, email, "a-good-password")).toContain("mot_session=");
  });

  it("does not let an invitation link switch accounts: signed in as someone else, the link says so and its form is refused", async () => {
    const admin = await login(server.baseUrl, "admin@example.com");
    const adminPage = await (await get(`${server.baseUrl}/admin`, { cookie: admin })).text();
    const orgId = /<input type="hidden" name="orgId" value="([^"]+)"/.exec(adminPage)?.[1];
    const email = `omar-${kind}@example.com`;
    const invited = await postForm(
      `${server.baseUrl}/admin`,
      { intent: "invite", email, name: "Omar Other", role: "trainee", orgId: orgId! },
      { cookie: admin },
    );
    const link = /(http:\/\/[^"<\s]+\/set-password\/[A-Za-z0-9_-]+)/.exec(await invited.text())?.[1];
    expect(link).toBeTruthy();
    const path = new URL(link!).pathname;

    // The admin opens the link: no password form, who is signed in and whom the link is for.
    const page = await get(server.baseUrl + path, { cookie: admin });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("This invitation is for someone else");
    expect(html).toContain(
      `You are signed in as Ada Admin; this invitation is for ${email}. Log out first, then open the link again.`,
    );
    expect(html).toContain("Log out and open the link again");
    expect(html).not.toContain('name="password"');
    const fr = await (
      await get(server.baseUrl + path, { cookie: admin, headers: { "Accept-Language": "fr" } })
    ).text();
    expect(fr).toContain(
      `Vous êtes connecté·e en tant que Ada Admin ; cette invitation est destinée à ${email}.`,
    );
    expect(fr).toContain("Se déconnecter et rouvrir le lien");

    // Posting the form anyway is refused: the admin stays signed in, the invitation stays pending.
    const refused = await postForm(
      server.baseUrl + path,
      { password: "omar-password", confirm: "omar-password" },
      { cookie: admin },
    );
    expect(refused.status).toBe(409);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await refused.text()).toContain(
      `Nothing was done: the invitation was not used and still waits for ${email}.`,
    );
    expect((await get(`${server.baseUrl}/admin`, { cookie: admin })).status).toBe(200);
    const stillPending = await get(server.baseUrl + path);
    expect(stillPending.status).toBe(200);
    expect(await stillPending.text()).toContain('name="password"');

    // Log out from the page: back to the same link, signed out, and the form is offered.
    const out = await postForm(server.baseUrl + path, { intent: "logout" }, { cookie: admin });
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe(path);
    const afterOut = await get(`${server.baseUrl}/admin`, { cookie: admin });
    expect(afterOut.status).toBe(302);
    expect(afterOut.headers.get("location")).toMatch(/^\/login/);

    const set = await postForm(server.baseUrl + path, {
      password: "omar-password",
      confirm: "omar-password",
    });
    expect(set.status).toBe(302);
    expect(set.headers.get("location")).toBe("/train");
  });

  it("refuses to create an organisation to an organisation's admin who is not a platform operator", async () => {
    const admin = await login(server.baseUrl, "admin@example.com");
    const page = await (await get(`${server.baseUrl}/admin`, { cookie: admin })).text();
    expect(page).not.toContain("Create an organisation");
    const created = await postForm(
      `${server.baseUrl}/admin`,
      { intent: "create-org", name: "Clinique Sourire" },
      { cookie: admin },
    );
    expect(created.status).toBe(403);
  });

  it("refuses admin actions to other roles with a 403", async () => {
    const manager = await login(server.baseUrl, "trainer@example.com");
    const res = await postForm(
      `${server.baseUrl}/admin`,
      { intent: "create-org", name: "Sneaky" },
      { cookie: manager },
    );
    expect(res.status).toBe(403);
  });

  it("sends security headers on every page", async () => {
    const res = await get(`${server.baseUrl}/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });
});
