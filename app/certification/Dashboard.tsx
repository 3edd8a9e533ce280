/** The certification part of /team: tracks, counts, the filtered matrix, CSV exports, what to coach next, team progress. */
import { Form, Link } from "@remix-run/react";
import { LocalTime } from "../report/LocalTime";
import { EmptyState, ROLE_LABELS } from "../components/Layout";
import { DIMENSION_LABEL, type DimensionValue } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import type { Matrix, MissedCheckpoint, ProgressPoint } from "../progress/certification.server";
import type { TrackSummary } from "./tracks.server";
import { ProgressChart } from "./ProgressChart";
import { STATUS_LABEL, StatusBadge } from "./StatusBadge";

const STATUSES = ["certified", "expiring", "expired", "overdue", "in_progress", "not_started"] as const;
const ROLES = ["trainee", "trainer", "manager", "admin"] as const;
const link = "font-semibold text-brand-800 underline underline-offset-2";

export function Dashboard(props: {
  filters: { trackId?: string; status?: string; role?: string };
  tracks: TrackSummary[];
  matrix: Matrix;
  missed: MissedCheckpoint[];
  missedWindow: number;
  progress: ProgressPoint[];
}) {
  const t = useT();
  const locale = useLocale();
  const { filters, tracks, matrix } = props;
  const query = new URLSearchParams(
    Object.entries({ track: filters.trackId, status: filters.status, role: filters.role }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return (
    <>
      <section aria-labelledby="tracks-heading" className="mb-10">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tracks-heading" className="text-xl font-bold text-slate-900">
            {t("certification.tracksHeading")}
          </h2>
          <Link to="/team/tracks/new" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("certification.newTrack")}
          </Link>
        </div>
        {tracks.length === 0 ? (
          <EmptyState>{t("certification.tracksEmpty")}</EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="tracks">
            {tracks.map((tr) => (
              <li key={tr.id} className="rounded-lg border border-slate-300 bg-white p-3">
                <Link to={`/team/tracks/${tr.id}`} className={link}>
                  {tr.name[locale]}
                </Link>
                <p className="text-sm text-slate-700">
                  {[
                    t("certification.trackVersion", { n: tr.version }),
                    t("certification.trackScenarioCount", { n: tr.scenarioCount }),
                    t("certification.trackValidity", { n: tr.validityMonths }),
                    t("certification.trackAssignedCount", { n: tr.assigned }),
                  ].join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {tracks.length > 0 ? (
        <section aria-labelledby="matrix-heading" className="mb-10">
          <h2 id="matrix-heading" className="mb-3 text-xl font-bold text-slate-900">
            {t("certification.dashboardHeading")}
          </h2>
          <ul aria-label={t("certification.countsLabel")} className="mb-4 flex flex-wrap gap-3" data-testid="counts">
            {STATUSES.map((s) => (
              <li key={s} className="rounded border border-slate-300 bg-white px-3 py-2 text-center" data-count={s}>
                <span className="block text-2xl font-bold tabular-nums">{matrix.counts[s]}</span>
                <span className="text-sm text-slate-800">{t(STATUS_LABEL[s])}</span>
              </li>
            ))}
          </ul>
          <Form method="get" className="mb-4 flex flex-wrap items-end gap-3">
            <Select name="track" label={t("certification.filterTrack")} value={filters.trackId}>
              {tracks.map((tr) => (
                <option key={tr.id} value={tr.id}>
                  {tr.name[locale]}
                </option>
              ))}
            </Select>
            <Select name="status" label={t("certification.filterStatus")} value={filters.status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(STATUS_LABEL[s])}
                </option>
              ))}
            </Select>
            <Select name="role" label={t("certification.filterRole")} value={filters.role}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABELS[r])}
                </option>
              ))}
            </Select>
            <button type="submit" className="rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
              {t("certification.filterApply")}
            </button>
          </Form>
          {matrix.rows.length === 0 ? (
            <EmptyState>{t("certification.matrixEmpty")}</EmptyState>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="w-full text-left text-sm" data-testid="matrix">
                <caption className="sr-only">{t("certification.matrixCaption")}</caption>
                <thead className="bg-slate-100 text-slate-800">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("home.colName")}
                    </th>
                    {matrix.tracks.map((tr) => (
                      <th key={tr.id} scope="col" className="px-3 py-2">
                        {tr.name[locale]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.rows.map((r) => (
                    <tr key={r.userId} className="border-t border-slate-200" data-person={r.userId}>
                      <th scope="row" className="px-3 py-2 font-semibold">
                        <Link to={`/team/people/${r.userId}`} className={link} aria-label={t("certification.openPerson", { name: r.name })}>
                          {r.name}
                        </Link>
                        <span className="block text-xs font-normal text-slate-700">{t(ROLE_LABELS[r.role])}</span>
                      </th>
                      {matrix.tracks.map((tr) => {
                        const c = r.cells[tr.id];
                        return (
                          <td key={tr.id} className="px-3 py-2" data-track={tr.id}>
                            {c ? <StatusBadge status={c.status} dueAt={c.dueAt} expiresAt={c.expiresAt} /> : <span className="text-slate-700">{t("certification.notAssigned")}</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="mt-3 flex flex-wrap gap-6">
            <a href={`/team/export/matrix.csv${query ? `?${query}` : ""}`} className={link} download>
              {t("certification.exportMatrix")}
            </a>
            <a href="/team/export/attempts.csv" className={link} download>
              {t("certification.exportAttempts")}
            </a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="missed-heading" className="mb-10">
        <h2 id="missed-heading" className="mb-1 text-xl font-bold text-slate-900">
          {t("certification.missedHeading")}
        </h2>
        <p className="mb-3 text-slate-700">{t("certification.missedIntro", { n: props.missedWindow })}</p>
        <MissedList missed={props.missed} showNames />
      </section>

      <section aria-labelledby="progress-heading" className="mb-10">
        <h2 id="progress-heading" className="mb-1 text-xl font-bold text-slate-900">
          {t("certification.progressHeading")}
        </h2>
        <p className="mb-3 text-slate-700">{t("certification.progressIntro")}</p>
        {props.progress.length === 0 ? <EmptyState>{t("certification.progressEmpty")}</EmptyState> : <ProgressChart points={props.progress} id="team-progress" />}
      </section>
    </>
  );
}

/** `showNames`: the team's list (each example call says whose it is); a person's own list gives the dates only. */
export function MissedList({ missed, showNames = false }: { missed: MissedCheckpoint[]; showNames?: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (missed.length === 0) return <EmptyState>{t("certification.missedEmpty")}</EmptyState>;
  return (
    <ol className="space-y-2" data-testid="missed">
      {missed.map((m) => (
        <li key={`${m.scenarioSlug}/${m.checkpointId}`} className="rounded border-l-4 border-amber-700 bg-white p-3 shadow-sm" data-checkpoint={m.checkpointId}>
          <p className="font-medium text-slate-900">
            {m.label[locale]}{" "}
            <span className="text-sm text-slate-700">
              ({m.scenarioTitle?.[locale] ?? m.scenarioSlug} · {DIMENSION_LABEL[m.dimension as DimensionValue] ? t(DIMENSION_LABEL[m.dimension as DimensionValue]) : m.dimension} ·{" "}
              {t("certification.missedTimes", { n: m.missed })})
            </span>
          </p>
          <p className="mt-1 flex flex-wrap gap-4 text-sm">
            {m.examples.map((e) => (
              // Date and time and the call's score: two calls of one person on one day are told apart.
              <Link key={e.id} to={`/calls/${e.id}/report`} className={link} title={t("certification.missedExampleLabel", { checkpoint: m.label[locale] })}>
                {showNames ? `${e.name}, ` : ""}
                <LocalTime iso={e.at} locale={locale} />
                {` · ${e.score === null ? t("certification.missedExampleNoScore") : t("certification.missedExampleScore", { score: e.score })}`}
              </Link>
            ))}
          </p>
        </li>
      ))}
    </ol>
  );
}

function Select(props: { name: string; label: string; value?: string; children: React.ReactNode }) {
  const t = useT();
  const id = `filter-${props.name}`;
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="mb-1 font-semibold text-slate-900">
        {props.label}
      </label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""} className="rounded border border-slate-500 bg-white px-3 py-2">
        <option value="">{t("certification.filterAll")}</option>
        {props.children}
      </select>
    </div>
  );
}
