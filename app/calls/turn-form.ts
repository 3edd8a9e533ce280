/**
 * The forms of the call page, shared by the browser (inline errors before sending) and the
 * server (the action validates again). Error messages are i18n keys of the `call` area.
 */
import { z } from "zod";

export const MAX_TURN_CHARS = 2000;

/** What the trainee says: trimmed, 1–2,000 characters (same rule as app/engine/call-runner TraineeText). */
export const TurnText = z
  .string({ message: "call.errorEmpty" })
  .trim()
  .min(1, { message: "call.errorEmpty" })
  .max(MAX_TURN_CHARS, { message: "call.errorTooLong" });

/** One token per rendered form: a double submit of the same form returns the turn already stored. */
export const ClientToken = z
  .string({ message: "call.errorStale" })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, { message: "call.errorStale" });

export const SayForm = z.object({
  intent: z.literal("say"),
  text: TurnText,
  clientToken: ClientToken,
  /** "stream" when the browser will read the reply over SSE; absent without JavaScript. */
  mode: z.enum(["stream"]).optional(),
});

export const AnswerForm = z.object({ intent: z.literal("answer"), mode: z.enum(["stream"]).optional() });
export const EndForm = z.object({ intent: z.literal("end") });

export const CallForm = z.discriminatedUnion("intent", [SayForm, AnswerForm, EndForm], {
  message: "call.errorUnknownIntent",
});
export type CallForm = z.infer<typeof CallForm>;

export type TurnTextError = "call.errorEmpty" | "call.errorTooLong";

/** Validate a reply in the browser before sending (null when fine). */
export function checkTurnText(text: string): TurnTextError | null {
  const parsed = TurnText.safeParse(text);
  if (parsed.success) return null;
  return parsed.error.issues[0]!.message as TurnTextError;
}

/** The language chosen for the call on the briefing page. */
export const StartForm = z.object({
  callLocale: z.enum(["en", "fr"], { message: "call.errorLanguage" }),
  mode: z.enum(["stream"]).optional(),
});
