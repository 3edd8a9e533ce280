/** The scenario studio's home: the organisation's scenarios and the library, search, filters, import. */
import "../author/messages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "../components/Layout";
import { useT } from "../i18n/react";
import { importAction, loadHome } from "../author/page.server";
import { StudioHome } from "../author/StudioHome";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Studio" }];

export const loader = ({ request }: LoaderFunctionArgs) => loadHome(request);
export const action = ({ request }: ActionFunctionArgs) => importAction(request);

export default function AuthorHome() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const imported = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={t("author.homeTitle")} intro={t("author.homeIntro")} />
      <StudioHome canEdit={data.canEdit} filters={data.filters} total={data.total} rows={data.rows} imported={imported} />
    </>
  );
}
