/** The track form (new track, new version of a track): names, scenarios in order with their marks, the rules. */
import { Form } from "@remix-run/react";
import { Button, Field, FormError } from "../components/Field";
import type { MessageKey } from "../i18n";
import { DIMENSION_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";
import type { TrackRules } from "./rules";

export interface ScenarioChoice {
  id: string;
  slug: string;
  title: { en: string; fr: string };
  versionId: string;
  version: number;
}

const DIMS = ["empathy", "resolution", "anticipation"] as const;

export function TrackForm(props: {
  choices: ScenarioChoice[];
  current: TrackRules | null;
  error: string | null;
  submitLabel: string;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const cur = props.current;
  const inTrack = (id: string) => cur?.scenarios.findIndex((s) => s.scenarioId === id) ?? -1;
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormError>{props.error ? t(props.error as MessageKey) : null}</FormError>
      <div className="grid gap-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <Field label={t("certification.nameEn")} name="nameEn" lang="en" required maxLength={120} defaultValue={cur?.name.en ?? ""} />
        <Field label={t("certification.nameFr")} name="nameFr" lang="fr" required maxLength={120} defaultValue={cur?.name.fr ?? ""} />
        <Field label={t("certification.descriptionEn")} name="descriptionEn" lang="en" maxLength={2000} defaultValue={cur?.description.en ?? ""} />
        <Field label={t("certification.descriptionFr")} name="descriptionFr" lang="fr" maxLength={2000} defaultValue={cur?.description.fr ?? ""} />
      </div>

      <fieldset className="rounded-lg border border-slate-300 bg-white p-4">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.scenariosLegend")}</legend>
        <ul className="space-y-4">
          {props.choices.map((c, i) => {
            const at = inTrack(c.id);
            const req = at >= 0 ? cur!.scenarios[at]! : null;
            const title = c.title[locale];
            return (
              <li key={c.id} className="rounded border border-slate-200 p-3" data-scenario={c.slug}>
                <label className="flex items-center gap-2 font-semibold text-slate-900">
                  <input type="checkbox" name={`include_${c.id}`} defaultChecked={cur ? at >= 0 : true} className="h-4 w-4" />
                  {t("certification.scenarioInclude", { title })}
                </label>
                <div className="mt-2 grid gap-x-4 sm:grid-cols-3 lg:grid-cols-6">
                  <Field
                    label={t("certification.scenarioOrder")}
                    name={`order_${c.id}`}
                    type="number"
                    min={1}
                    max={50}
                    defaultValue={at >= 0 ? at + 1 : i + 1}
                    aria-label={`${t("certification.scenarioOrder")} — ${title}`}
                  />
                  <div className="mb-4">
                    <label htmlFor={`version_${c.id}`} className="block text-sm font-semibold text-slate-800">
                      {t("certification.scenarioVersion")}
                    </label>
                    <select
                      id={`version_${c.id}`}
                      name={`version_${c.id}`}
                      defaultValue={req?.versionId ?? "latest"}
                      className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
                    >
                      <option value="latest">{t("certification.latestPublished", { n: c.version })}</option>
                      <option value={c.versionId}>{t("certification.pinnedVersion", { n: c.version })}</option>
                    </select>
                  </div>
                  <Field
                    label={t("certification.passMark")}
                    name={`pass_${c.id}`}
                    type="number"
                    min={0}
                    max={100}
                    defaultValue={req?.passMark ?? 70}
                    aria-label={`${t("certification.passMark")} — ${title}`}
                  />
                  {DIMS.map((d) => (
                    <Field
                      key={d}
                      label={t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })}
                      name={`min_${d}_${c.id}`}
                      type="number"
                      min={0}
                      max={100}
                      defaultValue={req?.minimums[d] ?? 0}
                      aria-label={`${t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })} — ${title}`}
                    />
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="grid gap-x-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.rulesLegend")}</legend>
        <Field label={t("certification.attemptsAllowed")} name="attemptsAllowed" type="number" min={1} max={50} defaultValue={cur ? (cur.attemptsAllowed ?? "") : 3} />
        <Field label={t("certification.cooldownHours")} name="cooldownHours" type="number" min={0} max={2160} defaultValue={cur?.cooldownHours ?? 0} />
        <div className="mb-4">
          <label htmlFor="track-language" className="block text-sm font-semibold text-slate-800">
            {t("certification.language")}
          </label>
          <select
            id="track-language"
            name="language"
            defaultValue={cur?.language ?? ""}
            className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
          >
            <option value="">{t("certification.languageFree")}</option>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </div>
        <label className="mb-4 flex items-center gap-2 self-end text-slate-900">
          <input type="checkbox" name="hideCoaching" defaultChecked={cur?.hideCoaching ?? true} className="h-4 w-4" />
          {t("certification.hideCoaching")}
        </label>
      </fieldset>

      <fieldset className="grid gap-x-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.validityLegend")}</legend>
        <Field label={t("certification.validityMonths")} name="validityMonths" type="number" min={1} max={120} required defaultValue={cur?.validityMonths ?? 12} />
        <Field label={t("certification.recertifyDays")} name="recertifyDays" type="number" min={0} max={365} defaultValue={cur?.recertifyDays ?? 30} />
      </fieldset>

      <Button type="submit" aria-disabled={props.busy || undefined}>
        {props.submitLabel}
      </Button>
    </Form>
  );
}
