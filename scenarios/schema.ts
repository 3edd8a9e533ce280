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
import { MOVES } from "../machines/moves";

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const LocalizedText = z.strictObject({ en: nonEmpty, fr: nonEmpty });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const LocalizedLines = z.strictObject({
  en: z.array(nonEmpty).min(1, "needs at least one line"),
  fr: z.array(nonEmpty).min(1, "needs at least one line"),
});
export type LocalizedLines = z.infer<typeof LocalizedLines>;

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z.string().regex(idPattern, "must be kebab-case (a-z, 0-9, -)");

const movePattern = new RegExp(`^(${MOVES.join("|")})$`);
export const Condition = z
  .string()
  .refine(
    (s) => movePattern.test(s) || /^(topic|fact|need):[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s),
    { message: "must be a move name, or topic:<id>, fact:<id> or need:<id>" },
  );
export type Condition = z.infer<typeof Condition>;

/** All of `all` and at least one of `any` (when given). A bare list is shorthand for `all`. */
export const ConditionSet = z.union([
  z.array(Condition).min(1),
  z.strictObject({
    all: z.array(Condition).optional(),
    any: z.array(Condition).optional(),
  }),
]);
export type ConditionSet = z.infer<typeof ConditionSet>;

/** Scenario-specific things the trainee may talk about, detected by keywords (regex sources, case/accent-insensitive). */
export const Topic = z.strictObject({
  description: LocalizedText,
  patterns: z.strictObject({ en: z.array(nonEmpty).min(1), fr: z.array(nonEmpty).min(1) }),
});

export const Fact = z.strictObject({
  id: Id,
  /** What the trainee must do for the customer to give this piece of information. */
  unlockedBy: ConditionSet,
  /** The information itself, as the customer knows it (never in an LLM prompt before it is unlocked). */
  text: LocalizedText,
});

export const Need = z.strictObject({
  id: Id,
  description: LocalizedText,
  /** The customer voices it after this many trainee turns, unless already met. */
  voicedAfterTurn: z.number().int().min(1),
  metBy: ConditionSet,
});

export const Reaction = z.strictObject({
  patience: z.number().int().min(-100).max(100).default(0),
  /** Beat id the customer answers with (a key of `lines`). */
  beat: z.string().optional(),
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

export const ScenarioSchema = z.strictObject({
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
    /** Hide the mood indicator in the UI. */
    hideMood: z.boolean().default(false),
  }),
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
  facts: z.array(Fact).default([]),
  needs: z.array(Need).default([]),
  reactions: z.record(z.string(), Reaction).default({}),
  lines: z.record(z.string(), LocalizedLines),
  rubric: Rubric,
  passMark: z.number().int().min(0).max(100).default(70),
  /** Minimum per-dimension score for a pass. */
  dimensionFloor: z.number().int().min(0).max(100).default(50),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Fact = z.infer<typeof Fact>;
export type Need = z.infer<typeof Need>;
export type Checkpoint = z.infer<typeof Checkpoint>;
export type Dimension = keyof z.infer<typeof Rubric>;
export const DIMENSIONS: Dimension[] = ["empathy", "resolution", "anticipation"];
