/**
 * The track form (new track, new version of a track): names, scenarios in order with their marks, the rules.
 * A refused form shows every invalid field with its own message (aria-invalid, aria-describedby),
 * lists them at the top with links, moves the focus to the first one, and keeps what was typed.
 */
import { Form } from "@remix-run/react";
import { useEffect, type InputHTMLAttributes, type ReactNode } from "react";
import { Button, FormError } from "../components/Field";
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

export interface TrackFieldError {
  key: string;
  vars?: Record<string, number>;
}

const DIMS = ["empathy", "resolution", "anticipation"] as const;
/** The marks' labels take two lines' room, so that their inputs line up when one label wraps ("Minimum Anticipation"). */
const SCORE_LABEL = "flex min-h-10 items-end";

/** The id of a field's input (the error summary links to it). */
const fieldId = (name: string) => `track-${name}`;

const inputClass =
  "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900 focus:border-brand-700 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700 aria-[invalid=true]:bg-red-50";

function TrackField({
  name,
  label,
  error,
  className,
  labelClass,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & { name: string; label: ReactNode; error: string | null; labelClass?: string }) {
  const id = fieldId(name);
  return (
    <div className={`mb-4 flex flex-col ${className ?? ""}`}>
      <label htmlFor={id} className={`block text-sm font-semibold text-slate-800 ${labelClass ?? ""}`}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800" data-field-error={name}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TrackForm(props: {
  choices: ScenarioChoice[];
  current: TrackRules | null;
  error: string | null;
  fieldErrors?: Record<string, TrackFieldError> | null;
  /** What was typed when the form was refused (shown again instead of the defaults). */
  values?: Record<string, string> | null;
  submitLabel: string;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const cur = props.current;
  const fieldErrors = props.fieldErrors ?? {};
  const values = props.values ?? null;
  const inTrack = (id: string) => cur?.scenarios.findIndex((s) => s.scenarioId === id) ?? -1;
  const errorOf = (name: string) => {
    const e = fieldErrors[name];
    return e ? t(e.key as MessageKey, e.vars) : null;
  };
  /** The typed value when the form came back refused, else the default. */
  const text = (name: string, fallback: string | number) => (values ? (values[name] ?? "") : fallback);
  const checked = (name: string, fallback: boolean) => (values ? values[name] === "on" : fallback);

  // Every field in the order of the form, with the label the error summary gives it.
  const fields: Array<{ name: string; label: string }> = [
    { name: "nameEn", label: t("certification.nameEn") },
    { name: "nameFr", label: t("certification.nameFr") },
    { name: "descriptionEn", label: t("certification.descriptionEn") },
    { name: "descriptionFr", label: t("certification.descriptionFr") },
    { name: "scenarios", label: t("certification.scenariosLegend") },
    ...props.choices.flatMap((c) => {
      const title = c.title[locale];
      return [
        { name: `order_${c.id}`, label: `${t("certification.scenarioOrder")} — ${title}` },
        { name: `pass_${c.id}`, label: `${t("certification.passMark")} — ${title}` },
        ...DIMS.map((d) => ({ name: `min_${d}_${c.id}`, label: `${t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })} — ${title}` })),
      ];
    }),
    { name: "attemptsAllowed", label: t("certification.attemptsAllowed") },
    { name: "cooldownHours", label: t("certification.cooldownHours") },
    { name: "validityMonths", label: t("certification.validityMonths") },
    { name: "recertifyDays", label: t("certification.recertifyDays") },
  ];
  const invalid = fields.filter((f) => fieldErrors[f.name]);
  const firstInvalid = invalid[0]?.name ?? null;

  // A refused form: the focus goes to the first field to change (its message is read with it).
  useEffect(() => {
    if (!firstInvalid) return;
    const el = document.getElementById(firstInvalid === "scenarios" ? fieldId("scenarios-first") : fieldId(firstInvalid));
    el?.focus();
  }, [props.fieldErrors, firstInvalid]);

  const scenariosError = errorOf("scenarios");
  return (
    <Form method="post" className="space-y-6" noValidate>
      <FormError>
        {props.error ? (
          <>
            <p>{t(props.error as MessageKey)}</p>
            {invalid.length > 0 ? (
              <>
                <p className="mt-2">{t("certification.errorFormList")}</p>
                <ul className="mt-1 list-disc pl-6" data-testid="track-form-errors">
                  {invalid.map((f) => (
                    <li key={f.name}>
                      <a
                        href={`#${f.name === "scenarios" ? fieldId("scenarios-first") : fieldId(f.name)}`}
                        className="underline underline-offset-2"
                        onClick={(e) => {
                          const el = document.getElementById(f.name === "scenarios" ? fieldId("scenarios-first") : fieldId(f.name));
                          if (el) {
                            e.preventDefault();
                            el.focus();
                            el.scrollIntoView({ block: "center" });
                          }
                        }}
                      >
                        {t("certification.errorFieldLabel", { label: f.label, message: errorOf(f.name) ?? "" })}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </FormError>
      <div className="grid gap-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <TrackField label={t("certification.nameEn")} name="nameEn" lang="en" required maxLength={120} defaultValue={text("nameEn", cur?.name.en ?? "")} error={errorOf("nameEn")} />
        <TrackField label={t("certification.nameFr")} name="nameFr" lang="fr" required maxLength={120} defaultValue={text("nameFr", cur?.name.fr ?? "")} error={errorOf("nameFr")} />
        <TrackField
          label={t("certification.descriptionEn")}
          name="descriptionEn"
          lang="en"
          maxLength={2000}
          defaultValue={text("descriptionEn", cur?.description.en ?? "")}
          error={errorOf("descriptionEn")}
        />
        <TrackField
          label={t("certification.descriptionFr")}
          name="descriptionFr"
          lang="fr"
          maxLength={2000}
          defaultValue={text("descriptionFr", cur?.description.fr ?? "")}
          error={errorOf("descriptionFr")}
        />
      </div>

      <fieldset
        className={`rounded-lg border bg-white p-4 ${scenariosError ? "border-2 border-red-700" : "border-slate-300"}`}
        aria-describedby={scenariosError ? fieldId("scenarios-error") : undefined}
      >
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.scenariosLegend")}</legend>
        {scenariosError ? (
          <p id={fieldId("scenarios-error")} className="mb-3 text-sm font-medium text-red-800" data-field-error="scenarios">
            {scenariosError}
          </p>
        ) : null}
        <ul className="space-y-4">
          {props.choices.map((c, i) => {
            const at = inTrack(c.id);
            const req = at >= 0 ? cur!.scenarios[at]! : null;
            const title = c.title[locale];
            const versionName = `version_${c.id}`;
            return (
              <li key={c.id} className="rounded border border-slate-200 p-3" data-scenario={c.slug}>
                <label className="flex items-center gap-2 font-semibold text-slate-900">
                  <input
                    type="checkbox"
                    id={i === 0 ? fieldId("scenarios-first") : undefined}
                    name={`include_${c.id}`}
                    defaultChecked={checked(`include_${c.id}`, cur ? at >= 0 : true)}
                    aria-invalid={scenariosError ? true : undefined}
                    aria-describedby={scenariosError ? fieldId("scenarios-error") : undefined}
                    className="h-4 w-4"
                  />
                  {t("certification.scenarioInclude", { title })}
                </label>
                {/* Order and version on one line (the version's options are long), the marks on the next. */}
                <div className="mt-2 flex flex-wrap gap-x-4">
                  <TrackField
                    className="w-24"
                    label={t("certification.scenarioOrder")}
                    name={`order_${c.id}`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={50}
                    defaultValue={text(`order_${c.id}`, at >= 0 ? at + 1 : i + 1)}
                    aria-label={`${t("certification.scenarioOrder")} — ${title}`}
                    error={errorOf(`order_${c.id}`)}
                  />
                  <div className="mb-4 min-w-0 flex-1 basis-64">
                    <label htmlFor={fieldId(versionName)} className="block text-sm font-semibold text-slate-800">
                      {t("certification.scenarioVersion")}
                    </label>
                    <select
                      id={fieldId(versionName)}
                      name={versionName}
                      defaultValue={values ? (values[versionName] ?? "latest") : (req?.versionId ?? "latest")}
                      aria-label={`${t("certification.scenarioVersion")} — ${title}`}
                      className="mt-1 block w-full max-w-md rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
                    >
                      <option value="latest">{t("certification.latestPublished", { n: c.version })}</option>
                      <option value={c.versionId}>{t("certification.pinnedVersion", { n: c.version })}</option>
                    </select>
                  </div>
                </div>
                <div className="grid grid-cols-2 items-start gap-x-4 sm:grid-cols-4">
                  <TrackField
                    labelClass={SCORE_LABEL}
                    label={t("certification.passMark")}
                    name={`pass_${c.id}`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={100}
                    defaultValue={text(`pass_${c.id}`, req?.passMark ?? 70)}
                    aria-label={`${t("certification.passMark")} — ${title}`}
                    error={errorOf(`pass_${c.id}`)}
                  />
                  {DIMS.map((d) => (
                    <TrackField
                      key={d}
                      labelClass={SCORE_LABEL}
                      label={t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })}
                      name={`min_${d}_${c.id}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={100}
                      defaultValue={text(`min_${d}_${c.id}`, req?.minimums[d] ?? 0)}
                      aria-label={`${t("certification.minimum", { dimension: t(DIMENSION_LABEL[d]) })} — ${title}`}
                      error={errorOf(`min_${d}_${c.id}`)}
                    />
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="grid items-start gap-x-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.rulesLegend")}</legend>
        <TrackField
          label={t("certification.attemptsAllowed")}
          name="attemptsAllowed"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          defaultValue={text("attemptsAllowed", cur ? (cur.attemptsAllowed ?? "") : 3)}
          error={errorOf("attemptsAllowed")}
        />
        <TrackField
          label={t("certification.cooldownHours")}
          name="cooldownHours"
          type="number"
          inputMode="numeric"
          min={0}
          max={2160}
          defaultValue={text("cooldownHours", cur?.cooldownHours ?? 0)}
          error={errorOf("cooldownHours")}
        />
        <div className="mb-4">
          <label htmlFor="track-language" className="block text-sm font-semibold text-slate-800">
            {t("certification.language")}
          </label>
          <select
            id="track-language"
            name="language"
            defaultValue={values ? (values.language ?? "") : (cur?.language ?? "")}
            className="mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2 text-slate-900"
          >
            <option value="">{t("certification.languageFree")}</option>
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </div>
        <label className="mb-4 flex items-center gap-2 self-end text-slate-900">
          <input type="checkbox" name="hideCoaching" defaultChecked={checked("hideCoaching", cur?.hideCoaching ?? true)} className="h-4 w-4" />
          {t("certification.hideCoaching")}
        </label>
      </fieldset>

      <fieldset className="grid items-start gap-x-4 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold text-slate-900">{t("certification.validityLegend")}</legend>
        <TrackField
          label={t("certification.validityMonths")}
          name="validityMonths"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          required
          defaultValue={text("validityMonths", cur?.validityMonths ?? 12)}
          error={errorOf("validityMonths")}
        />
        <TrackField
          label={t("certification.recertifyDays")}
          name="recertifyDays"
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          defaultValue={text("recertifyDays", cur?.recertifyDays ?? 30)}
          error={errorOf("recertifyDays")}
        />
      </fieldset>

      <Button type="submit" aria-disabled={props.busy || undefined}>
        {props.submitLabel}
      </Button>
    </Form>
  );
}
