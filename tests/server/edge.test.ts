/**
 * The server's edge (app/server/requests.ts, decision 120) through the real built server: bodies
 * over the limit are refused before they are read, bodies that are not a form and requests from
 * another origin get a short 4xx, and none of them leaves a stack trace in the log.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT } from "../../app/server/limits";
import { postForm, startTestServer, type TestServer } from "../helpers";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface RawAnswer {
  status: number;
  body: string;
  /** Bytes of the body written before the answer arrived. */
  sentBeforeAnswer: number;
}

/**
 * POST /login with a body that is written slowly and never finished: the answer must come
 * while the client is still sending. `declaredLength` sets Content-Length (else chunked).
 */
function slowUpload({
  declaredLength,
  chunk = 64 * 1024,
  write = true,
}: {
  declaredLength?: number;
  chunk?: number;
  /** false: send the headers only (the body never comes). */
  write?: boolean;
}): Promise<RawAnswer> {
  const url = new URL(`${server.baseUrl}/login`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          ...(declaredLength !== undefined ? { "Content-Length": String(declaredLength) } : {}),
        },
      },
      (res) => {
        const sentBeforeAnswer = sent;
        clearInterval(timer);
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer });
        });
      },
    );
    req.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    const piece = Buffer.alloc(chunk, "a");
    // Write a piece every 20 ms, up to 4 MB: far more than the limit, never the declared whole.
    if (!write) req.flushHeaders();
    const timer = setInterval(() => {
      if (!write || sent >= 4 * 1024 * 1024) return;
      req.write(piece);
      sent += piece.length;
    }, 20);
  });
}

describe("request bodies", () => {
  it("refuses a body whose declared length is over the limit with 413, before reading it", async () => {
    // Only the headers are sent: the answer can come from them alone.
    const answer = await slowUpload({ declaredLength: 200 * 1024 * 1024, write: false });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/too large/i);
    expect(answer.sentBeforeAnswer).toBe(0);
  });

  it("refuses a chunked body as soon as it passes the limit, without waiting for its end", async () => {
    // The body never ends (the client stops writing at 4 MB and never finishes): an answer at all
    // means the server decided while reading.
    const answer = await slowUpload({});
    expect(answer.status).toBe(413);
    expect(answer.sentBeforeAnswer).toBeGreaterThan(FORM_BODY_LIMIT);
  });

  it("still reads a form under the limit: a login attempt gets the login page's answer", async () => {
    const res = await postForm(`${server.baseUrl}/login`, { email: "nobody@example.com", password: "x".repeat(100_000) });
    expect([200, 400, 401, 429]).toContain(res.status);
    expect(await res.text()).toContain("<html");
  });
});

describe("bodies that are not a form, and other origins", () => {
  const post = (headers: Record<string, string>, body: string | undefined) =>
    fetch(`${server.baseUrl}/login`, { method: "POST", redirect: "manual", headers, body });

  it.each([
    ["JSON", { "Content-Type": "application/json" }, '{"email":"a@b.c"}', 415],
    ["text/plain", { "Content-Type": "text/plain" }, "email=a@b.c", 415],
    ["no content type", {}, undefined, 415],
    ["multipart without a boundary", { "Content-Type": "multipart/form-data" }, "--x\r\n", 400],
    [
      "truncated multipart",
      { "Content-Type": "multipart/form-data; boundary=XyZ" },
      '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--XyZ\r\nContent-Disposition: form-da',
      400,
    ],
    ["a form posted from another site", { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example" }, "email=a", 403],
    ["a form posted from an opaque origin", { "Content-Type": "application/x-www-form-urlencoded", Origin: "null" }, "email=a", 403],
    [
      "a form claiming a forwarded host it was not sent to",
      { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
      "email=a",
      403,
    ],
  ] as const)("answers %s with a short %i and no stack trace in the log", async (_name, headers, body, status) => {
    const before = server.output().length;
    const res = await post({ ...headers }, body);
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(text.length).toBeLessThan(200);
    expect(text).not.toMatch(/\bat \S+ \(/);
    await new Promise((r) => setTimeout(r, 100));
    const logged = server.output().slice(before);
    expect(logged).not.toMatch(/^\s+at /m);
    expect(logged).not.toMatch(/Error/);
  });

  it("lets a same-origin form through (its Origin is the server's own)", async () => {
    const res = await postForm(`${server.baseUrl}/login`, { email: "nobody@example.com", password: "wrong" }, { headers: { Origin: server.baseUrl } });
    expect(res.status).not.toBe(403);
    expect(await res.text()).toContain("<html");
  });
});
