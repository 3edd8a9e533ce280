/** The versions page of a scenario (issue 13 step 7). */
import "./messages";
import "./messages-studio";
import { Form, Link } from "@remix-run/react";
import { PageHeader } from "../components/Layout";
import type { Locale, MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { LocalTime, useTimeZone } from "../report/LocalTime";
import { historyActionMessage, historyLines } from "./history";
import type { FieldChange } from "./diff";
import { DiffTable } from "./editor/Editor";
import type { VersionInfo } from "./studio.server";

const btn2 = "rounded border border-slate-500 bg-white px-3 py-1 font-semibold text-slate-900 hover:bg-slate-100";
const select = "mt-1 block rounded border border-slate-500 bg-white px-2 py-1";

export function VersionsPage(props: {
  slug: string;
  global: boolean;
  canEdit: boolean;
  title: string;
  versions: VersionInfo[];
  from: number | null;
  to: number | "draft" | null;
  changes: FieldChange[] | null;
  history: Array<{ action: string; data: unknown; at: string; actor: string | null }>;
  result?: { ok: boolean; message?: { key: MessageKey; vars?: Record<string, string | number> } } | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <p className="text-sm">
        <Link to={`/author/${props.slug}`} className="text-brand-700 underline">
          ← {props.title}
        </Link>
      </p>
      <PageHeader title={t("author.versionsTitle", { title: props.title })} intro={t("author.versionsIntro")} />
      {props.result?.message ? (
        <p role="status" className="mb-4 rounded border border-slate-400 bg-white p-3 font-semibold">
          {t(props.result.message.key, props.result.message.vars)}
        </p>
      ) : null}
      {props.versions.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4">{t("author.noVersion")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("author.colVersion")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("author.colPublished")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("author.colBy")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("author.export")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.versions.map((v, i) => (
                <tr key={v.version} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2">
                    {v.version}
                  </th>
                  <td className="px-3 py-2">{v.publishedAt ? <LocalTime iso={v.publishedAt} locale={locale} /> : t("author.none")}</td>
                  <td className="px-3 py-2">{v.createdBy ?? t("author.library")}</td>
                  <td className="flex flex-wrap gap-2 px-3 py-2">
                    <a className={btn2} href={`/author/${props.slug}/export?version=${v.version}`} download>
                      {t("author.export")} <span className="sr-only">{t("author.versionN", { n: v.version })}</span>
                    </a>
                    {props.canEdit && i > 0 ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="rollback" />
                        <input type="hidden" name="version" value={v.version} />
                        <button type="submit" className={btn2}>
                          {t("author.rollback")} <span className="sr-only">({t("author.versionN", { n: v.version })})</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.versions.length > 0 ? (
        <section aria-labelledby="diff-title" className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="diff-title" className="text-xl font-bold">
            {t("author.diffTitle")}
          </h2>
          <Form method="get" className="mt-2 flex flex-wrap items-end gap-3">
            <label className="text-sm font-semibold">
              {t("author.diffFrom")}
              <select name="from" defaultValue={props.from ?? undefined} className={select}>
                {props.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("author.versionN", { n: v.version })}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-semibold">
              {t("author.diffTo")}
              <select name="to" defaultValue={props.to ?? undefined} className={select}>
                {!props.global ? <option value="draft">{t("author.draftLabel")}</option> : null}
                {props.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("author.versionN", { n: v.version })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={btn2}>
              {t("author.diffShow")}
            </button>
          </Form>
          {props.changes === null ? null : props.changes.length === 0 ? <p className="mt-2">{t("author.diffNone")}</p> : <DiffTable changes={props.changes} />}
        </section>
      ) : null}
      {props.history.length > 0 ? (
        <section aria-labelledby="history-title" className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="history-title" className="text-xl font-bold">
            {t("author.historyTitle")}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {historyLines(props.history).map((h, i) => {
              const m = historyActionMessage(h);
              return (
                <li key={i}>
                  <LocalTime iso={h.from} locale={locale} />
                  {h.count > 1 && sameMinute(h.from, h.to) === false ? (
                    <>
                      –<TimeOfDay iso={h.to} locale={locale} />
                    </>
                  ) : null}{" "}
                  — {t(m.key, m.vars)} · {h.actor ?? t("authorStudio.historyUnknownActor")}
                  {h.version !== null ? ` · ${t("author.versionN", { n: String(h.version) })}` : ""}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The time of day of `iso` (the end of a run of edits), in the reader's language and time zone. */
function TimeOfDay({ iso, locale }: { iso: string; locale: Locale }) {
  const timeZone = useTimeZone();
  return <time dateTime={iso}>{new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { timeStyle: "short", timeZone }).format(new Date(iso))}</time>;
}

/** Whether two times fall in the same minute (a run of edits within one minute shows its start only). */
function sameMinute(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 60_000) === Math.floor(Date.parse(b) / 60_000);
}
