/** /certificates/:id — a printable certificate (its holder, or a trainer, manager or admin of its organisation). */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "../certification/dates";
import { loadCertificate } from "../certification/pages.server";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCertificate(request, params.id);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.person} — ${data.name.en}` : "Certificate" }];

export default function Certificate() {
  const t = useT();
  const locale = useLocale();
  const c = useLoaderData<typeof loader>();
  return (
    <article className="mx-auto max-w-2xl rounded-lg border-4 border-double border-brand-700 bg-white p-10 text-center print:border-black" data-testid="certificate">
      <h1 className="text-3xl font-bold text-slate-900">{t("certification.certificateTitle")}</h1>
      <p className="mt-6 text-xl text-slate-900">{t("certification.certificateBody", { name: c.person, track: c.name[locale] })}</p>
      <p className="mt-4 text-slate-800">{t("certification.certificateIssued", { date: formatDate(c.issuedAt, locale) })}</p>
      {c.expiresAt ? <p className="text-slate-800" data-testid="certificate-expires">{t("certification.certificateExpires", { date: formatDate(c.expiresAt, locale) })}</p> : null}
      <p className="mt-2 text-sm text-slate-700">{t("certification.certificateVersion", { n: c.version })}</p>
      <p className="mt-1 text-xs text-slate-700">
        {t("certification.certificateEvidence")}: {c.evidence.join(", ")}
      </p>
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
