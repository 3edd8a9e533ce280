/** The briefing of a scenario (who you are, where you are, the goal; never the hidden facts) and Start. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { OpenCallNotice } from "../calls/OpenCallNotice";
import { loadBriefing, startFromBriefing } from "../calls/page.server";
import { CertificationNotice } from "../certification/CertificationNotice";
import { loadCertificationBriefing, startCertificationFromBriefing } from "../certification/pages.server";
import { PageHeader } from "../components/Layout";
import { LOCALES, LOCALE_NAMES } from "../i18n";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [briefing, certification] = await Promise.all([
    loadBriefing(request, params.slug),
    loadCertificationBriefing(request, params.slug),
  ]);
  return { ...briefing, certification };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.clone().formData();
  // A certification call (the briefing opened from "Assigned to you"): the track's rules apply.
  if (form.has("track")) return startCertificationFromBriefing(request, params.slug, form);
  return startFromBriefing(request, params.slug);
}

export default function Briefing() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const starting = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  // A call in progress this page did not know about (another tab): said, with its two ways on, in place of Start.
  const openCall = actionData && "openCall" in actionData ? actionData.openCall : null;
  return (
    <>
      <p className="mb-2">
        <Link to="/train" className="text-brand-800 underline underline-offset-2">
          {t("call.backToCatalog")}
        </Link>
      </p>
      <PageHeader title={data.title[locale]} />
      <p className="-mt-4 mb-6 text-sm text-slate-700">
        {[
          t(data.channel === "phone" ? "common.channelPhone" : "common.channelInPerson"),
          t("common.difficulty", { n: data.difficulty }),
          t("common.minutes", { n: data.estimatedMinutes }),
        ].join(" · ")}
      </p>
      <section aria-labelledby="briefing-title" className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm [overflow-wrap:anywhere]">
        <h2 id="briefing-title" className="sr-only">
          {t("call.briefingLabel")}
        </h2>
        <dl className="space-y-4">
          <div>
            <dt className="font-semibold text-slate-900">{t("call.yourRole")}</dt>
            <dd className="mt-1 text-slate-800">{data.role[locale]}</dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-900">{t("call.whereYouAre")}</dt>
            <dd className="mt-1 text-slate-800">{data.setting[locale]}</dd>
          </div>
          <div>
            <dt className="font-semibold text-slate-900">{t("call.yourGoal")}</dt>
            <dd className="mt-1 text-slate-800">{data.goal[locale]}</dd>
          </div>
        </dl>
        <p className="mt-4 rounded bg-brand-50 p-3 text-slate-900">
          {data.channel === "phone" ? t("call.phoneHint") : t("call.inPersonHint", { name: data.customerName })}
        </p>
      </section>

      {data.certification ? <CertificationNotice cert={data.certification} /> : null}
      {openCall ? <OpenCallNotice call={openCall} startId={data.startId} stream={hydrated} /> : null}
      {data.liveAttemptId && !data.certification && !openCall ? (
        <p className="mt-6 rounded border border-brand-700 bg-brand-50 p-3 text-slate-900">
          {t("call.inProgress")}{" "}
          <Link to={`/calls/${data.liveAttemptId}`} className="font-semibold text-brand-800 underline underline-offset-2">
            {t("call.continueCall")}
          </Link>
        </p>
      ) : null}
      {data.certification?.blocked || openCall ? null : (
      <Form method="post" className="mt-6 rounded-lg border border-slate-300 bg-white p-5 shadow-sm">
        {hydrated ? <input type="hidden" name="mode" value="stream" /> : null}
        <input type="hidden" name="startId" value={data.startId} />
        {data.certification ? <input type="hidden" name="track" value={data.certification.trackId} /> : null}
        {data.certification?.openAttemptId ? <input type="hidden" name="resume" value={data.certification.openAttemptId} /> : null}
        {data.liveAttemptId && !data.certification ? <input type="hidden" name="replace" value={data.liveAttemptId} /> : null}
        <fieldset aria-describedby="call-language-hint">
          <legend className="font-semibold text-slate-900">{t("call.callLanguage")}</legend>
          <p id="call-language-hint" className="text-sm text-slate-700">
            {t("call.callLanguageHint")}
          </p>
          <div className="mt-2 flex gap-6">
            {LOCALES.filter((l) => !data.certification?.language || l === data.certification.language).map((l) => (
              <label key={l} className="flex items-center gap-2 text-slate-900">
                <input type="radio" name="callLocale" value={l} defaultChecked={data.certification?.language ? true : l === data.defaultCallLocale} className="h-4 w-4" />
                <span lang={l}>{LOCALE_NAMES[l]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {actionData && "error" in actionData ? (
          <p role="alert" className="mt-2 text-sm font-medium text-red-800">
            {t(actionData.error)}
          </p>
        ) : null}
        <button
          type="submit"
          aria-disabled={starting ? true : undefined}
          className="mt-4 rounded bg-brand-700 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-800 aria-disabled:opacity-60"
        >
          {data.certification
            ? t(data.certification.openAttemptId ? "call.continueCall" : "certification.certStart")
            : t(data.liveAttemptId ? "call.startAgain" : "call.start")}
        </button>
        {data.liveAttemptId && !data.certification ? <p className="mt-2 text-sm text-slate-700">{t("call.startAgainHint")}</p> : null}
      </Form>
      )}
    </>
  );
}
