/** /team/tracks/:id/edit — new rules for a track: saved as the next version. (`$id_`: not nested in the track page, which has no outlet.) */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { loadTrackForm, saveTrackForm } from "../certification/pages.server";
import { TrackForm } from "../certification/TrackForm";
import { PageHeader } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadTrackForm(request, params.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return saveTrackForm(request, params.id);
}

export default function EditTrack() {
  const t = useT();
  const locale = useLocale();
  const { id } = useParams();
  const { choices, current } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const nav = useNavigation();
  return (
    <>
      <p className="mb-2">
        <Link to={`/team/tracks/${id}`} className="text-brand-800 underline underline-offset-2">
          {current?.rules.name[locale]}
        </Link>
      </p>
      <PageHeader
        title={t("certification.editTrackTitle", { name: current?.rules.name[locale] ?? "" })}
        intro={t("certification.editTrackIntro", { n: (current?.version ?? 0) + 1 })}
      />
      <TrackForm choices={choices} current={current?.rules ?? null} error={data?.error ?? null} fieldErrors={data?.fieldErrors} values={data?.values} submitLabel={t("certification.saveTrack")} busy={nav.state !== "idle"} />
    </>
  );
}
