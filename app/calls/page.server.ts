/**
 * The call page's loader and action (app/routes/calls.$id.tsx stays thin), the briefing's
 * start action, and the catalog's read model.
 */
import { randomUUID } from "node:crypto";
import { json, redirect } from "@remix-run/node";
import { requireRole, type CurrentUser } from "../auth.server";
import { fieldErrors } from "../forms/field-errors";
import { catalogOf } from "../progress/catalog.server";
import { liveAttemptOn } from "../progress/statistics.server";
import { ringPolicy } from "../../machines/session";
import type { Locale, Mood } from "../../machines/types";
import type { MessageKey } from "../i18n";
import {
  callViewOf,
  findPlayableScenario,
  notFound,
  requireOwnCall,
  type AttemptRow,
  type LoadedAttempt,
} from "./attempts.server";
import { customerOffline } from "./engines.server";
import { finishAttempt, reportPath } from "./finish.server";
import { addTraineeTurn, answerAttempt, endAttempt, ensureReply, hasRungOut, pendingOf, settleReply } from "./replies.server";
import { startAttempt } from "./start.server";
import { CallForm, StartForm, type TurnTextError } from "./turn-form";
import type { SaidAnswer } from "./turn-revalidation";

/** Who may play: trainees (and trainers and admins, who practise too). */
export const PLAYER_ROLES = ["trainee", "trainer"] as const;

export function callPath(attemptId: string): string {
  return `/calls/${attemptId}`;
}

// --- Catalog ------------------------------------------------------------------------------------

export async function loadCatalog(request: Request) {
  const user = await requireRole(request, PLAYER_ROLES);
  return { scenarios: await catalogOf(user.id, user.org.id) };
}

// --- Briefing and start ---------------------------------------------------------------------------

export async function loadBriefing(request: Request, slug: string | undefined) {
  const user = await requireRole(request, PLAYER_ROLES);
  const playable = slug ? await findPlayableScenario(user.org.id, slug) : null;
  if (!playable) throw notFound();
  const s = playable.scenario;
  const live = await liveAttemptOn(user.id, playable.scenarioId);
  // Never the facts, needs, lines or rubric: only what the trainee knows before the call.
  return {
    slug: s.id,
    title: s.title,
    channel: s.channel,
    difficulty: s.difficulty,
    estimatedMinutes: s.estimatedMinutes,
    setting: s.setting,
    role: s.role,
    goal: s.goal,
    customerName: s.customer.name,
    defaultCallLocale: user.locale,
    liveAttemptId: live,
    /** The id the form's new call takes: a second submit of this page's form lands on that call (decision 286). */
    startId: randomUUID(),
  };
}

/**
 * The call in progress the briefing's form did not know about (started meanwhile in another tab,
 * perhaps in the other language): said on the briefing with its language and age, never entered
 * silently (decision 286). The page offers to resume it or to end it and start in `chosenLocale`.
 */
export interface OpenCallNotice {
  id: string;
  /** The language that call is in. */
  locale: Locale;
  /** The language the trainee chose this time. */
  chosenLocale: Locale;
  /** Whole minutes since that call started, when the server answered. */
  minutesAgo: number;
  /** A certification call: it may only be resumed from the briefing (it counts as an attempt). */
  certification: boolean;
}

export type StartActionData = { error: MessageKey } | { openCall: OpenCallNotice };

export function openCallNotice(attempt: AttemptRow, chosenLocale: Locale, now = Date.now()): OpenCallNotice {
  return {
    id: attempt.id,
    locale: attempt.locale,
    chosenLocale,
    minutesAgo: Math.max(0, Math.floor((now - attempt.startedAt.getTime()) / 60_000)),
    certification: attempt.mode === "certification",
  };
}

export async function startFromBriefing(request: Request, slug: string | undefined) {
  const user = await requireRole(request, PLAYER_ROLES);
  const playable = slug ? await findPlayableScenario(user.org.id, slug) : null;
  if (!playable) throw notFound();
  const form = StartForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) {
    const first = Object.values(fieldErrors(form.error))[0];
    const error: MessageKey = first?.key.startsWith("call.") ? first.key : "call.errorLanguage";
    return json<StartActionData>({ error }, { status: 400 });
  }
  const { callLocale, mode, replace, startId } = form.data;
  // One open call per trainee and scenario version (decision 111): a double click lands on the first click's call.
  const started = await startAttempt({ user, playable, locale: callLocale, replace, startId });
  const attempt = started.attempt;
  // A call the form did not know about is not entered silently: the briefing says which and in what language.
  if (started.kind === "open") return json<StartActionData>({ openCall: openCallNotice(attempt, callLocale) }, { status: 409 });
  if (started.kind === "started" && attempt.status === "live") {
    // In person, the customer speaks first. Without JavaScript the page shows her words at once.
    if (mode === "stream") void ensureReply(attempt.id);
    else await settleReply(attempt.id).catch(() => null);
  }
  return redirect(callPath(attempt.id));
}

// --- The call ---------------------------------------------------------------------------------------

export interface CallTurn {
  seq: number;
  speaker: "trainee" | "customer";
  text: string;
}

/** The player and their call, in one statement when nothing read the user before (decision 225). */
function ownCall(request: Request, attemptId: string | undefined): Promise<{ user: CurrentUser; loaded: LoadedAttempt }> {
  return requireOwnCall(request, PLAYER_ROLES, attemptId);
}

export async function loadCall(request: Request, attemptId: string | undefined) {
  const { loaded } = await ownCall(request, attemptId);
  const { attempt, scenario } = loaded;
  const id = attempt.id;
  if (attempt.status === "ended") throw redirect(reportPath(id));
  if (hasRungOut(loaded)) {
    await finishAttempt(id);
    throw redirect(reportPath(id));
  }
  const view = callViewOf(loaded);
  if (view.status === "ended" && pendingOf(loaded) === null) {
    // The final line is committed but the scoring did not happen (a restart): do it now.
    await finishAttempt(id);
    throw redirect(reportPath(id));
  }
  const pending = pendingOf(loaded);
  // A reply left without an answer (restart, dropped stream) is produced now, once.
  if (pending) void ensureReply(id, loaded).catch(() => null);
  const { intervalMs, maxRings } = ringPolicy(scenario);
  const mood: Mood = view.mood;
  return {
    id,
    title: scenario.title,
    channel: scenario.channel,
    customerName: scenario.customer.name,
    /** What the trainee read before starting (never the hidden facts). */
    briefing: { role: scenario.role, setting: scenario.setting, goal: scenario.goal },
    callLocale: attempt.locale,
    status: attempt.status as "ringing" | "live",
    mood: scenario.customer.hideMood ? null : mood,
    ringing: { startedAt: attempt.startedAt.getTime(), serverNow: Date.now(), intervalMs, maxRings },
    turns: loaded.turns
      .filter((t): t is typeof t & { speaker: "trainee" | "customer" } => t.speaker !== "system")
      .map((t): CallTurn => ({ seq: t.seq, speaker: t.speaker, text: t.text })),
    pendingSeq: pending?.seq ?? null,
    /** The model failed and the customer is played offline for a while (decision 112). */
    offline: customerOffline(),
    /** A fresh idempotency key for the form rendered with this data. */
    clientToken: randomUUID(),
  };
}

export type CallActionData =
  | SaidAnswer
  | {
      ok: false;
      error: TurnTextError | "call.errorStale" | "call.errorNotLive" | "call.errorBusy" | "call.errorUnknownIntent";
      text: string;
    };

export async function callAction(request: Request, attemptId: string | undefined) {
  const { loaded } = await ownCall(request, attemptId);
  const id = loaded.attempt.id;
  const fields = Object.fromEntries(await request.formData());
  const text = typeof fields.text === "string" ? fields.text : "";
  const parsed = CallForm.safeParse(fields);
  if (!parsed.success) {
    const first = Object.values(fieldErrors(parsed.error))[0];
    const error = (first?.key.startsWith("call.") ? first.key : "call.errorUnknownIntent") as Extract<
      CallActionData,
      { ok: false }
    >["error"];
    return json<CallActionData>({ ok: false, error, text }, { status: 400 });
  }
  const form = parsed.data;
  if (form.intent === "end") {
    await endAttempt(id);
    return redirect(reportPath(id));
  }
  if (form.intent === "answer") {
    const answered = await answerAttempt(loaded);
    if (answered.kind === "missed") return redirect(reportPath(id));
    if (form.mode !== "stream") await settleReply(id).catch(() => null);
    return redirect(callPath(id));
  }
  const said = await addTraineeTurn(id, form.text, form.clientToken, loaded);
  if (said.kind === "ended") return redirect(reportPath(id));
  if (said.kind === "busy") {
    // Another tab's turn is still waiting for the customer: nothing stored, the words come back.
    return json<CallActionData>({ ok: false, error: "call.errorBusy", text }, { status: 409 });
  }
  if (said.kind === "not-live") {
    return json<CallActionData>({ ok: false, error: "call.errorNotLive", text }, { status: 409 });
  }
  // With JavaScript: the page adds the turn itself and follows the reply's stream, no reload (decision 160).
  if (form.mode === "stream") return json<CallActionData>({ ok: true, seq: said.seq, text: form.text, clientToken: randomUUID() });
  // Without JavaScript: wait for the whole reply, then show the page again (PRG).
  const result = await settleReply(id).catch(() => null);
  if (result?.outcome) return redirect(reportPath(id));
  return redirect(callPath(id));
}
