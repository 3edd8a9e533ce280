/**
 * The read model of one attempt for /calls/:id/report: the scenario, the transcript with
 * the words that earned each checkpoint, the latest scorecard and the customer's mood over
 * the call. Read-only; permission checks are in ./access.server.ts.
 *
 * Everything read from jsonb columns is validated with zod here, and a row that does not
 * match says which field of which attempt is wrong.
 */
import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { moodOf } from "../../machines/call-machine";
import { PENALTY_TEXT, dimensionFloors } from "../../machines/scoring/decide";
import { rubricFor } from "../../machines/scoring/index";
import { viewOf } from "../../machines/session";
import type { CallView, Mood, Outcome, PersistedCall } from "../../machines/types";
import { scenarios, scenarioVersions, scorecards, turns, users } from "../../db/schema";
import type { Dimension, LocalizedText, Scenario } from "../../scenarios/schema";
import { scenarioOfVersion } from "../calls/attempts.server";
import { getDb } from "../db.server";
import type { Locale } from "../i18n";
import type { AttemptRow } from "./access.server";
import { highlightsFor, type Highlight } from "./highlight";

export const DIMENSION_ORDER: readonly Dimension[] = ["empathy", "resolution", "anticipation"];
const MOOD_RANK: Record<Mood, number> = { calm: 0, annoyed: 1, angry: 2 };
/** A change of patience at least this large is a turning point even when the mood word stays the same. */
export const TURNING_POINT_PATIENCE = 10;

export class InvalidStoredDataError extends Error {
  constructor(where: string, issues: z.core.$ZodIssue[]) {
    const issue = issues[0];
    super(`${where}: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}`);
    this.name = "InvalidStoredDataError";
  }
}

function parseStored<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidStoredDataError(where, parsed.error.issues);
  return parsed.data;
}

const DimensionSchema = z.enum(["empathy", "resolution", "anticipation"]);
const StoredCheckpoint = z
  .object({
    id: z.string().min(1),
    dimension: DimensionSchema,
    hit: z.boolean(),
    weight: z.number(),
    turn: z.number().int().min(0).optional(),
    quote: z.string().optional(),
    tip: z.string().optional(),
    description: z.string(),
  })
  .loose();
const StoredPenalty = z
  .object({
    id: z.string().min(1),
    dimension: DimensionSchema,
    points: z.number(),
    turn: z.number().int().min(0).optional(),
    quote: z.string().optional(),
    description: z.string(),
  })
  .loose();
/** `scorecards.feedback`: free-form, but these fields are shown when present. */
const StoredFeedback = z
  .object({ judgeFallbackReason: z.string().optional(), passMark: z.number().optional() })
  .loose()
  .nullable()
  .catch(null);

export interface ReportCheckpoint {
  id: string;
  dimension: Dimension;
  hit: boolean;
  weight: number;
  description: string;
  tip: string | null;
  quote: string | null;
  /** The 0-based index of the trainee turn that earned it. */
  traineeTurn: number | null;
  /** The anchor of that turn in the transcript (`turn-<seq>`), when it is there. */
  anchor: string | null;
}

export interface ReportPenalty {
  id: string;
  key: string;
  dimension: Dimension;
  points: number;
  description: string;
  quote: string | null;
  traineeTurn: number | null;
  anchor: string | null;
}

export interface ReportTurn {
  seq: number;
  anchor: string;
  speaker: "trainee" | "customer" | "system";
  text: string;
  /** 0-based index among trainee turns (null for the customer's). */
  traineeIndex: number | null;
  highlights: Highlight[];
  /** The customer's mood after this trainee turn (from the machine's trace). */
  moodAfter: Mood | null;
}

export interface TimelinePoint {
  /** -1 for the start of the call. */
  traineeTurn: number;
  anchor: string | null;
  mood: Mood;
  patience: number;
  /** Change of patience caused by this turn. */
  delta: number;
  /** Where the call turned better or worse (a "moment of truth"). */
  turned: "better" | "worse" | null;
  /** The first words of the trainee turn. */
  excerpt: string | null;
}

export interface ReportScorecard {
  n: number;
  judge: string;
  judgeFallbackReason: string | null;
  scores: Record<Dimension | "overall", number>;
  passed: boolean;
  passMark: number;
  /** The lowest score each dimension may have for a pass (anticipation's depends on its checkpoints: decision 085). */
  dimensionFloors: Record<Dimension, number>;
  checkpoints: ReportCheckpoint[];
  penalties: ReportPenalty[];
  createdAt: string;
  /** How many scorecards this attempt has (re-scoring keeps the old ones). */
  count: number;
}

export interface ReportData {
  attempt: {
    id: string;
    status: AttemptRow["status"];
    /** Ended without a trainee turn: no scorecard (decision 279). */
    abandoned: boolean;
    outcome: Outcome | null;
    locale: Locale;
    mode: AttemptRow["mode"];
    engine: AttemptRow["engine"];
    startedAt: string;
    endedAt: string | null;
    answeredAfterRings: number | null;
    scenarioVersionId: string;
  };
  trainee: { id: string; name: string };
  scenario: {
    slug: string;
    version: number;
    title: LocalizedText;
    channel: Scenario["channel"];
    customerName: string;
  };
  turns: ReportTurn[];
  timeline: TimelinePoint[];
  /** Why the timeline is empty when it is (the machine snapshot could not be read). */
  timelineUnavailable: string | null;
  scorecard: ReportScorecard | null;
}

const OUTCOMES = ["resolved", "unresolved", "customer_left", "not_answered"] as const;
function asOutcome(value: string | null): Outcome | null {
  return value && (OUTCOMES as readonly string[]).includes(value) ? (value as Outcome) : null;
}

/** The stored snapshot as a PersistedCall (part A may store the whole PersistedCall or only its snapshot). */
export function persistedOf(
  attempt: Pick<AttemptRow, "machineSnapshot" | "machineVersion">,
  scenario: Scenario,
): PersistedCall | null {
  const stored = attempt.machineSnapshot;
  if (!stored || typeof stored !== "object") return null;
  const s = stored as Record<string, unknown>;
  if ("snapshot" in s && "machineVersion" in s) return stored as PersistedCall;
  return { machineVersion: attempt.machineVersion, scenarioId: scenario.id, snapshot: stored };
}

function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** The customer's mood over the call, from the machine's trace. */
export function timelineOf(
  scenario: Scenario,
  view: CallView,
  anchorOfTraineeTurn: (i: number) => string | null,
  textOfTraineeTurn: (i: number) => string | null,
): TimelinePoint[] {
  const said = view.trace.filter((e) => e.event === "said" && e.traineeTurn >= 0);
  const answer = view.trace.find((e) => e.event === "answer");
  const startPatience = answer ? answer.patienceAfter : (said[0]?.patienceBefore ?? view.patience);
  const points: TimelinePoint[] = [
    {
      traineeTurn: -1,
      anchor: null,
      mood: moodOf(scenario, startPatience),
      patience: startPatience,
      delta: 0,
      turned: null,
      excerpt: null,
    },
  ];
  for (const e of said) {
    const before = moodOf(scenario, e.patienceBefore);
    const delta = e.patienceAfter - e.patienceBefore;
    const rankChange = MOOD_RANK[e.mood] - MOOD_RANK[before];
    const turned =
      rankChange < 0 || (rankChange === 0 && delta >= TURNING_POINT_PATIENCE)
        ? "better"
        : rankChange > 0 || (rankChange === 0 && delta <= -TURNING_POINT_PATIENCE)
          ? "worse"
          : null;
    const text = textOfTraineeTurn(e.traineeTurn);
    points.push({
      traineeTurn: e.traineeTurn,
      anchor: anchorOfTraineeTurn(e.traineeTurn),
      mood: e.mood,
      patience: e.patienceAfter,
      delta,
      turned,
      excerpt: text === null ? null : excerpt(text),
    });
  }
  return points;
}

/** Everything /calls/:id/report shows, in the reader's UI language `uiLocale`. */
export async function getReport(attempt: AttemptRow, uiLocale: Locale): Promise<ReportData> {
  const db = getDb();
  const [version] = await db
    .select({
      definition: scenarioVersions.definition,
      version: scenarioVersions.version,
      slug: scenarios.slug,
    })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(eq(scenarioVersions.id, attempt.scenarioVersionId));
  if (!version)
    throw new Error(`attempt ${attempt.id}: scenario version ${attempt.scenarioVersionId} is missing`);
  const scenario = await scenarioOfVersion(attempt.scenarioVersionId, version.definition);

  const [trainee] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, attempt.userId));
  const turnRows = await db
    .select({ seq: turns.seq, speaker: turns.speaker, text: turns.text })
    .from(turns)
    .where(eq(turns.attemptId, attempt.id))
    .orderBy(asc(turns.seq));
  const cards = await db
    .select()
    .from(scorecards)
    .where(eq(scorecards.attemptId, attempt.id))
    .orderBy(desc(scorecards.n));
  const card = cards[0] ?? null;

  const traineeSeqs = turnRows.filter((t) => t.speaker === "trainee").map((t) => t.seq);
  const anchorOf = (i: number | undefined | null) =>
    i === undefined || i === null || traineeSeqs[i] === undefined ? null : `turn-${traineeSeqs[i]}`;

  // The scorecard, validated; descriptions and tips in the reader's language when the rubric has them.
  let scorecard: ReportScorecard | null = null;
  if (card) {
    const where = `scorecard ${card.n} of attempt ${attempt.id}`;
    const checkpoints = parseStored(z.array(StoredCheckpoint), card.checkpoints, `${where}, checkpoints`);
    const penalties = parseStored(z.array(StoredPenalty), card.penalties, `${where}, penalties`);
    const feedback = StoredFeedback.parse(card.feedback);
    const rubric = new Map(rubricFor(scenario).map((c) => [c.id, c]));
    const sameLanguage = uiLocale === attempt.locale;
    scorecard = {
      n: card.n,
      judge: card.judge,
      judgeFallbackReason: feedback?.judgeFallbackReason ?? null,
      scores: {
        empathy: card.empathy,
        resolution: card.resolution,
        anticipation: card.anticipation,
        overall: card.overall,
      },
      passed: card.passed,
      passMark: feedback?.passMark ?? scenario.passMark,
      dimensionFloors: dimensionFloors(scenario, checkpoints),
      checkpoints: checkpoints.map((c) => {
        const r = rubric.get(c.id);
        return {
          id: c.id,
          dimension: c.dimension,
          hit: c.hit,
          weight: c.weight,
          description: r && !sameLanguage ? r.description[uiLocale] : c.description,
          tip: c.hit ? null : r && !sameLanguage ? r.tip[uiLocale] : (c.tip ?? r?.tip[uiLocale] ?? null),
          quote: c.hit ? (c.quote ?? null) : null,
          traineeTurn: c.hit ? (c.turn ?? null) : null,
          anchor: c.hit ? anchorOf(c.turn) : null,
        };
      }),
      penalties: penalties.map((p, i) => ({
        id: p.id,
        key: `${p.id}-${i}`,
        dimension: p.dimension,
        points: p.points,
        description:
          !sameLanguage && Object.prototype.hasOwnProperty.call(PENALTY_TEXT, p.id)
            ? PENALTY_TEXT[p.id as keyof typeof PENALTY_TEXT][uiLocale]
            : p.description,
        quote: p.quote ?? null,
        traineeTurn: p.turn ?? null,
        anchor: anchorOf(p.turn),
      })),
      createdAt: card.createdAt.toISOString(),
      count: cards.length,
    };
  }

  // The mood over the call, from the machine (the snapshot is the source of truth).
  let view: CallView | null = null;
  let timelineUnavailable: string | null = null;
  const persisted = persistedOf(attempt, scenario);
  if (persisted) {
    try {
      view = viewOf(scenario, persisted);
    } catch (error) {
      timelineUnavailable = error instanceof Error ? error.message : String(error);
    }
  } else {
    timelineUnavailable = "no machine snapshot was stored for this call";
  }

  const traineeTexts = turnRows.filter((t) => t.speaker === "trainee").map((t) => t.text);
  const timeline = view
    ? timelineOf(
        scenario,
        view,
        (i) => anchorOf(i),
        (i) => traineeTexts[i] ?? null,
      )
    : [];
  const moodAfterTurn = new Map(
    timeline.filter((p) => p.traineeTurn >= 0).map((p) => [p.traineeTurn, p.mood]),
  );

  let traineeIndex = -1;
  const reportTurns: ReportTurn[] = turnRows.map((t) => {
    const index = t.speaker === "trainee" ? ++traineeIndex : null;
    const quotes =
      index === null || !scorecard
        ? []
        : [
            ...scorecard.checkpoints
              .filter((c) => c.hit && c.traineeTurn === index && c.quote)
              .map((c) => ({ id: c.id, quote: c.quote!, kind: "hit" as const })),
            ...scorecard.penalties
              .filter((p) => p.traineeTurn === index && p.quote)
              .map((p) => ({ id: p.key, quote: p.quote!, kind: "penalty" as const })),
          ];
    return {
      seq: t.seq,
      anchor: `turn-${t.seq}`,
      speaker: t.speaker,
      text: t.text,
      traineeIndex: index,
      highlights: highlightsFor(t.text, quotes),
      moodAfter: index === null ? null : (moodAfterTurn.get(index) ?? null),
    };
  });

  return {
    attempt: {
      id: attempt.id,
      status: attempt.status,
      abandoned: attempt.abandoned,
      outcome: asOutcome(attempt.outcome),
      locale: attempt.locale,
      mode: attempt.mode,
      engine: attempt.engine,
      startedAt: attempt.startedAt.toISOString(),
      endedAt: attempt.endedAt ? attempt.endedAt.toISOString() : null,
      answeredAfterRings: attempt.answeredAfterRings ?? null,
      scenarioVersionId: attempt.scenarioVersionId,
    },
    trainee: { id: trainee?.id ?? attempt.userId, name: trainee?.name ?? "" },
    scenario: {
      slug: version.slug,
      version: version.version,
      title: scenario.title,
      channel: scenario.channel,
      customerName: scenario.customer.name,
    },
    turns: reportTurns,
    timeline,
    timelineUnavailable,
    scorecard,
  };
}
