import { describe, expect, it } from "vitest";
import { loadAllScenarios, loadScenarioById } from "../scenarios/load";
import { AGAIN_PREFIX, BUILT_IN_LINES, LEAVES_OPEN, STILL_WAITING_PREFIX, candidatesFor, chooseLine, reminderOf } from "./lines";
import type { Beat } from "./types";

const angry = loadScenarioById("angry-caller");
const cap = loadScenarioById("lost-cap");

function beat(id: string, extra: Partial<Beat> = {}): Beat {
  return { id, kind: "react", mood: "annoyed", terse: false, final: false, ...extra };
}

describe("choosing the customer's line", () => {
  it("uses the scenario's lines in the call's language", () => {
    const en = chooseLine(angry, "en", beat("reveal:amount", { kind: "reveal", factId: "amount" }));
    const fr = chooseLine(angry, "fr", beat("reveal:amount", { kind: "reveal", factId: "amount" }));
    expect(angry.lines["reveal:amount"]!.en).toContain(en);
    expect(angry.lines["reveal:amount"]!.fr).toContain(fr);
  });

  it("never repeats a line verbatim while a variant is unused", () => {
    const said: string[] = [];
    const variants = angry.lines["frustration:repeat"]!.en;
    for (let turn = 0; turn < variants.length; turn++) {
      said.push(chooseLine(angry, "en", beat("frustration:repeat", { kind: "frustration" }), { said, seed: turn }));
    }
    expect(new Set(said).size).toBe(variants.length);
  });

  it("adds the worry she voices on the turn that reaches the goal after what her line answers, in both languages (decision 266)", () => {
    for (const locale of ["en", "fr"] as const) {
      const line = chooseLine(cap, locale, beat("reveal:contact-details", { kind: "reveal", factId: "contact-details", thenVoices: "kept-safe" }));
      const details = cap.lines["reveal:contact-details"]![locale].find((l) => line.startsWith(l));
      expect(details, line).toBeDefined();
      expect(cap.lines["voice-need:kept-safe"]![locale]).toContain(line.slice(details!.length).trim());
    }
  });

  it("asks again for an unanswered need as a reminder of the question she asked, not as news", () => {
    const smile = loadScenarioById("smile-25k");
    for (const locale of ["en", "fr"] as const) {
      const said = [angry.lines["voice-need:overdraft-fees"]![locale][0]!];
      const again = chooseLine(angry, locale, beat("voice-need:overdraft-fees", { kind: "voice-need", needId: "overdraft-fees", again: true }), { said, seed: 1 });
      // The scenario's own question naming its subject (voice-need:overdraft-fees/again), after "You didn't answer
      // me" — not "Who's paying for that?" out of context, nor the other variant's "Oh, and my bank hit me with…".
      expect(again).toBe(`${AGAIN_PREFIX[locale]}${angry.lines["voice-need:overdraft-fees/again"]![locale][0]!}`);
      expect(again).toMatch(locale === "en" ? /overdraft fees/ : /frais de découvert/);
      // Asked a second time: not the same words again.
      const twice = chooseLine(angry, locale, beat("voice-need:overdraft-fees", { kind: "voice-need", needId: "overdraft-fees", again: true }), { said: [...said, again], seed: 1 });
      expect(twice).toBe(`${STILL_WAITING_PREFIX[locale]}${angry.lines["voice-need:overdraft-fees/again"]![locale][0]!}`);
      // Without such a line: her own question, from the line she said.
      const bare = { ...angry, lines: Object.fromEntries(Object.entries(angry.lines).filter(([k]) => !k.endsWith("/again"))) };
      const reminder = chooseLine(bare, locale, beat("voice-need:overdraft-fees", { kind: "voice-need", needId: "overdraft-fees", again: true }), { said, seed: 1 });
      expect(reminder).toBe(`${AGAIN_PREFIX[locale]}${locale === "en" ? "Who's paying for that?" : "Qui va payer ça?"}`);
      for (const variant of smile.lines["voice-need:instalments"]![locale]) {
        const r = chooseLine(smile, locale, beat("voice-need:instalments", { kind: "voice-need", needId: "instalments", again: true }), { said: [variant] });
        expect(r.startsWith(AGAIN_PREFIX[locale]), r).toBe(true);
        expect(r, r).not.toMatch(/\.\.\.|…|^(?:\S+ ){4}(?:And|Pis|Le prix|The price)\b/u);
        expect(r.trim().endsWith("?"), r).toBe(true);
      }
    }
    expect(reminderOf("And... I'm a bit embarrassed to ask, but... does it all have to be paid at once?")).toBe("Does it all have to be paid at once?");
    expect(reminderOf("Et... vous pensez que je saurai quand ?")).toBe("Vous pensez que je saurai quand ?");
  });

  it("voices a need short of patience as its question alone, not its lead-in sentence", () => {
    for (const locale of ["en", "fr"] as const) {
      const line = chooseLine(angry, locale, beat("voice-need:overdraft-fees", { kind: "voice-need", needId: "overdraft-fees", terse: true }), { said: [] });
      expect(line).toBe(angry.lines["voice-need:overdraft-fees/again"]![locale][0]!);
    }
    const smile = loadScenarioById("smile-25k");
    const terse = chooseLine(smile, "en", beat("voice-need:instalments", { kind: "voice-need", needId: "instalments", terse: true }), { said: [] });
    expect(terse.trim().endsWith("?"), terse).toBe(true);
  });

  it("names a need nobody answered as she leaves with the goal reached, in the scenario's words", () => {
    for (const locale of ["en", "fr"] as const) {
      const line = chooseLine(angry, locale, beat("thank-and-leave", { kind: "thank-and-leave", final: true, stillOpen: "overdraft-fees" }), { said: [] });
      const question = angry.lines["voice-need:overdraft-fees/again"]![locale][0]!;
      expect(line).toBe(`${LEAVES_OPEN[locale].before}${question.charAt(0).toLocaleLowerCase()}${question.slice(1)}${LEAVES_OPEN[locale].after}`);
      // Without the need open, her usual goodbye.
      expect(angry.lines["thank-and-leave"]![locale]).toContain(chooseLine(angry, locale, beat("thank-and-leave", { kind: "thank-and-leave", final: true }), { said: [] }));
    }
  });

  it("confirms with a plain yes when the trainee checks back a fact she told, not 'As I said:' and the fact again", () => {
    const smile = loadScenarioById("smile-25k");
    for (const locale of ["en", "fr"] as const) {
      const line = chooseLine(smile, locale, beat("confirm", { kind: "restate", factId: "project" }));
      expect(BUILT_IN_LINES.confirm![locale]).toContain(line);
    }
  });

  it("is deterministic: the same call gives the same line", () => {
    const b = beat("acknowledge", { kind: "acknowledge" });
    expect(chooseLine(cap, "fr", b, { seed: 3 })).toBe(chooseLine(cap, "fr", b, { seed: 3 }));
  });

  it("uses the terse variant when patience is low, or the first sentence when none is written", () => {
    const terse = chooseLine(angry, "en", beat("frustration:repeat", { kind: "frustration", terse: true }));
    expect(angry.lines["frustration:repeat/terse"]!.en).toContain(terse);
    const short = chooseLine(cap, "en", beat("react:dismiss", { terse: true }), { seed: 0 });
    expect(short).toBe("Oh.");
    // She never hangs up on a question cut out of her line: "You know what? Forget it.", not "You know what?".
    for (const locale of ["en", "fr"] as const) {
      const leaving = chooseLine(angry, locale, beat("hang-up", { kind: "hang-up", terse: true, final: true }), { seed: 0 });
      expect(leaving.endsWith("?"), leaving).toBe(false);
      expect(angry.lines["hang-up"]![locale].some((l) => l.startsWith(leaving)), leaving).toBe(true);
    }
  });

  it("uses the late opening after a late answer", () => {
    const late = chooseLine(angry, "fr", beat("opening", { kind: "opening" }), { answeredLate: true });
    expect(angry.lines["opening/late"]!.fr).toContain(late);
    const onTime = chooseLine(angry, "fr", beat("opening", { kind: "opening" }));
    expect(angry.opening.fr).toContain(onTime);
  });

  it("falls back to the fact's own text, then to built-in lines", () => {
    const noLines = { ...cap, lines: {} };
    const reveal = chooseLine(noLines, "en", beat("reveal:where-sat", { kind: "reveal", factId: "where-sat" }));
    expect(reveal).toBe(cap.facts.find((f) => f.id === "where-sat")!.text.en);
    const calm = chooseLine(noLines, "fr", beat("calm-down", { kind: "calm-down" }));
    expect(BUILT_IN_LINES["calm-down"]!.fr).toContain(calm);
    expect(candidatesFor(noLines, "en", beat("walk-out", { kind: "hang-up" })).key).toBe("hang-up");
  });

  it("has a line in both languages for every beat each seed scenario can produce", () => {
    for (const scenario of loadAllScenarios()) {
      const ids = [
        "opening",
        "frustration:repeat",
        "calm-down",
        "acknowledge",
        "thank-and-leave",
        "leave-unresolved",
        scenario.channel === "phone" ? "hang-up" : "walk-out",
        ...scenario.facts.map((f) => `reveal:${f.id}`),
        ...scenario.needs.flatMap((n) => [`voice-need:${n.id}`, `need-met:${n.id}`]),
        ...Object.values(scenario.reactions).flatMap((r) => (r.beat ? [r.beat] : [])),
      ];
      for (const id of ids) {
        for (const locale of ["en", "fr"] as const) {
          const { key } = candidatesFor(scenario, locale, beat(id));
          expect(scenario.lines[key] ?? (id === "opening" ? scenario.opening : undefined), `${scenario.id} ${id}`).toBeDefined();
        }
      }
    }
  });

  it("says again, briefly, a fact she already told, from the scenario's own words", () => {
    const line = chooseLine(angry, "en", beat("restate:amount", { kind: "restate", factId: "amount" }));
    expect(line.startsWith("As I said: ")).toBe(true);
    expect(line).toBe(`As I said: ${angry.facts.find((f) => f.id === "amount")!.text.en}`);
    // Not the first time's reaction again.
    const identity = chooseLine(angry, "en", beat("restate:identity", { kind: "restate", factId: "identity" }));
    expect(identity).not.toMatch(/Finally someone/);
    expect(identity).toContain("Sylvie Tremblay");
    expect(chooseLine(angry, "fr", beat("restate:amount", { kind: "restate", factId: "amount" })).startsWith("Comme je vous disais : ")).toBe(true);
  });

  it("gives every seed scenario its own words for the new beats, in both languages", () => {
    for (const scenario of loadAllScenarios()) {
      for (const id of ["clarify", "settled", "nothing-else"]) {
        expect(scenario.lines[id]?.en.length, `${scenario.id} ${id}`).toBeGreaterThan(0);
        expect(scenario.lines[id]?.fr.length, `${scenario.id} ${id}`).toBeGreaterThan(0);
      }
      expect(Object.keys(scenario.lines).some((k) => k.startsWith("accept:")), `${scenario.id} accepts something`).toBe(true);
    }
  });

  it("never talks about the story behind a scenario, nor fits the wrong channel", () => {
    const all = (lines: Record<string, { en: string[]; fr: string[] }>) => Object.values(lines).flatMap((l) => [...l.en, ...l.fr]);
    for (const text of all(BUILT_IN_LINES)) {
      expect(text).not.toMatch(/\bseed\b|\bgraine\b/i);
      // Built-in lines serve both channels: nothing that only fits a phone or a desk.
      expect(text).not.toMatch(/\b(hello\?|allô|calling|appel|phone|téléphone|desk|comptoir)/i);
    }
    for (const scenario of loadAllScenarios()) {
      const texts = [...all(scenario.lines), ...scenario.opening.en, ...scenario.opening.fr];
      for (const text of texts) expect(text, scenario.id).not.toMatch(/\bseed\b|\bgraine\b/i);
      if (scenario.channel === "in-person")
        for (const text of texts) expect(text, scenario.id).not.toMatch(/thank you for calling|merci (de|pour) votre appel|on the phone|au téléphone|\ballô\b|hang up|raccroch/i);
    }
  });
});
