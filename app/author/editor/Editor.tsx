/**
 * The scenario editor (/author/:slug): the draft in sections (form) or as YAML, autosaved, with its
 * checks, publish / archive / restore, export, and the test-play panel.
 */
import "../messages";
import { Link, useFetcher } from "@remix-run/react";
import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import type { FieldError } from "../../forms/field-errors";
import type { MessageKey } from "../../i18n";
import { useLocale, useT } from "../../i18n/react";
import { LocalTime } from "../../report/LocalTime";
import { diffDefinitions, showValue } from "../diff";
import { SECTIONS, type Spec } from "../form-spec";
import type { DraftCheck, VersionInfo } from "../studio.server";
import type { Warning } from "../warnings";
import { fieldDomId, FieldView, focusField, ObjectFields, useFieldPathLabel, useLabel, type FormContext } from "./SchemaForm";
import { SESSION_EXPIRED, useDraft } from "./useDraft";
import { PlayPanel, type PlayPanelProps } from "./PlayPanel";
import { FlowDiagram } from "./FlowDiagram";
import type { PlayState } from "../play.server";
import { TestsPanel, type StoredTestView } from "./TestsPanel";
import { failuresText, type TestFailure } from "../test-failures";
import { warningVars } from "../issues";
import { addCounterExample } from "../counter-examples";

const YamlView = lazy(() => import("./YamlView"));

export interface EditorProps {
  slug: string;
  global: boolean;
  status: "draft" | "published" | "archived";
  canEdit: boolean;
  canPublish: boolean;
  draft: { content: unknown; revision: number; updatedBy: string | null; updatedAt: string };
  versions: VersionInfo[];
  check: DraftCheck;
  spec: Spec;
  moves: string[];
  tests: StoredTestView[];
  llm: boolean;
}

const GENERIC_BEATS = [
  "opening",
  "opening/late",
  "frustration:repeat",
  "calm-down",
  "acknowledge",
  "clarify",
  "settled",
  "nothing-else",
  "thank-and-leave",
  "leave-unresolved",
  "hang-up",
  "walk-out",
  "react:transfer",
  "react:dismiss",
  "react:blame",
  "react:rude",
];

const btn = "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60";
const btn2 = "rounded border border-slate-500 bg-white px-3 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60";

function idsOf(list: unknown): string[] {
  return Array.isArray(list)
    ? list.map((x) => (x && typeof x === "object" ? (x as { id?: unknown }).id : null)).filter((x): x is string => typeof x === "string" && x.length > 0)
    : [];
}

export function Editor(props: EditorProps) {
  const t = useT();
  const locale = useLocale();
  const label = useLabel();
  const draft = useDraft({ slug: props.slug, content: props.draft.content, revision: props.draft.revision, check: props.check, canEdit: props.canEdit });
  const [view, setView] = useState<"form" | "yaml">("form");
  const [played, setPlayed] = useState<PlayState | null>(null);
  const path = useMemo(() => pathOf(played), [played]);
  const action = useFetcher<{ intent: string; message?: { key: MessageKey; vars?: Record<string, string | number> }; failed?: Array<{ name: string; failures: TestFailure[] }>; errors?: Record<string, FieldError> }>();
  const content = draft.content as Record<string, unknown>;
  const title = (content?.title as { en?: string; fr?: string } | undefined)?.[locale] || (content?.title as { en?: string } | undefined)?.en || t("author.untitled");
  const topics = useMemo(() => [...Object.keys((content?.topics as object) ?? {}), ...idsOf(content?.knows)], [content]);
  const facts = useMemo(() => idsOf(content?.facts), [content]);
  const needs = useMemo(() => idsOf(content?.needs), [content]);
  const ctx: FormContext = {
    content: draft.content,
    readOnly: !props.canEdit,
    errors: draft.check.errors,
    warnings: draft.check.warnings,
    options: { moves: props.moves, topics, facts, needs },
    beats: [
      ...GENERIC_BEATS,
      ...facts.flatMap((f) => [`reveal:${f}`, `restate:${f}`]),
      ...needs.flatMap((n) => [`voice-need:${n}`, `need-met:${n}`]),
      ...topics.flatMap((x) => [`answer:${x}`, `accept:${x}`]),
    ],
    reactionKeys: [...props.moves, ...topics.map((x) => `topic:${x}`)],
    onChange: draft.change,
  };
  const spec = props.spec.kind === "object" ? props.spec : null;
  const sectionFields = new Set(SECTIONS.flatMap((s) => s.fields));
  const otherFields = spec
    ? [
        ...spec.fields.filter((f) => !sectionFields.has(f.key)).map((f) => f.key),
        ...Object.keys(content ?? {}).filter((k) => !spec.fields.some((f) => f.key === k)),
      ]
    : [];
  const sections = [...SECTIONS, ...(otherFields.length ? [{ id: "other", fields: otherFields }] : [])];
  const errorCount = Object.keys(draft.check.errors).length;
  const latestVersion = props.versions[0]?.version ?? null;
  const busy = action.state !== "idle";

  const statusText =
    draft.status === "saving"
      ? t("author.saving")
      : draft.status === "dirty"
        ? t("author.unsaved")
        : draft.status === "error"
          ? draft.error === SESSION_EXPIRED
            ? t("author.saveSessionExpired")
            : t("author.saveFailed", { reason: draft.error ?? "?" })
          : draft.status === "conflict"
            ? t("author.conflictTitle")
            : t("author.savedRevision", { n: draft.revision });

  /** From the error list to the field: in the form (switched to if the YAML is shown), scrolled to and focused. */
  const goTo = (fieldPath: string) => {
    if (view !== "form") setView("form");
    window.requestAnimationFrame(() => window.requestAnimationFrame(() => focusField(fieldPath)));
  };

  const submit = async (intent: string) => {
    await draft.flush();
    action.submit({ intent }, { method: "post" });
  };

  return (
    <div>
      <header className="mb-4">
        <p className="text-sm">
          <Link to="/author" className="text-brand-700 underline">
            {t("author.backToStudio")}
          </Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold text-slate-900">{t("author.editorTitle", { title })}</h1>
        <p className="mt-1 text-slate-700">
          <span className="font-mono">{props.slug}</span> · {t(`author.status_${props.status}` as MessageKey)} ·{" "}
          {latestVersion ? t("author.versionN", { n: latestVersion }) : t("author.noVersion")}
          {props.draft.updatedBy ? (
            <>
              {" "}
              · {props.draft.updatedBy}, <LocalTime iso={props.draft.updatedAt} locale={locale} />
            </>
          ) : null}
        </p>
      </header>
      {props.global ? (
        <Notice>
          {t("author.globalNotice")}{" "}
          <Link to={`/author/new?from=${props.slug}`} className="font-semibold text-brand-700 underline">
            {t("author.cloneToChange")}
          </Link>
        </Notice>
      ) : props.status === "archived" ? (
        <Notice>{t("author.archivedNotice")}</Notice>
      ) : !props.canPublish ? (
        <Notice>{t("author.readOnlyEditor")}</Notice>
      ) : null}
      {draft.restored ? <Notice>{t("author.restoredLocal")}</Notice> : null}

      {/* Opaque, with a shadow: the form scrolls under it and must not show through. */}
      <div className="sticky top-0 z-20 mb-4 flex flex-wrap items-center gap-2 border-b border-slate-300 bg-slate-50 py-2 shadow-sm" data-testid="editor-toolbar">
        <div role="group" aria-label={t("author.viewSwitch")} className="flex gap-1">
          <button type="button" className={btn2} aria-pressed={view === "form"} onClick={() => setView("form")}>
            {t("author.viewForm")}
          </button>
          <button type="button" className={btn2} aria-pressed={view === "yaml"} onClick={() => setView("yaml")}>
            {t("author.viewYaml")}
          </button>
        </div>
        <p role="status" aria-live="polite" className="mx-2 text-sm text-slate-700">
          {props.canEdit ? statusText : null}
        </p>
        <span className="ml-auto" />
        {props.canPublish && props.status !== "archived" ? (
          <button type="button" className={btn} disabled={busy || draft.status === "conflict"} onClick={() => void submit("publish")}>
            {busy && action.formData?.get("intent") === "publish" ? t("author.publishing") : t("author.publish")}
          </button>
        ) : null}
        {props.canPublish ? (
          <button type="button" className={btn2} disabled={busy} onClick={() => void submit(props.status === "archived" ? "restore" : "archive")}>
            {props.status === "archived" ? t("author.restore") : t("author.archive")}
          </button>
        ) : null}
        {latestVersion ? (
          <a className={btn2} href={`/author/${props.slug}/export?version=${latestVersion}`} download={`${props.slug}.yaml`}>
            {t("author.exportYaml")}
          </a>
        ) : null}
        <Link className={btn2} to={`/author/${props.slug}/versions`}>
          {t("author.versionsLink")}
        </Link>
      </div>

      {action.data?.message ? (
        <div role="status" className="mb-4 rounded border border-slate-400 bg-white p-3">
          <p className="font-semibold">{t(action.data.message.key, action.data.message.vars)}</p>
          {action.data.failed?.length ? (
            <ul className="mt-1 list-disc pl-6">
              {action.data.failed.map((f) => (
                <li key={f.name}>
                  {t("author.testFailedNamed", { name: f.name, why: failuresText(t, f.failures) })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {draft.conflict ? (
        <ConflictPanel mine={draft.content} theirs={draft.conflict.content} by={draft.conflict.updatedBy} at={draft.conflict.updatedAt} onKeepMine={draft.keepMine} onTakeTheirs={draft.takeTheirs} />
      ) : null}

      <ChecksSummary errors={draft.check.errors} warnings={draft.check.warnings} content={draft.content} onGo={goTo} />

      {view === "yaml" ? (
        <Suspense fallback={<p>{t("author.yamlLoading")}</p>}>
          <YamlView
            content={draft.content}
            readOnly={!props.canEdit}
            onContent={draft.replace}
            errors={Object.fromEntries(Object.entries(draft.check.errors).map(([p, e]) => [p, { text: t(e.key, e.vars) }]))}
          />
        </Suspense>
      ) : spec ? (
        <div className="grid gap-6 lg:grid-cols-[12rem_1fr]">
          <nav aria-label={t("author.sectionsNav")} className="lg:sticky lg:top-16 lg:self-start">
            <ul className="space-y-1 text-sm">
              {sections.map((s) => (
                <li key={s.id}>
                  <a href={`#section-${s.id}`} className="text-brand-700 underline">
                    {t(`author.section_${s.id}` as MessageKey)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div>
            {sections.map((s) => {
              const help = `author.sectionHelp_${s.id}`;
              const single = s.fields.length === 1 ? spec.fields.find((f) => f.key === s.fields[0]) : undefined;
              return (
                <section key={s.id} id={`section-${s.id}`} aria-labelledby={`section-${s.id}-title`} className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
                  <h2 id={`section-${s.id}-title`} className="mb-2 text-xl font-bold text-slate-900">
                    {t(`author.section_${s.id}` as MessageKey)}
                  </h2>
                  {["topics", "facts", "needs", "knows", "lines"].includes(s.id) ? <p className="mb-3 max-w-prose text-sm text-slate-700">{t(help as MessageKey)}</p> : null}
                  {single && ["record", "array", "localizedList"].includes(single.spec.kind) ? (
                    <FieldView ctx={ctx} path={[single.key]} spec={single.spec} label={label(single.key)} />
                  ) : (
                    <ObjectFields ctx={ctx} path={[]} spec={spec} only={s.fields} />
                  )}
                </section>
              );
            })}
          </div>
        </div>
      ) : null}

      <PlayPanel
        slug={props.slug}
        valid={draft.check.valid && errorCount === 0}
        llm={props.llm}
        canSaveTests={props.canPublish}
        beforePlay={draft.flush}
        facts={facts}
        onState={setPlayed}
        onNotThis={
          props.canEdit
            ? (id, lang, text) => {
                // Into the draft as a form edit is (same change path, same autosave).
                const change = addCounterExample(draft.content, id, lang, text);
                if (change.kind === "add") draft.change(change.path, change.value);
                return change.kind;
              }
            : undefined
        }
      />
      <FlowDiagram content={draft.content} highlight={path} />
      <TestsPanel slug={props.slug} tests={props.tests} canEdit={props.canPublish} beforeRun={draft.flush} />
    </div>
  );
}

/** The diagram's nodes a test-play went through. */
function pathOf(state: PlayState | null): Set<string> {
  const lit = new Set<string>();
  if (!state) return lit;
  lit.add("start");
  for (const turn of state.turns) {
    for (const m of turn.moves) lit.add(`move:${m}`);
    for (const x of turn.topics) lit.add(`topic:${x}`);
  }
  for (const f of state.factsUnlocked) lit.add(`fact:${f}`);
  for (const n of state.needs) if (n.met || n.voiced) lit.add(`need:${n.id}`);
  if (state.status === "ended") {
    if (state.outcome === "resolved") lit.add("end:resolved");
    else if (state.outcome === "customer_left") lit.add("end:left");
    else lit.add("end:gave-up");
  }
  return lit;
}

function Notice({ children }: { children: ReactNode }) {
  return <p className="mb-4 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">{children}</p>;
}

function ChecksSummary({ errors, warnings, content, onGo }: { errors: Record<string, FieldError>; warnings: Warning[]; content: unknown; onGo(path: string): void }) {
  const t = useT();
  const where = useFieldPathLabel();
  const entries = Object.entries(errors);
  /** The field named as the form shows it, a link that brings it into view and focuses it. */
  const place = (path: string) => {
    const name = where(path, content);
    return (
      <a
        href={`#${fieldDomId(path)}`}
        className="font-semibold text-brand-700 underline"
        aria-label={t("author.problemsGoTo", { field: name })}
        onClick={(event) => {
          event.preventDefault();
          onGo(path);
        }}
      >
        {name}
      </a>
    );
  };
  return (
    <details className="mb-4 rounded border border-slate-300 bg-white p-3" open={entries.length > 0 && entries.length <= 12}>
      <summary className="cursor-pointer font-semibold">
        {t("author.checksSummary", {
          summary:
            entries.length === 0 && warnings.length === 0
              ? t("author.noProblems")
              : `${t("author.errorsCount", { count: entries.length })}, ${t("author.warningsCount", { count: warnings.length })}`,
        })}
      </summary>
      {entries.length ? (
        <>
          <h3 className="mt-2 font-semibold text-red-800">{t("author.errorsHeading")}</h3>
          <ul className="list-disc pl-6 text-sm">
            {entries.map(([p, e]) => (
              <li key={p}>
                {place(p)} — {t(e.key, e.vars)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.length ? (
        <>
          <h3 className="mt-2 font-semibold text-amber-900">{t("author.warningsHeading")}</h3>
          <ul className="list-disc pl-6 text-sm">
            {warnings.map((w, i) => (
              <li key={i}>
                {place(w.path)} — {t(w.key as MessageKey, warningVars(t, w.vars))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}

function ConflictPanel(props: { mine: unknown; theirs: unknown; by: string | null; at: string; onKeepMine(): void; onTakeTheirs(): void }) {
  const t = useT();
  const locale = useLocale();
  const changes = diffDefinitions(props.theirs, props.mine);
  return (
    <section role="alert" aria-labelledby="conflict-title" className="mb-4 rounded border-2 border-red-700 bg-red-50 p-4">
      <h2 id="conflict-title" className="text-lg font-bold text-red-900">
        {t("author.conflictTitle")}
      </h2>
      <p className="mt-1">
        {t("author.conflictBody", { name: props.by ?? "?", when: "" })} <LocalTime iso={props.at} locale={locale} />
      </p>
      {changes.length === 0 ? (
        <p className="mt-2">{t("author.conflictNone")}</p>
      ) : (
        <DiffTable changes={changes} />
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" className={btn2} onClick={props.onTakeTheirs}>
          {t("author.conflictTakeTheirs")}
        </button>
        <button type="button" className={btn} onClick={props.onKeepMine}>
          {t("author.conflictKeepMine")}
        </button>
      </div>
    </section>
  );
}

export function DiffTable({ changes }: { changes: ReturnType<typeof diffDefinitions> }) {
  const t = useT();
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded border border-slate-300 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-2 py-1">
              {t("author.diffField")}
            </th>
            <th scope="col" className="px-2 py-1">
              {t("author.diffBefore")}
            </th>
            <th scope="col" className="px-2 py-1">
              {t("author.diffAfter")}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} className="border-t border-slate-200 align-top">
              <th scope="row" className="px-2 py-1 font-mono text-xs">
                {c.path}
              </th>
              <td className="px-2 py-1 text-red-900">
                <del>{showValue(c.before)}</del>
              </td>
              <td className="px-2 py-1 text-green-900">
                <ins>{showValue(c.after)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type { PlayPanelProps };
