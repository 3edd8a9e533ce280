/**
 * Re-deriving a call from a transcript: the trainee's turns are replayed
 * through the scenario's call machine (machines/session.ts); the customer's
 * lines in the file are context only. What the judges score is the state the
 * machine reaches, never what the file claims happened.
 */
import { z } from "zod";
import type { ScoreInput } from "../../machines/scorecard";
import { answerCall, endCall, missCall, startCall, traineeSaid } from "../../machines/session";
import type { Locale } from "../../scenarios/moves";
import type { PersistedCall } from "../../machines/types";
import type { Scenario } from "../../scenarios/schema";
import type { Understander } from "../engine/types";

export const TranscriptTurn = z.strictObject({
  speaker: z.enum(["customer", "trainee"], { error: 'must be "customer" or "trainee"' }),
  text: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters"),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;

/** A transcript file. Unknown top-level keys (e.g. a calibration fixture's labels) are allowed and ignored. */
export const TranscriptFile = z.object({
  scenario: z.string({ error: "must be a scenario id" }).min(1, "must be a scenario id"),
  locale: z.enum(["en", "fr"], { error: 'must be "en" or "fr"' }),
  answeredAfterRings: z.number().int("must be a whole number").min(0, "must be 0 or more").optional(),
  turns: z.array(TranscriptTurn, { error: "must be an array of turns" }),
});
export type TranscriptFile = z.infer<typeof TranscriptFile>;

/** `turns.3.speaker: must be "customer" or "trainee"` — the first problem, on one line. */
export function describeTranscriptError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid transcript";
  const path = issue.path.join(".");
  return `${path || "(root)"}: ${issue.message}`;
}

/**
 * Replay the trainee turns through the machine. A phone call is answered after
 * `answeredAfterRings` rings (default 1; past the scenario's maximum it was
 * never answered). Trainee words said after the machine ended the call (a
 * goodbye after she thanked and left) are kept, understood, and marked as out
 * of the call: they can earn words-only checkpoints, never change the outcome.
 */
export async function replayTranscript(
  scenario: Scenario,
  locale: Locale,
  turns: Array<{ speaker: "customer" | "trainee"; text: string }>,
  understander: Understander,
  answeredAfterRings?: number,
): Promise<ScoreInput> {
  let step = startCall(scenario);
  let persisted: PersistedCall = step.persisted;
  if (scenario.channel === "phone") {
    const rings = answeredAfterRings ?? 1;
    const maxRings = scenario.ringing?.maxRings ?? 6;
    step = rings > maxRings ? missCall(scenario, persisted) : answerCall(scenario, persisted, rings);
    persisted = step.persisted;
  }
  const out: ScoreInput["turns"] = [];
  for (const turn of turns) {
    if (turn.speaker === "customer") {
      out.push({ speaker: "customer", text: turn.text });
      continue;
    }
    const understood = await understander.understand(turn.text, locale, scenario);
    // Topics and what the receptionist knows share one namespace (`topic:<id>`, decision 080).
    const understanding = {
      moves: understood.moves,
      topics: understood.topics.filter((t) => t in scenario.topics || scenario.knows.some((k) => k.id === t)),
    };
    out.push({ speaker: "trainee", text: turn.text, moves: understanding.moves, topics: understanding.topics });
    if (step.view.status === "conversation") {
      step = traineeSaid(scenario, persisted, turn.text, understanding);
      persisted = step.persisted;
    }
  }
  if (step.view.status !== "ended") {
    step = endCall(scenario, persisted);
    persisted = step.persisted;
  }
  return { scenario, locale, turns: out, view: step.view };
}
