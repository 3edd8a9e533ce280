/**
 * Test-play in the editor (issue 13 step 4): the draft played as a trainee would, nothing recorded,
 * with a debug view per turn (moves and topics understood and how sure, patience and mood, facts
 * unlocked, needs voiced and met, the beat chosen) and the checkpoints hit so far. A played
 * conversation can be saved as one of the scenario's tests. A topic or an item of knowledge a line was read as,
 * wrongly, is answered with "Not this": the line goes to its counter-examples in the draft (decision 282).
 */
import "../messages";
import { useFetcher } from "@remix-run/react";
import { useId, useState } from "react";
import type { MessageKey } from "../../i18n";
import { DIMENSION_LABEL, MOOD_LABEL } from "../../i18n/labels";
import { useLocale, useT } from "../../i18n/react";
import type { CounterExampleChange } from "../counter-examples";
import type { PlayState } from "../play.server";
import { useConditionLabel } from "./ConditionPicker";

export interface PlayPanelProps {
  slug: string;
  valid: boolean;
  llm: boolean;
  canSaveTests: boolean;
  facts: string[];
  beforePlay(): Promise<void>;
  /** The call as it stands after each request (null when restarted), for the flow diagram. */
  onState?(state: PlayState | null): void;
  /**
   * "Not this": add a line (in the call's language) to the counter-examples of the topic or item `id` in the draft,
   * through the form's change path; what it did. Absent when the trainer cannot edit the draft (no button then).
   */
  onNotThis?(id: string, locale: "en" | "fr", text: string): CounterExampleChange["kind"];
}

const NOT_THIS_KEY: Record<CounterExampleChange["kind"], MessageKey> = {
  add: "author.notThisAdded",
  already: "author.notThisAlready",
  isExample: "author.notThisIsExample",
  missing: "author.notThisMissing",
};

const btn = "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";
const btn2 = "rounded border border-slate-500 bg-white px-3 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60";

const OUTCOME_KEY: Record<string, MessageKey> = {
  resolved: "report.outcome_resolved",
  unresolved: "report.outcome_unresolved",
  customer_left: "report.outcome_customer_left",
  not_answered: "report.outcome_not_answered",
};

/** The customer's mood in the reader's language (labels.mood_*), a value the labels do not know as it is. */
function useMoodLabel() {
  const t = useT();
  return (mood: string) => (mood in MOOD_LABEL ? t(MOOD_LABEL[mood as keyof typeof MOOD_LABEL]) : mood);
}

export function PlayPanel(props: PlayPanelProps) {
  const t = useT();
  const moodLabel = useMoodLabel();
  const [locale, setLocale] = useState<"en" | "fr">("en");
  const [engine, setEngine] = useState<"scripted" | "llm">("scripted");
  const [lines, setLines] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [state, setState] = useState<PlayState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notThis, setNotThis] = useState<{ kind: CounterExampleChange["kind"]; id: string; n: number } | null>(null);
  const inputId = useId();
  const onNotThis = props.onNotThis
    ? (id: string, text: string) => {
        const kind = props.onNotThis!(id, locale, text);
        // A new object each time: the same words said again (a second click) are announced again.
        setNotThis((prev) => ({ kind, id, n: (prev?.n ?? 0) + 1 }));
      }
    : undefined;

  /** Replays `next`; false when it did not go through (the error says why). */
  const play = async (next: string[]): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await props.beforePlay();
      const said = state ? [state.opening ?? "", ...state.turns.map((x) => x.answer ?? "")].filter(Boolean) : [];
      const response = await fetch(`/author/${props.slug}/play`, {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams({ payload: JSON.stringify({ locale, engine, lines: next, said }) }),
      });
      const body = (await response.json().catch(() => null)) as { ok: true; state: PlayState } | { ok: false; error: string } | null;
      if (body?.ok) {
        setState(body.state);
        props.onState?.(body.state);
        setLines(next);
        return true;
      }
      if (response.redirected && new URL(response.url).pathname === "/login") setError(t("author.playSessionExpired"));
      else setError(body && !body.ok ? body.error : `HTTP ${response.status}`);
      return false;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const ended = state?.status === "ended";
  return (
    <section aria-labelledby="play-title" className="mt-8 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="play-title" className="text-xl font-bold">
        {t("author.playTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("author.playIntro")}</p>
      {!props.valid ? <p className="mt-2 text-amber-900">{t("author.playInvalid")}</p> : null}
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-sm font-semibold">
          {t("author.playLanguage")}
          <select className="mt-1 block rounded border border-slate-500 px-2 py-1" value={locale} onChange={(e) => setLocale(e.target.value as "en" | "fr")} disabled={Boolean(state)}>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
        {props.llm ? (
          <label className="text-sm font-semibold">
            {t("author.playEngine")}
            <select className="mt-1 block rounded border border-slate-500 px-2 py-1" value={engine} onChange={(e) => setEngine(e.target.value as "scripted" | "llm")} disabled={Boolean(state)}>
              <option value="scripted">{t("author.playScripted")}</option>
              <option value="llm">{t("author.playLlm")}</option>
            </select>
          </label>
        ) : null}
        <button
          type="button"
          className={btn2}
          disabled={busy || !props.valid}
          onClick={() => {
            setState(null);
            props.onState?.(null);
            void play([]);
          }}
        >
          {state ? t("author.playRestart") : t("author.playStart")}
        </button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-red-800">
          {error}
        </p>
      ) : null}
      {props.onNotThis ? (
        <p role="status" aria-live="polite" className="mt-2 text-sm font-semibold text-slate-900" data-testid="not-this-status">
          {notThis ? <span key={notThis.n}>{t(NOT_THIS_KEY[notThis.kind], { id: notThis.id })}</span> : null}
        </p>
      ) : null}
      {state ? (
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <div>
            <ol className="space-y-2" aria-label={t("author.playTitle")}>
              {state.opening ? (
                <li>
                  <Bubble who={t("author.playCustomer")} text={state.opening} />
                </li>
              ) : null}
              {state.turns.map((turn, i) => (
                <li key={i} className="space-y-2">
                  <Bubble who={t("author.playYou")} text={turn.text} mine />
                  <TurnDebug turn={turn} index={i} onNotThis={onNotThis} />
                  {turn.answer ? <Bubble who={t("author.playCustomer")} text={turn.answer} /> : null}
                </li>
              ))}
            </ol>
            {ended ? (
              <p role="status" className="mt-3 font-semibold">
                {t("author.playEnded", { outcome: t(OUTCOME_KEY[state.outcome ?? "unresolved"] ?? "report.outcome_unresolved") })}
                {state.score ? (
                  <span className="block font-normal">
                    {t("author.playScore", {
                      overall: state.score.overall,
                      empathy: state.score.empathy,
                      resolution: state.score.resolution,
                      anticipation: state.score.anticipation,
                      passMark: state.score.passMark,
                      result: state.score.passed ? t("author.playPass") : t("author.playFail"),
                    })}
                  </span>
                ) : null}
              </p>
            ) : (
              <form
                className="mt-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  const line = text.trim();
                  if (!line) return;
                  setText("");
                  // A line that did not go through comes back in the box: nothing the trainer wrote is lost.
                  void play([...lines, line]).then((ok) => {
                    if (!ok) setText((current) => (current.trim() ? current : line));
                  });
                }}
              >
                <label htmlFor={inputId} className="block text-sm font-semibold">
                  {t("author.playSay")}
                </label>
                <textarea
                  id={inputId}
                  lang={locale}
                  rows={2}
                  className="mt-1 block w-full rounded border border-slate-500 px-2 py-1"
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && !e.shiftKey) {
                      e.preventDefault();
                      (e.currentTarget.form as HTMLFormElement | null)?.requestSubmit();
                    }
                  }}
                />
                <button type="submit" className={`${btn} mt-2`} disabled={busy || !text.trim()}>
                  {t("author.playSend")}
                </button>
              </form>
            )}
          </div>
          <div>
            <p className="text-sm">
              {t("author.state", { patience: state.patience, mood: moodLabel(state.mood), facts: state.factsUnlocked.join(", ") || t("author.debugNone") })}
            </p>
            <h3 className="mt-2 font-semibold">{t("author.debugCheckpoints")}</h3>
            <ul className="text-sm">
              {state.checkpoints.map((c) => (
                <li key={`${c.dimension}-${c.id}`} className={c.hit ? "text-green-900" : "text-slate-600"}>
                  {c.hit ? "✓" : "·"}{" "}
                  {t("author.checkpointLine", {
                    dimension: c.dimension in DIMENSION_LABEL ? t(DIMENSION_LABEL[c.dimension as keyof typeof DIMENSION_LABEL]) : c.dimension,
                    description: c.description,
                  })}
                </li>
              ))}
            </ul>
            {props.canSaveTests && lines.length > 0 ? <SaveTest slug={props.slug} locale={locale} lines={lines} state={state} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Bubble({ who, text, mine = false }: { who: string; text: string; mine?: boolean }) {
  return (
    <div className={`rounded-lg p-2 ${mine ? "ml-8 bg-brand-50" : "mr-8 bg-slate-100"}`}>
      <span className="block text-xs font-semibold text-slate-700">{who}</span>
      <span>{text}</span>
    </div>
  );
}

function TurnDebug({ turn, index, onNotThis }: { turn: PlayState["turns"][number]; index: number; onNotThis?: (id: string, text: string) => void }) {
  const t = useT();
  const label = useConditionLabel();
  const locale = useLocale();
  const moodLabel = useMoodLabel();
  const moves = turn.moves.map(label).join(", ");
  const none = t("author.debugNone");
  return (
    <details className="ml-8 rounded border border-slate-200 p-2 text-sm" data-testid={`debug-${index}`}>
      <summary className="cursor-pointer">
        {t("author.debugSummary", { moves: moves || none })}
        {turn.topics.length ? ` · ${turn.topics.map((x) => `topic:${x}`).join(", ")}` : ""}
        {turn.factsUnlocked.length ? ` · ${t("author.debugFactsInline", { facts: turn.factsUnlocked.join(", ") })}` : ""}
      </summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
        <dt className="font-semibold">{t("author.debugMoves")}</dt>
        <dd>{moves || none}</dd>
        <dt className="font-semibold">{t("author.debugTopics")}</dt>
        <dd>
          {turn.topics.length === 0 ? (
            none
          ) : onNotThis ? (
            <ul className="flex flex-wrap gap-x-3 gap-y-1">
              {turn.topics.map((id) => (
                <li key={id} className="flex items-center gap-1">
                  <span className="font-mono">{id}</span>
                  <button
                    type="button"
                    className="rounded border border-slate-500 bg-white px-1.5 py-0.5 text-xs font-semibold text-slate-900 hover:bg-slate-100"
                    aria-label={t("author.notThisLabel", { id })}
                    onClick={() => onNotThis(id, turn.text)}
                  >
                    {t("author.notThis")}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            turn.topics.join(", ")
          )}
        </dd>
        <dt className="font-semibold">{t("author.debugScores")}</dt>
        <dd>{turn.scores.map((s) => `${s.label.includes(":") ? s.label : label(s.label)} ${s.score.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`).join(" · ") || none}</dd>
        <dt className="font-semibold">{t("author.debugBeat")}</dt>
        <dd className="font-mono">{turn.beat ?? none}</dd>
        <dt className="font-semibold">{t("author.debugFacts")}</dt>
        <dd>{turn.factsUnlocked.join(", ") || none}</dd>
        <dt className="font-semibold">{t("author.debugNeedsVoiced")}</dt>
        <dd>{turn.needsVoiced.join(", ") || none}</dd>
        <dt className="font-semibold">{t("author.debugNeedsMet")}</dt>
        <dd>{turn.needsMet.join(", ") || none}</dd>
      </dl>
      <p>
        {t("author.debugPatience", {
          before: turn.patienceBefore,
          after: turn.patienceAfter,
          mood: moodLabel(turn.mood),
        })}
        {turn.madeRepeat ? ` · ${t("author.debugRepeat")}` : ""}
        {turn.afterEnd ? ` · ${t("author.debugAfterEnd")}` : ""}
      </p>
    </details>
  );
}

function SaveTest({ slug, locale, lines, state }: { slug: string; locale: "en" | "fr"; lines: string[]; state: PlayState }) {
  const t = useT();
  const fetcher = useFetcher<{ intent: string; ok: boolean; message?: { key: MessageKey } }>();
  const unlocks = state.turns.flatMap((turn, i) => turn.factsUnlocked.map((fact) => ({ turn: i, fact })));
  const [choice, setChoice] = useState<string>(state.endedNow.score.passed && state.endedNow.outcome === "resolved" ? "pass" : "fail");
  const [name, setName] = useState("");
  const expectation =
    choice === "pass"
      ? { outcome: "resolved", passed: true, unlocks: [] }
      : choice === "fail"
        ? { passed: false, unlocks: [] }
        : { unlocks: [unlocks[Number(choice.slice(7))]!] };
  return (
    <fetcher.Form
      method="post"
      action={`/author/${slug}`}
      className="mt-4 rounded border border-slate-300 p-3"
      onSubmit={() => setName("")}
    >
      <h3 className="font-semibold">{t("author.saveAsTest")}</h3>
      <input type="hidden" name="intent" value="saveTest" />
      <input type="hidden" name="test" value={JSON.stringify({ name, locale, lines, expectation })} />
      <label className="mt-2 block text-sm font-semibold">
        {t("author.testName")}
        <input className="mt-1 block w-full rounded border border-slate-500 px-2 py-1" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <fieldset className="mt-2">
        <legend className="text-sm font-semibold">{t("author.testExpect")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="expect" checked={choice === "pass"} onChange={() => setChoice("pass")} />
          {t("author.testExpectResolvedPass")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="expect" checked={choice === "fail"} onChange={() => setChoice("fail")} />
          {t("author.testExpectFail")}
        </label>
        {unlocks.map((u, i) => (
          <label key={i} className="flex items-center gap-2">
            <input type="radio" name="expect" checked={choice === `unlock:${i}`} onChange={() => setChoice(`unlock:${i}`)} />
            {t("author.testExpectUnlock", { fact: u.fact, line: u.turn + 1 })}
          </label>
        ))}
      </fieldset>
      <button type="submit" className={`${btn2} mt-2`} disabled={fetcher.state !== "idle" || !name.trim()}>
        {t("author.testSave")}
      </button>
      {fetcher.data?.message ? (
        <p role="status" className="mt-2 text-sm">
          {t(fetcher.data.message.key)}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
