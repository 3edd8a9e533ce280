/**
 * The heuristic judge (default, offline, deterministic): a checkpoint is hit
 * on the first trainee turn whose moves and topics (as the call machine saw
 * them) meet its conditions, subject to the shared decision rules of
 * ./decide.ts; the quote is the clause of that turn that carries the move.
 */
import type { ScoreInput, Scorecard } from "../scorecard";
import { admit, buildScorecard, decideContext, heuristicHolds, quoteFor, turnLevel, type ClauseReader, type Proposal } from "./decide";

export interface HeuristicOptions {
  /** How to read one clause (to pick the words to quote). */
  readClause: ClauseReader;
  /** Set when the heuristic judge stands in for a failed LLM judge. */
  fallbackReason?: string;
}

export function heuristicProposals(input: ScoreInput, readClause: ClauseReader): Proposal[] {
  const ctx = decideContext(input, readClause);
  const proposals: Proposal[] = [];
  for (const c of turnLevel(ctx))
    for (const turn of ctx.turns)
      if (heuristicHolds(ctx, c, turn)) proposals.push({ id: c.id, turn: turn.index, quote: "" });
  return proposals;
}

export function judgeHeuristicWith(input: ScoreInput, options: HeuristicOptions): Scorecard {
  const ctx = decideContext(input, options.readClause);
  const admitted = admit(ctx, heuristicProposals(input, options.readClause));
  // Quotes are picked once a hit is admitted: the clause of that turn that carries it.
  const byId = new Map(ctx.rubric.map((c) => [c.id, c]));
  const hits = new Map(
    [...admitted].map(([id, p]) => [id, { ...p, quote: quoteFor(ctx, byId.get(id)!, ctx.turns[p.turn]!) }]),
  );
  return buildScorecard(ctx, hits, "heuristic", options.fallbackReason);
}
