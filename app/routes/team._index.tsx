/** The manager's home: the organisation's people and roles. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";
import { listPeople } from "../org.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const people = await listPeople(user.org.id);
  return {
    org: user.org.name,
    people: people.map((p) => ({ ...p, joinedAt: p.joinedAt.toISOString() })),
  };
}

export default function TeamHome() {
  const t = useT();
  const locale = useLocale();
  const { org, people } = useLoaderData<typeof loader>();
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "medium" });
  return (
    <>
      <PageHeader title={t("home.teamTitle")} intro={t("home.teamIntro", { org })} />
      {people.length === 0 ? (
        <EmptyState>{t("home.teamEmpty", { org })}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
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
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
