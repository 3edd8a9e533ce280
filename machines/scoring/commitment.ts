/**
 * A commitment never made is not credited: "I can't promise a refund", "I'm not able to refund before
 * Friday", « je ne peux pas vous rembourser », "maybe we can refund it by Friday" name a refund and a date,
 * but commit to nothing. The judges
 * check the words that are the evidence of a resolution or anticipation hit (the clause that carries it):
 * when, in that clause, the action itself is refused or declared impossible, the hit is not admitted.
 *
 * Deliberately narrow: the negation must bear on the action (a negated "can/able/possible" or "will"
 * directly before a verb of doing, giving, promising or calling back). "It won't happen again", "no need
 * for the account number", "I can't see it here, so let me ask the team" are untouched: the negation there
 * is not a refusal of the commitment. The understanding module reads negation for moves and topics
 * (scope features); this is the scoring side's check of the evidence clause (docs/decisions/097).
 */
import type { Locale } from "../../scenarios/moves";
import { normalize } from "../../scenarios/text";

const EN_VERBS =
  "promise|guarantee|refund|reimburse|credit|pay|cover|give|offer|fix|correct|change|call|ring|phone|contact|keep|hold|put|book|schedule|reserve|waive|cancel|reverse|send|return|commit";

const FR_VERBS =
  "promettre|garantir|rembourser|crediter|payer|couvrir|donner|offrir|corriger|changer|rappeler|appeler|telephoner|contacter|joindre|garder|mettre|reserver|annuler|envoyer|retourner|remettre|engager|prendre en charge";

const PATTERNS: Record<Locale, RegExp[]> = {
  en: [
    // I can't / cannot / couldn't / won't be able to / am not able to / am unable to / there's no way I can … refund
    new RegExp(
      `\\b(can't|cant|cannot|can not|couldn't|couldnt|could not|won't be able to|will not be able to|(am|'m|are|'re|is|'s) not able to|not able to|unable to|not allowed to|not in a position to|no way (i|we) (can|could)|not possible (for (me|us) )?to|impossible (for (me|us) )?to|don't think (i|we) (can|could))\\s+(really\\s+|actually\\s+|just\\s+|even\\s+)?(\\w+\\s+){0,1}(${EN_VERBS})\\b`,
      "u",
    ),
    // I won't / we will not / I'm not going to / we don't … refund (a refusal, said of oneself)
    new RegExp(
      `\\b(i|we|i'm|we're|i am|we are)\\s+(won't|wont|will not|not going to|don't|do not|wouldn't|would not)\\s+(be\\s+)?(${EN_VERBS})\\b`,
      "u",
    ),
    /\bno (promises?|guarantees?)\b/u,
    // A conditional or hedged promise: "I might be able to refund", "maybe we can refund", "I'll see if I can
    // refund", "if we can refund it", "not sure we can refund".
    new RegExp(`\\b(i|we) (might|may) (be able to |possibly )?(${EN_VERBS})\\b`, "u"),
    new RegExp(`\\b(maybe|perhaps|possibly) (i|we) (can|could|will|'ll|might) (be able to )?(${EN_VERBS})\\b`, "u"),
    new RegExp(`\\b(see|check|find out) (if|whether) (i|we) (can|could|are able to|am able to) (${EN_VERBS})\\b`, "u"),
    new RegExp(`\\b(not sure|unsure) (if |whether |that )?(i|we) (can|could|will be able to) (${EN_VERBS})\\b`, "u"),
    new RegExp(`\\bif (i|we) (can|could|are able to|am able to) (${EN_VERBS})\\b`, "u"),
  ],
  fr: [
    // je (ne) peux pas / pourrai pas / ne suis pas en mesure de / impossible de / pas possible de … rembourser
    new RegExp(
      `\\b(peux|peut|pouvons|pouvez|pourrai|pourrais|pourra|pourrons|pourrions)\\s+(pas|rien|jamais)\\s+(vous\\s+|te\\s+|le\\s+|la\\s+|les\\s+|l'|lui\\s+|leur\\s+)?(${FR_VERBS})`,
      "u",
    ),
    new RegExp(`\\b(impossible|pas possible|pas en mesure|pas capable)\\s+(de|d')\\s*(vous\\s+|te\\s+|le\\s+|la\\s+|les\\s+|l'|lui\\s+)?(${FR_VERBS})`, "u"),
    // je (ne) vais pas / on (ne) va pas … rembourser (a refusal)
    new RegExp(`\\b(vais|va|allons|allez)\\s+pas\\s+(vous\\s+|te\\s+|le\\s+|la\\s+|les\\s+|l'|lui\\s+)?(${FR_VERBS})`, "u"),
    /\b(aucune|sans|pas de) (garantie|promesse)s?\b/u,
    // Une promesse conditionnelle : « peut-être qu'on pourra vous rembourser », « je vais voir si je peux vous
    // rembourser », « si on peut vous rembourser », « pas sûr qu'on puisse ».
    new RegExp(`\\bpeut-etre (que |qu')?(je |j'|on |nous )?(peux|peut|pourrai|pourrais|pourrait|pourrons|pourra|vais|va|allons)\\s+(vous\\s+|le\\s+|la\\s+|les\\s+|l')?(${FR_VERBS})`, "u"),
    new RegExp(`\\b(pourrai|pourrais|pourrait|pourrons|pourra) peut-etre\\s+(vous\\s+|le\\s+|la\\s+|les\\s+|l')?(${FR_VERBS})`, "u"),
    new RegExp(`\\b(voir|verifier|regarder) si (je|on|nous) (peux|peut|pourrai|pourrait|pouvons)\\s+(vous\\s+|le\\s+|la\\s+|les\\s+|l')?(${FR_VERBS})`, "u"),
    new RegExp(`\\bsi (je|on|nous) (peux|peut|pouvons|arrive a)\\s+(vous\\s+|le\\s+|la\\s+|les\\s+|l')?(${FR_VERBS})`, "u"),
    new RegExp(`\\bpas (sur|sure|certain|certaine)s? (de pouvoir|qu'on puisse|que je puisse|que nous puissions)\\s+(vous\\s+|le\\s+|la\\s+|les\\s+|l')?(${FR_VERBS})`, "u"),
  ],
};

/** True when the words refuse, or declare impossible, the action they name (no commitment in them). */
export function refusesCommitment(text: string, locale: Locale): boolean {
  const t = normalize(text).replace(/[’]/g, "'");
  return PATTERNS[locale].some((re) => re.test(t));
}
