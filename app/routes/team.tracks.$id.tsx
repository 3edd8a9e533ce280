/** /team/tracks/:id — a track's rules, who it is assigned to (with their status), and assigning it. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { formatDate } from "../certification/dates";
import { assignFromForm, loadTrackPage } from "../certification/pages.server";
import { StatusBadge } from "../certification/StatusBadge";
import { Button, FormError } from "../components/Field";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import type { MessageKey } from "../i18n";
import { DIMENSION_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadTrackPage(request, params.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return assignFromForm(request, params.id);
}

const ROLES = ["trainee", "trainer", "manager", "admin"] as const;

export default function TrackPage() {
  const t = useT();
  const locale = useLocale();
  const { today, track, scenarios, people, assigned } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const r = track.rules;
  const kept = result?.values ?? null;
  const dueRef = useRef<HTMLInputElement>(null);
  const peopleRef = useRef<HTMLFieldSetElement>(null);
  // A refused assignment: keyboard and screen-reader users land on the field to change.
  useEffect(() => {
    if (result?.field === "dueAt") dueRef.current?.focus();
    else if (result?.field === "people") peopleRef.current?.querySelector("input")?.focus();
  }, [result]);
  const errorText = result?.error
    ? t(result.error as MessageKey, result.errorVars?.date ? { date: formatDate(`${result.errorVars.date}T00:00:00Z`, locale) } : undefined)
    : null;
  return (
    <>
      <p className="mb-2">
        <Link to="/team" className="text-brand-800 underline underline-offset-2">
          {t("certification.backToTeam")}
        </Link>
      </p>
      <PageHeader title={r.name[locale]} intro={r.description[locale] || undefined} />
      <section aria-labelledby="rules-heading" className="mb-8 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="rules-heading" className="mb-2 text-lg font-semibold">
          {t("certification.trackVersion", { n: track.version })}
        </h2>
        <ol className="mb-3 list-decimal space-y-1 pl-6">
          {scenarios.map((s) => (
            <li key={s.scenarioId}>
              <span className="font-semibold">{s.title?.[locale] ?? s.slug}</span> — {t("certification.passMark")} {s.passMark}/100
              {(["empathy", "resolution", "anticipation"] as const)
                .filter((d) => s.minimums[d] > 0)
                .map((d) => ` · ${t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })} ${s.minimums[d]}`)
                .join("")}
            </li>
          ))}
        </ol>
        <p className="text-slate-800">
          {t("certification.rulesSummary", {
            attempts: r.attemptsAllowed === null ? t("certification.attemptsUnlimited") : t("certification.attemptsN", { n: r.attemptsAllowed }),
            hours: r.cooldownHours,
            language: r.language === null ? t("certification.languageFree") : r.language === "en" ? "English" : "Français",
            coaching: t(r.hideCoaching ? "certification.coachingHidden" : "certification.coachingShown"),
          })}
          {" · "}
          {t("certification.trackValidity", { n: r.validityMonths })}
        </p>
        <p className="mt-3">
          <Link to={`/team/tracks/${track.id}/edit`} className="font-semibold text-brand-800 underline">
            {t("certification.editTrack")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="assign-heading" className="mb-8 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="assign-heading" className="mb-1 text-lg font-semibold">
          {t("certification.assignHeading")}
        </h2>
        <p className="mb-3 text-slate-700">{t("certification.assignIntro")}</p>
        {/* noValidate: a refused date gets the page's own message (in the reader's language), not the browser's bubble. */}
        <Form method="post" noValidate>
          <div id="assign-error">
            {/* A date refused: the summary points to the field, which carries the message itself. */}
            <FormError>{result?.field === "dueAt" ? t("certification.errorForm") : errorText}</FormError>
          </div>
          {result?.assigned ? (
            <p role="status" className="mb-3 rounded border border-emerald-800 bg-emerald-50 p-2 text-emerald-900">
              {t("certification.assigned", { n: result.assigned })}
            </p>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-3">
            <fieldset ref={peopleRef} aria-describedby={result?.field === "people" ? "assign-error" : undefined}>
              <legend className="font-semibold">{t("certification.assignPeople")}</legend>
              <ul className="mt-1 max-h-64 overflow-y-auto">
                {people.map((p) => (
                  <li key={p.id}>
                    <label className="flex items-center gap-2">
                      <input type="checkbox" name="people" value={p.id} defaultChecked={kept?.people.includes(p.id)} className="h-4 w-4" />
                      {p.name} <span className="text-sm text-slate-700">({t(ROLE_LABELS[p.role])})</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <fieldset>
              <legend className="font-semibold">{t("certification.assignRoles")}</legend>
              {ROLES.map((role) => (
                <label key={role} className="flex items-center gap-2">
                  <input type="checkbox" name="roles" value={role} defaultChecked={kept?.roles.includes(role)} className="h-4 w-4" />
                  {t(ROLE_LABELS[role])}
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor="due-date" className="block font-semibold">
                {t("certification.dueDate")}
              </label>
              <p id="due-date-hint" className="text-sm text-slate-700">
                {t("certification.dueDateHint")}
              </p>
              <input
                ref={dueRef}
                id="due-date"
                name="dueAt"
                type="date"
                min={today}
                defaultValue={kept?.dueAt ?? ""}
                aria-invalid={result?.field === "dueAt" ? true : undefined}
                aria-describedby={result?.field === "dueAt" ? "due-date-hint due-date-error" : "due-date-hint"}
                className="mt-1 block w-full max-w-xs rounded border border-slate-500 px-3 py-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700"
              />
              {result?.field === "dueAt" && errorText ? (
                <p id="due-date-error" className="mt-1 text-sm font-medium text-red-800">
                  {errorText}
                </p>
              ) : null}
            </div>
          </div>
          <div className="mt-4">
            <Button type="submit">{t("certification.assignButton")}</Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="assigned-heading">
        <h2 id="assigned-heading" className="mb-2 text-lg font-semibold">
          {t("certification.assignedHeading")}
        </h2>
        {assigned.length === 0 ? (
          <EmptyState>{t("certification.trackNobodyAssigned")}</EmptyState>
        ) : (
          <ul className="space-y-2" data-testid="assigned">
            {assigned.map((a) => (
              <li key={a.userId} className="flex flex-wrap items-center gap-3">
                <Link to={`/team/people/${a.userId}`} className="font-semibold text-brand-800 underline">
                  {a.name}
                </Link>
                <StatusBadge status={a.status} dueAt={a.dueAt} expiresAt={a.expiresAt} />
                {a.blockedOn.length > 0 ? (
                  <span className="text-sm text-slate-900" data-testid="blocked">
                    <span className="font-semibold text-red-800">
                      {t("certification.trackBlocked", { scenarios: a.blockedOn.map((b) => b.title?.[locale] ?? b.slug).join(", ") })}
                    </span>{" "}
                    {t("certification.trackBlockedHint")}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
