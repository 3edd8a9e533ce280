/** /certificates/:id — a printable certificate (its holder, or a trainer, manager or admin of its organisation). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "../certification/dates";
import { loadCertificate } from "../certification/pages.server";
import { t as translate } from "../i18n";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCertificate(request, params.id);
}

// The browser tab's title in the reader's language (the track's name too).
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? translate(data.locale, "certification.certificateMetaTitle", { name: data.person, track: data.name[data.locale] })
      : translate("en", "certification.certificateMetaFallback"),
  },
];

export default function Certificate() {
  const t = useT();
  const locale = useLocale();
  const c = useLoaderData<typeof loader>();
  return (
    <article className="mx-auto max-w-2xl rounded-lg border-4 border-double border-brand-700 bg-white p-10 text-center print:border-black" data-testid="certificate">
      {c.withdrawn ? (
        <div role="note" className="mb-6 rounded border-2 border-red-800 bg-red-50 p-3 text-left text-red-900" data-testid="certificate-withdrawn">
          <p className="font-semibold">
            {t("certification.certificateWithdrawn", {
              date: formatDate(c.withdrawn.at, locale),
              name: c.withdrawn.byName,
              reason: c.withdrawn.reason,
            })}
          </p>
        </div>
      ) : null}
      <h1 className="text-3xl font-bold text-slate-900">
        {t(c.withdrawn ? "certification.certificateWithdrawnHeading" : "certification.certificateTitle")}
      </h1>
      <p className="mt-6 text-xl text-slate-900">{t(c.withdrawn ? "certification.certificateBodyWithdrawn" : "certification.certificateBody", { name: c.person, track: c.name[locale] })}</p>
      <p className="mt-4 text-slate-800">{t("certification.certificateIssued", { date: formatDate(c.issuedAt, locale) })}</p>
      {c.expiresAt ? <p className="text-slate-800" data-testid="certificate-expires">{t("certification.certificateExpires", { date: formatDate(c.expiresAt, locale) })}</p> : null}
      <p className="mt-2 text-sm text-slate-700">{t("certification.certificateVersion", { n: c.version })}</p>
      {c.calls.length + c.missingCalls > 0 ? (
        <section aria-labelledby="certificate-evidence" className="mt-6 text-left" data-testid="certificate-evidence">
          <h2 id="certificate-evidence" className="text-center text-sm font-semibold text-slate-800">
            {t("certification.certificateEvidence")}
          </h2>
          <ul className="mx-auto mt-2 max-w-md space-y-1 text-sm text-slate-800">
            {c.calls.map((call) => {
              const scenario = call.title?.[locale] ?? call.slug;
              const date = formatDate(call.startedAt, locale);
              const line =
                call.overall === null
                  ? t("certification.certificateEvidenceUnscored", { scenario, date })
                  : t("certification.certificateEvidenceCall", { scenario, date, score: call.overall });
              return (
                <li key={call.attemptId}>
                  <Link
                    to={`/calls/${call.attemptId}/report`}
                    className="text-brand-800 underline underline-offset-2 print:text-slate-900 print:no-underline"
                  >
                    {line}
                  </Link>
                  {call.override?.passed ? (
                    <span className="block pl-4 text-slate-700" data-testid="evidence-override">
                      {t("certification.certificateEvidenceOverride", { name: call.override.byName, reason: call.override.reason })}
                    </span>
                  ) : null}
                </li>
              );
            })}
            {c.missingCalls > 0
              ? Array.from({ length: c.missingCalls }, (_, i) => <li key={`missing-${i}`}>{t("certification.certificateEvidenceMissing")}</li>)
              : null}
          </ul>
        </section>
      ) : null}
      <button
        type="button"
        onClick={() => window.print()}
        className="mt-8 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 print:hidden"
      >
        {t("certification.certificatePrint")}
      </button>
    </article>
  );
}
