/**
 * A start with data present (decision 195): the library is not parsed again,
 * the understanding's warm-up runs after "listening" — and the first requests sent the moment the
 * server says it is listening are answered correctly: a page, a login (the database), the catalog.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_OUTPUT } from "../../app/server/build.mjs";
import { ensureBuilt, ROOT } from "../helpers";
import { offlineServerEnv } from "../helpers/server";
import { get, login } from "../helpers/http";

interface Started {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [SERVER_OUTPUT], {
    cwd: ROOT,
    env: offlineServerEnv(dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "listening" within 120 s:\n${output}`)), 120_000);
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        ok({ child, baseUrl: m[1], output: () => output });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before listening:\n${output}`));
    });
  });
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once("exit", () => r()));
  s.child.kill("SIGTERM");
  await exited;
}

describe("a start with data present", () => {
  let dataDir: string;
  let server: Started | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), "mot-start-"));
    // First start: migrates, seeds, parses the library and fills the caches.
    const first = await start(dataDir);
    await stop(first);
  }, 240_000);
  afterAll(async () => {
    if (server) await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers the first requests sent right after 'listening', from the caches", async () => {
    server = await start(dataDir);
    // Nothing awaited between the line and these requests.
    const [page, cookie] = await Promise.all([get(`${server.baseUrl}/login`), login(server.baseUrl, "trainee@example.com")]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    const train = await get(`${server.baseUrl}/train`, { cookie });
    expect(train.status).toBe(200);
    const html = await train.text();
    expect(html).toMatch(/lost|cap|casquette/i);
    expect(server.output()).toMatch(/Scenario library: 3 file\(s\)\n/); // unchanged: nothing added, nothing parsed anew
    // The warm-up still happens, after listening, from the cached definitions.
    const deadline = Date.now() + 60_000;
    while (!/Understanding: \d+ topic models ready/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toMatch(/Understanding: 6 topic models ready/);
    expect(server.output()).not.toMatch(/warm-up failed|Could not/);
  }, 180_000);
});
