/** /team/tracks/new — a new certification track (trainers, managers, admins). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { loadTrackForm, saveTrackForm } from "../certification/pages.server";
import { TrackForm } from "../certification/TrackForm";
import { PageHeader } from "../components/Layout";
import { useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  return loadTrackForm(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return saveTrackForm(request);
}

export default function NewTrack() {
  const t = useT();
  const { choices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  return (
    <>
      <p className="mb-2">
        <Link to="/team" className="text-brand-800 underline underline-offset-2">
          {t("certification.backToTeam")}
        </Link>
      </p>
      <PageHeader title={t("certification.newTrackTitle")} intro={t("certification.newTrackIntro")} />
      <TrackForm choices={choices} current={null} error={data?.error ?? null} fieldErrors={data?.fieldErrors} values={data?.values} submitLabel={t("certification.createTrack")} busy={nav.state !== "idle"} />
    </>
  );
}
