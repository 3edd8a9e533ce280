/**
 * /train/history — every call the trainee took (date, scenario, outcome, scores), a progress
 * chart per dimension over time, and a link to each past call's read-only report.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { EmptyState, PageHeader } from "../components/Layout";
import { t as translate } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { DIMENSION_LABEL, OUTCOME_LABEL } from "../i18n/labels";
import { DIMENSIONS, ProgressChart } from "../report/charts";
import { formatDate } from "../report/format";
import { listHistory } from "../progress/history.server";
import { loadHistoryExtras } from "../certification/history.server";
import { AssignedTracks } from "../certification/AssignedTracks";
import { MissedList } from "../certification/Dashboard";
import { LocalTime, useTimeZone } from "../report/LocalTime";
import { PassBadge } from "../report/ReportView";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainee", "trainer"]);
  const scenario = new URL(request.url).searchParams.get("scenario");
  const [all, extras] = await Promise.all([listHistory(user.id, user.org.id), loadHistoryExtras(user.id, user.org.id)]);
  const slugs = [...new Map(all.map((r) => [r.scenario.slug, r.scenario.title])).entries()].map(([slug, title]) => ({ slug, title }));
  const chosen = slugs.some((x) => x.slug === scenario) ? scenario : null;
  return {
    rows: chosen ? all.filter((r) => r.scenario.slug === chosen) : all,
    scenarios: slugs,
    chosen,
    ...extras,
    metaTitle: translate(user.locale, "report.historyTitle"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "History" }];

export default function History() {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { rows, scenarios, chosen, assigned, missed } = useLoaderData<typeof loader>();
  // Oldest first; an unanswered phone is not a call the trainee took: left out of the progress.
  const scored = rows.filter((r) => r.score !== null && r.outcome !== "not_answered").reverse();
  const latest = scored.at(-1)?.score;
  return (
    <>
      <PageHeader title={t("report.historyTitle")} intro={t("report.historyIntro")} />
      <p className="-mt-2 mb-6">
        <Link to="/train" className="font-semibold text-brand-700 underline">
          {t("call.backToCatalog")}
        </Link>
      </p>
      <AssignedTracks tracks={assigned} />
      {missed.length > 0 ? (
        <section aria-labelledby="next-heading" className="mb-8">
          <h2 id="next-heading" className="mb-1 text-xl font-bold text-slate-900">
            {t("certification.practiseNext")}
          </h2>
          <p className="mb-3 text-slate-700">{t("certification.practiseNextIntro")}</p>
          <MissedList missed={missed} />
        </section>
      ) : null}
      {scenarios.length > 1 ? (
        <nav aria-label={t("certification.historyFilter")} className="mb-6 flex flex-wrap gap-2" data-testid="history-filter">
          {[{ slug: null as string | null, title: null as { en: string; fr: string } | null }, ...scenarios].map((x) => (
            <Link
              key={x.slug ?? "all"}
              to={x.slug ? `/train/history?scenario=${x.slug}` : "/train/history"}
              aria-current={chosen === x.slug ? "page" : undefined}
              className={
                chosen === x.slug
                  ? "rounded-full bg-brand-700 px-3 py-1 font-semibold text-white"
                  : "rounded-full border border-brand-700 px-3 py-1 font-semibold text-brand-800 hover:bg-brand-50"
              }
            >
              {x.slug ? (x.title?.[locale] ?? x.slug) : t("report.allScenarios")}
            </Link>
          ))}
        </nav>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState>
          {t("report.historyEmpty")}{" "}
          <Link to="/train" className="font-semibold text-brand-700 underline">
            {t("report.allScenarios")}
          </Link>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="progress-heading" className="mb-8">
            <h2 id="progress-heading" className="mb-1 text-xl font-bold text-slate-900">
              {t("report.progress")}
            </h2>
            <p className="mb-3 text-slate-700">{t("report.progressIntro")}</p>
            {scored.length < 2 || !latest ? (
              <p className="rounded-md border border-dashed border-slate-400 bg-white p-4 text-slate-700">
                {t("report.progressTooFew")}
              </p>
            ) : (
              <>
                <ProgressChart
                  points={scored.map((r) => ({
                    label: formatDate(r.startedAt, locale, timeZone),
                    empathy: r.score!.empathy,
                    resolution: r.score!.resolution,
                    anticipation: r.score!.anticipation,
                  }))}
                  description={t("report.progressChartDesc", {
                    count: scored.length,
                    first: formatDate(scored[0]!.startedAt, locale, timeZone),
                    last: formatDate(scored.at(-1)!.startedAt, locale, timeZone),
                    empathy: latest.empathy,
                    resolution: latest.resolution,
                    anticipation: latest.anticipation,
                  })}
                />
                <details className="mt-2">
                  <summary className="cursor-pointer font-semibold text-brand-700">
                    {t("report.showFigures")}
                  </summary>
                  <table className="mt-2 w-full border-collapse bg-white text-sm">
                    <thead>
                      <tr className="border-b border-slate-300 text-left">
                        <th scope="col" className="p-2">
                          {t("report.colDate")}
                        </th>
                        {DIMENSIONS.map((d) => (
                          <th key={d} scope="col" className="p-2">
                            {t(DIMENSION_LABEL[d])}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {scored.map((r, i) => (
                        <tr key={r.id} className="border-b border-slate-200">
                          <th scope="row" className="p-2 text-left font-normal">
                            {t("report.callN", { n: i + 1 })} ·{" "}
                            <LocalTime iso={r.startedAt} locale={locale} />
                          </th>
                          {DIMENSIONS.map((d) => (
                            <td key={d} className="p-2">
                              {r.score![d]}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </>
            )}
          </section>

          <section aria-labelledby="calls-heading">
            <h2 id="calls-heading" className="mb-3 text-xl font-bold text-slate-900">
              {t("report.historyCaption")}
            </h2>
            <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="w-full border-collapse text-sm">
                <thead className="bg-slate-100">
                  <tr className="text-left">
                    <th scope="col" className="p-3">
                      {t("report.colDate")}
                    </th>
                    <th scope="col" className="p-3">
                      {t("report.colScenario")}
                    </th>
                    <th scope="col" className="p-3">
                      {t("report.colOutcome")}
                    </th>
                    <th scope="col" className="p-3">
                      {t("report.colResult")}
                    </th>
                    <th scope="col" className="p-3 text-right">
                      {t("report.colOverall")}
                    </th>
                    {DIMENSIONS.map((d) => (
                      <th key={d} scope="col" className="p-3 text-right">
                        {t(DIMENSION_LABEL[d])}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const title = r.scenario.title?.[locale] ?? r.scenario.slug;
                    return (
                      <tr key={r.id} className="border-t border-slate-200" data-attempt={r.id}>
                        <td className="p-3 whitespace-nowrap">
                          <LocalTime iso={r.startedAt} locale={locale} />
                        </td>
                        <th scope="row" className="p-3 text-left font-medium">
                          <Link
                            to={r.status === "ended" ? `/calls/${r.id}/report` : `/calls/${r.id}`}
                            aria-label={t("report.openCall", {
                              date: formatDate(r.startedAt, locale, timeZone),
                              scenario: title,
                            })}
                            className="font-semibold text-brand-700 underline"
                          >
                            {title}
                          </Link>
                        </th>
                        <td className="p-3">
                          {r.status !== "ended"
                            ? t("report.statusLive")
                            : r.abandoned
                              ? t("report.abandoned")
                              : r.outcome
                              ? t(OUTCOME_LABEL[r.outcome])
                              : "—"}
                        </td>
                        <td className="p-3">
                          {r.score ? (
                            <PassBadge passed={r.score.passed} />
                          ) : (
                            <span className="text-slate-700">{t("report.notScoredShort")}</span>
                          )}
                        </td>
                        <td className="p-3 text-right font-semibold">{r.score ? r.score.overall : "—"}</td>
                        {DIMENSIONS.map((d) => (
                          <td key={d} className="p-3 text-right">
                            {r.score ? r.score[d] : "—"}
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
