/** A new scenario: an id, and where to start (blank, a template, or a copy of any scenario). */
import "../author/messages";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Button, Field, SelectField } from "../components/Field";
import { PageHeader } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";
import { loadNew, newAction } from "../author/page.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "New scenario" }];
export const loader = ({ request }: LoaderFunctionArgs) => loadNew(request);
export const action = ({ request }: ActionFunctionArgs) => newAction(request);

const SOURCES = [
  ["blank", "author.fromBlank"],
  ["phone", "author.fromPhone"],
  ["in-person", "author.fromInPerson"],
  ["clone", "author.fromClone"],
] as const;

export default function NewScenario() {
  const t = useT();
  const locale = useLocale();
  const { from, scenarios, canDraft } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  const [source, setSource] = useState(values.source ?? (from ? "clone" : "blank"));
  const err = (field: string) => (result?.errors[field] ? t(result.errors[field].key, result.errors[field].vars) : null);
  return (
    <>
      <PageHeader title={t("author.newTitle")} intro={t("author.newIntro")} />
      <Form method="post" className="max-w-xl rounded-lg border border-slate-300 bg-white p-6" noValidate>
        <Field label={t("author.slugLabel")} hint={t("author.slugHint")} name="slug" defaultValue={values.slug ?? ""} error={err("slug")} autoComplete="off" required />
        <fieldset className="mb-4">
          <legend className="text-sm font-semibold text-slate-800">{t("author.startFrom")}</legend>
          {[...SOURCES, ...(canDraft ? ([["model", "author.fromModel"]] as const) : [])].map(([value, label]) => (
            <label key={value} className="mt-2 flex items-center gap-2">
              <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} />
              {t(label)}
            </label>
          ))}
          {err("source") ? <p className="mt-1 text-sm font-medium text-red-800">{err("source")}</p> : null}
        </fieldset>
        <SelectField label={t("author.cloneOf")} name="from" defaultValue={values.from ?? from} error={err("from")}>
          <option value="">{t("author.condPick")}</option>
          {scenarios.map((s) => (
            <option key={s.slug} value={s.slug}>
              {(s.title?.[locale] || s.slug) + (s.global ? ` (${t("author.library")})` : "")}
            </option>
          ))}
        </SelectField>
        {canDraft ? (
          <div className="mb-4">
            <label htmlFor="document" className="block text-sm font-semibold text-slate-800">
              {t("author.documentLabel")}
            </label>
            <p id="document-hint" className="text-sm text-slate-600">
              {t("author.documentHint")}
            </p>
            <textarea
              id="document"
              name="document"
              rows={8}
              defaultValue={values.document ?? ""}
              aria-describedby={err("document") ? "document-hint document-error" : "document-hint"}
              aria-invalid={err("document") ? true : undefined}
              className="mt-1 block w-full rounded border border-slate-500 px-3 py-2"
            />
            {err("document") ? (
              <p id="document-error" className="mt-1 text-sm font-medium text-red-800">
                {err("document")}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="flex items-center gap-4">
          <Button type="submit">{t("author.create")}</Button>
          <Link to="/author" className="text-brand-700 underline">
            {t("author.backToStudio")}
          </Link>
        </div>
      </Form>
    </>
  );
}
