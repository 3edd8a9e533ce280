import { describe, expect, it } from "vitest";
import { canonicalText, classify, withinOneEdit } from "./classify";
import { MOVE_GLOSSARY, MOVES, type Locale, type Move } from "../scenarios/moves";

const has = (text: string, locale: Locale, ...moves: Move[]) => {
  const got = classify(text, locale);
  for (const m of moves) expect(got, `${text} → ${JSON.stringify(got)}`).toContain(m);
};
const hasNot = (text: string, locale: Locale, ...moves: Move[]) => {
  const got = classify(text, locale);
  for (const m of moves) expect(got, `${text} → ${JSON.stringify(got)}`).not.toContain(m);
};

describe("classify: the distinctions the simulator relies on", () => {
  it("hears doubt about the customer's story as blaming the customer, not as a question", () => {
    expect(classify("Are you sure she left it here?", "en")).toEqual(["blame_customer"]);
    expect(classify("Vous êtes sûre que la demoiselle l'a bien oubliée ici ?", "fr")).toEqual(["blame_customer"]);
  });

  it("hears a bare 'we found nothing' as a brush-off, but not when a next step comes with it", () => {
    expect(classify("No, we found nothing.", "en")).toEqual(["dismiss"]);
    expect(classify("Non, on n'a rien trouvé.", "fr")).toEqual(["dismiss"]);
    hasNot("We found nothing yet, but I'll ask the evening staff.", "en", "dismiss");
    hasNot("On n'a rien trouvé pour l'instant, mais je vais demander à l'équipe du soir.", "fr", "dismiss");
  });

  it("tells a transfer from checking with a colleague", () => {
    expect(classify("I'll transfer you", "en")).toEqual(["transfer"]);
    expect(classify("je vous transfère", "fr")).toEqual(["transfer"]);
    expect(classify("let me check with the lunch staff", "en")).toEqual(["check_with_colleague"]);
    expect(classify("je vais demander à l'équipe du midi", "fr")).toEqual(["check_with_colleague"]);
  });

  it("takes contact details and counts the request as a question", () => {
    has("can I have your phone number", "en", "take_contact", "ask_question");
    has("Je peux avoir votre numéro de téléphone ?", "fr", "take_contact", "ask_question");
  });

  it("hears a callback promise with a time frame as both", () => {
    has("we'll call you tomorrow as soon as the lunch team comes in", "en", "promise_callback", "set_expectation");
    has("On vous rappelle demain dès que l'équipe du midi arrive.", "fr", "promise_callback", "set_expectation");
    for (const t of ["It'll be done by Friday.", "You'll have it within 48 hours."]) has(t, "en", "set_expectation");
    for (const t of ["Ce sera fait d'ici vendredi.", "Vous l'aurez sous 48 heures."]) has(t, "fr", "set_expectation");
  });

  it("recognises offering more, tips, paraphrases and the customer's name", () => {
    expect(classify("Is there anything else I can do for you?", "en")).toEqual(["offer_more"]);
    has("Good to know: the card on file expires next month.", "en", "share_tip");
    has("Just so you know, we keep lost items for a month.", "en", "share_tip");
    has("À savoir : on garde les objets oubliés un mois.", "fr", "share_tip");
    has("So if I understand correctly, the payment bounced?", "en", "paraphrase");
    has("Si je comprends bien, le prélèvement n'est pas passé.", "fr", "paraphrase");
    has("Thank you, Mrs Laurent.", "en", "use_name");
    has("Merci, Madame Tremblay.", "fr", "use_name");
    hasNot("Dr Massé will see you now.", "en", "use_name");
    hasNot("Merci madame.", "fr", "use_name");
  });

  it("recognises feelings, apologies and reassurance in France and Québec French", () => {
    has("I understand how frustrating this must be.", "en", "acknowledge_feeling");
    has("Je comprends, c'est frustrant.", "fr", "acknowledge_feeling");
    has("Ça doit être stressant.", "fr", "acknowledge_feeling");
    has("I'm sorry.", "en", "apologize");
    has("Désolé.", "fr", "apologize");
    has("Je m'excuse.", "fr", "apologize");
    has("Don't worry.", "en", "reassure");
    has("Ne vous inquiétez pas.", "fr", "reassure");
    has("Inquiétez-vous pas.", "fr", "reassure");
    has("Pas de trouble, c'est correct.", "fr", "reassure");
  });

  it("recognises ownership, hold requests, brush-offs, rudeness and small talk", () => {
    has("I'll take care of it personally.", "en", "take_ownership");
    has("Je m'en occupe.", "fr", "take_ownership");
    has("Hold on a moment.", "en", "hold_request");
    has("Un instant s'il vous plaît.", "fr", "hold_request");
    has("Je vous mets en attente.", "fr", "hold_request");
    has("That's not my problem.", "en", "dismiss");
    has("C'est pas mon problème.", "fr", "dismiss");
    has("Calm down.", "en", "rude");
    has("T'es pas sérieuse ?", "fr", "rude");
    has("Did you watch the football last night?", "en", "off_topic");
    has("Il fait beau aujourd'hui, hein ?", "fr", "off_topic");
  });

  it("lets a negation cancel the move it governs", () => {
    hasNot("I'm not going to transfer you.", "en", "transfer");
    hasNot("Je ne vais pas vous transférer.", "fr", "transfer");
    hasNot("Je vous transfère pas, je m'en occupe.", "fr", "transfer");
    expect(classify("je ne peux rien faire", "fr")).toEqual(["dismiss"]);
    hasNot("je ne peux rien faire", "fr", "offer_solution");
    hasNot("I can't refund that.", "en", "offer_solution");
  });
});

describe("classify: real phrasing", () => {
  it("copes with missing accents, small typos and informal contractions", () => {
    has("desole pour l'attente", "fr", "apologize");
    has("bonjours", "fr", "greet");
    has("jvais demander au chef", "fr", "check_with_colleague");
    has("j'vais vous rappeler demain", "fr", "promise_callback", "set_expectation");
    has("sory about that", "en", "apologize");
    has("im gonna transfer you", "en", "transfer");
    has("dont worry", "en", "reassure");
    has("I apologise.", "en", "apologize");
  });

  it("understands tu as well as vous and Québécois turns of phrase", () => {
    has("T'inquiète pas, on va la retrouver.", "fr", "reassure");
    has("Je te rappelle demain.", "fr", "promise_callback");
    has("Je vas vérifier avec les serveurs.", "fr", "check_with_colleague");
    has("Bonjour, ici Julie.", "fr", "greet", "introduce");
    has("Ça va me faire plaisir, bonne journée!", "fr", "close_warmly");
    has("Il y a-tu autre chose que je peux faire pour vous ?", "fr", "offer_more");
  });

  it("reads a name followed by 'here' or 'speaking' as an introduction", () => {
    has("Hiya, Oakwood Dental, Ben here, what can I do for you?", "en", "greet", "introduce", "ask_question");
    hasNot("Nope, nothing here.", "en", "introduce");
  });

  it("hears 'deal with it' as rude only when it is not the receptionist's own promise", () => {
    has("Well, deal with it.", "en", "rude");
    hasNot("I'll deal with it myself.", "en", "rude");
    has("I'll deal with it myself.", "en", "take_ownership");
  });

  it("hears a tip that mentions what the customer can do as a tip, not an offer", () => {
    expect(classify("Top tip: you can pay with the app and avoid fees.", "en")).toEqual(["share_tip"]);
    expect(classify("Petit truc : vous pouvez payer avec l'appli pour éviter les frais.", "fr")).toEqual(["share_tip"]);
  });

  it("does not hear a purpose clause or a question put to a colleague as an offer", () => {
    hasNot("Could I get your email so I can send you the quote?", "en", "offer_solution");
    hasNot("Let me ask the manager whether we can waive that fee.", "en", "offer_solution");
    hasNot("Je vais demander à mon responsable si on peut annuler les frais.", "fr", "offer_solution");
  });

  it("keeps small talk about next week out of the time frames", () => {
    expect(classify("I'm off on vacation next week, can't wait.", "en")).toEqual(["off_topic"]);
    expect(classify("Je pars en vacances la semaine prochaine, j'ai hâte.", "fr")).toEqual(["off_topic"]);
  });

  it("does not correct people's and businesses' names into cue words", () => {
    expect(canonicalText("Thank you for calling Bright Smile Dental", "en")).toContain("bright");
  });

  it("returns no move for backchannel and empty turns", () => {
    for (const t of ["", "   ", "Okay.", "Mm-hmm.", "Got it."]) expect(classify(t, "en")).toEqual([]);
    for (const t of ["D'accord.", "Hum hum.", "Très bien."]) expect(classify(t, "fr")).toEqual([]);
  });

  it("returns each move once, in vocabulary order", () => {
    const got = classify("Sorry, so sorry. Have a nice day! Good morning!", "en");
    expect(got).toEqual(MOVES.filter((m) => got.includes(m)));
    expect(new Set(got).size).toBe(got.length);
  });
});

describe("move definitions", () => {
  it("defines every move in English and French", () => {
    expect(Object.keys(MOVE_GLOSSARY).sort()).toEqual([...MOVES].sort());
    for (const m of MOVES) {
      expect(MOVE_GLOSSARY[m].en.length).toBeGreaterThan(10);
      expect(MOVE_GLOSSARY[m].fr.length).toBeGreaterThan(10);
    }
  });

  it("counts one edit, including a swap of two neighbouring letters, as a small typo", () => {
    expect(withinOneEdit("sorry", "sory")).toBe(true);
    expect(withinOneEdit("transfer", "tranfser")).toBe(true);
    expect(withinOneEdit("bonjour", "bonjours")).toBe(true);
    expect(withinOneEdit("hold", "told")).toBe(true);
    expect(withinOneEdit("colleague", "college")).toBe(false);
  });
});
