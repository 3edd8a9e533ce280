import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "score-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => join(ROOT, "tests", "fixtures", "calibration", name);
function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("cli score", () => {
  it("prints the scorecard as JSON: scores, pass/fail, each checkpoint with its turn and quote or its tip, and the judge", async () => {
    const r = await runCli(["score", "--transcript", fixture("lost-cap.en.1-exemplary.json"), "--json"]);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(card).toMatchObject({ scenario: "lost-cap", outcome: "resolved", passed: true, judge: "heuristic" });
    expect(Object.keys(card.scores)).toEqual(["empathy", "resolution", "anticipation", "overall"]);
    const checked = card.checkpoints.find((c: { id: string }) => c.id === "checked-with-the-staff");
    expect(checked).toEqual({
      id: "checked-with-the-staff",
      dimension: "resolution",
      hit: true,
      turn: 1,
      quote: "I'm going to check with the team and in our lost property right away.",
    });
  });

  it("fails the seed's restaurant owner, with tips for what was missed and the penalty for doubting her", async () => {
    const r = await runCli(["score", "--transcript", fixture("lost-cap.fr.5-poor.json"), "--json"]);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(card.passed).toBe(false);
    const contact = card.checkpoints.find((c: { id: string }) => c.id === "took-contact-details");
    expect(contact.hit).toBe(false);
    expect(contact.tip).toMatch(/coordonnées|numéro|téléphone/);
    expect(card.penalties).toContainEqual(
      expect.objectContaining({ id: "blame", dimension: "empathy", turn: 0, quote: expect.stringContaining("Vous êtes sûre") }),
    );
  });

  it("prints a readable scorecard in the call's language without --json", async () => {
    const r = await runCli(["score", "--transcript", fixture("angry-caller.fr.2-good.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Grille d'évaluation — angry-caller \(résolu\)/);
    expect(r.stdout).toMatch(/Empathie \d+ · Résolution \d+ · Anticipation \d+ · Global \d+ — RÉUSSI/);
    expect(r.stdout).toMatch(/✓ .*tour 0: « /);
    expect(r.stdout).toMatch(/✗ A parlé des frais bancaires avant elle\n\s+conseil: /);
  });

  it("re-derives the outcome by replaying the trainee's turns, whatever the customer lines in the file say", async () => {
    const file = write("claims.json", {
      scenario: "lost-cap",
      locale: "en",
      turns: [
        { speaker: "customer", text: "My daughter left her cap here yesterday." },
        { speaker: "trainee", text: "No." },
        { speaker: "customer", text: "Thank you so much, that was perfect, you found it and I am delighted!" },
      ],
    });
    const r = await runCli(["score", "--transcript", file, "--json"]);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(card.outcome).toBe("unresolved");
    expect(card.passed).toBe(false);
  });

  it("scores the same transcript identically twice", async () => {
    const a = await runCli(["score", "--transcript", fixture("smile-25k.en.3-adequate.json"), "--json"]);
    const b = await runCli(["score", "--transcript", fixture("smile-25k.en.3-adequate.json"), "--json"]);
    expect(a.stdout).toBe(b.stdout);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ["a missing scenario", { locale: "en", turns: [] }, /scenario: must be a scenario id/],
    ["an unknown scenario", { scenario: "no-such-thing", locale: "en", turns: [{ speaker: "trainee", text: "Hello" }] }, /scenario: .*unknown scenario/],
    ["an unknown locale", { scenario: "lost-cap", locale: "de", turns: [] }, /locale: must be "en" or "fr"/],
    ["a bad speaker", { scenario: "lost-cap", locale: "en", turns: [{ speaker: "manager", text: "Hi" }] }, /turns\.0\.speaker: must be "customer" or "trainee"/],
    ["an empty turn", { scenario: "lost-cap", locale: "en", turns: [{ speaker: "trainee", text: "  " }] }, /turns\.0\.text: must not be empty/],
    ["no trainee turn", { scenario: "lost-cap", locale: "en", turns: [{ speaker: "customer", text: "Hello?" }] }, /no trainee turn to score/],
    ["JSON that does not parse", "{ not json", /not valid JSON/],
  ];
  for (const [what, content, message] of bad) {
    it(`refuses a transcript with ${what} in one line naming what is wrong, and exits non-zero`, async () => {
      const file = write(`${what.replace(/\W+/g, "-")}.json`, content);
      const r = await runCli(["score", "--transcript", file]);
      expect(r.code).not.toBe(0);
      const lines = r.stderr.split("\n").filter((l) => l.trim() && !/^npm (warn|notice)/i.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toContain(file);
    });
  }

  it("says which file is missing, and refuses an unknown judge", async () => {
    const missing = await runCli(["score", "--transcript", join(dir, "nope.json")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
    const judge = await runCli(["score", "--transcript", fixture("lost-cap.en.1-exemplary.json"), "--judge", "gpt"]);
    expect(judge.code).toBe(2);
    expect(judge.stderr).toMatch(/--judge must be "heuristic" or "llm"/);
  });

  it("falls back to the heuristic judge, and says so, when --judge llm has no model configured", async () => {
    const r = await runCli(["score", "--transcript", fixture("lost-cap.en.1-exemplary.json"), "--judge", "llm", "--json"]);
    expect(r.code).toBe(0);
    const card = JSON.parse(r.stdout);
    expect(card.judge).toBe("heuristic");
    expect(card.judgeFallbackReason).toMatch(/no judge model configured/);
  });
});
