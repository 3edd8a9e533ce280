/**
 * The web call with the LLM customer configured (against the loopback fake OpenAI server):
 * replies come from the model and stream over SSE, and a line a guardrail replaces reaches the
 * page as the committed scripted line (`done` carries the text to keep, `replaced` says the
 * streamed words must go).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/client";
import { attempts, turns } from "../../db/schema";
import { loadScenarioById } from "../../scenarios/load";
import { demoScript } from "../fake-openai/demo-script";
import { startFakeOpenAI, type FakeOpenAI } from "../fake-openai";
import { get, login, postForm, startTestServer, type TestServer } from "../helpers";
import { copyPgliteTemplate } from "../helpers/pglite-template";

const OUT_OF_CHARACTER = "Good evening, I hope you can help me with something. As an AI language model, I cannot pretend to be a mother.";

function events(body: string) {
  return body
    .split("\n\n")
    .filter((f) => f.includes("data:"))
    .map((frame) => ({
      event: /^event: (\w+)$/m.exec(frame)?.[1] ?? "message",
      data: JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null") as Record<string, unknown>,
    }));
}

describe("a web call with the LLM customer", () => {
  let fake: FakeOpenAI;
  let server: TestServer;
  let dataDir: string;
  let cookie: string;
  let id: string;

  beforeAll(async () => {
    fake = await startFakeOpenAI({
      // Her words a little apart and a first token a moment after the request, as a model sends them: the
      // stream asked for right after the POST must find the reply still being said (at once, it was often over
      // before the stream connected; with chunks 25 ms apart alone it still was once, in session 7, when the
      // turn's own work got faster and the machine was busy).
      latency: { firstByteMs: 200, betweenChunksMs: 25 },
      script: (req) => {
        // The opening line goes out of character: the guardrail must replace it.
        if (req.kind === "text" && /BEAT KIND:\s*opening/.test(req.promptText)) return { text: OUT_OF_CHARACTER };
        return demoScript(req);
      },
    });
    dataDir = mkdtempSync(join(tmpdir(), "mot-llm-call-"));
    await copyPgliteTemplate(dataDir, "empty"); // initdb's files, not initdb again (decision 268)
    server = await startTestServer({
      env: {
        DATA_DIR: dataDir,
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: "test-key",
        CUSTOMER_MODEL: "fake-customer",
        JUDGE_MODEL: "heuristic",
      },
    });
    cookie = await login(server.baseUrl, "trainee@example.com");
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("replaces an out-of-character opening with the scripted line, and says so in the stream", async () => {
    const start = await postForm(`${server.baseUrl}/train/lost-cap`, { callLocale: "en", mode: "stream" }, { cookie });
    id = /\/calls\/([0-9a-f-]{36})$/.exec(start.headers.get("location") ?? "")![1]!;
    const body = await (await get(`${server.baseUrl}/api/calls/${id}/stream?seq=0`, { cookie })).text();
    const all = events(body);
    const done = all.find((e) => e.event === "done");
    expect(done).toBeDefined();
    const text = String(done!.data.text);
    expect(loadScenarioById("lost-cap").opening.en).toContain(text);
    expect(text).not.toMatch(/AI|language model/);
    const streamed = all.filter((e) => e.event === "token").map((e) => String(e.data.text)).join("");
    if (streamed.trim() !== "") expect(done!.data.replaced).toBe(true);
    expect(fake.requests.some((r) => r.kind === "text" && r.stream)).toBe(true);
  });

  it("streams the model's reply to a trainee turn and records the LLM engine", async () => {
    const html = await (await get(`${server.baseUrl}/calls/${id}`, { cookie })).text();
    const token = /name="clientToken" value="([^"]+)"/.exec(html)![1]!;
    const res = await postForm(
      `${server.baseUrl}/calls/${id}`,
      { intent: "say", text: "Oh no, I'm sorry. What does the cap look like?", clientToken: token, mode: "stream" },
      { cookie },
    );
    expect(res.status).toBe(200);
    const all = events(await (await get(`${server.baseUrl}/api/calls/${id}/stream?seq=2`, { cookie })).text());
    const tokens = all.filter((e) => e.event === "token");
    expect(tokens.length).toBeGreaterThan(1);
    const done = all.find((e) => e.event === "done")!;
    expect(done.data).toMatchObject({ seq: 2, replaced: false });
    expect(String(done.data.text)).toBe(tokens.map((e) => String(e.data.text)).join("").trim());
  });

  it("stores which engine spoke each line and why a line was replaced", async () => {
    await server.close();
    const handle = createDatabase({ dataDir });
    try {
      const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
      expect(row!.engine).toBe("llm");
      const rows = await handle.db.select().from(turns).where(eq(turns.attemptId, id)).orderBy(asc(turns.seq));
      expect(rows.map((r) => [r.speaker, r.engine])).toEqual([
        ["customer", "scripted"],
        ["trainee", "llm"],
        ["customer", "llm"],
      ]);
      expect((rows[0]!.meta as { fallbackReason?: string }).fallbackReason).toMatch(/out-of-character/);
      expect(rows[1]!.moves).toContain("ask_question");
    } finally {
      await handle.close();
    }
  });
});
