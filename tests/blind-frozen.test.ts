/** The blind set is frozen: nobody tunes on it, nobody edits it (tests/fixtures/blind/README.md). */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "fixtures", "blind");

function listed(dir = DIR): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of readFileSync(join(dir, "SHA256SUMS"), "utf8").split("\n")) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) sums.set(m[2]!, m[1]!);
  }
  return sums;
}

describe("the frozen blind set", () => {
  it("has every file exactly as it was frozen", () => {
    const sums = listed();
    expect(sums.size).toBeGreaterThanOrEqual(1);
    for (const [file, sum] of sums) {
      const actual = createHash("sha256").update(readFileSync(join(DIR, file))).digest("hex");
      expect(actual, `${file} changed since it was frozen`).toBe(sum);
    }
  });

  it("has the second blind utterance set exactly as it was frozen", () => {
    const dir = join(import.meta.dirname, "fixtures", "blind2");
    const [sum, file] = readFileSync(join(dir, "SHA256SUMS"), "utf8").trim().split(/ {2}/) as [string, string];
    const actual = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");
    expect(actual, `${file} changed since it was frozen`).toBe(sum);
  });

  // Spent sets: their scripts are development data now (tests/fixtures/dev-scripts/blindN), their utterances stay pinned.
  const SPENT = [
    ["third", "blind3"],
    ["fourth", "blind4"],
    ["fifth", "blind5"],
    ["sixth", "blind6"],
    ["seventh", "blind7"],
    ["eighth", "blind8"],
    ["ninth", "blind9"],
    ["tenth", "blind10"],
    ["eleventh", "blind11"],
    ["twelfth", "blind12"],
    ["thirteenth", "blind13"],
    ["fourteenth", "blind14"],
    ["fifteenth", "blind15"],
  ] as const;
  it.each(SPENT)("has the %s blind set's utterances exactly as they were frozen (its scripts are development data now)", (_, name) => {
    const dir = join(import.meta.dirname, "fixtures", name);
    const sums = listed(dir);
    expect([...sums.keys()]).toEqual(["utterances.jsonl"]);
    for (const [file, sum] of sums) {
      const actual = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");
      expect(actual, `${name}/${file} changed since it was frozen`).toBe(sum);
    }
  });

  it.each([
    ["sixteenth", "blind16"],
    ["seventeenth", "blind17"],
  ] as const)("has the %s blind set (utterances and scripts) exactly as it was frozen, and nothing unpinned", (_, name) => {
    const dir = join(import.meta.dirname, "fixtures", name);
    const sums = listed(dir);
    expect(sums.size).toBe(75);
    for (const [file, sum] of sums) {
      const actual = createHash("sha256").update(readFileSync(join(dir, file))).digest("hex");
      expect(actual, `${name}/${file} changed since it was frozen`).toBe(sum);
    }
    const scripts = readdirSync(join(dir, "scripts")).map((f) => `scripts/${f}`);
    expect(scripts.filter((f) => !sums.has(f))).toEqual([]);
  });
});
