/**
 * The studio's JSON endpoints and the login page, through the real built app (decision 271): a GET of the
 * test-play or autosave address goes to the editor (not a bare "Not Found"); a malformed autosave or
 * test-play answers 400 with what is wrong, in the user's language, and which part of the payload; a login
 * page reached with a session cookie that no longer opens a session says the session expired.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, login, postForm, startTestServer, type TestServer } from "../helpers";

describe("the studio's endpoints and the login page's note", () => {
  let server: TestServer;
  let trainer: string;

  beforeAll(async () => {
    server = await startTestServer();
    trainer = await login(server.baseUrl, "trainer@example.com");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends a GET of /author/<slug>/play or /draft to the editor", async () => {
    for (const path of ["/author/angry-caller/play", "/author/angry-caller/draft"]) {
      const res = await get(`${server.baseUrl}${path}`, { cookie: trainer });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("Location"), path).toBe("/author/angry-caller");
    }
    // An export without a version, or of a version that does not exist, goes to the versions page (its links).
    for (const path of ["/author/angry-caller/export", "/author/angry-caller/export?version=999", "/author/angry-caller/export?version=x"]) {
      const res = await get(`${server.baseUrl}${path}`, { cookie: trainer });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("Location"), path).toBe("/author/angry-caller/versions");
    }
    // The editor itself answers with the app's page, styled.
    const editor = await get(`${server.baseUrl}/author/angry-caller`, { cookie: trainer });
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain("<html");
  });

  it("answers a malformed autosave with 400 and what is wrong, in the user's language", async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{}, "payload", "the request held no draft"],
      [{ payload: "not json" }, "payload", "the request held no draft"],
      [{ payload: JSON.stringify({ content: 1, revision: 0 }) }, "content", "“content” is not a scenario"],
      [{ payload: JSON.stringify({ content: {}, revision: -1 }) }, "revision", "“revision” must be the whole number"],
    ];
    for (const [fields, field, message] of cases) {
      const res = await postForm(`${server.baseUrl}/author/angry-caller/draft`, fields, { cookie: trainer });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.headers.get("Content-Type")).toContain("application/json");
      const body = (await res.json()) as { ok: boolean; error: string; field: string };
      expect(body.ok).toBe(false);
      expect(body.field).toBe(field);
      expect(body.error).toContain(message);
    }
    const fr = await postForm(`${server.baseUrl}/author/angry-caller/draft`, { payload: JSON.stringify({ content: [], revision: 0 }) }, {
      cookie: trainer,
      headers: { "Accept-Language": "fr-FR" },
    });
    expect(fr.status).toBe(400);
    expect(((await fr.json()) as { error: string }).error).toBe("« content » n'est pas un scénario (attendu : un objet JSON)");
  });

  it("answers a malformed test-play with 400 naming the field", async () => {
    const res = await postForm(`${server.baseUrl}/author/angry-caller/play`, { payload: JSON.stringify({ locale: "de", lines: [] }) }, { cookie: trainer });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: string; field: string };
    expect(body).toMatchObject({ ok: false, field: "locale" });
    expect(body.error).toBe("locale: Pick one of the options.");
  });

  it("says on the login page that the session expired when the cookie no longer opens a session", async () => {
    const cookie = await login(server.baseUrl, "trainee@example.com");
    const out = await postForm(`${server.baseUrl}/logout`, {}, { cookie });
    expect(out.status).toBe(302);
    // The browser still holds the old cookie: the call page sends it to the login page, which says why.
    const call = await get(`${server.baseUrl}/train`, { cookie });
    expect(call.headers.get("Location")).toBe("/login?redirectTo=%2Ftrain");
    const page = await (await get(`${server.baseUrl}/login?redirectTo=%2Ftrain`, { cookie })).text();
    expect(page).toContain("Your session has expired.");
    expect(page).toContain("Log in again: you will be taken back to the page you were on.");
    // Without a cookie (a first visit, after logging out here): no such note.
    const fresh = await (await get(`${server.baseUrl}/login`)).text();
    expect(fresh).not.toContain("Your session has expired.");
  });
});
