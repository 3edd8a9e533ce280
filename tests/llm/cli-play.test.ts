/**
 * `cli play` with an OpenAI-compatible server (the fake, on loopback), as a
 * person would run it: LLM-written lines that follow the beats, the engine in
 * use shown, and the scripted customer taking over when the server goes away.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../fake-openai/server";
import { demoScript } from "../fake-openai/demo-script";
import type { PlayResult } from "../../app/cli/play";
import { ROOT, runCli } from "../cli/run-cli";

const FIXTURES = join(ROOT, "tests", "fixtures", "play");

const cli = (args: string[], env: Record<string, string>) => runCli(args, undefined, env);

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("cli play with a language model", () => {
  it("plays a seed scenario with LLM-written lines and records the engine of every customer turn", async () => {
    fake = await startFakeOpenAI({ script: demoScript });
    const r = await cli(["play", "angry-caller", "--lines", join(FIXTURES, "angry-caller.en.thoughtful.txt"), "--json"], { OPENAI_BASE_URL: fake.baseUrl });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as PlayResult;
    expect(out).toMatchObject({ engine: "llm", model: "gpt-4o-mini", outcome: "resolved" });
    const customer = out.turns.filter((t) => t.speaker === "customer");
    expect(customer.every((t) => t.engine === "llm")).toBe(true);
    expect(out.turns.filter((t) => t.speaker === "trainee").every((t) => t.classifier === "llm")).toBe(true);
    expect(fake.requests.filter((q) => q.kind === "text")).toHaveLength(customer.length);
  });

  it("says which engine and model are in use", async () => {
    fake = await startFakeOpenAI({ script: demoScript });
    const en = await cli(["play", "lost-cap", "--lines", join(FIXTURES, "lost-cap.en.thoughtful.txt")], { OPENAI_BASE_URL: fake.baseUrl, CUSTOMER_MODEL: "llama3.1" });
    expect(en.stdout).toContain(`Customer: LLM (llama3.1 at ${fake.baseUrl})`);
    const fr = await cli(["play", "lost-cap", "--locale", "fr", "--engine", "scripted", "--lines", join(FIXTURES, "lost-cap.fr.thoughtful.txt")], { OPENAI_BASE_URL: fake.baseUrl });
    expect(fr.stdout).toContain("Client : scripté");
  });

  it("goes on with the scripted customer and the offline classifier when the server goes away mid-call", async () => {
    const server: FakeOpenAI = await startFakeOpenAI({
      script: (req) => {
        if (req.index === 4) {
          void server.close();
          return { hang: true };
        }
        return demoScript(req);
      },
    });
    fake = server;
    const lines = join(FIXTURES, "angry-caller.en.thoughtful.txt");
    // The timeout is how the hang is found; it leaves room for a child process starved of CPU on a busy machine
    // (2 s was once too little in CI under two test workers: the first turns fell back before the server answered).
    const r = await cli(["play", "angry-caller", "--lines", lines, "--json"], { OPENAI_BASE_URL: server.baseUrl, LLM_TIMEOUT_MS: "6000" });
    const out = JSON.parse(r.stdout) as PlayResult;
    const customer = out.turns.filter((t) => t.speaker === "customer");
    expect(customer.slice(0, 2).map((t) => [t.engine, t.fallbackReason ?? null])).toEqual([["llm", null], ["llm", null]]);
    // The line that met the dead server falls back on its error; the circuit breaker then sends every
    // later turn straight to the offline engines without asking the server again (decision 112).
    expect([customer[2]!.engine, customer[2]!.fallbackReason]).toEqual(["scripted", "network"]);
    expect(customer.slice(3).map((t) => [t.engine, t.fallbackReason])).toEqual(customer.slice(3).map(() => ["scripted", "offline-mode"]));
    const trainee = out.turns.filter((t) => t.speaker === "trainee");
    expect(trainee.slice(2).every((t) => t.classifier === "offline")).toBe(true);
    expect(customer).toHaveLength(trainee.length + 1); // the opening, then an answer to every turn
    expect(out.outcome).toBe("resolved");
  });

  it("refuses --engine llm when no server is configured, naming the variables", async () => {
    const r = await cli(["play", "lost-cap", "--engine", "llm", "--json"], {});
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });
});
