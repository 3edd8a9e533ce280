import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../cli/run-cli";

const FIXTURES = join(ROOT, "tests", "fixtures", "play");

describe("cli play with a scorecard", () => {
  it("adds the scorecard to --json, in the same shape as cli score, with hits quoting the trainee's lines", async () => {
    const r = await runCli(["play", "lost-cap", "--locale", "fr", "--engine", "scripted", "--lines", join(FIXTURES, "lost-cap.fr.thoughtful.txt"), "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scorecard).toMatchObject({ scenario: "lost-cap", outcome: out.outcome, judge: "heuristic" });
    expect(Object.keys(out.scorecard.scores)).toEqual(["empathy", "resolution", "anticipation", "overall"]);
    expect(typeof out.scorecard.passed).toBe("boolean");
    const trainee = out.turns.filter((t: { speaker: string }) => t.speaker === "trainee").map((t: { text: string }) => t.text);
    for (const c of out.scorecard.checkpoints) {
      if (c.hit && c.turn !== undefined) expect(trainee[c.turn]).toContain(c.quote);
      if (!c.hit) expect(c.tip).toBeTruthy();
    }
  });

  it("scores a phone that rang out as not answered", async () => {
    const r = await runCli(["play", "angry-caller", "--engine", "scripted", "--answer-after-rings", "9", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scorecard).toMatchObject({ outcome: "not_answered", passed: false, scores: { overall: 0 } });
  });

  it("prints a short scorecard with what was missed at the end of a played call", async () => {
    const r = await runCli(["play", "smile-25k", "--engine", "scripted", "--answer-after-rings", "4", "--lines", join(FIXTURES, "smile-25k.en.curt.txt")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Scorecard: Empathy \d+ · Resolution \d+ · Anticipation \d+ · Overall \d+ — (PASSED|NOT PASSED)/);
    expect(r.stdout).toMatch(/✗ Answered the phone promptly \(by the third ring\) — Pick up by the third ring/);
  });
});
