/**
 * After a trainee's turn sent with JavaScript, the call page reloads nothing (decision 160): the
 * action's answer gives the turn's seq, its stored words and the next form's token, and the
 * stream's `done` event gives her line and what the page shows after it. No dependency: imported
 * by route modules (the root's and the call's `shouldRevalidate`) and so by the browser.
 */
export interface SaidAnswer {
  ok: true;
  seq: number;
  /** The words as stored (trimmed). */
  text: string;
  /** A fresh idempotency key for the next turn's form. */
  clientToken: string;
}

export function isSaidAnswer(value: unknown): value is SaidAnswer {
  const v = value as Partial<SaidAnswer> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    v.ok === true &&
    typeof v.seq === "number" &&
    typeof v.text === "string" &&
    typeof v.clientToken === "string"
  );
}

/**
 * True when the submission that just finished was a streamed `say` on a call that the server
 * accepted: nothing the root or the call route loaded has changed that the page does not know.
 */
export function isStreamedTurn({
  formMethod,
  formData,
  actionResult,
}: {
  formMethod?: string;
  formData?: FormData;
  actionResult?: unknown;
}): boolean {
  return (
    formMethod?.toUpperCase() === "POST" &&
    formData?.get("intent") === "say" &&
    formData.get("mode") === "stream" &&
    isSaidAnswer(actionResult)
  );
}
