/**
 * The read-only view of one call: score header, the three dimensions with their checkpoints,
 * penalties, the timeline of the customer's mood, and the transcript with the words that
 * earned each point marked. Used by /calls/:id/report for the trainee and for trainers and
 * managers reading an attempt of their organisation.
 */
import type { ReactNode } from "react";
import type { Dimension } from "../../scenarios/schema";
import { MOOD_LABEL, OUTCOME_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import { DIMENSION_LABEL, DIMENSIONS, DimensionChart, PatienceChart } from "./charts";
import { signed } from "./format";
import { pieces } from "./highlight";
import type { ReportData, ReportTurn, TimelinePoint } from "./report.server";

type Mood = TimelinePoint["mood"];

export { OUTCOME_LABEL };
const MOOD_CLASS: Record<Mood, string> = {
  calm: "bg-emerald-50 text-emerald-900 border-emerald-700",
  annoyed: "bg-amber-50 text-amber-900 border-amber-700",
  angry: "bg-red-50 text-red-900 border-red-700",
};

export function PassBadge({ passed }: { passed: boolean }) {
  const t = useT();
  return (
    <span
      data-testid="pass-badge"
      data-passed={passed ? "true" : "false"}
      className={
        passed
          ? "inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-emerald-800 bg-emerald-50 px-3 py-1 text-sm font-semibold text-emerald-900"
          : "inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-red-800 bg-red-50 px-3 py-1 text-sm font-semibold text-red-900"
      }
    >
      <span aria-hidden="true">{passed ? "✓" : "✗"}</span>
      {passed ? t("report.passed") : t("report.failed")}
    </span>
  );
}

function Section({
  id,
  title,
  children,
  aside,
}: {
  id: string;
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-300 pb-1">
        <h2 id={id} className="text-xl font-bold text-slate-900">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Turn numbers as shown in the transcript (1-based, every speaker), by anchor. */
function turnNumbers(turns: ReportTurn[]): Map<string, number> {
  return new Map(turns.map((turn, i) => [turn.anchor, i + 1]));
}

/** A certification call is judged against its track's requirement, not the scenario's own pass mark. */
export interface CertificationRule {
  passMark: number;
  minimums: Record<Dimension, number>;
  /** Whether the call meets the track's requirement (a reviewer's override decides when there is one). */
  met: boolean;
  /** The reviewer's override that decided it (decision 270), said instead of the score rule. */
  decision?: { by: string; reason: string } | null;
}

export function ScoreSummary({
  report,
  actions,
  certification = null,
}: {
  report: ReportData;
  actions?: ReactNode;
  certification?: CertificationRule | null;
}) {
  const t = useT();
  const locale = useLocale();
  const card = report.scorecard;
  const outcome = report.attempt.outcome;
  return (
    <section
      aria-labelledby="score-summary"
      className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm"
    >
      <h2 id="score-summary" className="sr-only">
        {t("report.overall")}
      </h2>
      <div className="flex flex-wrap items-center gap-x-8 gap-y-4">
        {card ? (
          <div>
            <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">
              {t("report.overall")}
            </p>
            <p className="text-5xl font-bold text-slate-900" data-testid="overall-score">
              {card.scores.overall}
              <span className="text-xl font-semibold text-slate-700">/100</span>
            </p>
          </div>
        ) : null}
        <div className="space-y-2">
          {card ? <PassBadge passed={certification ? certification.met : card.passed} /> : null}
          {report.attempt.abandoned ? (
            <p className="font-semibold text-slate-800">{t("report.abandoned")}</p>
          ) : outcome ? (
            <p className="font-semibold text-slate-800">
              {t("report.outcomeLine", { outcome: t(OUTCOME_LABEL[outcome]) })}
            </p>
          ) : null}
          {card && certification?.decision ? (
            <p className="text-sm font-semibold text-slate-800" data-testid="pass-rule">
              {t(certification.met ? "certification.reportDecidedPass" : "certification.reportDecidedFail", {
                name: certification.decision.by,
                reason: certification.decision.reason,
              })}
            </p>
          ) : card && certification ? (
            <p className="text-sm text-slate-700" data-testid="pass-rule">
              {t("certification.reportCertRule", {
                passMark: certification.passMark,
                minimums: DIMENSIONS.filter((d) => certification.minimums[d] > 0)
                  .map((d) =>
                    t("certification.reportCertMinimum", {
                      score: certification.minimums[d],
                      dimension: t(DIMENSION_LABEL[d]).toLocaleLowerCase(locale),
                    }),
                  )
                  .join(""),
              })}
            </p>
          ) : card ? (
            <p className="text-sm text-slate-700" data-testid="pass-rule">
              {t("report.passRule", {
                passMark: card.passMark,
                floor: card.dimensionFloors.empathy,
                anticipationFloor: card.dimensionFloors.anticipation,
              })}
            </p>
          ) : null}
        </div>
        {actions ? <div className="ml-auto flex flex-wrap items-center gap-3">{actions}</div> : null}
      </div>
      {card ? (
        <div className="mt-4 space-y-1 text-sm text-slate-700">
          <p>
            {card.judge === "heuristic"
              ? t("report.judgeHeuristic")
              : card.judge === "llm"
                ? t("report.judgeLlm")
                : card.judge === "review"
                  ? t("certification.scoredByReview")
                  : t("report.judgeOther", { judge: card.judge })}
          </p>
          {card.judgeFallbackReason ? (
            <p>{t("report.judgeFallback", { reason: card.judgeFallbackReason })}</p>
          ) : null}
          {/* A reviewer's override is said above ("Result set by a reviewer's decision"), not as a re-scoring. */}
          {card.count > 1 && card.judge !== "review" ? <p>{t("report.rescored", { n: card.n, count: card.count })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * `trainee`: the name of the person who made the call when someone else reads it (a manager or
 * trainer): the report then says "Tara's words", not "Your words".
 */
export function Dimensions({
  report,
  trainee,
  hideTips = false,
  passMark,
}: {
  report: ReportData;
  trainee?: string | null;
  /** A certification call whose track hides coaching until the end (decision 141). */
  hideTips?: boolean;
  /** The pass mark drawn on the chart when it is not the scenario's (a certification call: the track's). */
  passMark?: number;
}) {
  const t = useT();
  const card = report.scorecard;
  if (!card) return null;
  const numbers = turnNumbers(report.turns);
  return (
    <>
      <div className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
        <DimensionChart scores={card.scores} passMark={passMark ?? card.passMark} />
      </div>
      {DIMENSIONS.map((d) => {
        const list = card.checkpoints.filter((c) => c.dimension === d);
        const low = card.scores[d] < card.dimensionFloors[d];
        return (
          <Section
            key={d}
            id={`dimension-${d}`}
            title={t(DIMENSION_LABEL[d])}
            aside={
              <p
                className={low ? "text-lg font-bold text-red-800" : "text-lg font-bold text-slate-900"}
                data-testid={`score-${d}`}
              >
                {t("report.dimensionScore", { score: card.scores[d] })}
              </p>
            }
          >
            {list.length === 0 ? (
              <p className="text-slate-700">{t("report.noCheckpoints")}</p>
            ) : (
              <ul
                className="space-y-3"
                aria-label={t("report.checkpointsOf", { dimension: t(DIMENSION_LABEL[d]) })}
              >
                {list.map((c) => (
                  <li
                    key={c.id}
                    className={
                      c.hit
                        ? "rounded-md border-l-4 border-emerald-700 bg-white p-3 shadow-sm"
                        : "rounded-md border-l-4 border-amber-700 bg-white p-3 shadow-sm"
                    }
                    data-checkpoint={c.id}
                    data-hit={c.hit ? "true" : "false"}
                  >
                    <p className="font-medium text-slate-900">
                      <span
                        className={
                          c.hit
                            ? "mr-2 inline-block rounded bg-emerald-800 px-2 py-0.5 text-xs font-bold uppercase text-white"
                            : "mr-2 inline-block rounded bg-amber-800 px-2 py-0.5 text-xs font-bold uppercase text-white"
                        }
                      >
                        {c.hit ? t("report.hit") : t("report.missed")}
                      </span>
                      {c.description}
                    </p>
                    {c.hit && c.quote ? (
                      <p className="mt-1 text-slate-800">
                        <span className="font-semibold">
                          {trainee ? t("certification.theirWords", { name: trainee }) : t("report.yourWords")}
                        </span>{" "}
                        <q className="italic">{c.quote}</q>
                        {c.anchor ? (
                          <>
                            {" "}
                            <a href={`#${c.anchor}`} className="font-semibold text-brand-700 underline">
                              {t(trainee ? "certification.seeTheirTurn" : "report.seeTurn", { n: numbers.get(c.anchor) ?? "?" })}
                            </a>
                          </>
                        ) : null}
                      </p>
                    ) : null}
                    {!c.hit && c.tip && !hideTips ? (
                      <p className="mt-1 text-slate-800">
                        <span className="font-semibold">{t("report.tip")}</span> {c.tip}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        );
      })}
      <Section id="penalties" title={t("report.penalties")}>
        {card.penalties.length === 0 ? (
          <p className="text-slate-700">{t("report.noPenalties")}</p>
        ) : (
          <ul className="space-y-3">
            {card.penalties.map((p) => (
              <li
                key={p.key}
                className="rounded-md border-l-4 border-red-700 bg-white p-3 shadow-sm"
                data-penalty={p.id}
              >
                <p className="font-medium text-slate-900">
                  <span className="mr-2 inline-block rounded bg-red-800 px-2 py-0.5 text-xs font-bold text-white">
                    {t("report.penaltyPoints", {
                      points: p.points,
                      dimension: t(DIMENSION_LABEL[p.dimension]),
                    })}
                  </span>
                  {p.description}
                </p>
                {p.quote ? (
                  <p className="mt-1 text-slate-800">
                    <span className="font-semibold">
                      {trainee ? t("certification.theirWords", { name: trainee }) : t("report.yourWords")}
                    </span>{" "}
                    <q className="italic">{p.quote}</q>
                    {p.anchor ? (
                      <>
                        {" "}
                        <a href={`#${p.anchor}`} className="font-semibold text-brand-700 underline">
                          {t(trainee ? "certification.seeTheirTurn" : "report.seeTurn", { n: numbers.get(p.anchor) ?? "?" })}
                        </a>
                      </>
                    ) : null}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

export function Timeline({ report }: { report: ReportData }) {
  const t = useT();
  const numbers = turnNumbers(report.turns);
  const points = report.timeline;
  return (
    <Section id="timeline" title={t("report.timeline")}>
      {points.length === 0 ? (
        <p className="text-slate-700">{t("report.timelineUnavailable")}</p>
      ) : (
        <>
          <p className="mb-3 max-w-prose text-slate-700">{t("report.timelineIntro")}</p>
          <div className="mb-4 rounded-lg border border-slate-300 bg-white p-4">
            <PatienceChart
              points={points.map((p) => {
                const n = p.anchor ? (numbers.get(p.anchor) ?? p.traineeTurn + 1) : p.traineeTurn + 1;
                return {
                  label: p.traineeTurn < 0 ? t("report.timelineStart") : t("report.timelineTurn", { n }),
                  // The axis counts turns as the transcript does (2, 4, 6…), not points (1, 2, 3…).
                  tick: p.traineeTurn < 0 ? "0" : String(n),
                  patience: p.patience,
                  turned: p.turned,
                };
              })}
            />
          </div>
          <ol className="space-y-2">
            {points.map((p) => {
              const n = p.anchor ? numbers.get(p.anchor) : undefined;
              return (
                <li
                  key={p.traineeTurn}
                  className={
                    p.turned === "better"
                      ? "rounded-md border-2 border-emerald-700 bg-white p-3"
                      : p.turned === "worse"
                        ? "rounded-md border-2 border-red-700 bg-white p-3"
                        : "rounded-md border border-slate-300 bg-white p-3"
                  }
                  data-turned={p.turned ?? "none"}
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-slate-900">
                      {p.traineeTurn < 0 ? (
                        t("report.timelineStart")
                      ) : p.anchor ? (
                        <a href={`#${p.anchor}`} className="text-brand-700 underline">
                          {t("report.timelineTurn", { n: n ?? p.traineeTurn + 1 })}
                        </a>
                      ) : (
                        t("report.timelineTurn", { n: p.traineeTurn + 1 })
                      )}
                    </span>
                    <span
                      className={`rounded-full border px-2 py-0.5 text-sm font-semibold ${MOOD_CLASS[p.mood]}`}
                    >
                      {t(MOOD_LABEL[p.mood])}
                    </span>
                    <span className="text-sm text-slate-700">
                      {t("report.patience", { value: p.patience })}
                      {p.traineeTurn >= 0 ? ` ${t("report.patienceChange", { delta: signed(p.delta) })}` : ""}
                    </span>
                    {p.turned ? (
                      <strong
                        className={
                          p.turned === "better" ? "text-sm text-emerald-800" : "text-sm text-red-800"
                        }
                      >
                        <span aria-hidden="true">{p.turned === "better" ? "▲ " : "▼ "}</span>
                        {p.turned === "better" ? t("report.turnedBetter") : t("report.turnedWorse")}
                      </strong>
                    ) : null}
                  </div>
                  {p.excerpt ? (
                    <p className="mt-1 text-sm text-slate-800" lang={report.attempt.locale}>
                      <q>{p.excerpt}</q>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Section>
  );
}

export function Transcript({ report, trainee }: { report: ReportData; trainee?: string | null }) {
  const t = useT();
  const uiLocale = useLocale();
  return (
    <Section id="transcript" title={t("report.transcript")}>
      {report.attempt.locale !== uiLocale ? (
        <p className="mb-2 text-sm text-slate-700">
          {t(report.attempt.locale === "fr" ? "report.callLanguage_fr" : "report.callLanguage_en")}
        </p>
      ) : null}
      {report.turns.length === 0 ? (
        <p className="text-slate-700">{t("report.transcriptEmpty")}</p>
      ) : (
        <ol className="space-y-3" lang={report.attempt.locale}>
          {report.turns.map((turn, i) => (
            <li
              key={turn.anchor}
              id={turn.anchor}
              tabIndex={-1}
              className={
                turn.speaker === "trainee"
                  ? "scroll-mt-4 rounded-lg border border-brand-600 bg-brand-50 p-3 target:ring-4 target:ring-brand-600 sm:ml-12"
                  : "scroll-mt-4 rounded-lg border border-slate-300 bg-white p-3 target:ring-4 target:ring-brand-600 sm:mr-12"
              }
            >
              <p className="mb-1 flex flex-wrap items-center gap-2 text-sm text-slate-700" lang={uiLocale}>
                <span className="font-semibold text-slate-900">
                  {turn.speaker === "trainee"
                    ? (trainee ?? t("report.you"))
                    : turn.speaker === "customer"
                      ? report.scenario.customerName
                      : t("report.system")}
                </span>
                <span>· {t("report.turnN", { n: i + 1 })}</span>
                {turn.moodAfter ? (
                  <span
                    className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${MOOD_CLASS[turn.moodAfter]}`}
                  >
                    {t("report.moodAfter", { mood: t(MOOD_LABEL[turn.moodAfter]) })}
                  </span>
                ) : null}
              </p>
              <p className="whitespace-pre-wrap text-slate-900">
                {pieces(turn.text, turn.highlights).map((piece, j) =>
                  piece.mark ? (
                    <mark
                      key={j}
                      data-checkpoints={piece.mark.ids.join(" ")}
                      className={
                        piece.mark.kind === "hit"
                          ? "rounded bg-yellow-200 px-0.5 text-slate-900"
                          : "rounded bg-red-100 px-0.5 text-slate-900 underline decoration-red-700 decoration-wavy"
                      }
                    >
                      {piece.text}
                      <span className="sr-only" lang={uiLocale}>
                        {" "}
                        ({piece.mark.kind === "hit" ? t("report.earnedPoint") : t("report.costPoints")})
                      </span>
                    </mark>
                  ) : (
                    <span key={j}>{piece.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
