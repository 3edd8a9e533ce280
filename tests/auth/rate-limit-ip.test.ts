/** Login rate limit per IP address (behind a proxy: TRUST_PROXY=true, X-Forwarded-For). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMIT } from "../../app/auth.server";
import { login, postForm, startTestServer, type TestServer } from "../helpers";

describe("the login rate limit per IP address", { timeout: 180_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: "true" } });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("blocks an address after many failures on different accounts, while other addresses still log in", async () => {
    const attacker = { "X-Forwarded-For": "203.0.113.7" };
    for (let i = 0; i < RATE_LIMIT.perIp; i++) {
      const res = await postForm(
        `${server.baseUrl}/login`,
        { email: `guess-${i}@example.com`, password: "password123" },
        { headers: attacker },
      );
      expect(res.status).toBe(401);
    }
    const blocked = await postForm(
      `${server.baseUrl}/login`,
      { email: "trainee@example.com", password: "moment-demo" },
      { headers: attacker },
    );
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many failed attempts");

    const elsewhere = await postForm(
      `${server.baseUrl}/login`,
      { email: "trainee@example.com", password: "moment-demo" },
      { headers: { "X-Forwarded-For": "198.51.100.20" } },
    );
    expect(elsewhere.status).toBe(302);
    expect(await login(server.baseUrl, "trainer@example.com")).toContain("mot_session=");
  });
});
