/** The briefing's certification box: said plainly before starting, what makes this call count. */
import type { MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { formatDate } from "./dates";

export interface CertificationBriefing {
  trackId: string;
  name: { en: string; fr: string };
  passMark: number;
  language: "en" | "fr" | null;
  attemptsAllowed: number | null;
  attemptNumber: number;
  hideCoaching: boolean;
  availableAt: string | null;
  openAttemptId: string | null;
  blocked: string | null;
}

export function CertificationNotice({ cert }: { cert: CertificationBriefing }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-labelledby="cert-heading"
      className="mt-6 rounded-lg border-2 border-amber-700 bg-amber-50 p-5 text-slate-900"
      data-testid="certification-notice"
    >
      <h2 id="cert-heading" className="text-lg font-bold">
        {t("certification.certBriefingHeading")}
      </h2>
      <p className="mt-1">{t("certification.certBriefingText", { track: cert.name[locale], passMark: cert.passMark })}</p>
      <ul className="mt-2 list-disc pl-6">
        <li>
          {cert.attemptsAllowed === null
            ? t("certification.certAttemptsUnlimited", { n: cert.attemptNumber })
            : cert.attemptNumber > cert.attemptsAllowed
              ? t("certification.certAttemptsUsedUp", { max: cert.attemptsAllowed })
              : t("certification.certAttemptsLeft", { n: cert.attemptNumber, max: cert.attemptsAllowed })}
        </li>
        {cert.language ? <li>{t("certification.certLanguageFixed", { language: t(cert.language === "en" ? "certification.languageNameEn" : "certification.languageNameFr") })}</li> : null}
        {cert.hideCoaching ? <li>{t("certification.certCoachingHidden")}</li> : null}
      </ul>
      {cert.blocked ? (
        <p role="alert" className="mt-3 font-semibold text-red-800">
          {t(cert.blocked as MessageKey)}
          {cert.availableAt ? ` ${t("certification.certCooldownUntil", { date: formatDate(cert.availableAt, locale) })}` : null}
        </p>
      ) : null}
    </section>
  );
}
