/**
 * /calls/:id/report — the scorecard of a call, and the read-only view of a past call:
 * score, the three dimensions with every checkpoint (hits link to the words that earned
 * them), penalties, the customer's mood over the call, the transcript. The trainee who made
 * the call may "Try again" (a form post: works without JavaScript).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageHeader } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";
import { t as translate } from "../i18n";
import { requireAttemptReader } from "../report/access.server";
import { LocalTime } from "../report/LocalTime";
import { getReport } from "../report/report.server";
import { tryAgain } from "../report/retry.server";
import { Dimensions, ScoreSummary, Timeline, Transcript } from "../report/ReportView";
import { ReviewPanel } from "../report/ReviewPanel";
import { reviewFromForm, reviewPartOf } from "../certification/reviews.server";
import { certificationReportOf, coachingHiddenFor } from "../certification/certify.server";
import { passesTrackScenario } from "../certification/rules";
import { formatDate } from "../certification/dates";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAttemptReader(request, params.id);
  const [report, review] = await Promise.all([getReport(access.attempt, access.user.locale), reviewPartOf(access)]);
  const certifying = access.attempt.mode === "certification";
  const [hideTips, track] = await Promise.all([
    access.isOwner && certifying ? coachingHiddenFor(access.user, access.attempt.id, report.scenario.slug) : false,
    certifying ? certificationReportOf(access.attempt.id) : null,
  ]);
  const card = report.scorecard;
  // Judged against the track's requirement for this scenario; a reviewer's override (judge "review") decides.
  const certification = track
    ? {
        ...track,
        met: card ? passesTrackScenario({ ...card.scores, judge: card.judge, passed: card.passed }, track) : false,
        // The reviewer's override that decided it, said under the score instead of the score rule.
        decision: card?.judge === "review" ? review.override : null,
      }
    : null;
  return {
    report,
    review,
    hideTips,
    certification,
    isOwner: access.isOwner,
    metaTitle: translate(access.user.locale, "report.metaTitle", {
      scenario: report.scenario.title[access.user.locale],
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAttemptReader(request, params.id);
  const form = await request.formData();
  if (form.get("intent") === "review") return reviewFromForm(access, form);
  if (form.get("intent") !== "try-again") {
    return new Response("Unknown action", { status: 400 });
  }
  if (!access.isOwner) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  const result = await tryAgain(access.attempt, access.user);
  if (!result.ok) return { error: "notPlayable" as const };
  return redirect(`/calls/${result.attemptId}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Scorecard" }];

export default function CallReport() {
  const t = useT();
  const locale = useLocale();
  const { report, isOwner, review, hideTips, certification } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const ended = report.attempt.status === "ended";
  const title = report.scenario.title[locale];
  return (
    <>
      {/* "Bilan de l'échange" for a conversation at a desk, "Bilan de l'appel" for a phone call. */}
      <PageHeader title={t(report.scenario.channel === "in-person" ? "report.titleInPerson" : "report.title")} />
      <p className="-mt-4 mb-4 text-slate-700">
        {title} · <LocalTime iso={report.attempt.startedAt} locale={locale} />
      </p>
      {!isOwner ? (
        <p className="mb-4 rounded-md border border-brand-600 bg-brand-50 p-3 text-slate-900" role="note">
          {t(review.canReview ? "report.readOnlyReviewer" : "report.readOnly", { name: report.trainee.name })}
        </p>
      ) : null}
      {!ended ? (
        <div className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-slate-900">
          <p>{t("report.inProgress")}</p>
          {isOwner ? (
            <p className="mt-2">
              <Link to={`/calls/${report.attempt.id}`} className="font-semibold text-brand-700 underline">
                {t("report.continueCall")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : report.attempt.abandoned ? (
        <p className="mb-4 rounded-md border border-slate-400 bg-white p-3 text-slate-900" data-testid="abandoned-note">
          {t("report.abandonedReport")}
        </p>
      ) : !report.scorecard ? (
        <p className="mb-4 rounded-md border border-slate-400 bg-white p-3 text-slate-900">
          {t("report.notScored")}
        </p>
      ) : null}
      {review.override ? (
        <p className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-slate-900" role="note" data-testid="override-note">
          {t("certification.overriddenNoteQuoted", { name: review.override.by, reason: review.override.reason })}
        </p>
      ) : null}
      {actionData && "error" in actionData && actionData.error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {t("report.notPlayable")}
        </p>
      ) : null}

      {certification ? (
        <section
          aria-labelledby="certification-call"
          className="mb-4 rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900"
          data-testid="certification-call"
        >
          <h2 id="certification-call" className="font-semibold">
            {t("certification.reportCertHeading")}
          </h2>
          <p>{t("certification.reportCertTrack", { track: certification.name[locale] })}</p>
          {report.scorecard ? (
            <p>{t(certification.met ? "certification.reportCertMet" : "certification.reportCertNotMet")}</p>
          ) : null}
          {/* Never "does not meet" and "completed the track" together: a "not passed" override withdraws the certificate (decision 273). */}
          {certification.certificateId && certification.met ? (
            <p className="mt-1">
              {t("certification.reportCertCompleted")}{" "}
              <Link to={`/certificates/${certification.certificateId}`} className="font-semibold text-brand-800 underline">
                {t("certification.reportCertOpenCertificate")}
              </Link>
            </p>
          ) : certification.withdrawn ? (
            <p className="mt-1" data-testid="certification-withdrawn">
              {t("certification.reportCertWithdrawn", {
                date: formatDate(certification.withdrawn.at, locale),
                name: certification.withdrawn.byName,
                reason: certification.withdrawn.reason,
              })}{" "}
              <Link to={`/certificates/${certification.withdrawn.certificateId}`} className="font-semibold text-brand-800 underline">
                {t("certification.reportCertOpenCertificate")}
              </Link>
            </p>
          ) : certification.certificateId ? (
            <p className="mt-1">
              {t("certification.reportCertNotInForce")}{" "}
              <Link to={`/certificates/${certification.certificateId}`} className="font-semibold text-brand-800 underline">
                {t("certification.reportCertOpenCertificate")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <ScoreSummary
        report={report}
        certification={certification}
        actions={
          <>
            {isOwner && ended ? (
              <Form method="post">
                <input type="hidden" name="intent" value="try-again" />
                <button
                  type="submit"
                  disabled={navigation.state === "submitting"}
                  aria-describedby="try-again-hint"
                  className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
                >
                  {/* After a certification call, "try again" is practice: it says so (it never counts for the track). */}
                  {certification ? t("certification.reportPractiseAgain") : t("report.tryAgain")}
                </button>
                <span id="try-again-hint" className="sr-only">
                  {certification ? t("certification.reportPractiseAgainHint") : t("report.tryAgainHint")}
                </span>
              </Form>
            ) : null}
            {isOwner ? (
              <Link to="/train/history" className="font-semibold text-brand-700 underline">
                {t("report.history")}
              </Link>
            ) : null}
          </>
        }
      />
      <ReviewPanel
        reviews={review.reviews}
        canReview={review.canReview}
        scored={Boolean(report.scorecard)}
        error={actionData && "reviewError" in actionData ? actionData.reviewError : null}
        saved={Boolean(actionData && "reviewSaved" in actionData && actionData.reviewSaved)}
      />
      {hideTips ? (
        <p className="mb-4 rounded-md border border-slate-400 bg-white p-3 text-slate-900" role="note">
          {t("certification.coachingHiddenNote")}
        </p>
      ) : null}
      <Dimensions
        report={report}
        trainee={isOwner ? null : report.trainee.name}
        hideTips={hideTips}
        passMark={certification?.passMark}
      />
      <Timeline report={report} />
      <Transcript report={report} trainee={isOwner ? null : report.trainee.name} />
    </>
  );
}
