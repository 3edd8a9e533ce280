/** "Assigned to you" on /train: each track, its progress and due date (overdue in red), and what a certification call is. */
import { Link } from "@remix-run/react";
import { useLocale, useT } from "../i18n/react";
import type { AssignedTrack } from "../progress/certification.server";
import { StatusBadge } from "./StatusBadge";

export function AssignedTracks({ tracks }: { tracks: AssignedTrack[] }) {
  const t = useT();
  const locale = useLocale();
  if (tracks.length === 0) return null;
  return (
    <section aria-labelledby="assigned-heading" className="mb-10" data-testid="assigned-to-you">
      <h2 id="assigned-heading" className="mb-1 text-xl font-bold text-slate-900">
        {t("certification.assignedHeading2")}
      </h2>
      <p className="mb-2 text-slate-700">{t("certification.assignedIntro")}</p>
      <p className="mb-4 max-w-prose rounded border border-brand-700 bg-brand-50 p-3 text-slate-900" id="practise-or-certify">
        {t("certification.practiseOrCertify")}
      </p>
      <ul className="space-y-4">
        {tracks.map((tr) => (
          <li
            key={tr.trackId}
            data-track={tr.trackId}
            className={`rounded-lg border bg-white p-4 shadow-sm ${tr.overdue ? "border-red-700" : "border-slate-300"}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <h3 className="text-lg font-semibold text-slate-900">{tr.name[locale]}</h3>
                {tr.description[locale] ? <p className="text-slate-800">{tr.description[locale]}</p> : null}
              </div>
              <StatusBadge status={tr.status} dueAt={tr.status === "certified" || tr.status === "expiring" ? null : tr.dueAt} expiresAt={tr.certifiedUntil} />
            </div>
            {/* The due date is said once, in the status badge, and not once the track is certified. */}
            {tr.certifiedUnderVersion !== null ? (
              <p className="mt-2 rounded border border-amber-700 bg-amber-50 p-2 text-sm text-slate-900" data-testid="certified-under-version">
                {t("certification.certifiedUnderVersion", { old: tr.certifiedUnderVersion, current: tr.version })}
              </p>
            ) : null}
            <p className="mt-2 text-sm text-slate-800">
              {t("certification.trackProgress", { passed: tr.passedCount, total: tr.scenarios.length })}
            </p>
            <ol className="mt-3 space-y-2">
              {tr.scenarios.map((s) => {
                const title = s.title?.[locale] ?? s.slug;
                return (
                  <li key={s.slug} className="flex flex-wrap items-center gap-3">
                    <span className="font-medium">{title}</span>
                    <span className={s.passed ? "text-emerald-800" : "text-slate-700"}>
                      {s.passed ? `✓ ${t("certification.passedScenario")}` : t("certification.notPassedScenario")}
                    </span>
                    {s.tries > 0 ? <span className="text-sm text-slate-700">{t("certification.triesN", { n: s.tries })}</span> : null}
                    {s.noAttemptsLeft ? (
                      <span className="text-sm font-semibold text-red-800" data-testid="no-attempts-left">
                        {t("certification.noAttemptsLeftScenario")}
                      </span>
                    ) : null}
                    {!s.passed && !s.noAttemptsLeft && tr.status !== "certified" ? (
                      <Link
                        to={`/train/${s.slug}?track=${tr.trackId}`}
                        aria-label={t("certification.takeForCertificationFor", { title })}
                        aria-describedby="practise-or-certify"
                        className="rounded border border-brand-700 px-3 py-1 font-semibold text-brand-800 hover:bg-brand-50"
                      >
                        {t("certification.takeForCertification")}
                      </Link>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {tr.certificationId ? (
              <p className="mt-3">
                <Link to={`/certificates/${tr.certificationId}`} className="font-semibold text-brand-800 underline">
                  {t("certification.certificateLink")}
                </Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
