/** A real deployment: SEED_DEMO=false and its own SESSION_SECRET. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, postForm, startTestServer, type TestServer } from "../helpers";

describe("a deployment that sets SEED_DEMO=false and SESSION_SECRET", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { SEED_DEMO: "false", SESSION_SECRET: "a-deployment-secret-of-at-least-32-characters" },
    });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("has no demo account and does not advertise one on the login page", async () => {
    const page = await (await get(`${server.baseUrl}/login`)).text();
    expect(page).toContain("Email");
    expect(page).not.toContain("Demo accounts");
    expect(page).not.toContain("moment-demo");
    const res = await postForm(`${server.baseUrl}/login`, {
      email: "admin@example.com",
      password: "moment-demo",
    });
    expect(res.status).toBe(401);
  });

  it("uses the secret it was given instead of generating one, and prints no demo accounts", () => {
    expect(server.output()).not.toContain("SESSION_SECRET is not set");
    expect(server.output()).not.toContain("Demo accounts");
  });
});

describe("an installation without SESSION_SECRET", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  it("generates a secret, keeps it in DATA_DIR and says so at start", () => {
    expect(server.output()).toMatch(
      /SESSION_SECRET is not set: generated one and kept it in \S+session-secret/,
    );
  });

  it("prints the URL, the engines in use and the demo accounts at start", () => {
    const out = server.output();
    expect(out).toContain(`listening on ${server.baseUrl}`);
    expect(out).toContain("Customer engine: scripted (offline)");
    for (const email of [
      "trainee@example.com",
      "trainer@example.com",
      "manager@example.com",
      "admin@example.com",
    ]) {
      expect(out).toContain(email);
    }
  });
});
