/** A person's status on a track, in words and colour (never colour alone), with its date. */
import { formatDate } from "./dates";
import { useLocale, useT } from "../i18n/react";
import type { TrackStatus } from "./rules";

export const STATUS_LABEL = {
  certified: "certification.status_certified",
  expiring: "certification.status_expiring",
  expired: "certification.status_expired",
  overdue: "certification.status_overdue",
  in_progress: "certification.status_in_progress",
  not_started: "certification.status_not_started",
} as const;

const CLASS: Record<TrackStatus, string> = {
  certified: "border-emerald-800 bg-emerald-50 text-emerald-900",
  expiring: "border-amber-800 bg-amber-50 text-amber-900",
  expired: "border-slate-600 bg-slate-100 text-slate-900",
  overdue: "border-red-800 bg-red-50 text-red-900",
  in_progress: "border-brand-700 bg-brand-50 text-slate-900",
  not_started: "border-slate-400 bg-white text-slate-800",
};

export function StatusBadge({ status, dueAt, expiresAt }: { status: TrackStatus; dueAt?: string | null; expiresAt?: string | null }) {
  const t = useT();
  const locale = useLocale();
  const detail =
    (status === "certified" || status === "expiring") && expiresAt
      ? t("certification.certifiedUntil", { date: formatDate(expiresAt, locale) })
      : status === "expired" && expiresAt
        ? t("certification.expiredOn", { date: formatDate(expiresAt, locale) })
        : status === "overdue" && dueAt
          ? t("certification.overdueSince", { date: formatDate(dueAt, locale) })
          : dueAt
            ? t("certification.dueOn", { date: formatDate(dueAt, locale) })
            : null;
  return (
    <span className={`inline-flex flex-col rounded border px-2 py-1 text-xs ${CLASS[status]}`} data-status={status}>
      <span className="font-bold">{t(STATUS_LABEL[status])}</span>
      {detail ? <span data-testid="status-detail">{detail}</span> : null}
    </span>
  );
}
