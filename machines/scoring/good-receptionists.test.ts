/**
 * Root causes of good receptionists failing on natural phrasing (issue 9; docs/decisions/085–089), one test
 * each: whole calls played through the real machine with the offline understanding, scored by the heuristic
 * judge. The lines are written for these tests (general phrasing, not copied from any script set).
 */
import { describe, expect, it } from "vitest";
import { loadScenarioById } from "../../scenarios/load";
import type { Scenario } from "../../scenarios/schema";
import type { ScoreInput } from "../scorecard";
import { classify, detectTopics } from "../understanding";
import { answerCall, endCall, startCall, traineeSaid } from "../session";
import { dimensionFloors } from "./decide";
import { judgeHeuristic } from "./index";

function play(scenario: Scenario, locale: "en" | "fr", lines: string[]): ScoreInput {
  let step = startCall(scenario);
  if (scenario.channel === "phone") step = answerCall(scenario, step.persisted, 1);
  const turns: ScoreInput["turns"] = [];
  for (const text of lines) {
    if (step.view.status !== "conversation") break;
    const u = { moves: classify(text, locale), topics: detectTopics(scenario, text, locale) };
    turns.push({ speaker: "trainee", text, ...u });
    step = traineeSaid(scenario, step.persisted, text, u);
  }
  if (step.view.status !== "ended") step = endCall(scenario, step.persisted);
  return { scenario, locale, turns, view: step.view };
}

const hit = (input: ScoreInput, id: string) => judgeHeuristic(input).checkpoints.find((c) => c.id === id)?.hit;

const angry = loadScenarioById("angry-caller");
const lostCap = loadScenarioById("lost-cap");
const smile = loadScenarioById("smile-25k");

describe("decision 085: the angry caller's goal when the receptionist reads the account herself", () => {
  const lines = [
    "Connexa, good afternoon, you're speaking with Sam.",
    "I'm really sorry you were passed around like that. I'll take care of it myself. What's your name and the phone number on the account?",
    "Thank you, Ms. Tremblay. How much came out, and on what day?",
    "I have it in front of me: it was taken on the 3rd instead of the 15th, and for the wrong amount. The error is ours.",
    "I'm refunding the difference today, you'll have it back by Friday.",
    "Thanks for your patience, Ms. Tremblay, have a good day.",
  ];

  it("ends resolved and credits finding the cause although she never told the date herself", () => {
    const input = play(angry, "en", lines);
    expect(input.view.factsUnlocked).not.toContain("date");
    expect(input.view.outcome).toBe("resolved");
    expect(hit(input, "found-the-cause")).toBe(true);
  });

  it("counts saying that her bank's fees are reimbursed, before she raises them, as anticipating them", () => {
    const withFees = [...lines.slice(0, 4), "I'm refunding the difference today, back by Friday, and if your bank charged you overdraft fees we reimburse those too.", lines[5]!];
    const input = play(angry, "en", withFees);
    expect(input.view.needs.find((n) => n.id === "overdraft-fees")).toMatchObject({ anticipated: true });
    expect(hit(input, "overdraft-before-she-did")).toBe(true);
  });

  it("still leaves a receptionist who never commits to a refund unresolved", () => {
    const input = play(angry, "en", [lines[0]!, lines[1]!, lines[3]!, "Okay, goodbye."]);
    expect(input.view.outcome).not.toBe("resolved");
  });
});

describe("decision 085: the anticipation floor", () => {
  it("is the share of the lightest anticipation checkpoint, empathy and resolution keep the scenario's floor", () => {
    for (const sc of [lostCap, smile, angry]) {
      const card = judgeHeuristic(play(sc, "en", ["Hello."]));
      const floors = dimensionFloors(sc, card.checkpoints);
      const mine = card.checkpoints.filter((c) => c.dimension === "anticipation");
      const total = mine.reduce((s, c) => s + c.weight, 0);
      expect(floors.empathy).toBe(sc.dimensionFloor);
      expect(floors.resolution).toBe(sc.dimensionFloor);
      expect(floors.anticipation).toBe(Math.min(sc.dimensionFloor, Math.floor((100 * Math.min(...mine.map((c) => c.weight))) / total)));
      expect(floors.anticipation).toBeGreaterThan(0);
    }
  });

  it("passes a warm receptionist who reaches the goal and anticipates one thing, and fails one who anticipates nothing", () => {
    const warm = [
      "Good evening! Oh no, poor thing, she must be sad. What does the cap look like?",
      "Let me go and ask the team and check the lost property box for you.",
      "I'm so sorry, it isn't there, but the lunch team is back tomorrow at 11 and I'll ask them first thing.",
      "Could you leave me your name and your phone number so I can call you?",
      "Is there anything else I can do for you?",
      "Have a lovely evening, both of you!",
    ];
    const good = judgeHeuristic(play(lostCap, "en", warm));
    expect(good.outcome).toBe("resolved");
    expect(good.checkpoints.filter((c) => c.dimension === "anticipation" && c.hit).length).toBeGreaterThanOrEqual(1);
    expect(good.passed).toBe(true);

    const polite = [
      "Good evening! What does the cap look like?",
      "Let me go and ask the team.",
      "I'm sorry, it isn't there.",
      "Could you leave me your name and your phone number?",
      "Have a lovely evening!",
    ];
    const card = judgeHeuristic(play(lostCap, "en", polite));
    expect(card.scores.anticipation).toBeLessThan(dimensionFloors(lostCap, card.checkpoints).anticipation);
    expect(card.passed).toBe(false);
  });
});

describe("decision 086: the shy caller of smile-25k, in the words a competent receptionist uses", () => {
  const lines = [
    "Good afternoon, Clinique dentaire des Érables, Lina speaking.",
    "Oh, you're not disturbing me at all, take all the time you need. What would you like to do with your smile?",
    "Is there a date you'd like it done by?",
    "We always start with a free consultation with the dentist. A treatment like that takes about four months, so June works.",
    "I could see you Thursday at 4 pm or Tuesday at 10 am, which suits you better?",
    "Can I have your name and a phone number to reach you?",
    "Thank you, Ms. Gagnon, see you Thursday. Have a lovely day!",
  ];

  it("credits putting her at ease, the free consultation said unasked and the booking on the turn that takes her details, and passes", () => {
    const card = judgeHeuristic(play(smile, "en", lines));
    const hits = new Set(card.checkpoints.filter((c) => c.hit).map((c) => c.id));
    expect(card.outcome).toBe("resolved");
    expect(hits).toContain("acknowledge-feeling");
    expect(hits).toContain("share-knowledge");
    expect(hits).toContain("booked-with-name-and-number");
    expect(card.checkpoints.find((c) => c.id === "booked-with-name-and-number")?.turn).toBe(5);
    expect(card.passed).toBe(true);
  });

  it("gives nothing for it to a receptionist who neither reassures nor acknowledges her", () => {
    const curt = ["Clinique des Érables.", "What do you want done?", "Consultations are $150. Thursday at 4?", "Name and number?", "Bye."];
    const card = judgeHeuristic(play(smile, "en", curt));
    expect(card.checkpoints.find((c) => c.id === "acknowledge-feeling")?.hit).toBe(false);
    expect(card.passed).toBe(false);
  });
});

describe("decision 087: lost-cap, a worry that comes when she is about to leave, and the last words", () => {
  it("does not bring her fear of the cap being thrown away forward because the first turn said 'what a shame'", () => {
    const input = play(lostCap, "en", [
      "Good evening! Oh, what a shame, she must be sad. What does the cap look like?",
      "Let me go and check the lost property box in the office.",
      "I'm sorry, it isn't there.",
    ]);
    const keptSafe = input.view.needs.find((n) => n.id === "kept-safe")!;
    expect(keptSafe.voicedAtTurn).toBeNull();
  });

  it("brings it up once she is about to leave without it: after tomorrow and her number, at the latest when asked for anything else", () => {
    const input = play(lostCap, "en", [
      "Good evening! What does the cap look like?",
      "Let me go and check the lost property box in the office.",
      "I'm sorry, it isn't there. The lunch team is back tomorrow at 11, I'll ask them.",
      "Could I take your name and phone number?",
      "Is there anything else I can do for you?",
    ]);
    const keptSafe = input.view.needs.find((n) => n.id === "kept-safe")!;
    expect(keptSafe.voicedAtTurn).not.toBeNull();
    expect(keptSafe.voicedAtTurn!).toBeGreaterThanOrEqual(2);
  });

  it("credits both sympathy and a warm close in a last line that says both", () => {
    const card = judgeHeuristic(
      play(lostCap, "en", [
        "Good evening! What does the cap look like?",
        "Let me go and check the lost property box in the office.",
        "I'm sorry, it isn't there. The lunch team is back tomorrow at 11, I'll ask them.",
        "Could I take your name and phone number? I'll call you tomorrow.",
        "Thank you. I really hope we find it for her. Have a lovely evening.",
      ]),
    );
    const last = 4;
    expect(card.checkpoints.find((c) => c.id === "warm-close")).toMatchObject({ hit: true, turn: last });
    expect(card.checkpoints.find((c) => c.id === "showed-sympathy")).toMatchObject({ hit: true, turn: last });
  });

  it("does not credit a warm close for a bare 'ok bye' (session 16), and does for a goodbye with a warm word", () => {
    const call = (last: string, locale: "en" | "fr" = "en") =>
      judgeHeuristic(
        play(lostCap, locale, [
          ...(locale === "en"
            ? [
                "Good evening! What does the cap look like?",
                "Let me go and check the lost property box in the office.",
                "I'm sorry, it isn't there. The lunch team is back tomorrow at 11, I'll ask them.",
                "Could I take your name and phone number? I'll call you tomorrow.",
              ]
            : [
                "Bonsoir ! Elle ressemble à quoi, la casquette ?",
                "Je vais regarder dans la boîte des objets trouvés au bureau.",
                "Je suis désolée, elle n'y est pas. L'équipe du midi revient demain à 11 h, je leur demanderai.",
                "Je peux avoir votre nom et votre numéro ? Je vous rappelle demain.",
              ]),
          last,
        ]),
      ).checkpoints.find((c) => c.id === "warm-close");
    for (const bare of ["ok bye", "Okay. Bye."]) expect(call(bare), bare).toMatchObject({ hit: false });
    for (const bare of ["bon ben au revoir", "Ok, salut."]) expect(call(bare, "fr"), bare).toMatchObject({ hit: false });
    for (const warm of ["ok bye, take care", "Bye now, have a lovely evening!"]) expect(call(warm), warm).toMatchObject({ hit: true, turn: 4 });
    for (const warm of ["Au revoir madame, bonne soirée", "ok bonne soirée, à demain"]) expect(call(warm, "fr"), warm).toMatchObject({ hit: true, turn: 4 });
  });
});

describe("decision 088: offering to find her without the account number is not asking for it", () => {
  it("gets her name and number, without the 'I don't have my account number' reaction", () => {
    const input = play(angry, "en", [
      "Connexa, good morning, Sam speaking.",
      "I'm so sorry about the wait. I can find your account without the account number. Could you tell me your name and the phone number on the account?",
    ]);
    expect(input.view.factsUnlocked).toContain("identity");
    expect(input.view.trace.some((e) => e.beatId === "no-account-number")).toBe(false);
  });

  it("gets them too when the offer is read as no question at all ('no need for it: just your name and your number')", () => {
    // The understanding as it may come: the offer's topic, without ask_question or take_contact.
    let step = answerCall(angry, startCall(angry).persisted, 1);
    step = traineeSaid(angry, step.persisted, "Connexa, good morning.", { moves: ["greet"], topics: [] });
    step = traineeSaid(angry, step.persisted, "No need for the account number: just your full name and the phone number on the account.", {
      moves: ["reassure"],
      topics: ["identify-other"],
    });
    expect(step.view.factsUnlocked).toContain("identity");
  });

  it("still reacts when she is asked for the account number", () => {
    const input = play(angry, "en", ["Connexa, good morning.", "What's your account number?"]);
    expect(input.view.trace.some((e) => e.beatId === "no-account-number")).toBe(true);
  });
});

describe("decision 088: owning the error in plain words explains the cause", () => {
  it("reads 'that's on us' as the cause, in both languages", () => {
    expect(detectTopics(angry, "Honestly that's way too much, and that's on us.", "en")).toContain("cause");
    expect(detectTopics(angry, "It went out early, that one is on us.", "en")).toContain("cause");
    expect(detectTopics(angry, "Ça c'est à cause de nous, pas de vous.", "fr")).toContain("cause");
  });
});

describe("decision 089: a promise to keep it, said at the end of a long sentence", () => {
  it("is read in French as in English (the conjugated verb, not only the infinitive)", () => {
    const fr = "Je vous appelle demain matin dans tous les cas, et si elle revient on la garde précieusement au bureau.";
    const en = "I'll call you tomorrow morning either way, and if it comes back we'll keep it safe in the office.";
    expect(detectTopics(lostCap, fr, "fr")).toContain("keep-aside");
    expect(detectTopics(lostCap, en, "en")).toContain("keep-aside");
    expect(detectTopics(lostCap, "On ne garde rien ici.", "fr")).not.toContain("keep-aside");
  });
});

describe("decision 089: next month's payment said at the end of a refund sentence", () => {
  it("is read in both languages", () => {
    const en = "I'm putting the difference back today, you'll see it by Friday, and after that only your regular amount comes out on the 15th.";
    const fr = "Je vous remets la différence aujourd'hui, vous allez la voir d'ici vendredi, pis ensuite c'est votre montant habituel le 15.";
    expect(detectTopics(angry, en, "en")).toContain("next-payment");
    expect(detectTopics(angry, fr, "fr")).toContain("next-payment");
  });
});
