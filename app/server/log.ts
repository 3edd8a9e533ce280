/**
 * What the server may print about an error (decision 120): never a trainee's words. A database
 * error's message carries the statement's parameters (drizzle: "Failed query: … params: …", with
 * the turn's text among them); those are cut. The error's class, the statement (placeholders only),
 * the driver's code, the causes and the stack frames stay: enough to find the bug.
 */

const MAX_FRAMES = 8;

/** A message without the query parameters drizzle appends to it. */
function redactMessage(message: string): string {
  const at = message.search(/(^|\n)params: /);
  const kept = at >= 0 ? message.slice(0, at) : message;
  return at >= 0 ? `${kept} [parameters not logged]` : kept;
}

function one(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  return `${error.name}: ${redactMessage(error.message)}${typeof code === "string" ? ` (code ${code})` : ""}`;
}

/**
 * One error, its causes and its stack frames, fit for the log. `frames: false` for a one-liner.
 */
export function describeError(error: unknown, { frames = true }: { frames?: boolean } = {}): string {
  const parts = [one(error)];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    parts.push(`caused by ${one(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (frames && error instanceof Error && error.stack) {
    const stack = error.stack
      .split("\n")
      .filter((line) => /^\s+at /.test(line))
      .slice(0, MAX_FRAMES);
    parts.push(...stack);
  }
  return parts.join("\n");
}
