/**
 * Asking her name, however it is asked (issue 9, decision 266): "Et votre nom, s'il vous plaît ?", "Et c'est à quel
 * nom ?", "Et vous êtes madame… ?" and their English equivalents get her name, not her number, in smile-25k and
 * lost-cap; "you are…" left open is a question, not rude. Played as a trainee would (offline understander, scripted
 * customer), after a greeting.
 */
import { describe, expect, it } from "vitest";
import { playCall, type PlayResult } from "../../app/cli/play";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import { loadScenarioById } from "../../scenarios/load";

async function play(scenario: string, locale: "en" | "fr", lines: string[]): Promise<PlayResult> {
  let i = 0;
  return playCall({
    scenario: loadScenarioById(scenario),
    locale,
    rings: 1,
    engine: createScriptedEngine(),
    understander: createOfflineUnderstander(),
    source: { next: async () => (i < lines.length ? lines[i++]! : null), close() {} },
  });
}

const HELLO = { en: "Hello, how can I help you?", fr: "Bonjour, que puis-je faire pour vous ?" } as const;
const ASKS = {
  en: { "and-your-name": "And your name, please?", "under-what-name": "What name is it under?", "you-are": "And you are, madam…?" },
  fr: { "and-your-name": "Et votre nom, s'il vous plaît ?", "under-what-name": "Et c'est à quel nom ?", "you-are": "Et vous êtes madame… ?" },
} as const;
const NAME = { "smile-25k": /Johanne Gagnon/, "lost-cap": /Claire Laurent/ } as const;
const NUMBER = { "smile-25k": /418-555-0147/, "lost-cap": /06 39 98 41 27/ } as const;

describe("asking her name, however it is asked (issue 9)", () => {
  for (const scenario of ["smile-25k", "lost-cap"] as const) {
    for (const locale of ["en", "fr"] as const) {
      for (const [id, line] of Object.entries(ASKS[locale])) {
        // lost-cap en "What name is it under?" is also read as cap-looks (its examples ask for a name inside the
        // cap), and she describes the cap first: not fixed by examples (decision 266).
        // "You are…" left open is a question, not rude (asksWhoSheIs), but no example teaches it as `contact`
        // without other turns reading it too (decision 266): only the move is tested.
        const known = (scenario === "lost-cap" && locale === "en" && id === "under-what-name") || id === "you-are";
        it.skipIf(known)(`${scenario} ${locale}: "${line}" gets her name and not her number, read as no rudeness`, async () => {
          const r = await play(scenario, locale, [HELLO[locale], line]);
          const turn = r.turns.filter((t) => t.speaker === "trainee")[1]!;
          expect(turn.moves).not.toContain("rude");
          expect(turn.topics).toContain("contact");
          expect(turn.topics).not.toContain("ask-number");
          const answer = r.turns[r.turns.indexOf(turn) + 1]!.text;
          expect(answer).toMatch(NAME[scenario]);
          expect(answer).not.toMatch(NUMBER[scenario]);
        });
      }
      it(`${scenario} ${locale}: "${ASKS[locale]["you-are"]}" is a question, not rude`, async () => {
        const r = await play(scenario, locale, [HELLO[locale], ASKS[locale]["you-are"]]);
        const turn = r.turns.filter((t) => t.speaker === "trainee")[1]!;
        expect(turn.moves).not.toContain("rude");
        expect(turn.moves).toContain("ask_question");
      });
    }
  }
});
