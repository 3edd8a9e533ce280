/** The studio's home page: filters, the table of scenarios, import, the empty state. */
import "./messages";
import "./messages-studio";
import { Form, Link } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { importSizeProblem, type ImportFileProblem } from "./import-file";
import type { MessageKey } from "../i18n";
import { fieldPathLabel } from "./field-path";
import { useLocale, useT } from "../i18n/react";
import { LocalTime } from "../report/LocalTime";
import type { HomeFilters, ImportActionData } from "./page.server";
import type { StudioRow } from "./studio.server";

const STATUS: Record<StudioRow["status"], MessageKey> = {
  draft: "author.status_draft",
  published: "author.status_published",
  archived: "author.status_archived",
};

const button = "inline-flex items-center rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-700 focus:ring-offset-2";
const secondary = "inline-flex items-center rounded border border-slate-500 bg-white px-3 py-2 font-semibold text-slate-900 hover:bg-slate-100";
const select = "mt-1 block rounded border border-slate-500 bg-white px-2 py-2 text-slate-900";

export function StudioHome(props: {
  canEdit: boolean;
  filters: HomeFilters;
  total: number;
  rows: StudioRow[];
  imported?: ImportActionData | undefined;
}) {
  const t = useT();
  const locale = useLocale();
  const { filters, rows } = props;
  // The file's size is checked before it is sent: over the limit, the server's edge would answer a bare 413.
  const [fileProblem, setFileProblem] = useState<ImportFileProblem | null>(null);
  const checkFile = (e: FormEvent<HTMLFormElement>) => {
    const input = e.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const problem = file ? importSizeProblem(file.size) : null;
    setFileProblem(problem);
    if (problem) e.preventDefault();
  };
  const shownFileProblem = fileProblem ?? (props.imported && !props.imported.ok ? props.imported.fileProblem ?? null : null);
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end gap-4">
        {props.canEdit ? (
          <Link to="/author/new" className={button}>
            {t("author.newScenario")}
          </Link>
        ) : (
          <p className="text-slate-700">{t("author.readOnlyNotice")}</p>
        )}
        {props.canEdit ? (
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2" aria-labelledby="import-heading" onSubmit={checkFile}>
            <h2 id="import-heading" className="sr-only">
              {t("author.importYaml")}
            </h2>
            <label className="text-sm font-semibold text-slate-800">
              {t("author.importYaml")}
              <input type="file" name="file" accept=".yaml,.yml,text/yaml,application/yaml" className="mt-1 block text-sm" onChange={() => setFileProblem(null)} />
            </label>
            <button type="submit" name="intent" value="import" className={secondary}>
              {t("author.importButton")}
            </button>
          </Form>
        ) : null}
      </div>
      {shownFileProblem ? (
        <div role="alert" className="mb-6 rounded border border-red-700 bg-red-50 p-4 text-red-900">
          <p>{t(shownFileProblem.key, shownFileProblem.vars)}</p>
        </div>
      ) : props.imported && !props.imported.ok ? (
        <div role="alert" className="mb-6 rounded border border-red-700 bg-red-50 p-4 text-red-900">
          {props.imported.error ? (
            <p>{t(`author.${props.imported.error}` as MessageKey)}</p>
          ) : (
            <>
              <p className="font-semibold">{t("author.importProblems")}</p>
              <ul className="mt-2 list-disc pl-6">
                {(props.imported.problems ?? []).map((p, i) => (
                  <li key={i}>
                    {p.path === "(yaml)" && p.text ? (
                      t(p.text.key, p.text.vars)
                    ) : (
                      <>
                        <code>{p.line ? t("author.importProblemAt", { line: p.line, path: fieldPathLabel(t, p.path) }) : fieldPathLabel(t, p.path)}</code>{" "}
                        {p.text ? t(p.text.key, p.text.vars) : p.message}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      {props.total === 0 ? (
        <section aria-labelledby="empty-title" className="rounded-lg border border-dashed border-slate-400 bg-white p-8">
          <h2 id="empty-title" className="text-xl font-bold">
            {t("author.emptyTitle")}
          </h2>
          <p className="mt-2 max-w-prose text-slate-700">{t("author.emptyBody")}</p>
        </section>
      ) : (
        <>
          <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("author.search")}>
            <label className="text-sm font-semibold text-slate-800">
              {t("author.search")}
              <input
                type="search"
                name="q"
                defaultValue={filters.q}
                placeholder={t("author.searchPlaceholder")}
                className="mt-1 block rounded border border-slate-500 px-3 py-2"
              />
            </label>
            <label className="text-sm font-semibold text-slate-800">
              {t("author.filterStatus")}
              <select name="status" defaultValue={filters.status} className={select}>
                <option value="all">{t("author.filterAll")}</option>
                <option value="draft">{t("author.status_draft")}</option>
                <option value="published">{t("author.status_published")}</option>
                <option value="archived">{t("author.status_archived")}</option>
              </select>
            </label>
            <label className="text-sm font-semibold text-slate-800">
              {t("author.filterSource")}
              <select name="source" defaultValue={filters.source} className={select}>
                <option value="all">{t("author.filterAll")}</option>
                <option value="org">{t("author.organisation")}</option>
                <option value="library">{t("author.library")}</option>
              </select>
            </label>
            <label className="text-sm font-semibold text-slate-800">
              {t("author.filterChannel")}
              <select name="channel" defaultValue={filters.channel} className={select}>
                <option value="all">{t("author.filterAll")}</option>
                <option value="phone">{t("common.channelPhone")}</option>
                <option value="in-person">{t("common.channelInPerson")}</option>
              </select>
            </label>
            <button type="submit" className={secondary}>
              {t("author.filterApply")}
            </button>
          </Form>
          {rows.length === 0 ? (
            <p className="rounded border border-slate-300 bg-white p-4">{t("author.noMatch")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-100 text-slate-800">
                  <tr>
                    {(
                      [
                        "author.colTitle",
                        "author.colChannel",
                        "author.colDifficulty",
                        "author.colLanguages",
                        "author.colStatus",
                        "author.colVersion",
                        "author.colEdited",
                        "author.colAttempts",
                        "author.colPassRate",
                        "author.colAverages",
                      ] as MessageKey[]
                    ).map((k) => (
                      <th key={k} scope="col" className="px-3 py-2">
                        {t(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} className="border-t border-slate-200 align-top">
                      <th scope="row" className="px-3 py-2 font-semibold">
                        <Link to={`/author/${r.slug}`} className="text-brand-700 underline">
                          {r.title?.[locale] || r.title?.en || r.title?.fr || r.slug}
                        </Link>
                        <div className="text-xs font-normal text-slate-600">
                          {r.slug} · {r.global ? t("author.library") : t("author.organisation")}
                        </div>
                      </th>
                      <td className="px-3 py-2">
                        {r.channel === "phone" ? t("common.channelPhone") : r.channel === "in-person" ? t("common.channelInPerson") : t("author.none")}
                      </td>
                      <td className="px-3 py-2">{r.difficulty ?? t("author.none")}</td>
                      <td className="px-3 py-2">{r.languages.length ? r.languages.join(", ").toUpperCase() : t("author.none")}</td>
                      <td className="px-3 py-2">
                        {t(STATUS[r.status])}
                        {r.unpublishedChanges && r.status !== "draft" ? <div className="text-xs text-amber-900">{t("author.unpublishedChanges")}</div> : null}
                      </td>
                      <td className="px-3 py-2">{r.version ?? t("author.none")}</td>
                      <td className="px-3 py-2">
                        {r.editedAt ? (
                          r.editedBy ? (
                            <>
                              {r.editedBy}, <LocalTime iso={r.editedAt} locale={locale} />
                            </>
                          ) : (
                            <LocalTime iso={r.editedAt} locale={locale} />
                          )
                        ) : (
                          t("author.none")
                        )}
                      </td>
                      <td className="px-3 py-2">{r.attempts}</td>
                      <td className="px-3 py-2">{r.passRate === null ? t("author.none") : `${r.passRate} %`}</td>
                      <td className="px-3 py-2">
                        {r.averages ? `${r.averages.empathy} · ${r.averages.resolution} · ${r.averages.anticipation}` : t("author.none")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
