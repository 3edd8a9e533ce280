/**
 * Role × route matrix against the real built app: for each role and each top-level
 * area, the expected 200 / 403 / redirect to login.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../db/seed";
import { get, login, startTestServer, type TestServer } from "../helpers";

type Expect = 200 | 403 | `-> ${string}`;
const AREAS = ["/train", "/author", "/team", "/admin"] as const;

const MATRIX: Record<string, Record<(typeof AREAS)[number] | "/" | "/login", Expect>> = {
  "logged out": {
    "/": "-> /login",
    "/login": 200,
    "/train": "-> /login?redirectTo=%2Ftrain",
    "/author": "-> /login?redirectTo=%2Fauthor",
    "/team": "-> /login?redirectTo=%2Fteam",
    "/admin": "-> /login?redirectTo=%2Fadmin",
  },
  trainee: {
    "/": "-> /train",
    "/login": "-> /train",
    "/train": 200,
    "/author": 403,
    "/team": 403,
    "/admin": 403,
  },
  trainer: {
    "/": "-> /author",
    "/login": "-> /author",
    "/train": 200,
    "/author": 200,
    "/team": 403,
    "/admin": 403,
  },
  manager: {
    "/": "-> /team",
    "/login": "-> /team",
    "/train": 403,
    // Managers read the studio (issue 13); trainers and admins edit.
    "/author": 200,
    "/team": 200,
    "/admin": 403,
  },
  admin: {
    "/": "-> /admin",
    "/login": "-> /admin",
    "/train": 200,
    "/author": 200,
    "/team": 200,
    "/admin": 200,
  },
};

describe("which role may see which area", { timeout: 60_000 }, () => {
  let server: TestServer;
  const cookies: Record<string, string | undefined> = {};
  beforeAll(async () => {
    server = await startTestServer();
    for (const a of DEMO_ACCOUNTS) cookies[a.role] = await login(server.baseUrl, a.email);
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  for (const [who, row] of Object.entries(MATRIX)) {
    for (const [path, expected] of Object.entries(row)) {
      it(`answers ${expected} to ${who} on ${path}`, async () => {
        const res = await get(server.baseUrl + path, { cookie: cookies[who] });
        if (typeof expected === "number") {
          expect(res.status).toBe(expected);
          const html = await res.text();
          if (expected === 403) expect(html).toContain("Not allowed");
        } else {
          expect([302, 303]).toContain(res.status);
          expect(res.headers.get("location")).toBe(expected.slice(3));
        }
      });
    }
  }

  it("answers an unknown address with a 404 page inside the layout, for everyone", async () => {
    for (const who of ["logged out", "trainee"]) {
      const res = await get(`${server.baseUrl}/no/such/page`, { cookie: cookies[who] });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("Page not found");
      expect(html).toContain("Moment of Truth");
    }
  });

  it("shows each role only the areas it may see in the top navigation", async () => {
    const res = await get(`${server.baseUrl}/team`, { cookie: cookies.manager });
    const html = await res.text();
    const navHtml = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
    expect(navHtml).toContain('href="/team"');
    expect(navHtml).not.toContain('href="/train"');
    expect(navHtml).not.toContain('href="/admin"');
    const adminHtml = await (await get(`${server.baseUrl}/admin`, { cookie: cookies.admin })).text();
    const adminNav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(adminHtml)?.[1] ?? "";
    for (const area of AREAS) expect(adminNav).toContain(`href="${area}"`);
  });
});
