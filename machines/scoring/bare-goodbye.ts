/**
 * "Closed warmly" needs a warm word, not only a goodbye (session 16; noted since session 14: "ok bye" earned it).
 * The understanding reads any goodbye as `close_warmly` — the customer must hear "bye" as the end of the call —
 * so the judges check the closing words themselves: a turn made only of a goodbye and fillers ("ok bye", "Okay.
 * Bye.", « bon ben au revoir », « ok salut ») does not earn the checkpoint. A thanks, a wish ("have a good day",
 * « bonne soirée »), "take care", her name or a "madame" is warmth, and earns it as before.
 */
import type { Locale } from "../../scenarios/moves";
import { normalize } from "../../scenarios/text";

const FILLERS: Record<Locale, ReadonlySet<string>> = {
  en: new Set(["ok", "okay", "okey", "k", "kk", "alright", "allright", "right", "so", "well", "then", "now", "um", "uh", "oh", "yeah", "yep", "yes", "sure", "fine"]),
  fr: new Set(["ok", "okay", "d'accord", "dac", "bon", "ben", "bah", "bien", "alors", "allez", "eh", "euh", "oui", "ouais", "voila", "donc", "bref", "puis", "pis"]),
};
const GOODBYES: Record<Locale, ReadonlySet<string>> = {
  en: new Set(["bye", "byebye", "bye-bye", "goodbye", "good-bye", "ciao", "later", "laters", "cya"]),
  fr: new Set(["au", "revoir", "salut", "ciao", "tchao", "bye", "bye-bye", "a+", "adieu"]),
};

/** Only a goodbye and fillers, with at least one goodbye word. */
export function isBareGoodbye(text: string, locale: Locale): boolean {
  const words = normalize(text)
    .replace(/[^\p{L}\p{N}'+\- ]+/gu, " ")
    .split(" ")
    .filter(Boolean);
  if (words.length === 0) return false;
  const fillers = FILLERS[locale];
  const goodbyes = GOODBYES[locale];
  return words.every((w) => fillers.has(w) || goodbyes.has(w)) && words.some((w) => goodbyes.has(w));
}
