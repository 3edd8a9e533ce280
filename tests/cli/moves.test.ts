import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const exec = promisify(execFile);

/** stderr without npm's own notices (e.g. "npm warn Unknown user config"), which are not the CLI's output. */
const ownErrors = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => !/^npm (warn|notice)/i.test(l))
    .join("\n");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // `tsx app/cli.ts moves …` as one node process with tsx's loader (no npx and tsx launcher processes in front).
    const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", "app/cli.ts", "moves", ...args], { cwd: root });
    return { code: 0, stdout, stderr: ownErrors(stderr) };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: ownErrors(e.stderr ?? "") };
  }
}

const dir = mkdtempSync(join(tmpdir(), "moves-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cli moves", () => {
  it("prints the moves of a French text as a JSON array", async () => {
    const r = await cli(["--locale", "fr", "Je comprends, c'est très frustrant."]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["acknowledge_feeling"]);
  });

  it("prints each move's confidence with --scores", async () => {
    const r = await cli(["--scores", "I'm so sorry for the wait."]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { moves: string[]; scores: Record<string, number> };
    expect(out.moves).toContain("apologize");
    expect(out.scores.apologize).toBeGreaterThan(0.5);
    expect(out.scores.apologize).toBeLessThanOrEqual(1);
  });

  it("uses English by default", async () => {
    const r = await cli(["I'll transfer you to billing."]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(["transfer"]);
  });

  it("classifies a file line by line, in order, with [] for blank lines", async () => {
    const file = join(dir, "lines.txt");
    writeFileSync(file, "Can I have your phone number?\n\nNo, we found nothing.\r\nHave a lovely evening!\n");
    const r = await cli(["--file", file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([["ask_question", "take_contact"], [], ["dismiss"], ["close_warmly"]]);
  });

  it("refuses an unknown locale with a one-line error and a non-zero exit", async () => {
    const r = await cli(["--locale", "de", "Hallo"]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--locale must be en or fr/);
  });

  it("refuses an unreadable file with a one-line error naming it", async () => {
    const missing = join(dir, "missing.txt");
    const r = await cli(["--file", missing]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(missing);
  });

  it("refuses to run without a text", async () => {
    const r = await cli(["--locale", "fr"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no text/);
  });
});
