/**
 * The scenario format (one YAML file per scenario in scenarios/).
 * Documented for trainers in scenarios/README.md. Every text exists in en and fr.
 *
 * Conditions ("signals") used by facts, needs, resolvedWhen and the rubric are
 * strings of one of these forms:
 *   - a move name:            "ask_question"
 *   - a scenario topic:       "topic:account-id"      (see `topics`)
 *   - a fact unlocked:        "fact:cap-description"
 *   - a need met:             "need:be-called-back"
 * A list of conditions means "all of them"; `any` lists mean "one of them".
 */
import { z } from "zod";
import { conditionParts, conditionsOf, parseCondition } from "./conditions";
import { MOVES } from "./moves";
import { normalize } from "./text";

/**
 * Why a check of the format failed, for a reader who is not reading English (the studio): every issue this file
 * raises itself carries `params: { reason, ...values }` (zod 4's custom-issue params) beside its English message
 * (the command line's and the YAML files' words). app/author/issues.ts words each reason in the reader's language
 * from these values, never from the English text; zod's own issues (too small, wrong type…) carry their figures.
 */
export type IssueReason =
  | "needsExamples"
  | "counterIsExample"
  | "condition"
  | "noCondition"
  | "emptyConditionList"
  | "regex"
  | "reactionKey"
  | "unknownTopic"
  | "unknownFact"
  | "unknownNeed"
  | "duplicateId"
  | "knowsIsTopic"
  | "factUnlocksItself"
  | "factIncludesItself"
  | "needWaitsForItself"
  | "missingVoiceNeed"
  | "noBeatLines"
  | "beforeFormat"
  | "beatUnknownReference"
  | "annoyedBelowCalm"
  | "openingMood"
  | "ringingPhoneOnly"
  | "patientUntilRing";

/** The `params` of an issue raised by the format's own checks. */
export type IssueParams = { reason: IssueReason } & Record<string, string | number>;

const because = (reason: IssueReason, values: Record<string, string | number> = {}): IssueParams => ({ ...values, reason });

/** A list that must hold something: its issue names the reason (an empty list of conditions, of example phrases). */
function filled<T extends z.ZodType>(item: T, reason: IssueReason, message: string) {
  return z.array(item).superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: "custom", message, params: because(reason) });
  });
}

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const LocalizedText = z.strictObject({ en: nonEmpty, fr: nonEmpty });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const LocalizedLines = z.strictObject({
  en: z.array(nonEmpty).min(1, "needs at least one line"),
  fr: z.array(nonEmpty).min(1, "needs at least one line"),
});
export type LocalizedLines = z.infer<typeof LocalizedLines>;

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An identifier's pattern (an issue of `Id` is an `invalid_format` whose `pattern` is this one's). */
export const ID_PATTERN = idPattern;
export const Id = z.string().regex(idPattern, "must be kebab-case (a-z, 0-9, -)");

const movePattern = new RegExp(`^(${MOVES.join("|")})$`);
export const Condition = z
  .string()
  .refine(
    (s) => movePattern.test(s) || /^(topic|fact|need):[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s),
    { message: "must be a move name, or topic:<id>, fact:<id> or need:<id>", params: because("condition") },
  );
export type Condition = z.infer<typeof Condition>;

/**
 * All of `all` and at least one of `any` (when given). A bare list is shorthand for `all`. Evaluated by
 * scenarios/conditions.ts; a set with no condition would never hold, so it is refused here (as is an empty
 * `all` or `any` list: say what you mean or leave the key out).
 */
export const ConditionSet = z.union([
  filled(Condition, "noCondition", "needs at least one condition"),
  z
    .strictObject({
      all: filled(Condition, "emptyConditionList", "an empty `all` list means nothing: leave it out").optional(),
      any: filled(Condition, "emptyConditionList", "an empty `any` list would never hold: leave it out").optional(),
    })
    .refine((c) => (c.all?.length ?? 0) + (c.any?.length ?? 0) > 0, {
      message: "needs at least one condition in `all` or `any`",
      params: because("noCondition"),
    }),
]);
export type ConditionSet = z.infer<typeof ConditionSet>;

/** Scenario-specific things the trainee may talk about, detected by keywords (regex sources, case/accent-insensitive). */
/** A pattern must compile as a regular expression once normalised (lower case, accents removed). */
const Pattern = nonEmpty.superRefine((source, ctx) => {
  try {
    new RegExp(normalize(source), "u");
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    ctx.addIssue({ code: "custom", message: `not a valid regular expression (${detail})`, params: because("regex", { detail }) });
  }
});

/**
 * A topic is defined by example phrases a receptionist might say, per language (10–30 is good; the studio
 * warns under 8): a classifier trained on them recognises new phrasings. `patterns` (regular expressions on
 * the normalised text) are optional and rare: a precise rule where a rule is clearly better. See decision 080.
 */
export const TopicExamples = z.strictObject({
  en: z.array(nonEmpty).default([]),
  fr: z.array(nonEmpty).default([]),
});
/**
 * Phrases that share a topic's (or an item's) words but are not it, per language (decision 282): "The $36 goes back
 * to your bank by Friday" is not "Connexa reimburses her bank's fees". Each is trained as a negative of its own
 * topic only. Optional; a phrase cannot be both an example and a counter-example.
 */
export const CounterExamples = TopicExamples;

/** An issue on each counter-example that is also one of the same topic's examples (compared normalised). */
function counterExamplesApart(
  t: { examples: { en: string[]; fr: string[] }; counterExamples?: { en: string[]; fr: string[] } | undefined },
  ctx: z.RefinementCtx,
): void {
  for (const locale of ["en", "fr"] as const) {
    const examples = new Set(t.examples[locale].map(normalize));
    (t.counterExamples?.[locale] ?? []).forEach((c, i) => {
      if (examples.has(normalize(c)))
        ctx.addIssue({ code: "custom", path: ["counterExamples", locale, i], message: "is also one of the examples: a phrase is either an example or a counter-example", params: because("counterIsExample") });
    });
  }
}

export const Topic = z
  .strictObject({
    description: LocalizedText,
    examples: TopicExamples.default({ en: [], fr: [] }),
    counterExamples: CounterExamples.optional(),
    patterns: z.strictObject({ en: z.array(Pattern).default([]), fr: z.array(Pattern).default([]) }).optional(),
  })
  .superRefine((t, ctx) => {
    for (const locale of ["en", "fr"] as const) {
      if (t.examples[locale].length === 0 && (t.patterns?.[locale].length ?? 0) === 0)
        ctx.addIssue({ code: "custom", path: ["examples", locale], message: "needs example phrases in this language", params: because("needsExamples") });
    }
    counterExamplesApart(t, ctx);
  });

/**
 * Something the receptionist knows that the customer does not (opening hours, delays, what to bring,
 * financing): saying it unasked earns "shared something useful". Detected like a topic, from example
 * phrases, and usable in conditions as `topic:<id>` (ids share the topics' namespace).
 */
export const Knowledge = z
  .strictObject({
    id: Id,
    description: LocalizedText,
    examples: z.strictObject({ en: filled(nonEmpty, "needsExamples", "needs example phrases"), fr: filled(nonEmpty, "needsExamples", "needs example phrases") }),
    counterExamples: CounterExamples.optional(),
  })
  .superRefine(counterExamplesApart);

export const Fact = z.strictObject({
  id: Id,
  /** What the trainee must do for the customer to give this piece of information. */
  unlockedBy: ConditionSet,
  /** The information itself, as the customer knows it (never in an LLM prompt before it is unlocked). */
  text: LocalizedText,
  /**
   * Other facts this one's text already gives ("Claire Laurent. My mobile is …" gives her name): once this fact is
   * told, they are told too, so asking for one of them afterwards asks her again, it unlocks nothing new.
   */
  includes: z.array(Id).optional(),
});

/**
 * When the customer brings a need up (decision 080): on the first turn once `after` holds over the call so far
 * (moves and topics seen, facts told, needs met), unless it is met by then; `latestTurn` is an optional safety
 * net (voiced once that many trainee turns are done, even if `after` never came to hold). When the trainee
 * moves to close, a need still unspoken and unmet is voiced before she leaves.
 */
export const VoicedWhen = z.strictObject({
  after: ConditionSet,
  latestTurn: z.number().int().min(1).optional(),
});

export const Need = z.strictObject({
  id: Id,
  description: LocalizedText,
  voicedWhen: VoicedWhen,
  metBy: ConditionSet,
});

/** A beat id's pattern (an issue of a reaction's `beat` is an `invalid_format` whose `pattern` is this one's). */
export const BEAT_PATTERN = /^[a-z0-9:/-]+$/;

/**
 * How the customer reacts to a move or a topic (the key of `reactions`: a move
 * name or `topic:<id>`). Overrides the built-in default for that move.
 */
export const Reaction = z.strictObject({
  patience: z.number().int().min(-100).max(100).default(0),
  /** Beat id the customer answers with (a key of `lines`). */
  beat: z.string().regex(BEAT_PATTERN, "must be a beat id such as react:blame").optional(),
  /** Only when the whole set also holds on the same turn (e.g. `[ask_question]` for "asked again for X"). */
  with: ConditionSet.optional(),
  /** The trainee made the customer repeat something she already said (scored as a penalty). */
  repeat: z.boolean().default(false),
});

export const Checkpoint = z.strictObject({
  id: Id,
  description: LocalizedText,
  /** When is it hit: conditions met by a trainee turn (or the call, for `scope: call`). */
  when: ConditionSet,
  weight: z.number().positive().default(1),
  /** Coaching tip shown when missed. */
  tip: LocalizedText,
  /** `before-need:<id>` for anticipation: must happen before the customer voices that need. */
  before: z.string().optional(),
});

export const Rubric = z.strictObject({
  empathy: z.array(Checkpoint).default([]),
  resolution: z.array(Checkpoint).default([]),
  anticipation: z.array(Checkpoint).default([]),
});

const ScenarioShape = z.strictObject({
  id: Id,
  title: LocalizedText,
  channel: z.enum(["phone", "in-person"]),
  difficulty: z.number().int().min(1).max(3),
  estimatedMinutes: z.number().int().min(1).max(60).default(5),
  setting: LocalizedText,
  /** The trainee's role, shown in the briefing. */
  role: LocalizedText,
  customer: z.strictObject({
    name: nonEmpty,
    persona: LocalizedText,
    patience: z.number().int().min(1).max(100),
    /**
     * How she sounds in her opening (calm, annoyed, angry): the mood shown at the start must match her words,
     * so the mood thresholds are checked against it (a shy, apologetic opener is not "annoyed").
     */
    openingMood: z.enum(["calm", "annoyed", "angry"]).optional(),
    /** Hide the mood indicator in the UI. */
    hideMood: z.boolean().default(false),
  }),
  /** Mood thresholds on patience (calm from `calmFrom`, annoyed from `annoyedFrom`, angry below) and when she gets terse. */
  mood: z
    .strictObject({
      calmFrom: z.number().int().min(1).max(100).default(60),
      annoyedFrom: z.number().int().min(1).max(100).default(30),
      terseBelow: z.number().int().min(0).max(100).default(25),
    })
    .default({ calmFrom: 60, annoyedFrom: 30, terseBelow: 25 }),
  ringing: z
    .strictObject({
      maxRings: z.number().int().min(1).max(20).default(6),
      /** Answering after this many rings costs patience (and is scored). */
      patientUntilRing: z.number().int().min(1).default(3),
      latePenalty: z.number().int().min(0).max(100).default(10),
    })
    .optional(),
  opening: LocalizedLines,
  goal: LocalizedText,
  resolvedWhen: ConditionSet,
  /** Maximum trainee turns before the customer gives up politely (unresolved). */
  maxTurns: z.number().int().min(2).max(60).default(14),
  topics: z.record(Id, Topic).default({}),
  /** What the receptionist knows that she does not (decision 080). */
  knows: z.array(Knowledge).default([]),
  facts: z.array(Fact).default([]),
  needs: z.array(Need).default([]),
  reactions: z
    .record(
      z.string().refine((k) => movePattern.test(k) || /^topic:[a-z0-9]+(?:-[a-z0-9]+)*$/.test(k), {
        message: "a reaction key must be a move name or topic:<id>",
        params: because("reactionKey"),
      }),
      Reaction,
    )
    .default({}),
  lines: z.record(z.string(), LocalizedLines),
  rubric: Rubric,
  passMark: z.number().int().min(0).max(100).default(70),
  /** Minimum per-dimension score for a pass. */
  dimensionFloor: z.number().int().min(0).max(100).default(50),
});

export const ScenarioSchema = ScenarioShape.superRefine((sc, ctx) => checkReferences(sc, ctx));

/**
 * Reads a scenario definition stored before decision 080/081 (scenario_versions are immutable): a need's
 * `voicedAfterTurn: n` becomes `voicedWhen: { after: <the scenario's goal>, latestTurn: n }` — what the old
 * machine did (voiced after n turns, or before leaving once the goal was reached). Files and the studio use
 * the strict `ScenarioSchema`, which refuses `voicedAfterTurn`.
 */
export function upgradeStoredScenario(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || !Array.isArray((raw as { needs?: unknown }).needs)) return raw;
  const sc = raw as { needs: unknown[]; resolvedWhen?: unknown };
  let changed = false;
  const needs = sc.needs.map((n) => {
    if (typeof n !== "object" || n === null) return n;
    const { voicedAfterTurn, ...need } = n as { voicedAfterTurn?: unknown; voicedWhen?: unknown };
    if (typeof voicedAfterTurn !== "number" || need.voicedWhen !== undefined || sc.resolvedWhen === undefined) return n;
    changed = true;
    return { ...need, voicedWhen: { after: sc.resolvedWhen, latestTurn: voicedAfterTurn } };
  });
  return changed ? { ...sc, needs } : raw;
}

/** `ScenarioSchema` for definitions read back from the database (older formats upgraded first). */
export const StoredScenarioSchema = z.preprocess(upgradeStoredScenario, ScenarioSchema);

type Issue = { path: (string | number)[]; message: string; params: IssueParams };

/** Beat ids whose suffix names something of the scenario (checked in `lines`). */
const LINE_REFERENCES: Array<{ prefix: string; kind: "topic" | "fact" | "need" }> = [
  { prefix: "reveal:", kind: "fact" },
  { prefix: "restate:", kind: "fact" },
  { prefix: "voice-need:", kind: "need" },
  { prefix: "need-met:", kind: "need" },
  { prefix: "answer:", kind: "topic" },
  { prefix: "accept:", kind: "topic" },
];

/** Cross-references a schema alone cannot check: every topic/fact/need named exists, ids are unique, beats have lines. */
function checkReferences(
  sc: z.infer<typeof ScenarioShape>,
  ctx: { addIssue(issue: { code: "custom"; path: (string | number)[]; message: string; params: IssueParams }): void },
): void {
  const issues: Issue[] = [];
  const topics = new Set([...Object.keys(sc.topics), ...sc.knows.map((k) => k.id)]);
  const facts = new Set(sc.facts.map((f) => f.id));
  const needs = new Set(sc.needs.map((n) => n.id));
  const checkSet = (set: z.infer<typeof ConditionSet>, path: (string | number)[]) => {
    const { all, any } = conditionParts(set);
    const located = Array.isArray(set)
      ? all.map((c, i) => [c, [...path, i]] as const)
      : [...all.map((c, i) => [c, [...path, "all", i]] as const), ...any.map((c, i) => [c, [...path, "any", i]] as const)];
    for (const [c, p] of located) {
      const { kind, id } = parseCondition(c);
      if (kind === "topic" && !topics.has(id)) issues.push({ path: [...p], message: `unknown topic "${id}" (declare it under topics)`, params: because("unknownTopic", { id }) });
      if (kind === "fact" && !facts.has(id)) issues.push({ path: [...p], message: `unknown fact "${id}"`, params: because("unknownFact", { id }) });
      if (kind === "need" && !needs.has(id)) issues.push({ path: [...p], message: `unknown need "${id}"`, params: because("unknownNeed", { id }) });
    }
  };
  const unique = (ids: string[], path: (string | number)[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) issues.push({ path: [...path, i, "id"], message: `duplicate id "${id}"`, params: because("duplicateId", { id }) });
      seen.add(id);
    });
  };
  unique(sc.facts.map((f) => f.id), ["facts"]);
  unique(sc.knows.map((k) => k.id), ["knows"]);
  sc.knows.forEach((k, i) => {
    if (k.id in sc.topics) issues.push({ path: ["knows", i, "id"], message: `"${k.id}" is already a topic (knows and topics share one namespace)`, params: because("knowsIsTopic", { id: k.id }) });
  });
  unique(sc.needs.map((n) => n.id), ["needs"]);
  checkSet(sc.resolvedWhen, ["resolvedWhen"]);
  sc.facts.forEach((f, i) => {
    checkSet(f.unlockedBy, ["facts", i, "unlockedBy"]);
    if (conditionsOf(f.unlockedBy).includes(`fact:${f.id}`)) issues.push({ path: ["facts", i, "unlockedBy"], message: "a fact cannot be unlocked by itself", params: because("factUnlocksItself") });
    (f.includes ?? []).forEach((id, j) => {
      if (id === f.id) issues.push({ path: ["facts", i, "includes", j], message: "a fact cannot include itself", params: because("factIncludesItself") });
      else if (!facts.has(id)) issues.push({ path: ["facts", i, "includes", j], message: `unknown fact "${id}"`, params: because("unknownFact", { id }) });
    });
  });
  sc.needs.forEach((n, i) => {
    checkSet(n.metBy, ["needs", i, "metBy"]);
    checkSet(n.voicedWhen.after, ["needs", i, "voicedWhen", "after"]);
    if (conditionsOf(n.voicedWhen.after).includes(`need:${n.id}`))
      issues.push({ path: ["needs", i, "voicedWhen", "after"], message: "a need cannot wait for itself to be met", params: because("needWaitsForItself") });
    if (!sc.lines[`voice-need:${n.id}`]) issues.push({ path: ["lines"], message: `missing lines for "voice-need:${n.id}" (how the customer voices this need)`, params: because("missingVoiceNeed", { id: n.id }) });
  });
  for (const [key, r] of Object.entries(sc.reactions)) {
    if (key.startsWith("topic:") && !topics.has(key.slice(6))) issues.push({ path: ["reactions", key], message: `unknown topic "${key.slice(6)}"`, params: because("unknownTopic", { id: key.slice(6) }) });
    if (r.with) checkSet(r.with, ["reactions", key, "with"]);
    if (r.beat && !sc.lines[r.beat]) issues.push({ path: ["reactions", key, "beat"], message: `no lines for beat "${r.beat}"`, params: because("noBeatLines", { beat: r.beat }) });
  }
  for (const dim of ["empathy", "resolution", "anticipation"] as const) {
    unique(sc.rubric[dim].map((c) => c.id), ["rubric", dim]);
    sc.rubric[dim].forEach((c, i) => {
      checkSet(c.when, ["rubric", dim, i, "when"]);
      if (c.before !== undefined) {
        const m = /^before-need:(.+)$/.exec(c.before);
        if (!m) issues.push({ path: ["rubric", dim, i, "before"], message: 'must be "before-need:<need id>"', params: because("beforeFormat") });
        else if (!needs.has(m[1]!)) issues.push({ path: ["rubric", dim, i, "before"], message: `unknown need "${m[1]}"`, params: because("unknownNeed", { id: m[1]! }) });
      }
    });
  }
  for (const key of Object.keys(sc.lines)) {
    const base = key.replace(/\/(?:terse|again)$/, "");
    const ref = LINE_REFERENCES.find((r) => base.startsWith(r.prefix));
    if (!ref) continue;
    const id = base.slice(ref.prefix.length);
    const known = ref.kind === "topic" ? topics : ref.kind === "fact" ? facts : needs;
    if (!known.has(id)) issues.push({ path: ["lines", key], message: `no ${ref.kind} "${id}" for the beat "${base}"`, params: because("beatUnknownReference", { kind: ref.kind, id, beat: base }) });
  }
  if (sc.mood.annoyedFrom >= sc.mood.calmFrom) issues.push({ path: ["mood", "annoyedFrom"], message: "must be below mood.calmFrom", params: because("annoyedBelowCalm") });
  if (sc.customer.openingMood) {
    const p = sc.customer.patience;
    const shown = p >= sc.mood.calmFrom ? "calm" : p >= sc.mood.annoyedFrom ? "annoyed" : "angry";
    if (shown !== sc.customer.openingMood)
      issues.push({
        path: ["customer", "openingMood"],
        message: `her opening is ${sc.customer.openingMood} but patience ${p} shows "${shown}" (mood.calmFrom ${sc.mood.calmFrom}, mood.annoyedFrom ${sc.mood.annoyedFrom}): move the thresholds or the patience`,
        params: because("openingMood", { opening: sc.customer.openingMood, shown, patience: p, calm: sc.mood.calmFrom, annoyed: sc.mood.annoyedFrom }),
      });
  }
  if (sc.ringing && sc.channel !== "phone") issues.push({ path: ["ringing"], message: "only phone scenarios ring", params: because("ringingPhoneOnly") });
  if (sc.ringing && sc.ringing.patientUntilRing > sc.ringing.maxRings) issues.push({ path: ["ringing", "patientUntilRing"], message: "must not exceed ringing.maxRings", params: because("patientUntilRing") });
  for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
}

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Fact = z.infer<typeof Fact>;
export type Need = z.infer<typeof Need>;
export type Checkpoint = z.infer<typeof Checkpoint>;
export type Dimension = keyof z.infer<typeof Rubric>;
export const DIMENSIONS: Dimension[] = ["empathy", "resolution", "anticipation"];
