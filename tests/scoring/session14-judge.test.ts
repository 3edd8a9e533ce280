/**
 * Session 14 (decision 283): the judge and the customer on whole calls.
 * A worry she voiced and nobody answered by the end of the call (session 14): she names it as she leaves, "anything
 * else?" gets it asked again, and the missed "met every need" checkpoint's tip quotes her question (no penalty on
 * top: the checkpoint is the cost).
 * Whole calls through the command line's player (scripted customer, offline understanding, heuristic judge).
 */
import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import { playScriptWithTurns } from "../calibrate";

const play = (id: string, locale: "en" | "fr", lines: string[]) => playScriptWithTurns(loadScenarioById(id), locale, lines, "heuristic");

const ignoresTheFees = [
  "Connexa, good morning, Dana speaking. Ten minutes and two transfers — I'm so sorry, that's awful.",
  "I'll sort this out myself. Could I have the name and the phone number on the account?",
  "Thank you, Ms Tremblay. How much came out, and on what date?",
  "I see it: we took the wrong amount. That's our mistake, I'm sorry.",
  "I'm refunding the difference right now; you'll have it back in your account by Friday.",
  "You'll get a confirmation email within the hour.",
  "Anything else I can do for you?",
  "Thanks for your patience, Ms Tremblay, have a good day.",
];

describe("whole calls judged (session 14): an unanswered question, a brush-off, the next step", () => {
  it("is what she says as she leaves, and what the missed needs checkpoint's tip quotes", async () => {
    const { turns, card } = await play("angry-caller", "en", ignoresTheFees);
    const customer = turns.filter((t) => t.speaker === "customer").map((t) => t.text);
    // She raised her bank's fees, was answered with something else, asked again, and named it on the way out.
    expect(customer.some((l) => /overdraft fees/.test(l))).toBe(true);
    expect(customer.some((l) => /^You didn't answer me\. The overdraft fees/.test(l))).toBe(true);
    expect(customer.at(-1)).toMatch(/^Thank you for that\. But you never answered me: the overdraft fees/);
    expect(card.outcome).toBe("resolved");
    const needs = card.checkpoints.find((c) => c.id === "needs-met")!;
    expect(needs.hit).toBe(false);
    expect(needs.tip).toMatch(/^The customer asked “.*\?” and nobody answered before the end\. When the customer raises a concern/);
    // In the scenario's words for the question out of context (voice-need:overdraft-fees/again), not "…about that?".
    expect(needs.tip).toContain("“The overdraft fees my bank charged me because of you — who's paying for those?”");
    expect(card.penalties).toEqual([]);
  });

  it("costs nothing once answered", async () => {
    const answered = [...ignoresTheFees];
    answered.splice(6, 0, "And any overdraft fees your bank charged you because of us, we'll reimburse them too.");
    const { card } = await play("angry-caller", "en", answered);
    expect(card.checkpoints.find((c) => c.id === "needs-met")?.hit).toBe(true);
  });

  it("is worded in French for a French call", async () => {
    const fr = [
      "Connexa, bonjour, Dana à l'appareil. Dix minutes pis deux transferts, je suis vraiment désolée.",
      "Je m'en occupe moi-même. Votre nom et le numéro de téléphone du compte, s'il vous plaît?",
      "Merci, madame Tremblay. Combien a été prélevé, et à quelle date?",
      "Je le vois : on a pris le mauvais montant. C'est notre erreur, désolée.",
      "Je vous rembourse la différence tout de suite; vous l'aurez dans votre compte d'ici vendredi.",
      "Vous recevrez un courriel de confirmation d'ici une heure.",
      "Est-ce que je peux faire autre chose pour vous?",
      "Merci de votre patience, madame Tremblay, bonne journée.",
    ];
    const { card } = await play("angry-caller", "fr", fr);
    const needs = card.checkpoints.find((c) => c.id === "needs-met")!;
    expect(needs.tip).toMatch(/^La personne a demandé « .*\? » et personne n'y a répondu avant la fin\./);
  });

  it("quotes both when she asked two things and neither was answered, in the order she asked", async () => {
    const { card } = await play("smile-25k", "fr", [
      "Clinique des Érables, bonjour! Vous dérangez pas pantoute, je vous écoute.",
      "Qu'est-ce que vous aimeriez changer dans votre sourire?",
      "Des facettes, c'est une belle idée. La première consultation est gratuite, la dentiste vous explique tout.",
      "J'ai jeudi 16 h ou mardi 10 h, qu'est-ce qui vous convient?",
      "Parfait. Votre nom et votre numéro de cell?",
      "Merci! Est-ce que je peux faire autre chose pour vous?",
      "Bonne fin de journée, madame Gagnon!",
    ]);
    const tip = card.checkpoints.find((c) => c.id === "needs-met")!.tip!;
    expect(tip).toMatch(/^La personne a demandé « .*petit à petit\? » et « .*temps.*\? », et personne n'y a répondu avant la fin\./);
  });

  it("gives a turn that brushes her off no other credit either (session 14's tour)", async () => {
    const { card } = await play("angry-caller", "fr", [
      "Connexa, bonjour.",
      "Numero de compte?",
      "C'est le systeme qui fait ca, c'est pas moi. Faut attendre le prochain cycle.",
      "Bon. Autre chose?",
      "Bonne journée.",
    ]);
    const brushOff = 2;
    expect(card.penalties.some((p) => p.id === "dismiss" && p.turn === brushOff)).toBe(true);
    expect(card.checkpoints.filter((c) => c.hit && c.turn === brushOff).map((c) => c.id)).toEqual([]);
  });

  it("quotes the next step given for 'gave a next step', not the request for her details before it (session 14's tour)", async () => {
    const { card } = await play("angry-caller", "en", ignoresTheFees);
    const nextStep = card.checkpoints.find((c) => c.id === "next-step")!;
    expect(nextStep.hit).toBe(true);
    expect(nextStep.quote).toMatch(/by Friday|within the hour/);
  });
});
