/** The catalog: the published scenarios of the trainee's organisation and of the library. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadCatalog } from "../calls/page.server";
import { AssignedTracks } from "../certification/AssignedTracks";
import { loadAssigned } from "../certification/pages.server";
import { EmptyState, PageHeader } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const [catalog, assigned] = await Promise.all([loadCatalog(request), loadAssigned(request)]);
  return { ...catalog, assigned };
}

export default function Catalog() {
  const t = useT();
  const locale = useLocale();
  const { scenarios, assigned } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("call.catalogTitle")} intro={t("call.catalogIntro")} />
      <AssignedTracks tracks={assigned} />
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("call.catalogHeading")}</h2>
        <Link to="/train/history" className="text-brand-800 underline underline-offset-2">
          {t("call.historyLink")}
        </Link>
      </div>
      {scenarios.length === 0 ? (
        <EmptyState>{t("call.catalogEmpty")}</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {scenarios.map((s) => (
            <li key={s.id} className="flex min-w-0 flex-col rounded-lg border border-slate-300 bg-white p-4 shadow-sm [overflow-wrap:anywhere]">
              <h3 className="text-lg font-semibold text-slate-900">{s.title[locale]}</h3>
              <p className="mt-1 text-sm text-slate-700">
                {[
                  t(s.channel === "phone" ? "common.channelPhone" : "common.channelInPerson"),
                  t("common.difficulty", { n: s.difficulty }),
                  t("common.minutes", { n: s.estimatedMinutes }),
                ].join(" · ")}
              </p>
              <p className="mt-2 text-slate-800">{s.setting[locale]}</p>
              <p className="mt-2 text-sm text-slate-700">
                {t("call.languages", {
                  list: s.locales.map((l) => t(l === "en" ? "call.langEn" : "call.langFr")).join(", "),
                })}
              </p>
              <p className="mt-1 text-sm font-medium text-slate-800" data-testid="stats">
                {s.attempts === 0
                  ? t("call.notTried")
                  : [
                      s.attempts === 1 ? t("call.attemptsOne") : t("call.attemptsMany", { n: s.attempts }),
                      s.best !== null ? t("call.bestScore", { n: s.best }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
              </p>
              <div className="mt-auto flex flex-wrap gap-3 pt-3">
                {s.liveAttemptId ? (
                  <Link
                    to={`/calls/${s.liveAttemptId}`}
                    aria-label={t("call.continueCallFor", { title: s.title[locale] })}
                    className="inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
                  >
                    {t("call.continueCall")}
                  </Link>
                ) : null}
                <Link
                  to={`/train/${s.slug}`}
                  aria-label={t("call.openBriefingFor", { title: s.title[locale] })}
                  className={
                    s.liveAttemptId
                      ? "inline-block rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50"
                      : "inline-block rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
                  }
                >
                  {t("call.openBriefing")}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
