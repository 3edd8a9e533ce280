/**
 * Choosing the words of a beat for the scripted customer. Pure and
 * deterministic: the same call replayed gives the same lines.
 *
 * Lookup for a beat id `X` (first that exists wins):
 *   1. `X/terse` when the beat is terse (low patience), then `X`, in the scenario's `lines`
 *      (`opening` reads `scenario.opening`; `opening/late` is used after a late answer);
 *   2. fallbacks by kind: `reveal:<fact>` → the fact's own text; `restate:<fact>` → "As I said: " and the
 *      fact's text (not its `reveal:` lines, which react to being asked the first time); `need-met:<id>` → `need-met`; `react:<x>` → `frustration:repeat`;
 *      `walk-out` → `hang-up`;
 *   3. built-in generic lines (below), so a scenario only writes what is specific to it.
 * With a terse beat and no `/terse` variant, only the first sentence is kept: she gets shorter.
 *
 * Variants: never the same line twice in a call while a variant is unused.
 *
 * Built-in lines fit both channels (no "Hello?" down a phone line that is a desk, no "thank you for
 * calling" in person) and never talk about the story behind the scenario.
 */
import type { Scenario } from "../scenarios/schema";
import type { Locale } from "../scenarios/moves";
import type { Beat } from "./types";
import { sentences } from "../scenarios/text";

type Lines = Record<Locale, string[]>;

/** How she starts saying again something she already told (`restate:<fact>` without lines of its own). */
export const RESTATE_PREFIX: Record<Locale, string> = { en: "As I said: ", fr: "Comme je vous disais : " };

/** How she starts asking again for a need she voiced and got no answer to (`voice-need:<id>` with `again`). */
export const AGAIN_PREFIX: Record<Locale, string> = { en: "You didn't answer me. ", fr: "Vous ne m'avez pas répondu. " };
/** The same, once she has already reminded them: not the same words twice in a row. */
export const STILL_WAITING_PREFIX: Record<Locale, string> = { en: "I'm still waiting for an answer. ", fr: "J'attends toujours une réponse. " };

/**
 * Her goodbye when the goal is reached but a worry she voiced was never answered (beat `stillOpen`): the relief,
 * the question she is left with, and that she will ask elsewhere (words for both channels).
 */
export const LEAVES_OPEN: Record<Locale, { before: string; after: string }> = {
  // Thanks for what was done (the goal is reached: a refund, her details taken, a booking), not "that part is
  // sorted", which a lost cap still is not.
  en: { before: "Thank you for that. But you never answered me: ", after: " I'll have to ask someone else." },
  fr: { before: "Merci pour ça. Mais vous ne m'avez pas répondu : ", after: " Je demanderai à quelqu'un d'autre." },
};

/** The scenario's `voice-need:<need>/again` line, when it writes one: the need asked again, naming its subject. */
function againLine(scenario: Scenario, locale: Locale, needId: string, seed: number): string | undefined {
  const lines = scenarioLines(scenario, `voice-need:${needId}/again`)?.[locale];
  return lines && lines.length > 0 ? lines[seed % lines.length]!.trim() : undefined;
}

/**
 * A need's question said out of context (asked again, as she leaves, or quoted in a coaching tip): the scenario's
 * `voice-need:<need>/again` line when it writes one, else the question of `line` (the line she voiced it with).
 */
export function needQuestion(scenario: Scenario, locale: Locale, needId: string, line: string, seed = 0): string {
  return reminderOf(againLine(scenario, locale, needId, seed) ?? line);
}

/** A reminder put after a colon: its first letter in lower case, except the English "I". */
function afterColon(reminder: string, locale: Locale): string {
  if (locale === "en" && /^I\b/u.test(reminder)) return reminder;
  return reminder.charAt(0).toLocaleLowerCase() + reminder.slice(1);
}

/** Words that open a line as news or as a follow-on ("And…", "Oh, and", "Pis…"): dropped when she asks again. */
const OPENERS = /^(?:(?:and|but|oh|so|also|et|mais|pis|ah|bon|puis|alors|aussi)\b[\s,.…]*)+/iu;

/**
 * The question of a need's line, said again: its last sentence that asks (else the line's last sentence), without
 * the words that opened it as news ("And... when do you think I'll know?" → "When do you think I'll know?").
 */
export function reminderOf(line: string): string {
  const parts = sentences(line).map((s) => s.text).filter((s) => /\p{L}/u.test(s));
  const asks = parts.filter((s) => s.trim().endsWith("?"));
  let last = (asks.at(-1) ?? parts.at(-1) ?? line).trim();
  // "… but... does it all have to be paid at once?": the sentence from its last ellipsis, when what follows asks.
  const afterEllipsis = last.split(/(?:\.\.\.|…)\s*/u).filter((s) => /\p{L}/u.test(s)).at(-1);
  if (afterEllipsis && afterEllipsis !== last && afterEllipsis.trim().split(/\s+/).length >= 3) last = afterEllipsis.trim();
  last = last.replace(OPENERS, "").trim();
  return last.charAt(0).toLocaleUpperCase() + last.slice(1);
}

/** Generic lines for beats a scenario does not write itself. */
export const BUILT_IN_LINES: Record<string, Lines> = {
  "frustration:repeat": {
    en: ["Are you listening to me? I just told you what the problem is.", "I'll say it again, then.", "Did you hear what I said?"],
    fr: ["Vous m'écoutez ? Je viens de vous expliquer le problème.", "Je vous le redis, alors.", "Vous avez entendu ce que je viens de dire ?"],
  },
  clarify: {
    en: ["Sorry, what do you mean?", "I'm not sure I follow. What are you asking me?"],
    fr: ["Pardon, c'est-à-dire ?", "Je ne vois pas bien ce que vous me demandez."],
  },
  confirm: {
    en: ["Yes, that's right.", "That's it, yes."],
    fr: ["Oui, c'est ça.", "C'est bien ça, oui."],
  },
  settled: {
    en: ["Good. That's everything I needed, thank you.", "Thank you, that's what I was hoping for."],
    fr: ["Bien. C'est tout ce qu'il me fallait, merci.", "Merci, c'est ce que j'espérais."],
  },
  "nothing-else": {
    en: ["No, that's all, thank you.", "No, that's everything. Thank you."],
    fr: ["Non, ce sera tout, merci.", "Non, c'est tout. Merci."],
  },
  "calm-down": {
    en: ["...OK. Thank you for saying that.", "Alright. Thank you."],
    fr: ["... D'accord. Merci de me dire ça.", "Bon. Merci."],
  },
  acknowledge: {
    en: ["OK.", "Alright. And then?", "I see."],
    fr: ["D'accord.", "Bon. Et alors ?", "Je vois."],
  },
  // Answered after she asked ("So when will I get it?" — "tomorrow before noon"): not "I was going to ask".
  "need-met": {
    en: ["Oh, good. That's one less thing to worry about.", "Thank you, that's what I wanted to know."],
    fr: ["Ah, tant mieux. Ça me fait un souci de moins.", "Merci, c'est ce que je voulais savoir."],
  },
  // Met before she brought it up.
  "need-met/anticipated": {
    en: ["Oh, good. That's one less thing to worry about.", "Thank you, I was going to ask."],
    fr: ["Ah, tant mieux. Ça me fait un souci de moins.", "Merci, j'allais justement vous le demander."],
  },
  "react:transfer": {
    en: ["Please don't pass me on to someone else.", "Can't you deal with it yourself?"],
    fr: ["S'il vous plaît, ne me renvoyez pas vers quelqu'un d'autre.", "Vous ne pouvez pas vous en occuper vous-même ?"],
  },
  "react:dismiss": {
    en: ["That's it? That's all you have to say?", "You're not even going to try?"],
    fr: ["C'est tout ? C'est tout ce que vous avez à me dire ?", "Vous n'allez même pas essayer ?"],
  },
  "react:blame": {
    en: ["Excuse me? This isn't my fault.", "Don't put this on me."],
    fr: ["Pardon ? Ce n'est pas de ma faute.", "Ne me mettez pas ça sur le dos."],
  },
  "react:rude": {
    en: ["Don't talk to me like that.", "There's no need to be rude."],
    fr: ["Ne me parlez pas sur ce ton.", "Pas besoin d'être désagréable."],
  },
  "thank-and-leave": {
    en: ["Thank you, really. Goodbye.", "Perfect. Thank you for your help. Goodbye."],
    fr: ["Merci, vraiment. Au revoir.", "Parfait. Merci pour votre aide. Au revoir."],
  },
  "hang-up": {
    en: ["Forget it. Goodbye.", "I'm done here."],
    fr: ["Laissez tomber. Au revoir.", "J'en ai assez."],
  },
  "leave-unresolved": {
    en: ["I have to go. We'll leave it there.", "Never mind, I'll sort it out some other way."],
    fr: ["Je dois y aller. On en reste là.", "Tant pis, je me débrouillerai autrement."],
  },
};

/**
 * A terse line: the line's first sentence ("Oh."), except that a line she leaves on does not end on a question
 * ("You know what? Forget it.", not "You know what?" as she hangs up).
 */
function terseLine(text: string, final: boolean): string {
  const parts = sentences(text).map((s) => s.text.trim());
  let out = parts[0] ?? text.trim();
  for (let i = 1; i < parts.length && final && out.endsWith("?"); i++) out = `${out} ${parts[i]}`;
  return out;
}

function scenarioLines(scenario: Scenario, key: string): Lines | undefined {
  if (key === "opening") return scenario.opening;
  return scenario.lines[key];
}

/** The candidate lines for a beat, in the call's language, and whether they are already terse-specific. */
export function candidatesFor(
  scenario: Scenario,
  locale: Locale,
  beat: Beat,
  options: { answeredLate?: boolean } = {},
): { lines: string[]; key: string; terseWritten: boolean } {
  const ids: string[] = [];
  if (beat.id === "opening" && options.answeredLate) ids.push("opening/late");
  ids.push(beat.id);
  if (beat.id.startsWith("need-met:")) ids.push(...(beat.anticipated ? ["need-met/anticipated"] : []), "need-met");
  if (beat.id === "walk-out") ids.push("hang-up");

  for (const id of ids) {
    if (beat.terse) {
      const terse = scenarioLines(scenario, `${id}/terse`);
      if (terse) return { lines: terse[locale], key: `${id}/terse`, terseWritten: true };
    }
    const found = scenarioLines(scenario, id);
    if (found) return { lines: found[locale], key: id, terseWritten: false };
  }
  // The fact's own words for its reveal or restate beats ("confirm" is a restate beat too, a plain yes: its lines below).
  if ((beat.id.startsWith("reveal:") || beat.id.startsWith("restate:")) && beat.factId) {
    const fact = scenario.facts.find((f) => f.id === beat.factId);
    if (fact) {
      // Said again, it is the fact itself: a reveal line carries the reaction of the first time ("Finally someone
      // who doesn't ask for the account number. Sylvie Tremblay…"), which makes no sense the second time.
      const lines =
        beat.kind === "restate"
          ? [`${RESTATE_PREFIX[locale]}${fact.text[locale].trim()}`]
          : (scenario.lines[`reveal:${fact.id}`]?.[locale] ?? [fact.text[locale]]);
      return { lines, key: beat.id, terseWritten: false };
    }
  }
  if (beat.id.startsWith("react:") && scenario.lines["frustration:repeat"] && !BUILT_IN_LINES[beat.id]) {
    return { lines: scenario.lines["frustration:repeat"][locale], key: "frustration:repeat", terseWritten: false };
  }
  for (const id of ids) {
    const builtIn = BUILT_IN_LINES[id];
    if (builtIn) return { lines: builtIn[locale], key: id, terseWritten: false };
  }
  const generic = BUILT_IN_LINES[beat.kind === "frustration" || beat.kind === "react" ? "frustration:repeat" : "acknowledge"]!;
  return { lines: generic[locale], key: beat.kind, terseWritten: false };
}

/**
 * The customer's line for `beat`. `said` is what the customer has already
 * said in this call (her earlier lines): an unused variant is always
 * preferred. `seed` (e.g. the number of trainee turns) spreads choices.
 */
export function chooseLine(
  scenario: Scenario,
  locale: Locale,
  beat: Beat,
  options: { said?: readonly string[]; seed?: number; answeredLate?: boolean } = {},
): string {
  const { lines, terseWritten } = candidatesFor(scenario, locale, beat, options);
  // Short of patience, a need is its question alone, naming its subject when the scenario writes how: the first
  // sentence of "Pis c'est pas tout. Comme vous l'avez pris le 3… Qui va payer ça?" is only a lead-in (session 14's
  // tour: "Pis c'est pas tout." was her whole reply).
  const terseNeed = (line: string) => (beat.needId ? needQuestion(scenario, locale, beat.needId, line) : reminderOf(line));
  const shape = (line: string) =>
    beat.terse && !terseWritten ? (beat.kind === "voice-need" ? terseNeed(line) : terseLine(line, beat.final)) : line.trim();
  const shaped = lines.map(shape);
  const said = new Set((options.said ?? []).map((s) => s.trim()));
  const seed = Math.abs(options.seed ?? 0);
  const unused = shaped.filter((l) => !said.has(l));
  const pool = unused.length > 0 ? unused : shaped;
  // Asked again: the reminder of the line she said the first time (the first variant she would have used), or of
  // the scenario's own `voice-need:<need>/again` line, written to name what it is about out of context.
  if (beat.again && beat.kind === "voice-need" && beat.needId) {
    const first = shaped.find((l) => said.has(l)) ?? shaped[0]!;
    const reminder = needQuestion(scenario, locale, beat.needId, first, seed);
    const once = `${AGAIN_PREFIX[locale]}${reminder}`;
    return said.has(once) ? `${STILL_WAITING_PREFIX[locale]}${reminder}` : once;
  }
  // Leaving with a worry unanswered: the reminder of the need's line, said as she goes.
  if (beat.stillOpen && beat.kind === "thank-and-leave") {
    const need = candidatesFor(scenario, locale, { ...beat, id: `voice-need:${beat.stillOpen}`, kind: "voice-need", needId: beat.stillOpen, terse: false }, options).lines.map((l) => l.trim());
    const first = need.find((l) => said.has(l)) ?? need[0];
    if (first) return `${LEAVES_OPEN[locale].before}${afterColon(needQuestion(scenario, locale, beat.stillOpen, first, seed), locale)}${LEAVES_OPEN[locale].after}`;
  }
  const line = pool[seed % pool.length]!;
  if (!beat.thenVoices) return line;
  // Then the worry she adds to it (decision 266): that need's own line.
  const { thenVoices, factId: _factId, topicId: _topicId, ...rest } = beat;
  return `${line} ${chooseLine(scenario, locale, { ...rest, id: `voice-need:${thenVoices}`, kind: "voice-need", needId: thenVoices }, options)}`;
}
