/** The trainer's home: every scenario the organisation can use, with status and version. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { EmptyState, PageHeader } from "../components/Layout";
import type { MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { listScenarios } from "../progress/catalog.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainer"]);
  return { scenarios: await listScenarios(user.org.id, { publishedOnly: false }) };
}

const STATUS: Record<string, MessageKey> = {
  draft: "common.statusDraft",
  published: "common.statusPublished",
  archived: "common.statusArchived",
};

export default function AuthorHome() {
  const t = useT();
  const locale = useLocale();
  const { scenarios } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("home.authorTitle")} intro={t("home.authorIntro")} />
      {scenarios.length === 0 ? (
        <EmptyState>{t("home.authorEmpty")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-slate-800">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("home.colTitle")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("home.colChannel")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("home.colDifficulty")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("home.colStatus")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("home.colSource")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("home.colVersion")}
                </th>
              </tr>
            </thead>
            <tbody>
              {scenarios.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <th scope="row" className="px-4 py-2 font-semibold">
                    {s.title?.[locale] ?? s.slug}
                  </th>
                  <td className="px-4 py-2">
                    {s.channel
                      ? t(s.channel === "phone" ? "common.channelPhone" : "common.channelInPerson")
                      : "—"}
                  </td>
                  <td className="px-4 py-2">{s.difficulty ?? "—"}</td>
                  <td className="px-4 py-2">{t(STATUS[s.status] ?? "common.statusDraft")}</td>
                  <td className="px-4 py-2">
                    {s.global ? t("common.globalLibrary") : t("common.organisation")}
                  </td>
                  <td className="px-4 py-2">{s.version ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
