import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playCall, type PlayResult } from "../../app/cli/play";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import { loadScenarioById } from "../../scenarios/load";
import { BUILT_IN_LINES } from "../../machines/lines";
import { ROOT, runCli } from "./run-cli";

const FIXTURES = join(ROOT, "tests", "fixtures", "play");

function fixture(name: string): string[] {
  return readFileSync(join(FIXTURES, name), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

async function playFixture(scenarioId: string, locale: "en" | "fr", kind: string): Promise<PlayResult> {
  const lines = fixture(`${scenarioId}.${locale}.${kind}.txt`);
  let i = 0;
  return playCall({
    scenario: loadScenarioById(scenarioId),
    locale,
    rings: 1,
    engine: createScriptedEngine(),
    understander: createOfflineUnderstander(),
    source: { next: async () => (i < lines.length ? lines[i++]! : null), close() {} },
  });
}

/** Every line file: `<scenario>.<locale>.<thoughtful|curt>[-n].txt`. */
const FILES = readdirSync(FIXTURES)
  .map((f) => /^([a-z0-9-]+)\.(en|fr)\.((thoughtful|curt)(-\d+)?)\.txt$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ scenarioId: m[1]!, locale: m[2] as "en" | "fr", kind: m[3]!, thoughtful: m[4] === "thoughtful" }));

describe("playing the seed scenarios as a new user would", () => {
  it("has a thoughtful and a curt line file for each seed scenario in both languages", () => {
    for (const scenarioId of ["angry-caller", "lost-cap", "smile-25k"]) {
      for (const locale of ["en", "fr"]) {
        for (const kind of ["thoughtful", "curt"]) {
          expect(FILES.some((f) => f.scenarioId === scenarioId && f.locale === locale && f.kind === kind)).toBe(true);
        }
      }
    }
  });

  for (const { scenarioId, locale, kind, thoughtful } of FILES) {
    if (thoughtful) {
      it(`a thoughtful trainee resolves ${scenarioId} in ${locale} (${kind})`, async () => {
        const result = await playFixture(scenarioId, locale, kind);
        expect(result.outcome).toBe("resolved");
        expect(result.turns.at(-1)?.speaker).toBe("customer");
      });
    } else {
      it(`a curt trainee loses the customer or leaves ${scenarioId} unresolved in ${locale} (${kind})`, async () => {
        const result = await playFixture(scenarioId, locale, kind);
        expect(["customer_left", "unresolved"]).toContain(result.outcome);
      });
    }
  }

  it("never answers a trainee's question with a bare acknowledgement", async () => {
    for (const { scenarioId, locale, kind } of FILES) {
      const scenario = loadScenarioById(scenarioId);
      const filler = new Set([...(scenario.lines["acknowledge"]?.[locale] ?? []), ...BUILT_IN_LINES["acknowledge"]![locale]].map((l) => l.trim()));
      const result = await playFixture(scenarioId, locale, kind);
      result.turns.forEach((t, i) => {
        const reply = result.turns[i + 1];
        if (t.speaker === "trainee" && t.moves?.includes("ask_question") && reply)
          expect(filler.has(reply.text), `${scenarioId}.${locale}.${kind}: "${t.text}" → "${reply.text}"`).toBe(false);
      });
    }
  });

  it("lets a thoughtful trainee close the call: 'anything else?' gets her 'that's all', the goodbye gets her thanks", async () => {
    for (const scenarioId of ["angry-caller", "lost-cap", "smile-25k"]) {
      for (const locale of ["en", "fr"] as const) {
        const scenario = loadScenarioById(scenarioId);
        const result = await playFixture(scenarioId, locale, "thoughtful");
        const customer = result.turns.filter((t) => t.speaker === "customer").map((t) => t.text);
        expect(scenario.lines["nothing-else"]![locale], `${scenarioId} ${locale}`).toContain(customer.at(-2));
        expect(scenario.lines["thank-and-leave"]![locale], `${scenarioId} ${locale}`).toContain(customer.at(-1));
        expect(result.outcome).toBe("resolved");
      }
    }
  });

  it("the angry caller hangs up on a trainee who asks for the account number and transfers her", async () => {
    for (const locale of ["en", "fr"] as const) {
      const result = await playFixture("angry-caller", locale, "curt");
      expect(result.outcome).toBe("customer_left");
      // Insisting on the account number ("I can't do anything without your account number") is not finding her
      // another way: she never gives her name and number to this trainee.
      const identity = loadScenarioById("angry-caller").lines["reveal:identity"]![locale];
      const customer = result.turns.filter((t) => t.speaker === "customer").map((t) => t.text);
      expect(customer.filter((line) => identity.includes(line)), locale).toEqual([]);
    }
  });
});

describe("cli play", () => {
  it("plays a line file and prints the whole call as one JSON object", async () => {
    const r = await runCli(["play", "lost-cap", "--locale", "fr", "--lines", join(FIXTURES, "lost-cap.fr.thoughtful.txt"), "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as PlayResult;
    expect(out).toMatchObject({ scenario: "lost-cap", locale: "fr", engine: "scripted", answeredAfterRings: null, outcome: "resolved" });
    const trainee = out.turns.filter((t) => t.speaker === "trainee");
    expect(trainee.map((t) => t.text)).toEqual(fixture("lost-cap.fr.thoughtful.txt"));
    expect(trainee[0]!.moves).toContain("acknowledge_feeling");
    expect(out.turns[0]!.speaker).toBe("customer");
    expect(loadScenarioById("lost-cap").opening.fr).toContain(out.turns[0]!.text);
  });

  it("keeps the scenario's topic models in DATA_DIR's cache, and a second run reads the call the same way", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "mot-cli-cache-"));
    try {
      const args = ["play", "lost-cap", "--locale", "fr", "--lines", join(FIXTURES, "lost-cap.fr.thoughtful.txt"), "--json"];
      const first = await runCli(args, undefined, { DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      const cached = readdirSync(join(dataDir, "cache", "understanding"));
      expect(cached.filter((f) => /^topics-[0-9a-f]{16}\.json$/.test(f))).toHaveLength(1);
      const second = await runCli(args, undefined, { DATA_DIR: dataDir });
      expect(second.code).toBe(0);
      const turns = (r: typeof first) => (JSON.parse(r.stdout) as PlayResult).turns.map((t) => [t.speaker, t.text, t.moves]);
      expect(turns(second)).toEqual(turns(first));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("records how many rings the phone rang, and a caller who hangs up unanswered", async () => {
    const late = await runCli(["play", "smile-25k", "--answer-after-rings", "4", "--lines", join(FIXTURES, "smile-25k.en.curt.txt"), "--json"]);
    expect(late.code).toBe(0);
    const out = JSON.parse(late.stdout) as PlayResult;
    expect(out.answeredAfterRings).toBe(4);
    expect(loadScenarioById("smile-25k").lines["opening/late"]!.en).toContain(out.turns[0]!.text);
    const missed = await runCli(["play", "angry-caller", "--answer-after-rings", "9", "--json"]);
    expect(JSON.parse(missed.stdout)).toMatchObject({ outcome: "not_answered", turns: [] });
  });

  it("reads the trainee from the terminal, shows the customer's words, and /end ends the call", async () => {
    const r = await runCli(["play", "angry-caller", "--locale", "fr"], "Bonjour, je suis vraiment désolé pour l'attente.\n/end\nnever read\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Cliente: ");
    expect(r.stdout).toContain("Fin de l'échange : non résolu");
    expect(r.stdout).not.toContain("never read");
  });

  it("refuses an unknown scenario, a bad locale and an unreadable file with one line and a non-zero exit", async () => {
    const unknown = await runCli(["play", "lost-umbrella"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toContain("unknown scenario");
    const locale = await runCli(["play", "lost-cap", "--locale", "de"]);
    expect(locale.code).toBe(2);
    expect(locale.stderr.trim()).toBe('error: --locale must be en or fr, got "de"');
    const file = await runCli(["play", "lost-cap", "--lines", "/nonexistent/lines.txt"]);
    expect(file.code).toBe(1);
    expect(file.stderr.trim()).toBe("error: cannot read --lines file /nonexistent/lines.txt: no such file");
  });
});
