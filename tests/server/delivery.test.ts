/**
 * Delivery through the real built server: a turn with control characters is stored without them
 * (and the log never shows a trainee's words), responses are compressed, fingerprinted assets are
 * cached for a year, streamed replies are not held back by the compressor, and the call page's
 * JavaScript carries no zod.
 */
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALL_ROUTE_ID, pageWeight } from "../bench/bundle";
import { get, login, postForm, ROOT, startTestServer, type TestServer } from "../helpers";

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await login(server.baseUrl, "trainee@example.com");
});
afterAll(async () => {
  await server?.close();
});

function clientToken(html: string): string {
  const m = /name="clientToken" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no client token on the page");
  return m[1]!;
}

describe("a turn with control characters", () => {
  it("is stored without them (a NUL made the database refuse the turn), and the log never shows the words", async () => {
    const start = await postForm(`${server.baseUrl}/train/lost-cap`, { callLocale: "en" }, { cookie });
    expect(start.status).toBe(302);
    const call = start.headers.get("location")!;
    const page = await (await get(`${server.baseUrl}${call}`, { cookie })).text();
    const said = await postForm(
      `${server.baseUrl}${call}`,
      { intent: "say", text: "Good evening, Madame Zanzibar!\u0000 Let me\u0007 look for it.", clientToken: clientToken(page) },
      { cookie },
    );
    expect(said.status).toBe(302);
    expect(said.headers.get("location")).toBe(call);
    const after = await (await get(`${server.baseUrl}${call}`, { cookie })).text();
    expect(after).toContain("Good evening, Madame Zanzibar! Let me look for it.");
    expect(server.output()).not.toContain("Zanzibar");
    // Hung up, so that the next Start begins a call (one in progress is not entered silently, decision 286).
    expect((await postForm(`${server.baseUrl}${call}`, { intent: "end" }, { cookie })).status).toBe(302);
  });
});

describe("responses", () => {
  it("are compressed when the browser accepts gzip", async () => {
    const res = await get(`${server.baseUrl}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    // fetch decodes it: the page is whole.
    expect(await res.text()).toContain("</html>");
  });

  it("serve the fingerprinted assets with a year's immutable cache, compressed", async () => {
    // The largest file of the call page (compression skips bodies under 1 KB).
    const entry = pageWeight(CALL_ROUTE_ID, ROOT).files.sort((a, b) => b.bytes - a.bytes)[0]!.url;
    expect(entry).toMatch(/^\/build\/.+-[0-9A-Z]{8}\.js$/);
    const res = await get(`${server.baseUrl}${entry}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const raw = Buffer.from(await res.arrayBuffer());
    // Node's fetch already decoded it; a browser gets the same JavaScript.
    expect(() => gunzipSync(raw)).toThrow();
    expect(raw.toString("utf8").length).toBeGreaterThan(100);
  });

  it("serve public/ (an hour's cache), and every other path from the app (decision 260: public/ is asked only about its names)", async () => {
    const icon = await get(`${server.baseUrl}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect((await icon.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const missing = await get(`${server.baseUrl}/favicon.png`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("</html>"); // the app's page, not a static 404
    const asset = await get(`${server.baseUrl}/build/nothing-AAAAAAAA.js`);
    expect(asset.status).toBe(404);
    await asset.body?.cancel();
  });

  it("send a page whole and compressed, written as one piece (decision 260)", async () => {
    const plain = await (await get(`${server.baseUrl}/login`, { headers: { "Accept-Encoding": "identity" } })).text();
    const res = await get(`${server.baseUrl}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("</html>");
    expect(html).toContain("streamController.close()"); // the streamed data's last script
    // The same page but for the per-request nonce.
    const nonce = (s: string) => s.replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(nonce(html)).toBe(nonce(plain));
  });

  it("do not compress a streamed reply (each token must leave at once)", async () => {
    const start = await postForm(`${server.baseUrl}/train/lost-cap`, { callLocale: "en", mode: "stream" }, { cookie });
    const call = start.headers.get("location")!;
    const res = await get(`${server.baseUrl}/api${call}/stream`, { cookie, headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("content-encoding")).toBeNull();
    await res.body?.cancel();
  });
});

describe("the call page's JavaScript", () => {
  it("carries no zod (the page checks a reply's length itself; the server validates)", () => {
    const weight = pageWeight(CALL_ROUTE_ID, ROOT);
    expect(weight.files.length).toBeGreaterThan(2);
    expect(weight.zodFiles).toEqual([]);
  });
});
