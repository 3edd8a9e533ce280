/**
 * Every scenario file's own tests run in `npm test` (issue 13, decision 153): scenarios/tests/<id>.yaml
 * holds the tests of scenarios/<id>.yaml in the format the studio stores (`scenario_tests`: a name, a
 * language, the trainee's lines and an expectation), and each runs through `runTest`, the runner the
 * studio uses on publish (app/author/studio.server.ts runScenarioTests) — offline classifier, scripted
 * customer.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_PLAY_LINES, PlayLine, runTest, TestExpectation } from "../../app/author/play.server";
import { loadScenarioFile, SCENARIOS_DIR, scenarioFiles } from "../../scenarios/load";

const LibraryTests = z.strictObject({
  scenario: z.string().min(1),
  tests: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        locale: z.enum(["en", "fr"]),
        lines: z.array(PlayLine).min(1).max(MAX_PLAY_LINES),
        expectation: TestExpectation,
      }),
    )
    .min(1),
});

const files = scenarioFiles();

describe("every scenario file has its own tests", () => {
  it("finds the library's scenario files", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    const id = basename(file).replace(/\.ya?ml$/, "");
    const testsFile = join(SCENARIOS_DIR, "tests", `${id}.yaml`);

    describe(id, () => {
      it(`has a tests file scenarios/tests/${id}.yaml naming it`, () => {
        expect(existsSync(testsFile)).toBe(true);
        const parsed = LibraryTests.parse(parse(readFileSync(testsFile, "utf8")));
        expect(parsed.scenario).toBe(id);
      });

      if (!existsSync(testsFile)) return;
      const { tests } = LibraryTests.parse(parse(readFileSync(testsFile, "utf8")));
      const scenario = loadScenarioFile(file);

      for (const locale of ["en", "fr"] as const) {
        it(`in ${locale}, has a line that must unlock a fact, a call that must end resolved and pass, and one that must fail`, () => {
          const mine = tests.filter((t) => t.locale === locale);
          const facts = new Set(scenario.facts.map((f) => f.id));
          expect(mine.some((t) => t.expectation.unlocks.some((u) => facts.has(u.fact)))).toBe(true);
          expect(mine.some((t) => t.expectation.outcome === "resolved" && t.expectation.passed === true)).toBe(true);
          expect(mine.some((t) => t.expectation.passed === false)).toBe(true);
        });
      }

      for (const test of tests) {
        it(`passes its test "${test.name}"`, async () => {
          const outcome = await runTest(scenario, test);
          expect(outcome.failures).toEqual([]);
          expect(outcome.passed).toBe(true);
        });
      }
    });
  }
});
