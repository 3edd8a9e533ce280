import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./run-cli";

describe("cli validate", () => {
  it("checks every scenario when none is named and exits 0", async () => {
    const r = await runCli(["validate"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ok angry-caller");
    expect(r.stdout).toContain("ok lost-cap");
    expect(r.stdout).toContain("ok smile-25k");
  });

  it("rejects a broken file with the file, the line, the field and what is wrong, and exits 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "validate-"));
    const text = readFileSync(join(ROOT, "scenarios", "lost-cap.yaml"), "utf8")
      .replace("channel: in-person", "channel: fax")
      .replace("unlockedBy: [ask_question, topic:where-sat]", "unlockedBy: [ask_questions, topic:where-sat]");
    const file = join(dir, "lost-cap.yaml");
    writeFileSync(file, text);
    const lines = text.split("\n");
    const channelLine = lines.findIndex((l) => l.startsWith("channel: fax")) + 1;
    const factLine = lines.findIndex((l) => l.includes("ask_questions")) + 1;
    const r = await runCli(["validate", file, join(ROOT, "scenarios", "smile-25k.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`lost-cap.yaml:${channelLine} channel: Invalid option: expected one of "phone"|"in-person"`);
    expect(r.stderr).toContain(`lost-cap.yaml:${factLine} facts.3.unlockedBy.0: must be a move name, or topic:<id>, fact:<id> or need:<id>`);
    expect(r.stderr).toContain("1 of 2 files invalid");
    expect(r.stdout).toContain("ok smile-25k");
  });

  it("says so when a named file does not exist", async () => {
    const r = await runCli(["validate", "scenarios/none.yaml"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none\.yaml \(file\): no such file/);
  });
});
