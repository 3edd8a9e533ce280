/**
 * The seed scenarios' topic patterns on the lines calibration found misread:
 * a refusal is not an offer, insisting is asking again, a brush-off time is
 * not a slot.
 */
import { describe, expect, it } from "vitest";
import { detectTopics } from "../machines/understanding";
import type { Locale } from "./moves";
import { loadScenarioById } from "./load";

const angry = loadScenarioById("angry-caller");
const smile = loadScenarioById("smile-25k");
const topics = (id: "angry" | "smile", locale: Locale, text: string) => detectTopics(id === "angry" ? angry : smile, text, locale);

describe("angry-caller topics", () => {
  it("reads a refusal to look her up without the account number as asking for it again, not as finding her another way", () => {
    for (const [locale, text] of [
      ["en", "Without the account number I can't find your file. Can you look for it on your bill?"],
      ["en", "I really need the account number. Don't you have a bill handy?"],
      ["en", "Connexa. Account number please."],
      ["fr", "Sans le numéro de compte, je peux pas trouver votre dossier. Pouvez-vous le chercher sur votre facture?"],
      ["fr", "J'ai vraiment besoin du numéro de compte pour vous trouver. Vous avez pas une facture sous la main?"],
      ["fr", "Connexa. Votre numéro de compte, s'il vous plaît."],
    ] as const) {
      const found = topics("angry", locale, text);
      expect(found, text).toContain("ask-account-number");
      expect(found, text).not.toContain("identify-other");
    }
    expect(topics("angry", "en", "I can't find you another way, sorry.")).not.toContain("identify-other");
    expect(topics("angry", "fr", "Je ne peux pas retrouver votre dossier autrement.")).not.toContain("identify-other");
  });

  it("still reads an offer to find her without the account number as identifying her another way", () => {
    for (const [locale, text] of [
      ["en", "Without the account number, I can look you up by your phone number."],
      ["en", "No problem, I can find your account another way."],
      ["fr", "Sans le numéro de compte, je peux vous retrouver avec votre téléphone."],
      ["fr", "Pas de souci, je vais vous retrouver autrement."],
    ] as const) {
      const found = topics("angry", locale, text);
      expect(found, text).toContain("identify-other");
      expect(found, text).not.toContain("ask-account-number");
    }
  });
});

describe("smile-25k topics", () => {
  it("does not take a time in a brush-off for a proposed slot", () => {
    expect(topics("smile", "fr", "On est en dîner, rappelez après 13 h.")).toEqual(["call-back-later"]);
    expect(topics("smile", "en", "We're at lunch. Call back after 1 pm.")).toEqual(["call-back-later"]);
    expect(topics("smile", "fr", "Rappelez demain.")).not.toContain("slot");
  });

  it("still takes a proposed day and time for a slot", () => {
    expect(topics("smile", "fr", "Je peux vous proposer mardi à 14 h?")).toContain("slot");
    expect(topics("smile", "fr", "Est-ce que jeudi à 10h30 vous irait?")).toContain("slot");
    expect(topics("smile", "en", "How about tomorrow at 10:30?")).toContain("slot");
    expect(topics("smile", "en", "We're closed until 2, but I can book you tomorrow at 9 am.")).toContain("slot");
  });

  it("takes 'don't worry' for reassurance, not for asking how she feels about the dentist", () => {
    expect(topics("smile", "fr", "Ne vous inquiétez pas.")).not.toContain("experience");
    expect(topics("smile", "fr", "Êtes-vous inquiète à l'idée des soins?")).toContain("experience");
    expect(topics("smile", "fr", "Comment vous sentez-vous chez le dentiste? Certaines personnes sont un peu nerveuses.")).toContain("experience");
  });
});
