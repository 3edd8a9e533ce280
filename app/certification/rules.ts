/**
 * A certification track's rules (issue 12, decision 140), validated at every edge with zod.
 * Pure: no I/O. A track version stores these rules; a certification keeps the version it was
 * issued under.
 */
import { z } from "zod";

export const DIMENSIONS = ["empathy", "resolution", "anticipation"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const Score = z.coerce.number().int().min(0).max(100);

export const TrackScenarioSchema = z.object({
  scenarioId: z.string().min(1).max(100),
  /** A pinned scenario version, or null for the latest published version at the time of the call. */
  versionId: z.string().min(1).max(100).nullable(),
  passMark: Score,
  minimums: z.object({ empathy: Score, resolution: Score, anticipation: Score }),
});
export type TrackScenario = z.infer<typeof TrackScenarioSchema>;

const Text = (max: number) => z.string().trim().max(max);

export const TrackRulesSchema = z.object({
  name: z.object({ en: Text(120).min(1, "certification.errorName"), fr: Text(120).min(1, "certification.errorName") }),
  description: z.object({ en: Text(2000), fr: Text(2000) }),
  scenarios: z.array(TrackScenarioSchema).min(1, "certification.errorScenarios").max(20),
  /** null = unlimited. */
  attemptsAllowed: z.number().int().min(1).max(50).nullable(),
  cooldownHours: z.number().int().min(0).max(24 * 90),
  /** null = the trainee chooses the language of the call. */
  language: z.enum(["en", "fr"]).nullable(),
  hideCoaching: z.boolean(),
  validityMonths: z.number().int().min(1).max(120),
  recertifyDays: z.number().int().min(0).max(365),
});
export type TrackRules = z.infer<typeof TrackRulesSchema>;

export interface CardScores {
  empathy: number;
  resolution: number;
  anticipation: number;
  overall: number;
}

/** Whether an effective scorecard meets a track scenario's pass mark and every minimum. */
export function meetsRequirement(card: CardScores, req: Pick<TrackScenario, "passMark" | "minimums">): boolean {
  if (card.overall < req.passMark) return false;
  return DIMENSIONS.every((d) => card[d] >= req.minimums[d]);
}

/**
 * Whether a certification call's effective scorecard passes a track scenario: a reviewer's
 * override (scorecard judge "review", decision 144) decides; otherwise its scores against the
 * track's pass mark and minimums. An override keeps the scores, so without this a "pass" override
 * could never certify, nor a "fail" one stop it.
 */
export function passesTrackScenario(
  card: CardScores & { judge: string; passed: boolean },
  req: Pick<TrackScenario, "passMark" | "minimums">,
): boolean {
  return card.judge === "review" ? card.passed : meetsRequirement(card, req);
}

/** `date` plus `months` calendar months (the last day of the month when it is shorter). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export const DAY_MS = 86_400_000;
/** A certification expiring within this many days is "expiring". */
export const EXPIRING_DAYS = 30;

export const STATUSES = ["certified", "expiring", "expired", "overdue", "in_progress", "not_started"] as const;
export type TrackStatus = (typeof STATUSES)[number];

/**
 * A person's status on a track at `now`: a valid certification first (expiring within 30 days
 * or not), then an overdue assignment, then an expired certification, then progress.
 */
export function statusOf(input: {
  now: Date;
  assigned: boolean;
  dueAt: Date | null;
  latestExpiresAt: Date | null;
  attemptsInCycle: number;
}): TrackStatus | null {
  const { now } = input;
  const valid = input.latestExpiresAt !== null && input.latestExpiresAt.getTime() > now.getTime();
  if (valid) {
    return input.latestExpiresAt!.getTime() - now.getTime() <= EXPIRING_DAYS * DAY_MS ? "expiring" : "certified";
  }
  if (!input.assigned && input.latestExpiresAt === null) return null;
  if (input.assigned && input.dueAt && input.dueAt.getTime() < now.getTime()) return "overdue";
  if (input.latestExpiresAt !== null) return "expired";
  return input.attemptsInCycle > 0 ? "in_progress" : "not_started";
}
