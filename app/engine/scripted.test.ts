import { describe, expect, it } from "vitest";
import { answerCall, startCall, traineeSaid } from "../../machines/session";
import { loadScenarioById } from "../../scenarios/load";
import { createScriptedEngine, wordTokens } from "./scripted";
import type { HistoryTurn } from "./types";

const angry = loadScenarioById("angry-caller");

describe("the scripted customer", () => {
  it("streams the line word by word, and the words make the whole line", async () => {
    const step = answerCall(angry, startCall(angry).persisted, 1);
    const render = createScriptedEngine().render({ scenario: angry, locale: "fr", beat: step.beat!, view: step.view, history: [] });
    const tokens: string[] = [];
    for await (const t of render.tokens) tokens.push(t);
    const done = await render.done;
    expect(done.engine).toBe("scripted");
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.join("")).toBe(done.text);
    expect(angry.opening.fr).toContain(done.text);
  });

  it("says the late opening when the phone was answered late", async () => {
    const step = answerCall(angry, startCall(angry).persisted, 5);
    const render = createScriptedEngine().render({ scenario: angry, locale: "en", beat: step.beat!, view: step.view, history: [] });
    expect(angry.lines["opening/late"]!.en).toContain((await render.done).text);
  });

  it("does not repeat itself within a call while it has other words", async () => {
    let step = answerCall(angry, startCall(angry).persisted, 1);
    const history: HistoryTurn[] = [];
    const engine = createScriptedEngine();
    const said: string[] = [];
    for (let i = 0; i < 3; i++) {
      step = traineeSaid(angry, step.persisted, "hmm", { moves: [], topics: [] });
      const text = (await engine.render({ scenario: angry, locale: "en", beat: step.beat!, view: step.view, history }).done).text;
      history.push({ speaker: "trainee", text: "hmm" }, { speaker: "customer", text });
      said.push(text);
    }
    expect(new Set(said).size).toBe(3);
  });

  it("keeps white space with the words", () => {
    expect(wordTokens("Oh,  at last.")).toEqual(["Oh,  ", "at ", "last."]);
  });
});
