/**
 * `npm start` stops cleanly (decision 122): SIGTERM or SIGINT to the process `npm start` started →
 * no new connections, the request in flight is still answered, the database is closed, every
 * process exits.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { ensureBuilt, prepareServerDataDir, ROOT } from "../helpers";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A POST whose body is written in two halves, `gapMs` apart: in flight for that long. */
function slowPost(port: number, gapMs: number, onStarted: () => void): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({ email: "nobody@example.com", password: "not-the-password" }).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/login",
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(body.length) },
        // A connection of its own: Node's global agent keeps sockets alive, and a socket reused from the
        // probe before it is connected already — it never emits "connect", and the test waited forever.
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 10));
    req.on("socket", (socket) => (socket.connecting ? socket.once("connect", onStarted) : onStarted()));
    setTimeout(() => req.end(body.slice(10)), gapMs);
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/login", timeout: 2000, agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** A promise that must settle within `ms`; otherwise the test fails now, saying what it waited for and what the server printed. */
function within<T>(promise: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}; the server printed:\n${output()}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

let dataDir: string | undefined;
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe("npm start", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "stops on %s: answers the request in flight, accepts no new connection, closes the database and exits 0",
    async (signal) => {
      await ensureBuilt();
      dataDir = mkdtempSync(join(tmpdir(), "mot-stop-"));
      await prepareServerDataDir(dataDir); // not a first start: that is start.test.ts's subject (decision 268)
      const port = await freePort();
      const npm = spawn("npm", ["start", "--silent"], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          NODE_ENV: "production",
          PORT: String(port),
          DATA_DIR: dataDir,
          SKIP_BUILD: "1",
          CUSTOMER_MODEL: "scripted",
          JUDGE_MODEL: "heuristic",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      npm.stdout.on("data", (d: Buffer) => (output += d.toString()));
      npm.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
      try {
        await expect.poll(() => output, { timeout: 50_000, interval: 100, message: "listening" }).toContain("listening on");
        // The understanding models warm up right after listening, synchronously for a second or two: a
        // connection accepted then is parsed only afterwards. Wait for it, so that the request below is
        // really in flight (headers read) when the signal comes.
        await expect.poll(() => output, { timeout: 40_000, interval: 100, message: "understanding ready" }).toMatch(/Understanding: .*ready/);
        expect(await connects(port)).toBe(true);

        let started!: () => void;
        const inFlightStarted = new Promise<void>((r) => (started = r));
        const inFlight = slowPost(port, 1500, started);
        await within(inFlightStarted, 10_000, "the slow request to connect", () => output);
        await new Promise((r) => setTimeout(r, 200));
        npm.kill(signal);
        await expect.poll(() => output, { timeout: 5000, interval: 50 }).toContain(`${signal}: stopping`);
        // Stopping: a new connection is refused while the request in flight is being finished.
        expect(await connects(port)).toBe(false);
        const answered = await within(inFlight, 20_000, "the request in flight to be answered", () => output);
        expect(answered.status).toBeLessThan(500);
        expect(answered.body).toContain("<html");

        expect(await within(exited, 20_000, "npm start to exit", () => output)).toBe(0);
        expect(output).toContain("Stopped; database closed.");
        expect(await connects(port)).toBe(false);
        // The embedded database was closed properly: it opens again at once, with the demo data.
        const handle = createDatabase({ dataDir });
        try {
          const rows = await handle.db.execute("select count(*)::int as n from users");
          expect(JSON.stringify(rows)).toMatch(/"n":[1-9]/);
        } finally {
          await handle.close();
        }
      } finally {
        if (npm.exitCode === null && npm.signalCode === null) npm.kill("SIGKILL");
      }
    },
    180_000,
  );
});
