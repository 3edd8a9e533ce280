/** /team/people/:id — one person: assignments, certifications, progress per dimension, what they miss, their calls. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MissedList } from "../certification/Dashboard";
import { formatDate } from "../certification/dates";
import { loadPersonPage } from "../certification/pages.server";
import { ProgressChart } from "../certification/ProgressChart";
import { StatusBadge } from "../certification/StatusBadge";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import { DIMENSION_LABEL, MODE_LABEL, OUTCOME_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import { LocalTime } from "../report/LocalTime";
import { PassBadge } from "../report/ReportView";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPersonPage(request, params.id);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.person.name ?? "Person" }];

const link = "font-semibold text-brand-800 underline underline-offset-2";
const th = "px-3 py-2";

export default function PersonPage() {
  const t = useT();
  const locale = useLocale();
  const { person, assigned, certs, dims, calls, missed, progress } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="mb-2">
        <Link to="/team" className={link}>
          {t("certification.backToTeam")}
        </Link>
      </p>
      <PageHeader title={person.name} intro={t("certification.personIntro", { email: person.email, role: t(ROLE_LABELS[person.role]) })} />

      <section aria-labelledby="p-assign" className="mb-8">
        <h2 id="p-assign" className="mb-2 text-xl font-bold">
          {t("certification.personAssignments")}
        </h2>
        {assigned.length === 0 ? (
          <EmptyState>{t("certification.personNoAssignments")}</EmptyState>
        ) : (
          <ul className="space-y-2" data-testid="person-assignments">
            {assigned.map((a) => (
              <li key={a.trackId} className="flex flex-wrap items-center gap-3 rounded border border-slate-300 bg-white p-3">
                <Link to={`/team/tracks/${a.trackId}`} className={link}>
                  {a.name[locale]}
                </Link>
                <StatusBadge status={a.status} dueAt={a.dueAt} expiresAt={a.certifiedUntil} />
                <span className="text-sm text-slate-800">{t("certification.trackProgress", { passed: a.passedCount, total: a.scenarios.length })}</span>
                {a.certifiedUnderVersion !== null ? (
                  <span className="text-sm text-slate-800">
                    {t("certification.personCertifiedUnderVersion", { old: a.certifiedUnderVersion, current: a.version })}
                  </span>
                ) : null}
                {a.scenarios.some((s) => s.noAttemptsLeft) ? (
                  <span className="text-sm font-semibold text-red-800" data-testid="person-blocked">
                    {t("certification.personBlocked", {
                      scenarios: a.scenarios
                        .filter((s) => s.noAttemptsLeft)
                        .map((s) => s.title?.[locale] ?? s.slug)
                        .join(", "),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="p-certs" className="mb-8">
        <h2 id="p-certs" className="mb-2 text-xl font-bold">
          {t("certification.personCertifications")}
        </h2>
        {certs.length === 0 ? (
          <EmptyState>{t("certification.personNoCertifications")}</EmptyState>
        ) : (
          <div className="relative overflow-x-auto rounded border border-slate-300 bg-white">
          <table className="w-full text-left text-sm" data-testid="person-certifications">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className={th}>{t("certification.colTrack")}</th>
                <th scope="col" className={th}>{t("certification.colIssued")}</th>
                <th scope="col" className={th}>{t("certification.colExpires")}</th>
                <th scope="col" className={th}>{t("certification.viewCertificate")}</th>
              </tr>
            </thead>
            <tbody>
              {certs.map((c) => (
                <tr key={c.id} className="border-t border-slate-200">
                  <th scope="row" className={th}>
                    {c.name[locale]} <span className="font-normal text-slate-700">({t("certification.trackVersion", { n: c.version })})</span>
                  </th>
                  <td className={th}>{formatDate(c.issuedAt, locale)}</td>
                  <td className={th}>
                    {c.revokedAt ? (
                      <span className="font-semibold text-red-800">{t("certification.withdrawnOn", { date: formatDate(c.revokedAt, locale) })}</span>
                    ) : c.expiresAt ? (
                      formatDate(c.expiresAt, locale)
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={th}>
                    <Link to={`/certificates/${c.id}`} className={link}>
                      {t("certification.viewCertificate")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section aria-labelledby="p-dims" className="mb-8">
        <h2 id="p-dims" className="mb-2 text-xl font-bold">
          {t("certification.personDimensions")}
        </h2>
        {dims.length === 0 ? (
          <EmptyState>{t("certification.personNoDimensions")}</EmptyState>
        ) : (
          <>
            <div className="relative mb-4 overflow-x-auto rounded border border-slate-300 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className={th}>{t("certification.colScenario")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("certification.colScored")}</th>
                  {(["empathy", "resolution", "anticipation"] as const).map((d) => (
                    <th key={d} scope="col" className={`${th} text-right`}>
                      {t(DIMENSION_LABEL[d])}
                    </th>
                  ))}
                  <th scope="col" className={`${th} text-right`}>{t("certification.colAverage")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("certification.colBest")}</th>
                </tr>
              </thead>
              <tbody>
                {dims
                  .map((d) => ({ ...d, name: d.title?.[locale] ?? d.slug }))
                  .sort((a, b) => a.name.localeCompare(b.name, locale))
                  .map((d) => (
                    <tr key={d.slug} className="border-t border-slate-200">
                      <th scope="row" className={th}>{d.name}</th>
                      <td className={`${th} text-right tabular-nums`}>{d.scored}</td>
                      <td className={`${th} text-right tabular-nums`}>{d.empathy}</td>
                      <td className={`${th} text-right tabular-nums`}>{d.resolution}</td>
                      <td className={`${th} text-right tabular-nums`}>{d.anticipation}</td>
                      <td className={`${th} text-right tabular-nums`}>{d.overall}</td>
                      <td className={`${th} text-right tabular-nums`}>{d.best ?? "—"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
            </div>
            {progress.length > 0 ? <ProgressChart points={progress} id="person-progress" /> : null}
          </>
        )}
      </section>

      <section aria-labelledby="p-missed" className="mb-8">
        <h2 id="p-missed" className="mb-2 text-xl font-bold">
          {t("certification.missedHeading")}
        </h2>
        <MissedList missed={missed} />
      </section>

      <section aria-labelledby="p-calls">
        <h2 id="p-calls" className="mb-2 text-xl font-bold">
          {t("certification.personCalls")}
        </h2>
        {calls.length === 0 ? (
          <EmptyState>{t("home.personCallsEmpty", { name: person.name })}</EmptyState>
        ) : (
          <div className="relative overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full text-left text-sm" data-testid="person-calls">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className={th}>{t("home.teamColDate")}</th>
                  <th scope="col" className={th}>{t("home.teamColScenario")}</th>
                  <th scope="col" className={th}>{t("home.teamColMode")}</th>
                  <th scope="col" className={th}>{t("home.teamColOutcome")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("home.teamColScore")}</th>
                  <th scope="col" className={th}>{t("home.teamColResult")}</th>
                  <th scope="col" className={th}>{t("home.teamColReport")}</th>
                </tr>
              </thead>
              <tbody>
                {calls.map((c) => (
                  <tr key={c.id} className="border-t border-slate-200" data-attempt={c.id}>
                    <td className={`${th} whitespace-nowrap`}>
                      <LocalTime iso={c.startedAt} locale={locale} />
                    </td>
                    <td className={th}>{c.scenario.title?.[locale] ?? c.scenario.slug}</td>
                    <td className={th}>{t(MODE_LABEL[c.mode])}</td>
                    <td className={th}>{c.status !== "ended" ? t("home.teamInProgress") : c.abandoned ? t("report.abandoned") : c.outcome ? t(OUTCOME_LABEL[c.outcome]) : "—"}</td>
                    <td className={`${th} text-right tabular-nums`}>{c.score ? `${c.score.overall}/100` : "—"}</td>
                    <td className={th}>{c.score ? <PassBadge passed={c.score.passed} /> : null}</td>
                    <td className={th}>
                      <Link to={`/calls/${c.id}/report`} className={link} aria-label={`${t("home.teamOpenReport")} — ${c.scenario.title?.[locale] ?? c.scenario.slug}, ${formatDate(c.startedAt, locale)}`}>
                        {t("home.teamOpenReport")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
