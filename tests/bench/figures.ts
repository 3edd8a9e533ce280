/** What every bench returns for `npm run bench`'s summary table (issue 11's rows with their goals). */
export interface Figure {
  what: string;
  goal: string;
  measured: string;
  /** null: not measured here (skipped, or a figure without a goal). */
  met: boolean | null;
}

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function ms(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** The summary: one line per figure, its goal, what was measured and whether the goal is met. */
export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.what, f.goal, f.measured, f.met === null ? "—" : f.met ? "met" : "NOT met"]);
  const head = ["what", "goal", "measured", ""];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |`;
  console.log(line(head));
  console.log(`| ${w.map((n) => "-".repeat(n)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
}
