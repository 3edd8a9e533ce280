/**
 * lost-cap gives what is asked (decision 261, as smile-25k in decision 259): asked only her name, Claire gives her
 * name and not her number, and the call is not resolved on it (taking a way to reach her is the goal); asked then
 * for a phone number, she gives it. Played as a trainee would (offline understander, scripted customer).
 */
import { describe, expect, it } from "vitest";
import { playCall, type PlayResult } from "../../app/cli/play";
import { createOfflineUnderstander } from "../../app/engine/offline-understander";
import { createScriptedEngine } from "../../app/engine/scripted";
import { loadScenarioById } from "../../scenarios/load";

async function play(locale: "en" | "fr", lines: string[]): Promise<PlayResult> {
  let i = 0;
  return playCall({
    scenario: loadScenarioById("lost-cap"),
    locale,
    rings: 1,
    engine: createScriptedEngine(),
    understander: createOfflineUnderstander(),
    source: { next: async () => (i < lines.length ? lines[i++]! : null), close() {} },
  });
}

/** What she says after each trainee line. */
const replies = (r: PlayResult) => r.turns.filter((t, i) => t.speaker === "customer" && r.turns[i - 1]?.speaker === "trainee").map((t) => t.text);

const NUMBER = /06 39 98 41 27/;

const CALLS = {
  en: {
    before: [
      "Good evening! Oh no, she must be so sad. Let me check for you — what does the cap look like?",
      "Thank you. I'll go and ask the team and look in the lost property box right away.",
      "I'm so sorry, it isn't there tonight, but the lunch team is back tomorrow at 11 and I'll ask them first thing.",
    ],
    name: "May I have your name?",
    number: "And a phone number, so I can call you tomorrow?",
    both: "Could you leave me your name and phone number so I can call you tomorrow?",
    bye: "Have a lovely evening, both of you!",
  },
  fr: {
    before: [
      "Bonsoir ! Oh non, elle doit être triste. Je vais vérifier pour vous — à quoi ressemble la casquette ?",
      "Merci. Je vais demander à l'équipe et regarder dans les objets trouvés tout de suite.",
      "Je suis vraiment désolé, elle n'y est pas ce soir, mais l'équipe du midi revient demain à 11 h et je leur demanderai dès leur arrivée.",
    ],
    name: "Votre nom ?",
    number: "Et un numéro de téléphone, pour que je vous rappelle demain ?",
    both: "Pouvez-vous me laisser votre nom et votre numéro de téléphone pour que je vous rappelle demain ?",
    bye: "Bonne soirée à vous deux !",
  },
} as const;

describe("lost-cap: Claire gives what is asked (decision 261)", () => {
  for (const locale of ["en", "fr"] as const) {
    const c = CALLS[locale];
    it(`${locale}: asked only her name, she gives her name and not her number; a goodbye then leaves the call unresolved`, async () => {
      const r = await play(locale, [...c.before, c.name, c.bye]);
      const answer = replies(r)[3]!;
      expect(answer).toMatch(/Claire Laurent/);
      expect(answer).not.toMatch(NUMBER);
      expect(r.outcome).not.toBe("resolved");
    });

    it(`${locale}: asked then for a phone number, she gives her number and the call is resolved`, async () => {
      const r = await play(locale, [...c.before, c.name, c.number, c.bye]);
      expect(replies(r)[4]).toMatch(NUMBER);
      expect(r.outcome).toBe("resolved");
    });

    it(`${locale}: asked both at once, she gives both`, async () => {
      const r = await play(locale, [...c.before, c.both, c.bye]);
      const answer = replies(r)[3]!;
      expect(answer).toMatch(/Claire Laurent/);
      expect(answer).toMatch(NUMBER);
      expect(r.outcome).toBe("resolved");
    });
  }
});
