/** The live call: ringing, conversation, End call. Ended calls go to their scorecard. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CallScreen } from "../calls/CallScreen";
import { callAction, loadCall } from "../calls/page.server";
import { isStreamedTurn } from "../calls/turn-revalidation";
import { PageHeader } from "../components/Layout";
import { useLocale } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadCall(request, params.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return callAction(request, params.id);
}

/** A streamed turn brings what the page needs (the action's answer, then the stream): no reload (decision 160). */
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  isStreamedTurn(args) ? false : args.defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: "en" | "fr"; appName?: string } | undefined;
  const title = data?.title[root?.locale ?? "en"];
  return [{ title: title ? `${title} · ${root?.appName ?? "Moment of Truth"}` : (root?.appName ?? "Moment of Truth") }];
};

export default function CallPage() {
  const data = useLoaderData<typeof loader>();
  const locale = useLocale();
  return (
    <>
      <PageHeader title={data.title[locale]} />
      <CallScreen data={data} />
    </>
  );
}
