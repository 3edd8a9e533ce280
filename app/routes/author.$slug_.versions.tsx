/** A scenario's versions: who published what and when, a field-level diff, export, roll back, history. */
import "../author/messages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadVersions, versionsAction } from "../author/page.server";
import { VersionsPage } from "../author/VersionsPage";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Versions" }];
export const loader = ({ request, params }: LoaderFunctionArgs) => loadVersions(request, params.slug);
export const action = ({ request, params }: ActionFunctionArgs) => versionsAction(request, params.slug);

export default function Versions() {
  return <VersionsPage {...useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
