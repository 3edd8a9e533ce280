/**
 * Scoring credits what was said (issue 9, decisions 095–098): anticipation by content said before she
 * voiced the need, "shared something useful" from what the receptionist knows, no sentence both a hit and
 * a penalty, no credit for a refused commitment, coaching that fits the scenario.
 *
 * The calls here are built by hand (the machine's reading of each turn, the needs' timing) and read with a
 * fixed keyword reader, so these rules are tested on their own, whatever the classifier and the machine do.
 */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../scenarios/schema";
import type { Move } from "../../scenarios/moves";
import type { ScoreInput, Scorecard } from "../scorecard";
import type { CallView, NeedState, TraceEntry } from "../types";
import { loadScenarioById } from "../../scenarios/load";
import { admit, decideContext, type ClauseReader } from "./decide";
import { judgeHeuristicWith } from "./heuristic";
import { rubricFor } from "./rubric";

const text = (en: string, fr = en) => ({ en, fr });
const tip = text("A tip long enough to coach someone properly.");

/** A small in-person scenario, built directly (not through the YAML schema, which other work changes). */
function scenario(channel: "phone" | "in-person" = "in-person"): Scenario {
  return {
    id: "front-desk",
    title: text("Front desk"),
    channel,
    difficulty: 1,
    estimatedMinutes: 5,
    setting: text("A desk."),
    role: text("Receptionist."),
    customer: { name: "Ana", persona: text("Ana."), patience: 50, hideMood: false },
    mood: { calmFrom: 60, annoyedFrom: 30, terseBelow: 25 },
    opening: { en: ["Hello."], fr: ["Bonjour."] },
    goal: text("Refund her."),
    resolvedWhen: ["topic:refund"],
    maxTurns: 10,
    topics: {
      refund: { description: text("Refund"), examples: { en: ["refund"], fr: ["remboursement"] } },
      deadline: { description: text("A date"), examples: { en: ["by Friday"], fr: ["d'ici vendredi"] } },
      fees: { description: text("Bank fees"), examples: { en: ["fees"], fr: ["frais"] } },
      "account-number": { description: text("Asks for the account number"), examples: { en: ["account number"], fr: ["numéro de compte"] } },
      date: { description: text("Asks the date"), examples: { en: ["when"], fr: ["quand"] } },
    },
    knows: [
      { id: "team-tomorrow", description: text("The lunch team is back tomorrow at 11", "L'équipe du midi revient demain à 11 h"), examples: { en: ["back tomorrow at 11"], fr: ["demain à 11 h"] } },
      { id: "what-to-bring", description: text("Bring the receipt", "Apporter le reçu"), examples: { en: ["bring the receipt"], fr: ["apportez le reçu"] } },
    ],
    facts: [{ id: "date", unlockedBy: ["ask_question", "topic:date"], text: text("On the 3rd.") }],
    needs: [
      { id: "when-news", description: text("When she will know"), metBy: { all: ["topic:team-tomorrow"], any: ["set_expectation", "explain"] } },
      { id: "fees", description: text("Her bank's fees"), metBy: { all: ["topic:fees"], any: ["topic:refund", "offer_solution"] } },
    ],
    reactions: { "topic:account-number": { patience: -8, with: ["ask_question"], repeat: true } },
    lines: {},
    rubric: {
      empathy: [],
      resolution: [
        { id: "refund-with-date", description: text("Committed to the refund with a date"), when: ["topic:refund", "topic:deadline"], weight: 2, tip },
      ],
      anticipation: [
        { id: "fees-first", description: text("Mentioned the fees before she did"), when: ["need:fees"], before: "before-need:fees", weight: 2, tip },
      ],
    },
    passMark: 70,
    dimensionFloor: 50,
  } as unknown as Scenario;
}

/** A fixed keyword reading (moves and topics) of any words: the same for a whole turn and for a clause. */
const CUES: Array<[RegExp, Move | `topic:${string}`]> = [
  [/\?/, "ask_question"],
  [/\b(hello|good evening)\b/i, "greet"],
  [/\bsorry\b/i, "apologize"],
  [/\brefund/i, "topic:refund"],
  [/\b(friday|today)\b/i, "topic:deadline"],
  [/\bfees\b/i, "topic:fees"],
  [/\b(account number|statement)\b/i, "topic:account-number"],
  [/\bwhen\b/i, "topic:date"],
  [/\bback tomorrow at 11\b/i, "topic:team-tomorrow"],
  [/\bbring the receipt\b/i, "topic:what-to-bring"],
  [/\bi'll (refund|cover)\b/i, "offer_solution"],
  [/\bnot my problem\b/i, "dismiss"],
];

const read: ClauseReader = (words) => {
  const moves: Move[] = [];
  const topics: string[] = [];
  for (const [re, signal] of CUES) {
    if (!re.test(words)) continue;
    if (signal.startsWith("topic:")) topics.push(signal.slice(6));
    else moves.push(signal as Move);
  }
  return { moves, topics };
};

interface TurnSpec {
  text: string;
  /** The machine's reading of the whole turn, when it differs from reading its words piece by piece. */
  moves?: Move[];
  needsMet?: string[];
  factsUnlocked?: string[];
  madeRepeat?: boolean;
}

/** A finished call: each trainee turn read with `read`, and the needs' timing as the machine would report it. */
function call(sc: Scenario, turns: TurnSpec[], needs: Array<Partial<NeedState> & { id: string }> = []): ScoreInput {
  const trace: TraceEntry[] = turns.map((t, i) => ({
    traineeTurn: i,
    event: "said",
    moves: [...(t.moves ?? read(t.text).moves)],
    topics: [...read(t.text).topics],
    patienceBefore: 50,
    patienceAfter: 50,
    mood: "calm",
    beatId: null,
    factsUnlocked: t.factsUnlocked ?? [],
    needsVoiced: [],
    needsMet: t.needsMet ?? [],
    madeRepeat: t.madeRepeat ?? false,
  }));
  const view: CallView = {
    status: "ended",
    outcome: "resolved",
    patience: 50,
    mood: "calm",
    answeredAfterRings: sc.channel === "phone" ? 1 : 0,
    traineeTurns: turns.length,
    factsUnlocked: turns.flatMap((t) => t.factsUnlocked ?? []),
    needs: sc.needs.map((n) => ({ id: n.id, voicedAtTurn: null, metAtTurn: null, anticipated: false, ...needs.find((x) => x.id === n.id) })),
    seen: { moves: [], topics: [] },
    resolved: true,
    trace,
  };
  return {
    scenario: sc,
    locale: "en",
    turns: turns.flatMap((t) => [
      { speaker: "trainee" as const, text: t.text },
      { speaker: "customer" as const, text: "Mm." },
    ]),
    view,
  };
}

const judge = (input: ScoreInput) => judgeHeuristicWith(input, { readClause: read });
const checkpoint = (card: Scorecard, id: string) => card.checkpoints.find((c) => c.id === id)!;

describe("anticipation is credited by what was said before she voiced the need", () => {
  const sc = scenario();
  const opening = { text: "Good evening, how can I help?" };

  it("credits the content said on a turn before she asked, even when the machine did not count the need as met then", () => {
    const card = judge(
      call(sc, [opening, { text: "Let me look." }, { text: "The lunch team is back tomorrow at 11." }, { text: "Anything else?" }], [{ id: "when-news", voicedAtTurn: 3 }]),
    );
    expect(checkpoint(card, "anticipate-when-news")).toMatchObject({ hit: true, turn: 2, quote: "The lunch team is back tomorrow at 11." });
  });

  it("credits the turn the machine counted the need as met, when she never had to voice it", () => {
    const card = judge(call(sc, [opening, { text: "The lunch team is back tomorrow at 11.", needsMet: ["when-news"] }], [{ id: "when-news", metAtTurn: 1, anticipated: true }]));
    expect(checkpoint(card, "anticipate-when-news")).toMatchObject({ hit: true, turn: 1 });
  });

  it("counts the need as met for 'every need met' when its content was said, even if the machine missed it", () => {
    const card = judge(
      call(
        sc,
        [opening, { text: "The lunch team is back tomorrow at 11." }, { text: "I'll refund the fees by Friday.", needsMet: ["fees"] }],
        [{ id: "fees", metAtTurn: 2, anticipated: true }],
      ),
    );
    expect(checkpoint(card, "needs-met")).toMatchObject({ hit: true, turn: 2 });
    const unsaid = judge(call(sc, [opening, { text: "I'll refund the fees by Friday.", needsMet: ["fees"] }], [{ id: "fees", metAtTurn: 1, anticipated: true }]));
    expect(checkpoint(unsaid, "needs-met").hit).toBe(false);
  });

  it("does not credit the same words said after she had voiced the need (that is resolution, not anticipation)", () => {
    const card = judge(
      call(sc, [opening, { text: "Let me look." }, { text: "The lunch team is back tomorrow at 11.", needsMet: ["when-news"] }], [{ id: "when-news", voicedAtTurn: 1, metAtTurn: 2 }]),
    );
    expect(checkpoint(card, "anticipate-when-news").hit).toBe(false);
  });

  it("does not credit the content said as a brush-off", () => {
    const card = judge(call(sc, [opening, { text: "Not my problem, they're back tomorrow at 11." }], [{ id: "when-news", voicedAtTurn: 1 }]));
    expect(checkpoint(card, "anticipate-when-news").hit).toBe(false);
  });
});

describe("sharing something useful she did not know", () => {
  const sc = scenario();

  it("is earned by any item of what the receptionist knows, said before she asked about it", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "Next time, bring the receipt and it's quicker." }]));
    expect(checkpoint(card, "share-knowledge")).toMatchObject({ hit: true, turn: 1 });
    expect(card.checkpoints.find((c) => c.id === "share-knowledge")!.quote).toContain("bring the receipt");
  });

  it("is not earned by an item said only once she had asked about it", () => {
    const card = judge(
      call(sc, [{ text: "Hello." }, { text: "Let me look." }, { text: "The lunch team is back tomorrow at 11.", needsMet: ["when-news"] }], [{ id: "when-news", voicedAtTurn: 1, metAtTurn: 2 }]),
    );
    expect(checkpoint(card, "share-knowledge").hit).toBe(false);
  });

  it("is not earned by an item said in the same breath as the answer to a question she had asked", () => {
    const answer = judge(
      call(sc, [{ text: "Hello." }, { text: "I'll refund the fees if you bring the receipt.", needsMet: ["fees"] }], [{ id: "fees", voicedAtTurn: 0, metAtTurn: 1 }]),
    );
    expect(checkpoint(answer, "share-knowledge").hit).toBe(false);
    const more = judge(
      call(
        sc,
        [{ text: "Hello." }, { text: "I'll refund the fees. And the lunch team is back tomorrow at 11.", needsMet: ["fees"] }],
        [{ id: "fees", voicedAtTurn: 0, metAtTurn: 1 }],
      ),
    );
    expect(checkpoint(more, "share-knowledge")).toMatchObject({ hit: true, turn: 1, quote: "And the lunch team is back tomorrow at 11." });
  });

  it("tells what she could have shared, from the scenario's list, when missed", () => {
    const card = judge(call(sc, [{ text: "Hello." }]));
    expect(checkpoint(card, "share-knowledge").tip).toMatch(/lunch team is back tomorrow at 11/);
    expect(checkpoint(card, "share-knowledge").tip).toMatch(/receipt/);
  });

  it("refuses a judge's quote that only repeats what she had already asked about", () => {
    const input = call(sc, [{ text: "Hello." }, { text: "Let me look." }, { text: "The lunch team is back tomorrow at 11." }], [{ id: "when-news", voicedAtTurn: 1 }]);
    const ctx = decideContext(input, read);
    expect(admit(ctx, [{ id: "share-knowledge", turn: 2, quote: "The lunch team is back tomorrow at 11." }]).has("share-knowledge")).toBe(false);
    expect(admit(ctx, [{ id: "share-knowledge", turn: 1, quote: "Let me look." }]).has("share-knowledge")).toBe(true);
  });
});

describe("one sentence is never both a hit and a penalty, and a penalty needs clear evidence", () => {
  const sc = scenario();

  it("does not count a sentence that earns 'mentioned the fees first' as making her repeat", () => {
    const card = judge(
      call(
        sc,
        [
          { text: "Hello, what's your account number?" },
          { text: "Could you send me the statement with the fees? I'll refund them by Friday.", madeRepeat: true, needsMet: ["fees"] },
        ],
        [{ id: "fees", metAtTurn: 1, anticipated: true }],
      ),
    );
    expect(checkpoint(card, "fees-first")).toMatchObject({ hit: true, turn: 1 });
    expect(card.penalties.map((p) => p.id)).not.toContain("made-repeat");
    expect(checkpoint(card, "never-made-repeat").hit).toBe(true);
  });

  it("penalises asking again for what she already answered, quoting the sentence that asked", () => {
    const card = judge(
      call(sc, [{ text: "Hello, what's your account number?" }, { text: "OK. Sorry, what was the account number again?", madeRepeat: true }]),
    );
    expect(card.penalties.find((p) => p.id === "made-repeat")).toMatchObject({ turn: 1, quote: "Sorry, what was the account number again?" });
    expect(checkpoint(card, "never-made-repeat").hit).toBe(false);
    // Kind words in the same breath as making her repeat are hollow.
    expect(card.checkpoints.filter((c) => c.dimension === "empathy" && c.hit && c.turn === 1)).toEqual([]);
  });

  it("does not penalise a turn the machine flagged when no sentence of it asks for the same thing again", () => {
    const card = judge(call(sc, [{ text: "Hello, when did it happen?", factsUnlocked: [] }, { text: "Thank you, I see it now.", madeRepeat: true }]));
    expect(card.penalties.map((p) => p.id)).not.toContain("made-repeat");
    expect(checkpoint(card, "never-made-repeat").hit).toBe(true);
  });

  it("penalises asking again for a fact she had told", () => {
    const card = judge(call(sc, [{ text: "Hello, when did it happen?", factsUnlocked: ["date"] }, { text: "And when was that, again?", madeRepeat: true }]));
    expect(card.penalties.find((p) => p.id === "made-repeat")).toMatchObject({ turn: 1, quote: "And when was that, again?" });
  });

  it("does not penalise a question about something else that names a told fact only in a clause, or beside it", () => {
    for (const text of [
      "If nothing has changed when the next bill comes, I'll call you back: is this number the best one to reach you?",
      "I can see when it happened. Is this number the best one to reach you?",
    ]) {
      const card = judge(call(sc, [{ text: "Hello, when did it happen?", factsUnlocked: ["date"] }, { text, madeRepeat: true }]));
      expect(card.penalties.map((p) => p.id), text).not.toContain("made-repeat");
    }
  });
});

describe("kind words and a real question in the same turn", () => {
  const sc = scenario();

  it("earn one checkpoint each: the per-turn limit is for what kind words alone can earn", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "Oh, I'm so sorry. When did it happen?" }]));
    expect(checkpoint(card, "acknowledge-feeling")).toMatchObject({ hit: true, turn: 1 });
    expect(checkpoint(card, "ask-question")).toMatchObject({ hit: true, turn: 1 });
  });

  it("still earn one checkpoint when a turn is only kind words, however many", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "I'm so sorry, so sorry, really sorry." }]));
    expect(card.checkpoints.filter((c) => c.hit && c.turn === 1 && c.dimension === "empathy")).toHaveLength(1);
  });
});

describe("a penalty for a brush-off needs words that show it", () => {
  const sc = scenario();

  it("costs nothing, and hollows nothing, when only the turn as a whole was read as a brush-off", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "I'm so sorry. Let me look into it.", moves: ["apologize", "dismiss"] }]));
    expect(card.penalties.map((p) => p.id)).not.toContain("dismiss");
  });

  it("quotes the words that brushed her off", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "Honestly? Not my problem. Ask your bank." }]));
    expect(card.penalties.find((p) => p.id === "dismiss")).toMatchObject({ turn: 1, quote: "Not my problem." });
  });
});

describe("a commitment never made is not credited", () => {
  const sc = scenario();

  for (const refusal of ["I can't promise a refund before Friday.", "I'm not able to refund it before Friday.", "There's no way I can refund that by Friday."])
    it(`does not credit "${refusal}" as committing to the refund with a date`, () => {
      const card = judge(call(sc, [{ text: "Hello." }, { text: refusal }]));
      expect(checkpoint(card, "refund-with-date").hit).toBe(false);
    });

  it("credits the commitment itself", () => {
    const card = judge(call(sc, [{ text: "Hello." }, { text: "I'll refund the difference by Friday." }]));
    expect(checkpoint(card, "refund-with-date")).toMatchObject({ hit: true, turn: 1, quote: "I'll refund the difference by Friday." });
  });

  it("refuses the same refusal when a judge proposes it as evidence", () => {
    const ctx = decideContext(call(sc, [{ text: "Hello." }, { text: "I can't promise a refund before Friday." }]), read);
    expect(admit(ctx, [{ id: "refund-with-date", turn: 1, quote: "I can't promise a refund before Friday." }]).has("refund-with-date")).toBe(false);
  });
});

describe("coaching that fits the scenario", () => {
  const all = [scenario("in-person"), scenario("phone"), ...["lost-cap", "angry-caller", "smile-25k"].map((id) => loadScenarioById(id))];

  it("never mentions the seed stories in a description or a tip", () => {
    for (const s of all)
      for (const c of rubricFor(s))
        for (const words of [c.description.en, c.description.fr, c.tip.en, c.tip.fr])
          expect(words, `${s.id}/${c.id}`).not.toMatch(/\bseeds?\b|de l'histoire|\bgraine/i);
  });

  it("never coaches a counter conversation with phone words", () => {
    for (const s of all.filter((x) => x.channel === "in-person"))
      for (const c of rubricFor(s))
        for (const words of [c.tip.en, c.tip.fr, c.description.en, c.description.fr])
          expect(words, `${s.id}/${c.id}`).not.toMatch(/thank you for calling|for your call|merci (de|pour) votre appel|\bthird ring|\bpick up\b|sonnerie|décrochez/i);
  });

  it("suggests a phone close on the phone", () => {
    const phone = rubricFor(scenario("phone")).find((c) => c.id === "warm-close")!;
    expect(phone.tip.en).toMatch(/Thank you for calling/);
  });
});

describe("the goal is quoted where it was reached", () => {
  it("cites the turn that reached the goal, not the goodbye after it", () => {
    const sc = scenario();
    const card = judge(call(sc, [{ text: "Hello." }, { text: "I'll refund it by Friday." }, { text: "Thank you, have a good day." }]));
    expect(checkpoint(card, "goal-reached")).toMatchObject({ hit: true, turn: 1, quote: "I'll refund it by Friday." });
  });
});
