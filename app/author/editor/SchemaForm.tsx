/**
 * The editor's structured form, rendered from the form spec (app/author/form-spec.ts) derived from the
 * scenario schema: texts in English and French side by side, lists and records with add/remove,
 * condition pickers (moves, topics, facts, needs: never a pattern), numbers with their bounds. Errors
 * (zod, through fieldErrors) and warnings are shown beside the field they are about. Native controls
 * only, each with a label: usable with the keyboard alone.
 */
import "../messages";
import "../messages-studio";
import { useEffect, useId, useState, type ReactNode } from "react";
import type { FieldError } from "../../forms/field-errors";
import { isMessageKey } from "../../forms/field-errors";
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n/react";
import { fieldPathLabel } from "../field-path";
import { optionLabel } from "../labels";
import { idProblem, warningVars } from "../issues";
import { emptyOf, getIn, setIn, type Spec } from "../form-spec";
import type { Warning } from "../warnings";
import { ConditionPicker, type ConditionOptions } from "./ConditionPicker";

export type Path = Array<string | number>;

export interface FormContext {
  content: unknown;
  readOnly: boolean;
  errors: Record<string, FieldError>;
  warnings: Warning[];
  options: ConditionOptions;
  beats: string[];
  reactionKeys: string[];
  onChange(path: Path, value: unknown): void;
}

/** Fields only shown when the scenario already has them (rare, expert): regular expressions. */
const HIDDEN_UNLESS_SET = new Set(["patterns"]);

export const pathKey = (path: Path) => path.join(".");
const idOf = (path: Path) => fieldDomId(path);

export function humanize(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function useLabel() {
  const t = useT();
  return (key: string | number): string => {
    if (typeof key === "number") return `#${key + 1}`;
    const k = `author.field_${key}`;
    return isMessageKey(k) ? t(k) : humanize(key);
  };
}

/**
 * The hint under a field, by what the field is: an `id` is the scenario's web address only at the top;
 * in a fact, a need, what the receptionist knows or a checkpoint it is a name the rest of the scenario uses.
 */
export function hintKeyOf(path: Path): MessageKey | null {
  const key = path.at(-1);
  if (typeof key !== "string") return null;
  if (key === "id" && path.length > 1) {
    const k = `author.hint_id_${String(path[0])}`;
    return isMessageKey(k) ? k : null;
  }
  const k = `author.hint_${key}`;
  return isMessageKey(k) ? k : null;
}

function useHint() {
  const t = useT();
  return (path: Path): string | null => {
    const k = hintKeyOf(path);
    return k ? t(k) : null;
  };
}

/** The words of an "add" button: "Add a fact" where the form has its own, else "Add <label>". */
export function useAddLabel() {
  const t = useT();
  return (path: Path, label: string): string => {
    const k = `author.add_${String(path.at(-1))}`;
    return isMessageKey(k) ? t(k) : t("author.addItem", { what: label });
  };
}

/** The words of an option of a drop-down, in the reader's language (the value itself when it has none). */
export function useOptionLabel() {
  const t = useT();
  return (field: string, option: string): string => optionLabel(t, field, option);
}

/** The DOM id of a field's control (the form's inputs and the error list's links use it). */
export const fieldDomId = (path: Path | string) => `f-${(typeof path === "string" ? path : pathKey(path)).replace(/[^a-zA-Z0-9_-]/g, "_")}`;

/**
 * A field's path ("facts.0.text.fr") as the form shows it: "Facts · room-number › Text › English" —
 * the labels of the form, an item by its id (or #n), the language by its name.
 */
export function useFieldPathLabel() {
  const t = useT();
  return (path: string, content: unknown): string => fieldPathLabel(t, path, content);
}

/**
 * Bring a field into view and focus it (from the error list): its own control, or the nearest one
 * around it (a list, a condition picker).
 */
export function focusField(path: string): boolean {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    const el =
      document.getElementById(fieldDomId(key)) ??
      document.getElementById(`${fieldDomId(key)}-all`) ??
      document.querySelector<HTMLElement>(`[data-field="${CSS.escape(key)}"]`);
    if (!el) continue;
    el.scrollIntoView({ block: "center" });
    const target = el.matches("input, select, textarea, button")
      ? el
      : (el.querySelector<HTMLElement>("input, select, textarea") ?? el.querySelector<HTMLElement>("button"));
    (target ?? el).focus({ preventScroll: true });
    return true;
  }
  const section = document.getElementById(`section-${parts[0]}`);
  section?.scrollIntoView({ block: "start" });
  return Boolean(section);
}

/** Errors and warnings exactly at `path` (or under it, with `deep`). */
function Problems({ ctx, path, deep = false, id }: { ctx: FormContext; path: Path; deep?: boolean; id?: string }) {
  const t = useT();
  const key = pathKey(path);
  const hit = (p: string) => p === key || (deep && p.startsWith(`${key}.`));
  const errors = Object.entries(ctx.errors).filter(([p]) => hit(p));
  const warnings = ctx.warnings.filter((w) => hit(w.path));
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <div id={id} className="mt-1 space-y-1 text-sm">
      {errors.map(([p, e]) => (
        <p key={`e-${p}`} className="font-medium text-red-800">
          {p !== key ? <span className="font-mono text-xs">{t("author.problemAt", { place: subPathLabel(ctx.content, p, key) })} </span> : null}
          {t(e.key, e.vars)}
        </p>
      ))}
      {warnings.map((w, i) => (
        <p key={`w-${i}`} className="text-amber-900">
          ⚠ {t(w.key as MessageKey, warningVars(t, w.vars))}
        </p>
      ))}
    </div>
  );
}

/** Where under a field a problem is: the value itself when it is a word (a condition), else its place. */
function subPathLabel(content: unknown, path: string, under: string): string {
  const value = getIn(content, path.split("."));
  return isToken(value) ? value : path.slice(under.length + 1);
}

/** A short name the format uses as a value (a condition, an id): shown as it is to say which one. */
function isToken(value: unknown): value is string {
  return typeof value === "string" && /^[a-z0-9:_/-]{1,60}$/.test(value);
}

const inputCls =
  "mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700 disabled:bg-slate-100";
const smallBtn = "rounded border border-slate-500 bg-white px-2 py-1 text-sm text-slate-900 hover:bg-slate-100 disabled:opacity-50";

function hasError(ctx: FormContext, path: Path): boolean {
  return pathKey(path) in ctx.errors;
}

/** One field of any kind, with its label. */
export function FieldView({ ctx, path, spec, label }: { ctx: FormContext; path: Path; spec: Spec; label: string }) {
  const value = getIn(ctx.content, path);
  const t = useT();
  const hint = useHint()(path);
  const addLabel = useAddLabel();
  const optionLabel = useOptionLabel();
  const id = idOf(path);
  const problemsId = `${id}-problems`;
  const set = (v: unknown) => ctx.onChange(path, v);
  if (value === undefined && spec.optional && spec.kind !== "string" && spec.kind !== "number" && spec.kind !== "enum" && spec.kind !== "boolean") {
    if (HIDDEN_UNLESS_SET.has(String(path.at(-1)))) return null;
    return (
      <div className="mb-3">
        <button type="button" className={smallBtn} disabled={ctx.readOnly} onClick={() => set(emptyOf(spec))}>
          {addLabel(path, label)}
        </button>
      </div>
    );
  }
  const describedBy = [hint ? `${id}-hint` : null, problemsId].filter(Boolean).join(" ");
  const hintEl = hint ? (
    <p id={`${id}-hint`} className="text-sm text-slate-600">
      {hint}
    </p>
  ) : null;
  switch (spec.kind) {
    case "string":
      return (
        <div className="mb-3">
          <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
            {label}
          </label>
          {hintEl}
          <input
            id={id}
            className={inputCls}
            value={typeof value === "string" ? value : ""}
            readOnly={ctx.readOnly || (path.length === 1 && path[0] === "id")}
            aria-invalid={hasError(ctx, path) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => set(e.target.value === "" && spec.optional ? undefined : e.target.value)}
          />
          <Problems ctx={ctx} path={path} id={problemsId} />
        </div>
      );
    case "number":
      return (
        <div className="mb-3">
          <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
            {label}
            {spec.min !== undefined || spec.max !== undefined ? (
              <span className="font-normal text-slate-600"> ({spec.min ?? "…"}–{spec.max ?? "…"})</span>
            ) : null}
          </label>
          {hintEl}
          <input
            id={id}
            type="number"
            inputMode="numeric"
            className={`${inputCls} max-w-[10rem]`}
            value={typeof value === "number" ? value : ""}
            placeholder={spec.default !== undefined ? String(spec.default) : undefined}
            min={spec.min}
            max={spec.max}
            step={spec.int ? 1 : "any"}
            readOnly={ctx.readOnly}
            aria-invalid={hasError(ctx, path) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
          />
          <Problems ctx={ctx} path={path} id={problemsId} />
        </div>
      );
    case "boolean":
      return (
        <div className="mb-3">
          <label className="flex items-center gap-2 text-sm font-semibold text-slate-800">
            <input type="checkbox" checked={value === true} disabled={ctx.readOnly} onChange={(e) => set(e.target.checked)} aria-describedby={describedBy} />
            {label}
          </label>
          {hintEl}
          <Problems ctx={ctx} path={path} id={problemsId} />
        </div>
      );
    case "enum":
      return (
        <div className="mb-3">
          <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
            {label}
          </label>
          {hintEl}
          <select
            id={id}
            className={`${inputCls} max-w-xs`}
            value={typeof value === "string" ? value : ""}
            disabled={ctx.readOnly}
            aria-invalid={hasError(ctx, path) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => set(e.target.value === "" ? undefined : e.target.value)}
          >
            {spec.optional || typeof value !== "string" ? <option value="">{t("author.notSet")}</option> : null}
            {spec.options.map((o) => (
              <option key={o} value={o}>
                {optionLabel(String(path.at(-1)), o)}
              </option>
            ))}
          </select>
          <Problems ctx={ctx} path={path} id={problemsId} />
        </div>
      );
    case "localized":
      return <Localized ctx={ctx} path={path} label={label} hint={hintEl} />;
    case "localizedList":
      return <LocalizedList ctx={ctx} path={path} label={label} hint={hintEl} />;
    case "conditions":
      return (
        <div className="mb-3">
          <ConditionPicker
            id={id}
            label={label}
            value={value}
            options={ctx.options}
            readOnly={ctx.readOnly}
            onChange={set}
            describedBy={describedBy}
          />
          {hintEl}
          <Problems ctx={ctx} path={path} deep id={problemsId} />
        </div>
      );
    case "object":
      return (
        <fieldset className="mb-4 rounded border border-slate-300 p-3">
          <legend className="px-1 text-sm font-bold text-slate-900">{label}</legend>
          {hintEl}
          <ObjectFields ctx={ctx} path={path} spec={spec} />
          <Problems ctx={ctx} path={path} id={problemsId} />
          {spec.optional && !spec.hasDefault ? (
            <button type="button" className={smallBtn} disabled={ctx.readOnly} onClick={() => set(undefined)}>
              {t("author.removeItem", { what: label })}
            </button>
          ) : null}
        </fieldset>
      );
    case "array":
      return <ArrayField ctx={ctx} path={path} spec={spec} label={label} hint={hintEl} />;
    case "record":
      return <RecordField ctx={ctx} path={path} spec={spec} label={label} hint={hintEl} />;
    case "json":
      return <JsonField ctx={ctx} path={path} label={label} />;
  }
}

export function ObjectFields({ ctx, path, spec, only }: { ctx: FormContext; path: Path; spec: Extract<Spec, { kind: "object" }>; only?: string[] }) {
  const label = useLabel();
  const value = getIn(ctx.content, path);
  const fields = only ? spec.fields.filter((f) => only.includes(f.key)) : spec.fields;
  const known = new Set(spec.fields.map((f) => f.key));
  // Fields the format does not know (from a YAML edit or an import): shown as JSON, so nothing is hidden.
  const extra = !value || typeof value !== "object" ? [] : Object.keys(value).filter((k) => !known.has(k) && (!only || only.includes(k)));
  return (
    <>
      {fields.map((f) => (
        <FieldView key={f.key} ctx={ctx} path={[...path, f.key]} spec={f.spec} label={label(f.key)} />
      ))}
      {extra.map((k) => (
        <JsonField key={k} ctx={ctx} path={[...path, k]} label={k} />
      ))}
    </>
  );
}

function Localized({ ctx, path, label, hint }: { ctx: FormContext; path: Path; label: string; hint: ReactNode }) {
  const t = useT();
  const value = (getIn(ctx.content, path) ?? {}) as Record<string, unknown>;
  const long = ["setting", "role", "persona", "goal", "text", "tip"].includes(String(path.at(-1)));
  return (
    <fieldset className="mb-3">
      <legend className="text-sm font-semibold text-slate-800">{label}</legend>
      {hint}
      <div className="grid gap-3 md:grid-cols-2">
        {(["en", "fr"] as const).map((lang) => {
          const p = [...path, lang];
          const id = idOf(p);
          const text = typeof value[lang] === "string" ? (value[lang] as string) : "";
          const other = typeof value[lang === "en" ? "fr" : "en"] === "string" ? (value[lang === "en" ? "fr" : "en"] as string) : "";
          const missing = !text.trim() && other.trim().length > 0;
          const props = {
            id,
            lang,
            value: text,
            readOnly: ctx.readOnly,
            "aria-invalid": hasError(ctx, p) || undefined,
            "aria-describedby": `${id}-problems`,
            className: `${inputCls} ${missing ? "border-amber-700 bg-amber-50" : ""}`,
            onChange: (e: { target: { value: string } }) => ctx.onChange(p, e.target.value),
          };
          return (
            <div key={lang}>
              <label htmlFor={id} className="text-xs font-semibold uppercase text-slate-700">
                {lang === "en" ? t("author.english") : t("author.french")}
                {missing ? <span className="ml-2 normal-case text-amber-900">({t("author.missingTranslation")})</span> : null}
              </label>
              {long ? <textarea rows={3} {...props} /> : <input {...props} />}
              <Problems ctx={ctx} path={p} id={`${id}-problems`} />
            </div>
          );
        })}
      </div>
      <Problems ctx={ctx} path={path} />
    </fieldset>
  );
}

/** A list of texts per language, one per row (example phrases, opening lines, scripted lines). */
function LocalizedList({ ctx, path, label, hint }: { ctx: FormContext; path: Path; label: string; hint: ReactNode }) {
  const t = useT();
  const value = (getIn(ctx.content, path) ?? {}) as Record<string, unknown>;
  return (
    <fieldset className="mb-3">
      <legend className="text-sm font-semibold text-slate-800">
        {label} <span className="font-normal text-slate-600">({t("author.onePerLine")})</span>
      </legend>
      {hint}
      <div className="grid gap-3 md:grid-cols-2">
        {(["en", "fr"] as const).map((lang) => (
          <LinesArea key={lang} ctx={ctx} path={[...path, lang]} lang={lang} value={value[lang]} other={value[lang === "en" ? "fr" : "en"]} />
        ))}
      </div>
      <Problems ctx={ctx} path={path} />
    </fieldset>
  );
}

function linesOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
const written = (v: unknown) => linesOf(v).filter((l) => l.trim().length > 0);

function LinesArea({ ctx, path, lang, value, other }: { ctx: FormContext; path: Path; lang: "en" | "fr"; value: unknown; other: unknown }) {
  const t = useT();
  const id = idOf(path);
  const lines = linesOf(value);
  const [text, setText] = useState(lines.join("\n"));
  // Follow a change made elsewhere (YAML view, a conflict resolved), not our own typing.
  useEffect(() => {
    const mine = text.split("\n").map((l) => l.trim()).filter(Boolean);
    if (JSON.stringify(mine) !== JSON.stringify(lines)) setText(lines.join("\n"));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(lines)]);
  // Counter-examples answer a misreading, which may happen in one language only (decision 282): never "missing".
  const missing = written(value).length === 0 && written(other).length > 0 && path.at(-2) !== "counterExamples";
  return (
    <div>
      <label htmlFor={id} className="text-xs font-semibold uppercase text-slate-700">
        {lang === "en" ? t("author.english") : t("author.french")} · {lines.length}
        {missing ? <span className="ml-2 normal-case text-amber-900">({t("author.missingTranslation")})</span> : null}
      </label>
      <textarea
        id={id}
        lang={lang}
        rows={Math.min(12, Math.max(3, lines.length + 1))}
        className={`${inputCls} font-mono text-sm ${missing ? "border-amber-700 bg-amber-50" : ""}`}
        value={text}
        readOnly={ctx.readOnly}
        aria-invalid={Object.keys(ctx.errors).some((p) => p === pathKey(path) || p.startsWith(`${pathKey(path)}.`)) || undefined}
        aria-describedby={`${id}-problems`}
        onChange={(e) => {
          setText(e.target.value);
          ctx.onChange(path, e.target.value.split("\n").map((l) => l.trim()).filter(Boolean));
        }}
      />
      <Problems ctx={ctx} path={path} deep id={`${id}-problems`} />
    </div>
  );
}

function itemName(item: unknown, index: number): string {
  if (item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string" && (item as { id: string }).id)
    return (item as { id: string }).id;
  return `#${index + 1}`;
}

function ArrayField({ ctx, path, spec, label, hint }: { ctx: FormContext; path: Path; spec: Extract<Spec, { kind: "array" }>; label: string; hint: ReactNode }) {
  const t = useT();
  const addLabel = useAddLabel();
  const labelOf = useLabel();
  const items = Array.isArray(getIn(ctx.content, path)) ? (getIn(ctx.content, path) as unknown[]) : [];
  const move = (from: number, to: number) => {
    const next = [...items];
    const [x] = next.splice(from, 1);
    next.splice(to, 0, x);
    ctx.onChange(path, next);
  };
  const singular = labelOf(String(path.at(-1)));
  return (
    <div className="mb-4">
      {hint}
      <ol className="space-y-3">
        {items.map((item, i) => {
          const name = itemName(item, i);
          return (
            <li key={i} className="rounded border border-slate-300 bg-slate-50 p-3">
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <h3 className="mr-auto font-semibold text-slate-900">
                  {singular} · {name}
                </h3>
                <button type="button" className={smallBtn} disabled={ctx.readOnly || i === 0} onClick={() => move(i, i - 1)} aria-label={t("author.moveUpItem", { what: name })}>
                  ↑
                </button>
                <button type="button" className={smallBtn} disabled={ctx.readOnly || i === items.length - 1} onClick={() => move(i, i + 1)} aria-label={t("author.moveDownItem", { what: name })}>
                  ↓
                </button>
                <button type="button" className={smallBtn} disabled={ctx.readOnly} onClick={() => ctx.onChange([...path, i], undefined)}>
                  {t("author.removeItem", { what: name })}
                </button>
              </div>
              {spec.item.kind === "object" ? (
                <ObjectFields ctx={ctx} path={[...path, i]} spec={spec.item} />
              ) : (
                <FieldView ctx={ctx} path={[...path, i]} spec={spec.item} label={name} />
              )}
            </li>
          );
        })}
      </ol>
      <Problems ctx={ctx} path={path} />
      <button type="button" className={`${smallBtn} mt-2`} disabled={ctx.readOnly} onClick={() => ctx.onChange(path, [...items, emptyOf(spec.item)])}>
        {addLabel(path, label)}
      </button>
    </div>
  );
}

function RecordField({ ctx, path, spec, label, hint }: { ctx: FormContext; path: Path; spec: Extract<Spec, { kind: "record" }>; label: string; hint: ReactNode }) {
  const t = useT();
  const addLabel = useAddLabel();
  const listId = useId();
  const record = (getIn(ctx.content, path) ?? {}) as Record<string, unknown>;
  const [newKey, setNewKey] = useState("");
  const suggestions = spec.keyKind === "beat" ? ctx.beats : spec.keyKind === "reaction" ? ctx.reactionKeys : [];
  const keys = Object.keys(record);
  const newKeyId = `${idOf(path)}-new`;
  // A topic's id is refused where it is typed when it is not one ("Suivi Colis"): the message says why.
  const refusal = spec.keyKind === "id" ? idProblem(newKey) : null;
  const add = () => {
    const k = newKey.trim();
    if (!k || k in record || refusal) return;
    ctx.onChange(path, { ...record, [k]: emptyOf(spec.value) });
    setNewKey("");
  };
  /** Rename a key in place (its position kept): an id the format refuses is corrected where it stands. */
  const rename = (from: string, to: string) => {
    const k = to.trim();
    if (!k || k === from || k in record) return;
    ctx.onChange(path, Object.fromEntries(Object.entries(record).map(([key, v]) => (key === from ? [k, v] : [key, v]))));
  };
  return (
    <div className="mb-4">
      {hint}
      <ul className="space-y-3">
        {keys.map((k) => (
          <li key={k} className="rounded border border-slate-300 bg-slate-50 p-3" data-field={pathKey([...path, k])}>
            <div className="mb-2 flex flex-wrap items-center gap-2">
              <h3 className="mr-auto font-mono font-semibold text-slate-900">{k}</h3>
              <button type="button" className={smallBtn} disabled={ctx.readOnly} onClick={() => ctx.onChange([...path, k], undefined)}>
                {t("author.removeItem", { what: k })}
              </button>
            </div>
            {spec.keyKind === "id" && idProblem(k) && !ctx.readOnly ? <RenameKey id={idOf([...path, k])} from={k} taken={keys} onRename={(to) => rename(k, to)} /> : null}
            <Problems ctx={ctx} path={[...path, k]} id={`${idOf([...path, k])}-problems`} />
            {spec.value.kind === "object" ? (
              <ObjectFields ctx={ctx} path={[...path, k]} spec={spec.value} />
            ) : (
              <FieldView ctx={ctx} path={[...path, k]} spec={spec.value} label={k} />
            )}
          </li>
        ))}
      </ul>
      <Problems ctx={ctx} path={path} />
      {!ctx.readOnly ? (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="text-sm font-semibold text-slate-800" htmlFor={newKeyId}>
            {t("author.newKeyLabel")} ({label})
            <input
              id={newKeyId}
              className={`${inputCls} font-mono`}
              value={newKey}
              aria-invalid={refusal ? true : undefined}
              aria-describedby={refusal ? `${newKeyId}-problem` : undefined}
              list={suggestions.length ? listId : undefined}
              onChange={(e) => setNewKey(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </label>
          {suggestions.length ? (
            <datalist id={listId}>
              {suggestions.filter((s) => !(s in record)).map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          ) : null}
          <button type="button" className={smallBtn} onClick={add} disabled={!newKey.trim() || newKey.trim() in record || Boolean(refusal)}>
            {addLabel(path, label)}
          </button>
          {refusal ? (
            <p id={`${newKeyId}-problem`} role="alert" className="basis-full text-sm font-medium text-red-800">
              {t("author.newKeyInvalid")} {t(refusal.key, refusal.vars)}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The id of a record's item that the format refuses, editable where it stands (the checks list focuses it). */
function RenameKey({ id, from, taken, onRename }: { id: string; from: string; taken: string[]; onRename(to: string): void }) {
  const t = useT();
  const [value, setValue] = useState(from);
  const refusal = idProblem(value);
  const ok = value.trim() !== "" && value.trim() !== from && !taken.includes(value.trim()) && !refusal;
  return (
    <div className="mb-2 flex flex-wrap items-end gap-2">
      <label htmlFor={id} className="text-sm font-semibold text-slate-800">
        {t("author.renameKeyLabel")}
        <input
          id={id}
          className={`${inputCls} font-mono`}
          value={value}
          aria-invalid={refusal ? true : undefined}
          aria-describedby={`${id}-problems`}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (ok) onRename(value);
            }
          }}
        />
      </label>
      <button type="button" className={smallBtn} disabled={!ok} onClick={() => onRename(value)}>
        {t("author.renameKey")}
      </button>
      {refusal && value.trim() !== from ? (
        <p role="alert" className="basis-full text-sm font-medium text-red-800">
          {t(refusal.key, refusal.vars)}
        </p>
      ) : null}
    </div>
  );
}

function JsonField({ ctx, path, label }: { ctx: FormContext; path: Path; label: string }) {
  const t = useT();
  const id = idOf(path);
  const value = getIn(ctx.content, path);
  const [text, setText] = useState(JSON.stringify(value ?? null, null, 2));
  const [bad, setBad] = useState(false);
  return (
    <div className="mb-3">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label} <span className="font-normal text-slate-600">({t("author.jsonHint")})</span>
      </label>
      <textarea
        id={id}
        rows={4}
        className={`${inputCls} font-mono text-sm`}
        value={text}
        readOnly={ctx.readOnly}
        aria-invalid={bad || hasError(ctx, path) || undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            ctx.onChange(path, JSON.parse(e.target.value));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      <Problems ctx={ctx} path={path} deep />
    </div>
  );
}

/** Keep `setIn` reachable for callers building updates. */
export { setIn };
