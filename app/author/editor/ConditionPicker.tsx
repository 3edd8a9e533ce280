/**
 * A condition set picked from lists, never typed: "all of" and "at least one of", each a list of
 * removable chips and a select to add one (moves, the scenario's topics and what the receptionist
 * knows, facts told, needs met). Writes the format's shapes: a bare list when only "all" is used,
 * `{ all, any }` otherwise.
 */
import "../messages";
import { useId, useState } from "react";
import { conditionText } from "../labels";
import { useT } from "../../i18n/react";

export interface ConditionOptions {
  moves: string[];
  topics: string[];
  facts: string[];
  needs: string[];
}

function partsOf(value: unknown): { all: string[]; any: string[]; list: boolean } {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  if (Array.isArray(value)) return { all: strings(value), any: [], list: true };
  if (value && typeof value === "object") {
    const v = value as { all?: unknown; any?: unknown };
    return { all: strings(v.all), any: strings(v.any), list: false };
  }
  return { all: [], any: [], list: true };
}

function build(all: string[], any: string[]): unknown {
  if (any.length === 0) return all;
  return all.length === 0 ? { any } : { all, any };
}

export function conditionLabel(c: string): string {
  const colon = c.indexOf(":");
  if (colon < 0) return c.replace(/_/g, " ");
  return `${c.slice(0, colon)}: ${c.slice(colon + 1)}`;
}

/** A condition as the studio shows it: a move by its name in the UI's language ("check with a colleague"), else its kind in words and its id ("Sujet : order-number"). */
export function useConditionLabel(): (c: string) => string {
  const t = useT();
  return (c: string) => conditionText(t, c);
}

export function ConditionPicker(props: {
  id: string;
  label: string;
  value: unknown;
  options: ConditionOptions;
  readOnly: boolean;
  describedBy?: string;
  onChange(value: unknown): void;
}) {
  const t = useT();
  const { all, any } = partsOf(props.value);
  const set = (which: "all" | "any", next: string[]) => props.onChange(which === "all" ? build(next, any) : build(all, next));
  return (
    <fieldset id={props.id} aria-describedby={props.describedBy}>
      <legend className="text-sm font-semibold text-slate-800">{props.label}</legend>
      <div className="grid gap-3 md:grid-cols-2">
        <Part which="all" title={t("author.condAll")} items={all} {...props} set={(n) => set("all", n)} />
        <Part which="any" title={t("author.condAny")} items={any} {...props} set={(n) => set("any", n)} />
      </div>
    </fieldset>
  );
}

function Part(props: {
  which: "all" | "any";
  title: string;
  items: string[];
  options: ConditionOptions;
  readOnly: boolean;
  label: string;
  set(next: string[]): void;
}) {
  const t = useT();
  const conditionLabel = useConditionLabel();
  const selectId = useId();
  const [picked, setPicked] = useState("");
  const groups: Array<[string, string[]]> = [
    [t("author.condMoves"), props.options.moves],
    [t("author.condTopics"), props.options.topics.map((x) => `topic:${x}`)],
    [t("author.condFacts"), props.options.facts.map((x) => `fact:${x}`)],
    [t("author.condNeeds"), props.options.needs.map((x) => `need:${x}`)],
  ];
  return (
    <div className="rounded border border-slate-300 bg-white p-2">
      <p className="text-xs font-semibold uppercase text-slate-700">{props.title}</p>
      <ul className="mt-1 flex flex-wrap gap-1" aria-label={`${props.label}: ${props.title}`}>
        {props.items.length === 0 ? <li className="text-sm text-slate-600">{t("author.condEmpty")}</li> : null}
        {props.items.map((c, i) => (
          <li key={`${c}-${i}`} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-sm text-slate-900">
            <span className="font-mono">{conditionLabel(c)}</span>
            {!props.readOnly ? (
              <button
                type="button"
                className="rounded-full px-1 text-slate-700 hover:bg-slate-200"
                aria-label={t("author.condRemove", { condition: conditionLabel(c) })}
                onClick={() => props.set(props.items.filter((_, j) => j !== i))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {!props.readOnly ? (
        <>
          <label htmlFor={selectId} className="sr-only">
            {`${t("author.condPickLabel")} (${props.title}, ${props.label})`}
          </label>
          <select
            id={selectId}
            className="mt-2 block w-full rounded border border-slate-500 bg-white px-2 py-1 text-sm"
            value={picked}
            onChange={(e) => setPicked(e.target.value)}
          >
            <option value="">{t("author.condPick")}</option>
            {groups.map(([name, values]) =>
              values.length ? (
                <optgroup key={name} label={name}>
                  {values
                    .filter((v) => !props.items.includes(v))
                    .map((v) => (
                      <option key={v} value={v}>
                        {conditionLabel(v)}
                      </option>
                    ))}
                </optgroup>
              ) : null,
            )}
          </select>
          <button
            type="button"
            className="mt-1 rounded border border-slate-500 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50"
            disabled={!picked}
            onClick={() => {
              if (picked && !props.items.includes(picked)) props.set([...props.items, picked]);
              setPicked("");
            }}
          >
            {`${t("author.condAdd")} (${props.title}, ${props.label})`}
          </button>
        </>
      ) : null}
    </div>
  );
}
