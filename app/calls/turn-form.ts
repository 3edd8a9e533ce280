/**
 * The forms of the call page, validated by the server (app/calls/page.server.ts). Error messages
 * are i18n keys of the `call` area. Server only: the browser checks a reply with the zod-free
 * app/calls/turn-text.ts (the same rule), so that zod stays out of the call page's bundle.
 */
import { z } from "zod";
import { cleanTurnText, MAX_TURN_CHARS, type TurnTextError } from "./turn-text";

export { checkTurnText, cleanTurnText, MAX_TURN_CHARS, type TurnTextError } from "./turn-text";

/**
 * What the trainee says: control characters removed, trimmed, 1–2,000 characters
 * (app/calls/turn-text.ts; same rule as app/engine/call-runner TraineeText).
 */
export const TurnText = z
  .string({ message: "call.errorEmpty" })
  .transform(cleanTurnText)
  .pipe(
    z
      .string()
      .min(1, { message: "call.errorEmpty" satisfies TurnTextError })
      .max(MAX_TURN_CHARS, { message: "call.errorTooLong" satisfies TurnTextError }),
  );

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

/** An attempt's id as a form field: a UUID (app/calls/attempts.server.ts isAttemptId). */
export const AttemptIdField = z
  .string({ message: "call.errorStartStale" })
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: "call.errorStartStale" });

/** The language chosen for the call on the briefing page, and which calls the page knew (decision 286). */
export const StartForm = z.object({
  callLocale: z.enum(["en", "fr"], { message: "call.errorLanguage" }),
  mode: z.enum(["stream"]).optional(),
  /** The id this form's new call takes: a second submit of the same form lands on it. */
  startId: AttemptIdField.optional(),
  /** The call in progress the page showed: starting ends it (decision 111). */
  replace: AttemptIdField.optional(),
});
export type StartForm = z.infer<typeof StartForm>;
