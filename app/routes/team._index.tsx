/**
 * The manager's home: the organisation's people and roles, each person's number of calls and
 * best score, and the organisation's recent calls, each linking to its read-only report
 * (/calls/:id/report, where requireAttemptReader decides again who may read it).
 */
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { Dashboard } from "../certification/Dashboard";
import { loadDashboard } from "../certification/pages.server";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import { t as translate } from "../i18n";
import { MODE_LABEL, OUTCOME_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import {
  cursorParam,
  loadTeamPage,
  normaliseSearch,
  parseCursor,
  SEARCH_MAX,
  TEAM_CALLS_LIMIT,
} from "../progress/team.server";
import { formatDateTime } from "../report/format";
import { LocalTime, useTimeZone } from "../report/LocalTime";
import { PassBadge } from "../report/ReportView";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const url = new URL(request.url);
  const q = normaliseSearch(url.searchParams.get("q"));
  const page = pageParam(url.searchParams.get("page"));
  const before = parseCursor(url.searchParams.get("before"));
  const [{ people, calls }, dashboard] = await Promise.all([
    loadTeamPage(user.org.id, { q, page, before }),
    loadDashboard(user.org.id, url),
  ]);
  // A page past the end of the list of people (an old link, a hand-typed ?page=) goes to the last
  // one instead of saying that nobody has joined.
  if (people.total > 0 && page > people.pageCount) {
    url.searchParams.set("page", String(people.pageCount));
    if (people.pageCount === 1) url.searchParams.delete("page");
    throw redirect(`${url.pathname}${url.search}`);
  }
  return {
    org: user.org.name,
    metaTitle: translate(user.locale, "home.teamTitle"),
    q: q ?? "",
    people: people.rows.map((p) => ({ ...p, joinedAt: p.joinedAt.toISOString() })),
    peoplePage: { page: people.page, pageCount: people.pageCount, total: people.total },
    calls: calls.calls,
    olderCalls: calls.next ? cursorParam(calls.next) : null,
    paged: before !== undefined,
    callsLimit: TEAM_CALLS_LIMIT,
    dashboard,
  };
}

/** ?page=N (1-based, at most 100,000); anything else is page 1. */
function pageParam(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** The team page's URL with these parameters (empty ones left out). */
function teamHref(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== null && v !== undefined && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `/team?${s}` : "/team";
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Team" }];


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
  const { org, q, people, peoplePage, calls, olderCalls, paged, callsLimit, dashboard } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("home.teamTitle")} intro={t("home.teamIntro", { org })} />
      <Dashboard {...dashboard} />

      <Form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-2">
        <div className="flex flex-col">
          <label htmlFor="team-search" className="mb-1 font-semibold text-slate-900">
            {t("home.teamSearchLabel")}
          </label>
          <input
            id="team-search"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={SEARCH_MAX}
            className="w-72 rounded border border-slate-500 px-3 py-2"
          />
        </div>
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
        >
          {t("home.teamSearchButton")}
        </button>
        {q ? (
          <Link to="/team" className="px-2 py-2 font-semibold text-brand-800 underline">
            {t("home.teamSearchClear")}
          </Link>
        ) : null}
      </Form>

      <section aria-labelledby="people-heading" className="mb-10">
        <h2 id="people-heading" className="mb-3 text-xl font-bold text-slate-900">
          {t("home.teamPeopleHeading")}
        </h2>
        {people.length === 0 ? (
          <EmptyState>{q ? t("home.teamSearchNone", { org, q }) : t("home.teamEmpty", { org })}</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-slate-700" data-testid="people-count">
              {q
                ? t("home.teamPeopleCountSearch", {
                    page: peoplePage.page,
                    pages: peoplePage.pageCount,
                    total: peoplePage.total,
                    q,
                  })
                : t("home.teamPeopleCount", {
                    page: peoplePage.page,
                    pages: peoplePage.pageCount,
                    total: peoplePage.total,
                  })}
            </p>
            <div className="relative overflow-x-auto rounded-lg border border-slate-300 bg-white">
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
                        <Link to={`/team/people/${p.id}`} className="text-brand-800 underline underline-offset-2">
                          {p.name}
                        </Link>
                      </th>
                      <td className="px-4 py-2">{p.email}</td>
                      <td className="px-4 py-2">
                        {t(ROLE_LABELS[p.role])}
                        {p.hasPassword ? null : (
                          <span className="ml-2 text-slate-600">({t("home.invitePending")})</span>
                        )}
                      </td>
                      <td className="px-4 py-2">
                        <LocalTime iso={p.joinedAt} locale={locale} dateOnly />
                      </td>
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
            <Pager
              label={t("home.teamPeoplePages")}
              prev={peoplePage.page > 1 ? teamHref({ q, page: peoplePage.page - 1 }) : null}
              prevText={t("home.teamPrevPage")}
              next={
                peoplePage.page < peoplePage.pageCount ? teamHref({ q, page: peoplePage.page + 1 }) : null
              }
              nextText={t("home.teamNextPage")}
            />
          </>
        )}
      </section>

      <section aria-labelledby="calls-heading">
        <h2 id="calls-heading" className="mb-1 text-xl font-bold text-slate-900">
          {t("home.teamCallsHeading")}
        </h2>
        <p className="mb-3 max-w-prose text-slate-700">
          {t("home.teamCallsIntro", { org, limit: callsLimit })}
          {q ? ` ${t("home.teamCallsOf", { q })}` : null}
        </p>
        {calls.length === 0 ? (
          <EmptyState>
            {q ? t("home.teamCallsSearchNone", { q }) : t("home.teamCallsEmpty", { org })}
          </EmptyState>
        ) : (
          <>
            <div className="relative overflow-x-auto rounded-lg border border-slate-300 bg-white">
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
                            : c.abandoned
                              ? t("report.abandoned")
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
            <Pager
              label={t("home.teamCallsPages")}
              prev={paged ? teamHref({ q }) : null}
              prevText={t("home.teamNewestCalls")}
              next={olderCalls ? teamHref({ q, before: olderCalls }) : null}
              nextText={t("home.teamOlderCalls")}
            />
          </>
        )}
      </section>
    </>
  );
}

/** Links to the previous and next pages of a list (a link only where there is a page to go to). */
function Pager(props: {
  label: string;
  prev: string | null;
  prevText: string;
  next: string | null;
  nextText: string;
}) {
  if (!props.prev && !props.next) return null;
  const link =
    "font-semibold text-brand-800 underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";
  return (
    <nav aria-label={props.label} className="mt-3 flex gap-6">
      {props.prev ? (
        <Link to={props.prev} className={link} rel="prev">
          ← {props.prevText}
        </Link>
      ) : null}
      {props.next ? (
        <Link to={props.next} className={link} rel="next">
          {props.nextText} →
        </Link>
      ) : null}
    </nav>
  );
}
