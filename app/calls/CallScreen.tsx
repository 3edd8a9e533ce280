/**
 * The live call page: ringing (phone), then the conversation with the streamed customer
 * replies, the reply box, the mood indicator and End call. Works without JavaScript (plain
 * form posts, the server answers after the reply is complete); with JavaScript the reply
 * streams over SSE (app/calls/sse.ts).
 */
import { useActionData, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { MessageKey } from "../i18n";
import { MOOD_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import { EndCall } from "./EndCall";
import { OfflineNotice } from "./OfflineNotice";
import { Ringing } from "./Ringing";
import { checkTurnText, cleanTurnText, MAX_TURN_CHARS } from "./turn-text";
import { isSaidAnswer, type SaidAnswer } from "./turn-revalidation";
import { keptText, readKeptReply, writeKeptReply } from "./kept-reply";
import { useCallStream } from "./useCallStream";
import { useHydrated } from "./useHydrated";

type Mood = "calm" | "annoyed" | "angry";

export interface CallScreenData {
  id: string;
  title: { en: string; fr: string };
  channel: "phone" | "in-person";
  customerName: string;
  briefing: {
    role: { en: string; fr: string };
    setting: { en: string; fr: string };
    goal: { en: string; fr: string };
  };
  callLocale: "en" | "fr";
  status: "ringing" | "live";
  mood: Mood | null;
  ringing: { startedAt: number; serverNow: number; intervalMs: number; maxRings: number };
  turns: Array<{ seq: number; speaker: "trainee" | "customer"; text: string }>;
  pendingSeq: number | null;
  clientToken: string;
  /** The customer is played offline for now (the model failed; decision 112). */
  offline?: boolean;
}

type ActionData = SaidAnswer | { ok: false; error: string; text: string };
type Turn = CallScreenData["turns"][number];

/**
 * What the page learnt since its data was loaded (decision 160): its own turn (the action's
 * answer) and her committed line with what follows it (the stream's `done`). Forgotten as soon
 * as the page's data is loaded again (it then holds all of it).
 */
interface Learnt {
  base: CallScreenData;
  turns: Turn[];
  mood?: Mood | null;
  offline?: boolean;
  clientToken?: string;
}

function mergeTurns(loaded: Turn[], learnt: Turn[]): Turn[] {
  if (learnt.length === 0) return loaded;
  const bySeq = new Map<number, Turn>();
  for (const turn of learnt) bySeq.set(turn.seq, turn);
  for (const turn of loaded) bySeq.set(turn.seq, turn); // the loaded rows win
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const MOOD_STYLE: Record<Mood, string> = {
  calm: "bg-emerald-700",
  annoyed: "bg-amber-600",
  angry: "bg-red-700",
};

export function MoodIndicator({ mood, name }: { mood: Mood; name: string }) {
  const t = useT();
  const level = mood === "calm" ? 1 : mood === "annoyed" ? 2 : 3;
  return (
    <div className="flex items-center gap-2 text-sm text-slate-800" data-mood={mood}>
      <span aria-hidden="true" className="flex gap-1">
        {[1, 2, 3].map((i) => (
          <span
            key={i}
            className={`inline-block h-3 w-6 rounded ${i <= level ? MOOD_STYLE[mood] : "bg-slate-300"}`}
          />
        ))}
      </span>
      <span>{t("call.moodOf", { name, mood: t(MOOD_LABEL[mood]) })}</span>
    </div>
  );
}

/**
 * The reply's length once it nears the limit, both figures in the UI's number format ("1 850 / 2 000");
 * over the limit it says by how much, in the error colour.
 */
/** The count shows (and describes the box) from this length on. */
const COUNT_FROM = MAX_TURN_CHARS * 0.8;

function CharCount({ id, length }: { id: string; length: number }) {
  const t = useT();
  const locale = useLocale();
  if (length <= COUNT_FROM) return <span />;
  const format = new Intl.NumberFormat(locale);
  const vars = { n: format.format(length), max: format.format(MAX_TURN_CHARS), over: format.format(length - MAX_TURN_CHARS) };
  const over = length > MAX_TURN_CHARS;
  return (
    <span id={id} data-testid="char-count" data-over={over || undefined} className={over ? "text-sm font-semibold text-red-800" : "text-xs text-slate-600"}>
      {over ? t("call.charCountOver", vars) : t("call.charCount", vars)}
    </span>
  );
}

function Bubble({
  speaker,
  who,
  text,
  lang,
  seq,
}: {
  speaker: "trainee" | "customer";
  who: string;
  text: string;
  lang: string;
  seq?: number;
}) {
  const mine = speaker === "trainee";
  return (
    <div className={`flex ${mine ? "justify-end" : "justify-start"}`}>
      <div
        id={seq !== undefined ? `turn-${seq}` : undefined}
        data-speaker={speaker}
        className={`max-w-[85%] rounded-lg px-4 py-2 shadow-sm ${mine ? "bg-brand-700 text-white" : "border border-slate-300 bg-white text-slate-900"}`}
      >
        <p className={`text-xs font-semibold ${mine ? "text-brand-50" : "text-slate-700"}`}>{who}</p>
        <p lang={lang} className="whitespace-pre-wrap break-words">
          {text}
        </p>
      </div>
    </div>
  );
}

/** The briefing, folded, for a look during the call; and the language the customer speaks. */
function CallContext({ data }: { data: CallScreenData }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mb-4 space-y-2">
      <p className="text-sm text-slate-700">
        {t("call.callIn", { language: t(data.callLocale === "en" ? "call.inEnglish" : "call.inFrench") })}
      </p>
      <details className="rounded border border-slate-300 bg-white px-4 py-2">
        <summary className="cursor-pointer font-semibold text-slate-900">{t("call.briefingLabel")}</summary>
        <dl className="mt-2 space-y-2 text-sm">
          <div>
            <dt className="font-semibold text-slate-900">{t("call.yourRole")}</dt>
            <dd className="text-slate-800">{data.briefing.role[locale]}</dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-900">{t("call.whereYouAre")}</dt>
            <dd className="text-slate-800">{data.briefing.setting[locale]}</dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-900">{t("call.yourGoal")}</dt>
            <dd className="text-slate-800">{data.briefing.goal[locale]}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}

export function CallScreen({ data }: { data: CallScreenData }) {
  return (
    <>
      <CallContext data={data} />
      {data.status === "ringing" ? <Ringing data={data} /> : <Conversation data={data} />}
    </>
  );
}

function Conversation({ data: loaded }: { data: CallScreenData }) {
  const t = useT();
  const hydrated = useHydrated();
  const fetcher = useFetcher<ActionData>();
  const actionData = useActionData<ActionData>();
  const replyId = useId();
  const hintId = `${replyId}-hint`;
  const errorId = `${replyId}-error`;
  const formRef = useRef<HTMLFormElement>(null);
  const endRef = useRef<HTMLDivElement>(null);

  const [learntState, setLearnt] = useState<Learnt>({ base: loaded, turns: [] });
  const learnt: Learnt = learntState.base === loaded ? learntState : { base: loaded, turns: [] };
  const learn = useCallback(
    (change: (l: Learnt) => Partial<Learnt>) =>
      setLearnt((previous) => {
        const current = previous.base === loaded ? previous : { base: loaded, turns: [] };
        return { ...current, ...change(current) };
      }),
    [loaded],
  );
  // The server's answer to this page's last turn: the turn joins the conversation at once.
  const said = isSaidAnswer(fetcher.data) ? fetcher.data : null;
  const turns = mergeTurns(
    loaded.turns,
    said ? [{ seq: said.seq, speaker: "trainee", text: said.text }, ...learnt.turns] : learnt.turns,
  );
  const last = turns.at(-1);
  const data: CallScreenData = {
    ...loaded,
    turns,
    // As the server reckons it (pendingOf): a live call waits for her line after a trainee turn.
    pendingSeq:
      turns === loaded.turns || !last ? loaded.pendingSeq : last.speaker === "trainee" ? last.seq + 1 : null,
    mood: learnt.mood !== undefined ? learnt.mood : loaded.mood,
    offline: learnt.offline ?? loaded.offline,
    // The server's answer carries the next form's token (the loaded one is spent by then).
    clientToken: said?.clientToken ?? learnt.clientToken ?? loaded.clientToken,
  };

  const serverError =
    (fetcher.data && !fetcher.data.ok ? fetcher.data : null) ??
    (actionData && !actionData.ok ? actionData : null);
  const [text, setText] = useState(serverError?.text ?? "");
  const [clientError, setClientError] = useState<string | null>(null);
  /**
   * Set when the words are sent, cleared by typing or once the send is answered: a second press in the same
   * moment (Enter and a click on Send together) finds the box emptied by the first, and is no empty reply.
   */
  const justSent = useRef(false);
  /** The box holds words kept in this browser from a send that did not arrive (decision 271). */
  const [restored, setRestored] = useState<"sent" | "typed" | null>(null);
  const callId = loaded.id;

  // Words kept from a send that never reached the call (the session had expired and the answer was the
  // login page; a reload; a dropped connection): back in the box. A reply the server did store (it is the
  // last of the trainee's turns) is not put back.
  useEffect(() => {
    const kept = readKeptReply(callId);
    const lastMine = [...loaded.turns].reverse().find((turn) => turn.speaker === "trainee");
    if (kept.sent && lastMine && lastMine.text === cleanTurnText(kept.sent)) delete kept.sent;
    const words = keptText(kept);
    if (words) {
      setText((current) => (current.trim() ? current : words));
      setRestored(kept.sent ? "sent" : "typed");
    }
    writeKeptReply(callId, { box: words });
    // Once per call: the loaded turns only tell whether the kept reply was stored.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId]);
  const stream = useCallStream({
    callId: data.id,
    pendingSeq: data.pendingSeq,
    hydrated,
    onCommitted: ({ seq, text: line, after }) =>
      learn((l) => ({
        turns: [...l.turns, { seq, speaker: "customer", text: line }],
        mood: after.mood,
        offline: after.offline,
      })),
  });

  // The answer is kept (the turn and the next token) once a later answer replaces it in the fetcher,
  // until the page's data is loaded again.
  useEffect(() => {
    if (!said) return;
    // The server has the reply: nothing to keep for it any more (what was typed since stays kept).
    writeKeptReply(callId, { box: readKeptReply(callId).box });
    learn((l) => ({
      turns: [...l.turns, { seq: said.seq, speaker: "trainee", text: said.text }],
      clientToken: said.clientToken,
    }));
    // `said` is a new object only when a new answer comes; learn changes only with the loaded data.
  }, [said, learn, callId]);
  // Enter pressed while the customer is still speaking: send as soon as she has finished.
  const [queued, setQueued] = useState(false);

  // The send is answered (accepted or refused): an empty box is empty again.
  useEffect(() => {
    if (fetcher.state === "idle") justSent.current = false;
  }, [fetcher.state]);

  // A rejected turn comes back with its words: put them back in the box.
  useEffect(() => {
    if (fetcher.data && !fetcher.data.ok) {
      setText(fetcher.data.text);
      writeKeptReply(callId, { box: fetcher.data.text });
    }
  }, [fetcher.data, callId]);

  // Once she has hung up there is nobody to say anything to: nothing to keep.
  useEffect(() => {
    if (stream?.ended) writeKeptReply(callId, {});
  }, [stream?.ended, callId]);

  // Keep the latest words in view.
  const streamedLength = stream?.text.length ?? 0;
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [data.turns.length, streamedLength, fetcher.state]);

  const submitting = fetcher.state !== "idle";
  const optimistic = submitting ? String(fetcher.formData?.get("text") ?? "").trim() : "";
  // The trainee's words appear at once; the committed turn replaces them when the page data comes back.
  const showOptimistic = optimistic !== "";
  const streamCommitted = stream !== null && data.turns.some((turn) => turn.seq === stream.seq);
  const showStream = stream !== null && !streamCommitted;
  const waiting =
    submitting ||
    (data.pendingSeq !== null &&
      (stream === null || stream.phase === "waiting" || stream.phase === "streaming"));
  const busy =
    submitting || (data.pendingSeq !== null && stream?.phase !== "error") || stream?.phase === "streaming";
  const typing =
    submitting || (showStream && stream?.phase === "waiting") || (data.pendingSeq !== null && !hydrated);

  const send = useCallback(
    (event?: FormEvent) => {
      event?.preventDefault();
      // Already sent (nothing typed since, no answer yet): a second press is the same reply, not an empty one.
      if (justSent.current) {
        setQueued(false);
        return;
      }
      const problem = checkTurnText(text);
      if (problem) {
        setClientError(problem);
        setQueued(false);
        return;
      }
      setClientError(null);
      if (busy) {
        setQueued(true);
        return;
      }
      const form = formRef.current;
      if (!form) return;
      setQueued(false);
      // Kept until the server confirms it: if the answer is the login page, the words come back after it.
      writeKeptReply(callId, { sent: text });
      setRestored(null);
      fetcher.submit(form, { method: "post" });
      justSent.current = true;
      setText("");
    },
    [busy, text, fetcher, callId],
  );

  useEffect(() => {
    if (queued && !busy) send();
  }, [queued, busy, send]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const errorKey = clientError ?? serverError?.error ?? null;
  // Counted as the server will count it (cleaned); over the limit the box is marked invalid at once.
  const length = cleanTurnText(text).length;
  const tooLong = length > MAX_TURN_CHARS;
  const countId = `${replyId}-count`;
  const endLabel = data.channel === "phone" ? t("call.endCall") : t("call.endConversation");
  const name = data.customerName;

  return (
    <div className="space-y-4">
      {data.pendingSeq !== null ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        {data.mood ? <MoodIndicator mood={data.mood} name={name} /> : <span />}
        {/* Nothing to end once she has hung up (the page goes to the scorecard a moment later). */}
        {stream?.ended ? null : <EndCall label={endLabel} phone={data.channel === "phone"} name={name} hydrated={hydrated} />}
      </div>

      {data.offline ? <OfflineNotice name={name} /> : null}

      <section
        aria-labelledby="conversation-title"
        className="rounded-lg border border-slate-300 bg-slate-100 p-4"
      >
        <h2 id="conversation-title" className="sr-only">
          {t("call.conversation")}
        </h2>
        {data.channel === "in-person" ? (
          <p className="mb-3 text-sm italic text-slate-700">{t("call.atDesk", { name })}</p>
        ) : null}
        <ol className="space-y-3" aria-label={t("call.conversation")}>
          {data.turns.map((turn) => (
            <li key={turn.seq}>
              <Bubble
                speaker={turn.speaker}
                who={turn.speaker === "trainee" ? t("call.you") : name}
                text={turn.text}
                lang={data.callLocale}
                seq={turn.seq}
              />
            </li>
          ))}
          {showOptimistic ? (
            <li>
              <Bubble speaker="trainee" who={t("call.you")} text={optimistic} lang={data.callLocale} />
            </li>
          ) : null}
        </ol>
        <div aria-live="polite" aria-atomic="false" className="mt-3 space-y-3" data-testid="live-reply">
          {showStream && stream && stream.text !== "" ? (
            <Bubble speaker="customer" who={name} text={stream.text} lang={data.callLocale} />
          ) : null}
          {typing && (!stream || stream.text === "") ? (
            <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="typing">
              <span aria-hidden="true" className="inline-flex gap-1">
                <span className="h-2 w-2 rounded-full bg-slate-500 motion-safe:animate-pulse" />
                <span className="h-2 w-2 rounded-full bg-slate-500 motion-safe:animate-pulse" />
                <span className="h-2 w-2 rounded-full bg-slate-500 motion-safe:animate-pulse" />
              </span>
              {hydrated ? t("call.typing", { name }) : t("call.pendingNoScript", { name })}
            </p>
          ) : null}
          {stream?.phase === "error" ? (
            <div role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-sm text-red-800">
              <p>{t("call.streamError")}</p>
              <button
                type="button"
                onClick={() => window.location.reload()}
                className="mt-2 rounded border border-red-800 bg-white px-3 py-1 font-semibold text-red-800"
              >
                {t("call.reload")}
              </button>
            </div>
          ) : null}
          {stream?.ended ? (
            <p className="font-semibold text-slate-900">
              {t(data.channel === "in-person" ? "call.conversationOver" : "call.callOver")}{" "}
              <a href={stream.ended} className="text-brand-800 underline">
                {t("call.seeScorecard")}
              </a>
            </p>
          ) : null}
        </div>
        <div ref={endRef} />
      </section>

      {/* Once she has hung up there is nobody to answer: no reply box under "The call is over" (the page goes to
          the scorecard after her last words). */}
      {stream?.ended ? null : (
        <fetcher.Form
          method="post"
          ref={formRef}
          onSubmit={send}
          noValidate
          className="rounded-lg border border-slate-300 bg-white p-4"
        >
          <input type="hidden" name="intent" value="say" />
          <input type="hidden" name="clientToken" value={data.clientToken} />
          {hydrated ? <input type="hidden" name="mode" value="stream" /> : null}
          <label htmlFor={replyId} className="block font-semibold text-slate-900">
            {t("call.yourReply")}
          </label>
          <p id={hintId} className="text-sm text-slate-700">
            {t("call.replyHint")}
          </p>
          {restored ? (
            <p role="status" data-testid="reply-restored" className="mt-2 rounded border border-brand-700 bg-brand-50 p-2 text-sm text-slate-900">
              {t(restored === "sent" ? "call.replyRestored" : "call.replyTypedRestored")}
            </p>
          ) : null}
          <textarea
            id={replyId}
            name="text"
            rows={3}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              justSent.current = false;
              writeKeptReply(callId, { ...readKeptReply(callId), box: e.target.value });
              if (clientError) setClientError(null);
            }}
            onKeyDown={onKeyDown}
            lang={data.callLocale}
            aria-invalid={errorKey || tooLong ? true : undefined}
            aria-describedby={[hintId, errorKey ? errorId : null, length > COUNT_FROM ? countId : null].filter(Boolean).join(" ")}
            autoFocus
            className="mt-2 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900 focus:border-brand-700 aria-[invalid=true]:border-red-700"
          />
          {errorKey ? (
            <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
              {t(errorKey as MessageKey)}
            </p>
          ) : null}
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
            <CharCount id={countId} length={length} />
            <div className="flex items-center gap-3">
              {hydrated && waiting ? (
                <span className="text-sm text-slate-700">
                  {t(queued ? "call.sendWhenFinished" : "call.waitForCustomer", { name })}
                </span>
              ) : null}
              <button
                type="submit"
                aria-disabled={hydrated && busy ? true : undefined}
                className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 aria-disabled:opacity-60"
              >
                {t("call.send")}
              </button>
            </div>
          </div>
        </fetcher.Form>
      )}
    </div>
  );
}
