/**
 * Padding cannot change the outcome of a call a curt trainee was losing: a
 * line made only of empathy keywords, added before (or after) every trainee
 * line, never keeps the customer on the line nor resolves the call
 * (docs/decisions/021-soothing-only-turns.md).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../scenarios/moves";
import { judgeHeuristic } from "../../machines/scoring/index";
import { loadFixtures } from "../calibrate";
import { PADDING, replay } from "./helpers";

const PLAY_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "play");
const trainee = (lines: string[]) => lines.map((text) => ({ speaker: "trainee" as const, text }));

/** The curt trainees' lines (tests/fixtures/play/*.curt*.txt) and the losing calibration transcripts. */
const losing: Array<{ name: string; scenario: string; locale: Locale; lines: string[]; answeredAfterRings?: number }> = [
  ...readdirSync(PLAY_DIR)
    .filter((f) => /\.curt(-\d+)?\.txt$/.test(f))
    .map((f) => {
      const [scenario, locale] = f.split(".") as [string, Locale];
      const lines = readFileSync(join(PLAY_DIR, f), "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
      return { name: f, scenario, locale, lines };
    }),
  ...loadFixtures()
    .filter((f) => f.level === "poor" || f.level === "hostile")
    .map((f) => ({
      name: f.file,
      scenario: f.scenario,
      locale: f.locale,
      lines: f.turns.filter((t) => t.speaker === "trainee").map((t) => t.text),
      answeredAfterRings: f.answeredAfterRings,
    })),
];

describe("padding a losing call with empathy keywords", () => {
  it("covers every curt play fixture and every poor or hostile calibration transcript", () => {
    expect(losing.filter((c) => c.name.endsWith(".txt")).length).toBeGreaterThanOrEqual(6);
    expect(losing.filter((c) => c.name.endsWith(".json")).length).toBeGreaterThanOrEqual(12);
  });

  it("never keeps her on the line when she walked out of the plain call, and never resolves it", async () => {
    for (const c of losing) {
      const pad = PADDING[c.locale];
      const clean = await replay({ ...c, turns: trainee(c.lines) });
      expect(clean.view.outcome, `${c.name} (plain)`).not.toBe("resolved");
      for (const [where, lines] of [
        ["before each line", c.lines.flatMap((l) => [pad, l])],
        ["after each line", c.lines.flatMap((l) => [l, pad])],
      ] as const) {
        const padded = await replay({ ...c, turns: trainee([...lines]) });
        expect(padded.view.outcome, `${c.name} padded ${where}`).not.toBe("resolved");
        if (clean.view.outcome === "customer_left") expect(padded.view.outcome, `${c.name} padded ${where}`).toBe("customer_left");
        expect(judgeHeuristic(padded).passed, `${c.name} padded ${where}`).toBe(false);
      }
    }
  });
});
