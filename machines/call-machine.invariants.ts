/**
 * What must hold in every call, whatever the trainee says (decision 081): checked over the model-based
 * exploration (call-machine.model.test.ts) and over generated conversations (call-machine.properties.test.ts).
 * Test support only: the machine does not call it.
 */
import type { Scenario } from "../scenarios/schema";
import { conditionSetHolds, factsGiven } from "../scenarios/conditions";
import { isRequest, type CallContext } from "./call-machine";

/** Beats that say nothing: never the answer to a request. */
export const FILLER_BEATS: ReadonlySet<string> = new Set(["acknowledge", "calm-down"]);

/** Every broken rule in a call's trace, as readable sentences (empty: all good). */
export function invariantViolations(scenario: Scenario, context: CallContext): string[] {
  const problems: string[] = [];
  const told = new Set<string>();
  const met = new Set<string>();
  for (const e of context.trace) {
    if (e.event !== "said") continue;
    const at = `turn ${e.traineeTurn} (${e.moves.join(",")} | ${e.topics.join(",")}) → ${e.beatId}`;
    const beat = e.beatId ?? "";
    const base = beat.replace(/\/terse$/, "");
    const metBefore = new Set(met);
    e.needsMet.forEach((n) => met.add(n));

    // No need voiced once it was met (she never asks about something already answered).
    if (base.startsWith("voice-need:") && met.has(base.slice("voice-need:".length))) problems.push(`${at}: voices a need already met`);
    for (const n of e.needsVoiced) if (met.has(n)) problems.push(`${at}: voices "${n}", a need already met`);
    // No direct question answered by filler.
    if (isRequest(e.moves) && FILLER_BEATS.has(base)) problems.push(`${at}: answers a request with filler`);
    // Nor an offer of something she can accept ("shall I book you Thursday at 4?").
    const offer = e.moves.includes("offer_solution") && e.topics.some((t) => scenario.lines[`accept:${t}`] !== undefined);
    if (offer && FILLER_BEATS.has(base)) problems.push(`${at}: answers an offer with filler`);
    // No resolving line as her last words right after a request (unless the call ran out of turns).
    if (base === "thank-and-leave" && isRequest(e.moves) && e.traineeTurn + 1 < scenario.maxTurns)
      problems.push(`${at}: thanks and leaves right after a request`);
    // Nothing revealed before it is unlocked, one fact at a time; nothing restated that was not told.
    if (e.factsUnlocked.length > 1) problems.push(`${at}: reveals ${e.factsUnlocked.length} facts at once`);
    for (const id of e.factsUnlocked) {
      const fact = scenario.facts.find((f) => f.id === id);
      const turn = { moves: e.moves, topics: e.topics, facts: told, needs: metBefore };
      if (!fact || !conditionSetHolds(fact.unlockedBy, turn)) problems.push(`${at}: reveals "${id}" without what unlocks it`);
      if (told.has(id)) problems.push(`${at}: reveals "${id}" twice (or after a fact that includes it)`);
    }
    if (base.startsWith("reveal:") && !e.factsUnlocked.includes(base.slice("reveal:".length))) problems.push(`${at}: a reveal line for a fact not unlocked on this turn`);
    if (base.startsWith("restate:") && !told.has(base.slice("restate:".length))) problems.push(`${at}: restates a fact she never told`);
    // A fact told gives the facts it includes (her name within her details).
    factsGiven(scenario.facts, e.factsUnlocked).forEach((f) => told.add(f));
  }
  for (const n of context.needs) {
    if (n.anticipated && n.voicedAtTurn !== null) problems.push(`need "${n.id}" counted as anticipated though she voiced it`);
    if (n.metAtTurn !== null && n.voicedAtTurn === null && !n.anticipated) problems.push(`need "${n.id}" met before she voiced it, yet not counted as anticipated`);
  }
  return problems;
}
