/**
 * The manager's home: the organisation's people and roles, each person's number of calls and
 * best score, and the organisation's recent calls, each linking to its read-only report
 * (/calls/:id/report, where requireAttemptReader decides again who may read it).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import { t as translate, type MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { callStatsByPerson, listPeople, listTeamCalls, TEAM_CALLS_LIMIT, type TeamCall } from "../org.server";
import { formatDateTime } from "../report/format";
import { LocalTime, useTimeZone } from "../report/LocalTime";
import { OUTCOME_LABEL, PassBadge } from "../report/ReportView";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const [people, stats, calls] = await Promise.all([
    listPeople(user.org.id),
    callStatsByPerson(user.org.id),
    listTeamCalls(user.org.id),
  ]);
  return {
    org: user.org.name,
    metaTitle: translate(user.locale, "home.teamTitle"),
    people: people.map((p) => ({
      ...p,
      joinedAt: p.joinedAt.toISOString(),
      calls: stats.get(p.id)?.calls ?? 0,
      bestOverall: stats.get(p.id)?.bestOverall ?? null,
    })),
    calls,
    callsLimit: TEAM_CALLS_LIMIT,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Team" }];

const MODE_LABEL: Record<TeamCall["mode"], MessageKey> = {
  practice: "home.teamModePractice",
  certification: "home.teamModeCertification",
};

/** A value that may be missing: a dash to the eye, words to a screen reader. */
function Missing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </>
  );
}

export default function TeamHome() {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { org, people, calls, callsLimit } = useLoaderData<typeof loader>();
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("home.teamTitle")} intro={t("home.teamIntro", { org })} />

      <section aria-labelledby="people-heading" className="mb-10">
        <h2 id="people-heading" className="mb-3 text-xl font-bold text-slate-900">
          {t("home.teamPeopleHeading")}
        </h2>
        {people.length === 0 ? (
          <EmptyState>{t("home.teamEmpty", { org })}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full text-left text-sm" data-testid="people">
              <thead className="bg-slate-100 text-slate-800">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t("home.colName")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("home.colEmail")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("home.colRole")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("home.colJoined")}
                  </th>
                  <th scope="col" className="px-4 py-2 text-right">
                    {t("home.teamColCalls")}
                  </th>
                  <th scope="col" className="px-4 py-2 text-right">
                    {t("home.teamColBest")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.map((p) => (
                  <tr key={p.id} className="border-t border-slate-200" data-person={p.id}>
                    <th scope="row" className="px-4 py-2 font-semibold">
                      {p.name}
                    </th>
                    <td className="px-4 py-2">{p.email}</td>
                    <td className="px-4 py-2">
                      {t(ROLE_LABELS[p.role])}
                      {p.hasPassword ? null : (
                        <span className="ml-2 text-slate-600">({t("home.invitePending")})</span>
                      )}
                    </td>
                    <td className="px-4 py-2">{date.format(new Date(p.joinedAt))}</td>
                    <td className="px-4 py-2 text-right tabular-nums" data-testid="person-calls">
                      {p.calls}
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums" data-testid="person-best">
                      {p.bestOverall === null ? (
                        <Missing label={t("home.teamNoScore")} />
                      ) : (
                        `${p.bestOverall}/100`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="calls-heading">
        <h2 id="calls-heading" className="mb-1 text-xl font-bold text-slate-900">
          {t("home.teamCallsHeading")}
        </h2>
        <p className="mb-3 max-w-prose text-slate-700">
          {t("home.teamCallsIntro", { org, limit: callsLimit })}
        </p>
        {calls.length === 0 ? (
          <EmptyState>{t("home.teamCallsEmpty", { org })}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full text-left text-sm" data-testid="team-calls">
              <thead className="bg-slate-100 text-slate-800">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColDate")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColTrainee")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColScenario")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColMode")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColOutcome")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("home.teamColScore")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColResult")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("home.teamColReport")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {calls.map((c) => {
                  const title = c.scenario.title?.[locale] ?? c.scenario.slug;
                  return (
                    <tr key={c.id} className="border-t border-slate-200" data-attempt={c.id}>
                      <td className="whitespace-nowrap px-3 py-2">
                        <LocalTime iso={c.startedAt} locale={locale} />
                      </td>
                      <th scope="row" className="whitespace-nowrap px-3 py-2 font-semibold">
                        {c.trainee.name}
                      </th>
                      <td className="px-3 py-2">{title}</td>
                      <td className="whitespace-nowrap px-3 py-2">{t(MODE_LABEL[c.mode])}</td>
                      <td className="px-3 py-2">
                        {c.status !== "ended"
                          ? t("home.teamInProgress")
                          : c.outcome
                            ? t(OUTCOME_LABEL[c.outcome])
                            : "—"}
                      </td>
                      <td className="px-3 py-2 text-right font-semibold tabular-nums">
                        {c.score ? `${c.score.overall}/100` : <Missing label={t("home.teamNotScored")} />}
                      </td>
                      <td className="px-3 py-2">
                        {c.score ? (
                          <PassBadge passed={c.score.passed} />
                        ) : c.status === "ended" ? (
                          <span className="text-slate-700">{t("home.teamNotScored")}</span>
                        ) : (
                          // In progress (said in the outcome column): nothing to pass or fail yet.
                          <Missing label={t("home.teamNotScored")} />
                        )}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">
                        <Link
                          to={`/calls/${c.id}/report`}
                          aria-label={t("home.teamOpenReportLabel", {
                            name: c.trainee.name,
                            scenario: title,
                            date: formatDateTime(c.startedAt, locale, timeZone),
                          })}
                          className="font-semibold text-brand-700 underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                        >
                          {t("home.teamOpenReport")}
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
