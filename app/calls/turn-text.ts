/**
 * The rule for what a trainee says, without zod: the call page (browser) checks it before
 * sending, and the server's form schema (app/calls/turn-form.ts) applies the same functions.
 * Kept free of dependencies so that nothing heavy reaches the call page's bundle.
 */

export const MAX_TURN_CHARS = 2000;

export type TurnTextError = "call.errorEmpty" | "call.errorTooLong";

/**
 * Control characters cannot be typed and cannot be stored (Postgres refuses NUL): they are removed,
 * line breaks are kept (CR LF and CR become LF) and tabs too; then the text is trimmed. Decision 120.
 */
export function cleanTurnText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      // C0 controls but tab and line feed, DEL, C1 controls.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
      .trim()
  );
}

/** What is wrong with a reply, or null (after cleaning, as the server will store it). */
export function checkTurnText(text: string): TurnTextError | null {
  const clean = cleanTurnText(text);
  if (clean.length === 0) return "call.errorEmpty";
  if (clean.length > MAX_TURN_CHARS) return "call.errorTooLong";
  return null;
}
