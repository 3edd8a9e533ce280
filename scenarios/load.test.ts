import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioFileError, loadAllScenarios, loadScenarioById, loadScenarioFile, parseScenario, scenarioFiles } from "./load";

const angryText = readFileSync(join(scenarioFiles().find((f) => f.endsWith("angry-caller.yaml"))!), "utf8");

function problemsOf(text: string, file = "angry-caller.yaml"): string[] {
  try {
    parseScenario(text, file);
  } catch (err) {
    if (err instanceof ScenarioFileError) return err.problems;
    throw err;
  }
  return [];
}

describe("scenario files", () => {
  it("loads the three seed scenarios, each with every text in English and French", () => {
    const ids = loadAllScenarios().map((s) => s.id);
    expect(ids).toEqual(["angry-caller", "lost-cap", "smile-25k"]);
    for (const s of loadAllScenarios()) {
      for (const f of s.facts) expect(f.text.en && f.text.fr).toBeTruthy();
      for (const [key, lines] of Object.entries(s.lines)) {
        expect(lines.en.length, `${s.id} ${key} en`).toBeGreaterThan(0);
        expect(lines.fr.length, `${s.id} ${key} fr`).toBeGreaterThan(0);
      }
    }
  });

  it("names the file, the line, the field path and what is wrong", () => {
    const broken = angryText.replace("difficulty: 2", "difficulty: 7");
    const problems = problemsOf(broken);
    const line = broken.split("\n").findIndex((l) => l.startsWith("difficulty: 7")) + 1;
    expect(problems).toEqual([`angry-caller.yaml:${line} difficulty: Too big: expected number to be <=3`]);
  });

  it("points at an unknown field and at a condition that names an undeclared topic", () => {
    const broken = angryText
      .replace("maxTurns: 12", "maxTurns: 12\nmaxturns: 3")
      .replace("unlockedBy: [ask_question, topic:date]", "unlockedBy: [ask_question, topic:day]");
    const problems = problemsOf(broken);
    const lines = broken.split("\n");
    const unknownLine = lines.findIndex((l) => l.startsWith("maxturns")) + 1;
    const dayLine = lines.findIndex((l) => l.includes("topic:day")) + 1;
    expect(problems).toContain(`angry-caller.yaml:${unknownLine} maxturns: unknown field "maxturns"`);
    expect(problems).toContain(`angry-caller.yaml:${dayLine} facts.2.unlockedBy.1: unknown topic "day" (declare it under topics)`);
  });

  it("rejects a text missing its French version", () => {
    const broken = angryText.replace("  fr: Le prélèvement automatique qui a mal tourné\n", "");
    expect(problemsOf(broken)).toEqual([expect.stringMatching(/^angry-caller\.yaml:\d+ title\.fr: .+/)]);
  });

  it("rejects a need without the lines the customer voices it with", () => {
    const broken = angryText.replace("  voice-need:overdraft-fees:", "  voice-need:overdraft:");
    expect(problemsOf(broken).some((p) => p.includes('missing lines for "voice-need:overdraft-fees"'))).toBe(true);
  });

  it("rejects a topic pattern that is not a valid regular expression", () => {
    const broken = angryText.replace('"how much", "amount"', '"how (much", "amount"');
    const line = broken.split("\n").findIndex((l) => l.includes('"how (much"')) + 1;
    expect(problemsOf(broken)).toEqual([
      expect.stringMatching(new RegExp(`^angry-caller\\.yaml:${line} topics\\.amount\\.patterns\\.en\\.0: not a valid regular expression`)),
    ]);
  });

  it("reports broken YAML with its line", () => {
    expect(problemsOf("id: x\n  bad: [\n", "x.yaml")[0]).toMatch(/^x\.yaml:1 \(yaml\): /);
  });

  it("requires the id to match the file name", () => {
    expect(problemsOf(angryText, "other.yaml")[0]).toMatch(/id: must match the file name \("other"\)/);
  });

  it("says when a file does not exist or a scenario is unknown", () => {
    const dir = mkdtempSync(join(tmpdir(), "scn-"));
    expect(() => loadScenarioFile(join(dir, "nope.yaml"))).toThrow(/no such file/);
    expect(() => loadScenarioById("nope")).toThrow(/unknown scenario \(known: angry-caller, lost-cap, smile-25k\)/);
    writeFileSync(join(dir, "angry-caller.yaml"), angryText);
    expect(loadScenarioFile(join(dir, "angry-caller.yaml")).id).toBe("angry-caller");
  });
});
