import { describe, expect, it } from "vitest";
import { refusesCommitment } from "./commitment";

describe("words that refuse or hedge the commitment they name", () => {
  const cases: Record<"en" | "fr", { refused: string[]; committed: string[] }> = {
    en: {
      refused: [
        "I can't promise a refund before Friday.",
        "I'm not able to refund it before Friday.",
        "There's no way I can refund that.",
        "We won't refund the fees.",
        "No promises, but the refund could come by Friday.",
        "I might be able to refund it by Friday.",
        "Maybe we can refund the fees.",
        "I'll see if I can refund the fees.",
        "I'm not sure we can cover those fees.",
        "We may be able to cover the fees.",
      ],
      committed: [
        "I'll refund the difference today.",
        "It won't happen again.",
        "No need for the account number, I'll find you another way.",
        "I can't see it here, so let me ask the team.",
        "I checked, I can't find it in the lost property.",
        "If it turns up, I'll call you.",
        "I'll see if the lunch team found it.",
        "I could book you Thursday at 4.",
        "You may pay in monthly instalments.",
        "You don't have to pay it all at once.",
      ],
    },
    fr: {
      refused: [
        "Je ne peux pas vous promettre de remboursement.",
        "Je peux pas vous rembourser avant vendredi.",
        "Impossible de vous rembourser les frais.",
        "On va pas vous rembourser les frais.",
        "Peut-être qu'on pourra vous rembourser.",
        "Je vais voir si je peux vous rembourser.",
        "Pas sûr qu'on puisse vous rembourser.",
      ],
      committed: [
        "Je vous rembourse la différence aujourd'hui.",
        "Ça va pas se reproduire.",
        "Je la mets de côté à votre nom.",
        "Si elle réapparaît, je vous appelle.",
        "Je vais voir si l'équipe l'a trouvée.",
      ],
    },
  };
  for (const locale of ["en", "fr"] as const) {
    for (const words of cases[locale].refused) it(`reads "${words}" as no commitment`, () => expect(refusesCommitment(words, locale)).toBe(true));
    for (const words of cases[locale].committed) it(`leaves "${words}" as evidence`, () => expect(refusesCommitment(words, locale)).toBe(false));
  }
});
