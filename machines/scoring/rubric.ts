/**
 * The rubric a call is scored against: the default rubric every scenario
 * inherits (drawn from the seed stories) merged with the scenario's own
 * checkpoints. A scenario checkpoint with the id of a default one replaces it.
 *
 * Two kinds of checkpoint:
 *   - turn-level: `when` conditions met by one trainee turn; the hit cites that
 *     turn and the words of it that carry the evidence;
 *   - call-level: a property of the whole call (the goal was reached, she never
 *     had to repeat herself, the phone was answered promptly, no needless
 *     transfer, every need met). A call-level hit cites the turn that completed
 *     it when there is one.
 */
import type { Checkpoint, ConditionSet, Dimension, LocalizedText, Scenario } from "../../scenarios/schema";
import { SOOTHING_MOVES, type Move } from "../../scenarios/moves";
import { conditionParts, conditionsOf } from "../../scenarios/conditions";

export type CallRule = "answered-promptly" | "never-made-repeat" | "goal-reached" | "no-needless-transfer" | "needs-met";

export interface RubricCheckpoint {
  id: string;
  dimension: Dimension;
  description: LocalizedText;
  tip: LocalizedText;
  weight: number;
  /** Turn-level conditions (absent for call-level checkpoints). */
  when?: ConditionSet;
  /** Call-level rule decided from the call's final view. */
  call?: CallRule;
  /** Need id: the checkpoint only counts on a turn before the customer voiced this need. */
  beforeNeed?: string;
  /**
   * "Shared something useful": what the receptionist knows that she does not (the scenario's `knows`, detected
   * as `topic:<id>`). Each item counts only unasked: on a turn up to the one after which she voiced a need whose
   * `metBy` names it (`askedWith`). See docs/decisions/096.
   */
  knowledge?: Array<{ topic: string; askedWith: string[] }>;
  /** Only the first trainee turn can earn it (greeting). */
  firstTurnOnly?: boolean;
  /** Only the closing words can earn it (see isClosingTurn in ./decide.ts): a goodbye said mid-call is not a close. */
  closingOnly?: boolean;
  /** A bare goodbye ("ok bye", « bon ben au revoir ») does not earn it: the words must carry some warmth (./bare-goodbye.ts). */
  warmWords?: boolean;
  /** Where it comes from. */
  origin: "default" | "scenario";
}

/** Moves that cost nothing to say: a turn can earn at most one checkpoint made only of these (see docs/decisions/040). */
export const FORMULA_MOVES: readonly Move[] = SOOTHING_MOVES;

/**
 * A default checkpoint. Its conditions and tip may depend on the scenario (the channel, what the receptionist
 * knows): a tip never says "thank you for calling" to someone standing at the counter.
 */
type DefaultSpec = Omit<RubricCheckpoint, "origin" | "tip" | "when"> & {
  appliesTo?: (s: Scenario) => boolean;
  tip: LocalizedText | ((s: Scenario) => LocalizedText);
  when?: ConditionSet | ((s: Scenario) => ConditionSet);
  /** Scenario-dependent fields added when the rubric is built. */
  extra?: (s: Scenario) => Partial<RubricCheckpoint>;
};

/** The default rubric, in display order. Tips say what to say, when, and why (the seeds' lessons). */
export const DEFAULT_RUBRIC: readonly DefaultSpec[] = [
  // ---------------------------------------------------------------- empathy
  {
    id: "answered-promptly",
    dimension: "empathy",
    call: "answered-promptly",
    weight: 1,
    appliesTo: (s) => s.channel === "phone",
    description: {
      en: "Answered the phone promptly (by the third ring)",
      fr: "A décroché rapidement (avant la troisième sonnerie)",
    },
    tip: {
      en: "Pick up by the third ring: a caller who waits starts the call already annoyed, and one who gets no answer calls someone else.",
      fr: "Décrochez avant la troisième sonnerie : une personne qui attend commence l'appel agacée, et celle qui n'a pas de réponse appelle ailleurs.",
    },
  },
  {
    id: "warm-greeting",
    dimension: "empathy",
    when: { any: ["greet", "introduce"] },
    firstTurnOnly: true,
    weight: 1,
    description: {
      en: "Opened with a warm greeting (hello, who you are, where the customer has reached)",
      fr: "A ouvert par un accueil chaleureux (bonjour, qui vous êtes, où la personne est arrivée)",
    },
    tip: {
      en: "Open with a greeting and your name, e.g. \"Good morning, this is Marie at the front desk, how can I help?\" — the first seconds decide whether the customer trusts you.",
      fr: "Commencez par saluer et vous présenter, par ex. « Bonjour, Marie à l'accueil, que puis-je faire pour vous ? » — les premières secondes décident de la confiance.",
    },
  },
  {
    id: "acknowledge-feeling",
    dimension: "empathy",
    when: { any: ["acknowledge_feeling", "apologize"] },
    weight: 2,
    description: {
      en: "Acknowledged how the customer feels or expressed regret",
      fr: "A reconnu ce que la personne ressent ou exprimé des regrets",
    },
    tip: {
      en: "Name the customer's feeling before solving anything, e.g. \"I'm sorry, I understand how annoying that is\" — a customer who feels heard listens to the solution.",
      fr: "Reconnaissez ce que la personne ressent avant de chercher la solution, par ex. « Je suis désolée, je comprends que ce soit contrariant » — qui se sent écouté écoute la solution.",
    },
  },
  {
    id: "ask-question",
    dimension: "empathy",
    when: ["ask_question"],
    weight: 1,
    description: {
      en: "Asked a question to understand the customer's situation",
      fr: "A posé une question pour comprendre sa situation",
    },
    tip: {
      en: "Ask a specific question early (when, what, which one) instead of answering straight away: it shows interest and gets you the facts you need.",
      fr: "Posez tôt une question précise (quand, quoi, lequel) au lieu de répondre tout de suite : cela montre de l'intérêt et vous donne les faits utiles.",
    },
  },
  {
    id: "never-made-repeat",
    dimension: "empathy",
    call: "never-made-repeat",
    weight: 1,
    description: {
      en: "Never made the customer repeat what they had already said",
      fr: "N'a jamais fait répéter à la personne ce qu'elle avait déjà dit",
    },
    tip: {
      en: "Listen and note what the customer has already told you (name, account, what happened); asking again tells them they were not listened to.",
      fr: "Écoutez et notez ce que la personne a déjà dit (nom, compte, ce qui s'est passé) ; le redemander lui montre qu'on ne l'a pas écoutée.",
    },
  },
  {
    id: "warm-close",
    dimension: "empathy",
    when: ["close_warmly"],
    closingOnly: true,
    warmWords: true,
    weight: 1,
    description: {
      en: "Closed the conversation warmly",
      fr: "A conclu l'échange chaleureusement",
    },
    tip: (s) =>
      s.channel === "phone"
        ? {
            en: "End with a warm word, e.g. \"Thank you for calling, have a lovely day\": the last impression is the one the customer remembers.",
            fr: "Terminez par un mot chaleureux, par ex. « Merci de votre appel, bonne journée » : c'est la dernière impression qui reste.",
          }
        : {
            en: "End with a warm word, e.g. \"Thank you for coming in, take care\": the last impression is the one the customer remembers.",
            fr: "Terminez par un mot chaleureux, par ex. « Merci de votre visite, bonne soirée » : c'est la dernière impression qui reste.",
          },
  },
  // ------------------------------------------------------------- resolution
  {
    id: "goal-reached",
    dimension: "resolution",
    call: "goal-reached",
    weight: 3,
    description: {
      en: "Reached what the customer came for (the scenario's goal)",
      fr: "A obtenu ce que la personne voulait (l'objectif du scénario)",
    },
    tip: {
      en: "Keep going until the customer's problem has a concrete answer or next step; a pleasant call that leaves the problem open is still a failure for them.",
      fr: "Continuez jusqu'à ce que son problème ait une réponse ou une suite concrète ; un échange aimable qui laisse le problème ouvert reste un échec pour la personne.",
    },
  },
  {
    id: "take-ownership",
    dimension: "resolution",
    when: { any: ["take_ownership", "offer_solution", "check_with_colleague"] },
    weight: 2,
    description: {
      en: "Took ownership: checked, looked into it or offered a solution personally",
      fr: "A pris le problème en main : a vérifié, cherché ou proposé une solution",
    },
    tip: {
      en: "Say what you will do yourself, now: \"Let me check with the team right away\" — not \"there's nothing I can do\".",
      fr: "Dites ce que vous faites vous-même, maintenant : « Je vérifie tout de suite auprès de l'équipe » — pas « je ne peux rien faire ».",
    },
  },
  {
    id: "next-step",
    dimension: "resolution",
    when: { any: ["set_expectation", "promise_callback", "take_contact"] },
    weight: 1,
    description: {
      en: "Gave a next step (what happens, when) or took the customer's details to follow up",
      fr: "A donné la suite (quoi, quand) ou pris les coordonnées de la personne pour la recontacter",
    },
    tip: {
      en: "Before the customer goes, give them a next step with a time frame or take their phone or email: \"I'll call you back before 5 pm\".",
      fr: "Avant la fin de l'échange, donnez une suite avec un délai ou prenez son téléphone ou son e-mail : « Je vous rappelle avant 17 h ».",
    },
  },
  {
    id: "no-needless-transfer",
    dimension: "resolution",
    call: "no-needless-transfer",
    weight: 1,
    description: {
      en: "Handled it without passing the customer to someone else",
      fr: "A traité la demande sans renvoyer la personne vers quelqu'un d'autre",
    },
    tip: {
      en: "Keep the customer with you: if you need a colleague, ask them yourself and come back to the customer instead of transferring them.",
      fr: "Gardez la personne avec vous : si vous avez besoin d'un collègue, demandez-lui vous-même et revenez vers la personne au lieu de la transférer.",
    },
  },
  {
    id: "needs-met",
    dimension: "resolution",
    call: "needs-met",
    weight: 1,
    appliesTo: (s) => s.needs.length > 0,
    description: {
      en: "Met every need the customer had during the call",
      fr: "A répondu à chacun de ses besoins pendant l'échange",
    },
    tip: {
      en: "When the customer raises a concern, answer it before moving on; if you can't now, say when you will.",
      fr: "Quand la personne soulève une inquiétude, répondez-y avant de passer à autre chose ; si vous ne pouvez pas tout de suite, dites quand.",
    },
  },
  {
    id: "offer-more",
    dimension: "resolution",
    when: ["offer_more"],
    weight: 1,
    description: {
      en: "Checked whether there was anything else the customer needed",
      fr: "A vérifié s'il y avait autre chose dont la personne avait besoin",
    },
    tip: {
      en: "Before closing, ask \"Is there anything else I can do for you?\" — it confirms the problem is really solved.",
      fr: "Avant de conclure, demandez « Puis-je faire autre chose pour vous ? » — cela confirme que le problème est vraiment réglé.",
    },
  },
  // ----------------------------------------------------------- anticipation
  {
    id: "share-knowledge",
    dimension: "anticipation",
    // Any of what the receptionist knows that she does not (the scenario's `knows`), or a volunteered tip.
    when: (s) => (s.knows.length > 0 ? { any: ["share_tip", ...s.knows.map((k) => `topic:${k.id}`)] } : ["share_tip"]),
    extra: (s) => (s.knows.length > 0 ? { knowledge: knowledgeOf(s) } : {}),
    weight: 1,
    description: {
      en: "Shared something useful the customer did not know, without being asked",
      fr: "A partagé une information utile que la personne ignorait, sans qu'elle la demande",
    },
    tip: (s) =>
      s.knows.length > 0
        ? {
            en: `Know something the customer doesn't and share it before they ask. Here, for instance: ${listOf(s.knows.map((k) => k.description.en), "en")}.`,
            fr: `Sachez quelque chose que la personne ignore et partagez-le avant qu'elle le demande. Ici, par exemple : ${listOf(s.knows.map((k) => k.description.fr), "fr")}.`,
          }
        : {
            en: "Know something the customer doesn't and share it: what is obvious to you (how long it takes, what to bring, how to avoid it next time) is often new to them.",
            fr: "Sachez quelque chose que la personne ignore et partagez-le : ce qui vous semble évident (délai, quoi apporter, comment l'éviter la prochaine fois) est souvent nouveau pour elle.",
          },
  },
];

/** Descriptions joined into a sentence ("a; b; c"), first letters lowered after the first. */
function listOf(items: string[], _locale: "en" | "fr"): string {
  return items
    .map((t, i) => (i === 0 ? t : t.charAt(0).toLowerCase() + t.slice(1)).replace(/[.;\s]+$/u, ""))
    .join("; ");
}

/**
 * Each item the receptionist knows, with the needs that ask about it: a need whose `metBy` names the item's
 * topic. Once she has voiced such a need, saying the item answers her question; it is no longer unasked.
 */
export function knowledgeOf(scenario: Scenario): Array<{ topic: string; askedWith: string[] }> {
  return scenario.knows.map((k) => ({
    topic: k.id,
    askedWith: scenario.needs.filter((n) => conditionsOf(n.metBy).includes(`topic:${k.id}`)).map((n) => n.id),
  }));
}

/** The need id a `before` field refers to (`need:<id>` or `before-need:<id>`), or undefined. */
export function beforeNeedId(before: string | undefined): string | undefined {
  if (!before) return undefined;
  const m = /^(?:before-)?need:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(before.trim());
  return m ? m[1] : undefined;
}

function fromScenario(dimension: Dimension, c: Checkpoint): RubricCheckpoint {
  const beforeNeed = beforeNeedId(c.before);
  return {
    id: c.id,
    dimension,
    description: c.description,
    tip: c.tip,
    weight: c.weight,
    when: c.when,
    ...(beforeNeed ? { beforeNeed } : {}),
    origin: "scenario",
  };
}

/**
 * The lead of a missed anticipation checkpoint's tip when the trainee did meet the need, but only once she had
 * voiced it: the checkpoint's own tip ("the lunch team is back tomorrow at 11. Say so.") would read as if it had
 * never been said. It counts towards resolution (every need met); anticipation is earned by saying it before
 * she asks. The checkpoint's own tip follows it.
 */
export const MET_AFTER_ASKED_TIP: LocalizedText = {
  en: "You did answer this, but only once the customer had asked: that counts towards meeting their needs, not towards anticipation — bring it up before they have to ask.",
  fr: "Vous y avez bien répondu, mais seulement une fois que la personne l'a demandé : cela compte pour ses besoins satisfaits, pas pour l'anticipation — abordez-le avant qu'elle ait à le demander.",
};

/** Anticipation checkpoints generated for planted needs the scenario's rubric does not already cover. */
function needCheckpoints(scenario: Scenario, covered: Set<string>): RubricCheckpoint[] {
  return scenario.needs
    .filter((n) => !covered.has(n.id))
    .map((n) => ({
      id: `anticipate-${n.id}`,
      dimension: "anticipation" as const,
      when: [`need:${n.id}`],
      beforeNeed: n.id,
      weight: 2,
      origin: "default" as const,
      description: {
        en: `Met the customer's need before they had to ask: ${n.description.en}`,
        fr: `A répondu au besoin de la personne avant qu'elle ait à le demander : ${n.description.fr}`,
      },
      tip: {
        en: `Anticipate the next need — ${n.description.en} — and bring it up yourself before the customer has to ask; met after they ask, it is only resolution.`,
        fr: `Anticipez le besoin suivant — ${n.description.fr} — et abordez-le vous-même avant que la personne ait à le demander ; traité après sa demande, ce n'est que de la résolution.`,
      },
    }));
}

const cache = new WeakMap<Scenario, RubricCheckpoint[]>();

/** The effective rubric of a scenario: defaults (unless replaced by id) then the scenario's own checkpoints. */
export function rubricFor(scenario: Scenario): RubricCheckpoint[] {
  const cached = cache.get(scenario);
  if (cached) return cached;
  const own: RubricCheckpoint[] = [
    ...scenario.rubric.empathy.map((c) => fromScenario("empathy", c)),
    ...scenario.rubric.resolution.map((c) => fromScenario("resolution", c)),
    ...scenario.rubric.anticipation.map((c) => fromScenario("anticipation", c)),
  ];
  const ownIds = new Set(own.map((c) => c.id));
  const defaults: RubricCheckpoint[] = DEFAULT_RUBRIC.filter(
    (d) =>
      !ownIds.has(d.id) &&
      (d.appliesTo ? d.appliesTo(scenario) : true) &&
      !own.some((c) => c.dimension === d.dimension && covers(c, { when: typeof d.when === "function" ? d.when(scenario) : d.when })),
  ).map(({ appliesTo: _appliesTo, tip, when, extra, ...d }) => ({
    ...d,
    tip: typeof tip === "function" ? tip(scenario) : tip,
    ...(when !== undefined ? { when: typeof when === "function" ? when(scenario) : when } : {}),
    ...(extra ? extra(scenario) : {}),
    origin: "default" as const,
  }));
  const covered = new Set(own.map((c) => c.beforeNeed).filter((x): x is string => !!x));
  const generated = needCheckpoints(scenario, covered).filter((c) => !ownIds.has(c.id));
  const byDimension = (d: Dimension) => [
    ...defaults.filter((c) => c.dimension === d),
    ...own.filter((c) => c.dimension === d),
    ...generated.filter((c) => c.dimension === d),
  ];
  const all = [...byDimension("empathy"), ...byDimension("resolution"), ...byDimension("anticipation")];
  cache.set(scenario, all);
  return all;
}

function parts(set: ConditionSet): { all: string[]; any: string[] } {
  const { all, any } = conditionParts(set);
  return { all: [...all], any: [...any] };
}

/**
 * A scenario checkpoint covers a default one when it asks for the same
 * behaviour, more specifically: its moves are among the default's
 * alternatives (or include all the default requires), whatever topic it adds.
 * E.g. the angry caller's "acknowledged the ordeal" and the lost cap's
 * "showed sympathy" / "expressed regret" cover "acknowledge-feeling"; "asked
 * what she would like" covers "ask-question". The default is then dropped
 * rather than counted twice for the same words.
 */
function covers(own: RubricCheckpoint, d: { when?: ConditionSet }): boolean {
  if (!own.when || !d.when) return false;
  const isMove = (c: string) => !c.includes(":");
  const o = parts(own.when);
  const x = parts(d.when);
  const ownAll = o.all.filter(isMove);
  const ownAny = o.any.filter(isMove);
  if (x.all.length > 0) return x.any.length === 0 && x.all.every((c) => ownAll.includes(c));
  const alternatives = ownAny.length > 0 && o.any.length === ownAny.length ? ownAny : ownAny.length > 0 ? ownAny : ownAll;
  return alternatives.length > 0 && alternatives.every((c) => x.any.includes(c));
}

/** True when every condition of the checkpoint is a formula move (cheap words: greet, sorry, name...). */
export function isFormulaOnly(c: RubricCheckpoint): boolean {
  if (!c.when) return false;
  const conds = conditionsOf(c.when);
  return conds.length > 0 && conds.every((x) => (FORMULA_MOVES as readonly string[]).includes(x));
}
