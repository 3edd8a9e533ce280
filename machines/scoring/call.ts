/**
 * The trainee's turns of a finished call, as the judges see them: index
 * (0-based among trainee turns), verbatim text, and what the call machine
 * understood (moves and topics from the trace; for a turn said after the call
 * had ended — a goodbye after she thanked and left — the moves the
 * understander gave it).
 */
import type { ScoreInput } from "../scorecard";
import type { Move } from "../types";

export interface TraineeTurn {
  index: number;
  text: string;
  moves: Move[];
  topics: string[];
  /** False for words said after the call machine had ended the call. */
  inCall: boolean;
}

export function traineeTurnsOf(input: ScoreInput): TraineeTurn[] {
  const said = new Map<number, { moves: Move[]; topics: string[] }>();
  for (const e of input.view.trace) if (e.event === "said" && e.traineeTurn >= 0) said.set(e.traineeTurn, e);
  const out: TraineeTurn[] = [];
  for (const t of input.turns) {
    if (t.speaker !== "trainee") continue;
    const index = out.length;
    const fromTrace = said.get(index);
    out.push({
      index,
      text: t.text,
      moves: [...(fromTrace?.moves ?? t.moves ?? [])],
      topics: [...(fromTrace?.topics ?? t.topics ?? [])],
      inCall: fromTrace !== undefined,
    });
  }
  return out;
}

/** The call's outcome; a view that has not ended counts as unresolved (the trainee stopped). */
export function outcomeOf(input: ScoreInput) {
  return input.view.outcome ?? (input.view.resolved ? "resolved" : "unresolved");
}
