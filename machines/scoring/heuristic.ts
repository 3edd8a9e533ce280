/**
 * The heuristic judge (default, offline, deterministic): a checkpoint is hit
 * on the first trainee turn whose moves and topics (as the call machine saw
 * them) meet its conditions, subject to the shared decision rules of
 * ./decide.ts; the quote is the clause of that turn that carries the move, and
 * it is the evidence the shared rules check (a refused commitment, knowledge
 * she had already asked about, a sentence that is also a repeat).
 */
import type { ScoreInput, Scorecard } from "../scorecard";
import { admit, buildScorecard, decideContext, heuristicHolds, quoteFor, turnLevel, type ClauseReader, type DecideContext, type Proposal } from "./decide";

export interface HeuristicOptions {
  /** How to read one clause (to pick the words to quote). */
  readClause: ClauseReader;
  /** Set when the heuristic judge stands in for a failed LLM judge. */
  fallbackReason?: string;
}

/** Every turn where a checkpoint's conditions hold, with the clause of that turn that carries it (the evidence code checks). */
export function heuristicProposals(input: ScoreInput, readClause: ClauseReader): Proposal[] {
  return proposalsIn(decideContext(input, readClause));
}

function proposalsIn(ctx: DecideContext): Proposal[] {
  const proposals: Proposal[] = [];
  for (const c of turnLevel(ctx))
    for (const turn of ctx.turns)
      if (heuristicHolds(ctx, c, turn)) proposals.push({ id: c.id, turn: turn.index, quote: quoteFor(ctx, c, turn) });
  return proposals;
}

export function judgeHeuristicWith(input: ScoreInput, options: HeuristicOptions): Scorecard {
  const ctx = decideContext(input, options.readClause);
  return buildScorecard(ctx, admit(ctx, proposalsIn(ctx)), "heuristic", options.fallbackReason);
}
