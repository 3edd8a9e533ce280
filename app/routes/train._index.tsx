/** First version of the trainee's home: the organisation's published scenarios. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth.server";
import { EmptyState, PageHeader } from "../components/Layout";
import { ScenarioCards } from "../components/ScenarioList";
import { useT } from "../i18n/react";
import { listScenarios } from "../org.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["trainee", "trainer"]);
  return { scenarios: await listScenarios(user.org.id, { publishedOnly: true }) };
}

export default function TrainHome() {
  const t = useT();
  const { scenarios } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("home.trainTitle")} intro={t("home.trainIntro")} />
      <h2 className="mb-3 text-lg font-semibold">{t("home.scenariosHeading")}</h2>
      {scenarios.length === 0 ? <EmptyState>{t("home.trainEmpty")}</EmptyState> : <ScenarioCards scenarios={scenarios} />}
    </>
  );
}
