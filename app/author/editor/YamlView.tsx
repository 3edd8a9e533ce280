/**
 * The draft as YAML (issue 13 step 6), validated as it is typed: YAML syntax errors at once, in the reader's
 * language with their line, column and what is wrong (decision 277); the scenario format's errors (from the
 * server's checks, by field path) placed at their line, the field named as the form names it. Only YAML that
 * reads as data is applied to the draft; text that does not read is kept (in this tab's session storage) and
 * comes back when the view is opened again, so a trainer's words are never lost by switching to the form.
 */
import "../messages";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { EditorView } from "@codemirror/view";
import { LineCounter, parseDocument } from "yaml";
import { readYamlText } from "../../../scenarios/yaml-syntax";
import type { FieldError } from "../../forms/field-errors";
import { useT } from "../../i18n/react";
import { fieldPathLabel } from "../field-path";
import { yamlSyntaxMessage } from "../issues";
import { scenarioToYaml } from "../yaml";

export interface YamlProblem {
  line: number;
  /** The problem in the reader's words (an i18n key and its values). */
  text: FieldError;
}

/** Parse YAML text: the data, or the syntax errors with their lines and their words. */
export function readYaml(text: string): { data?: unknown; problems: YamlProblem[] } {
  const { data, errors } = readYamlText(text);
  if (errors.length) return { problems: errors.map((e) => ({ line: e.line, text: yamlSyntaxMessage(e) })) };
  return { data, problems: [] };
}

/** Text typed here that did not read as YAML, with the YAML of the draft it was typed over. */
interface Unapplied {
  base: string;
  text: string;
}
const storageKey = () => `moment.yaml-unapplied:${typeof location === "undefined" ? "" : location.pathname}`;
function loadUnapplied(): Unapplied | null {
  try {
    const raw = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(storageKey());
    const v = raw ? (JSON.parse(raw) as Unapplied) : null;
    return v && typeof v.base === "string" && typeof v.text === "string" ? v : null;
  } catch {
    return null;
  }
}
function saveUnapplied(v: Unapplied | null): void {
  try {
    if (typeof sessionStorage === "undefined") return;
    if (v) sessionStorage.setItem(storageKey(), JSON.stringify(v));
    else sessionStorage.removeItem(storageKey());
  } catch {
    // Storage full or refused: the text stays in the view while it is open.
  }
}

/** The line of a dotted field path in YAML text (the deepest part of it that exists). */
export function lineOfPath(text: string, path: string): number | null {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const keys = path ? path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k)) : [];
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return null;
}

export default function YamlView(props: { content: unknown; readOnly: boolean; onContent(content: unknown): void; errors?: Record<string, { text: string }> }) {
  const t = useT();
  const id = useId();
  const generated = useMemo(() => scenarioToYaml(props.content), [props.content]);
  // Text that did not read, kept from an earlier visit: back in the editor when the draft has not changed
  // since; otherwise offered beside it (to copy from), never dropped silently.
  const [kept] = useState(() => loadUnapplied());
  const [text, setText] = useState(() => (kept && kept.base === generated ? kept.text : generated));
  const [leftover, setLeftover] = useState(() => (kept && kept.base !== generated ? kept.text : null));
  const own = useRef(false);
  // Follow changes made elsewhere (a conflict resolved), not those typed here — and not on the first render,
  // which may have brought back kept text.
  const shown = useRef(generated);
  useEffect(() => {
    if (shown.current === generated) return;
    shown.current = generated;
    if (own.current) {
      own.current = false;
      return;
    }
    setText(generated);
  }, [generated]);
  const { problems } = useMemo(() => readYaml(text), [text]);
  const located = useMemo(
    () =>
      Object.entries(props.errors ?? {}).map(([path, e]) => ({
        line: lineOfPath(text, path),
        path,
        text: t("authorIssues.fieldProblem", { field: fieldPathLabel(t, path, props.content), message: e.text }),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [props.errors, text, props.content],
  );

  // The code editor (CodeMirror 6, YAML, lint at the line), loaded only here: the textarea is what the page
  // shows before it arrives (and without JavaScript).
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ text, located, t, onText: (_: string) => {} });
  const onText = (next: string) => {
    setText(next);
    const read = readYaml(next);
    if (read.problems.length === 0) {
      saveUnapplied(null);
      own.current = true;
      props.onContent(read.data);
    } else {
      saveUnapplied({ base: generated, text: next });
    }
  };
  latest.current = { text, located, t, onText };
  useEffect(() => {
    let cancelled = false;
    let created: EditorView | null = null;
    void (async () => {
      const [{ basicSetup }, { EditorView: View }, { EditorState }, { yaml }, { linter, lintGutter, forceLinting }] = await Promise.all([
        import("codemirror"),
        import("@codemirror/view"),
        import("@codemirror/state"),
        import("@codemirror/lang-yaml"),
        import("@codemirror/lint"),
      ]);
      if (cancelled || !host.current) return;
      created = new View({
        parent: host.current,
        state: EditorState.create({
          doc: latest.current.text,
          extensions: [
            basicSetup,
            yaml(),
            lintGutter(),
            linter(
              (v) => {
                const doc = v.state.doc;
                const at = (line: number) => doc.line(Math.min(Math.max(1, line), doc.lines));
                const source = doc.toString();
                const syntax = readYaml(source).problems;
                const list = syntax.length
                  ? syntax.map((p) => ({ line: p.line, message: latest.current.t(p.text.key, p.text.vars) }))
                  : latest.current.located.map((p) => ({ line: p.line ?? 1, message: p.text }));
                return list.map((p) => ({ from: at(p.line).from, to: at(p.line).to, severity: "error" as const, message: p.message }));
              },
              { delay: 300 },
            ),
            EditorState.readOnly.of(props.readOnly),
            View.contentAttributes.of({ "aria-label": t("author.yamlLabel"), "aria-describedby": `${id}-problems`, tabindex: "0" }),
            View.updateListener.of((u) => {
              if (u.docChanged) latest.current.onText(u.state.doc.toString());
            }),
          ],
        }),
      });
      view.current = created;
      (created as unknown as { forceLint?: () => void }).forceLint = () => forceLinting(created!);
      setReady(true);
    })();
    return () => {
      cancelled = true;
      created?.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Text changed from outside (not typed in the code editor): put it in.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);
  // New checks from the server: lint again.
  useEffect(() => {
    (view.current as unknown as { forceLint?: () => void } | null)?.forceLint?.();
  }, [located]);
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {t("author.yamlLabel")}
      </h2>
      <p className="mb-2 text-sm text-slate-700">{t("author.yamlIntro")}</p>
      <div ref={host} className="rounded border border-slate-500 font-mono text-sm [&_.cm-editor]:max-h-[70vh]" hidden={!ready} />
      <label htmlFor={id} className="sr-only">
        {t("author.yamlLabel")}
      </label>
      <textarea
        hidden={ready}
        id={id}
        spellCheck={false}
        className="block h-[70vh] w-full rounded border border-slate-500 p-2 font-mono text-sm"
        value={text}
        readOnly={props.readOnly}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={`${id}-problems`}
        onChange={(e) => onText(e.target.value)}
      />
      <div id={`${id}-problems`} role="status" className="mt-2 text-sm">
        {problems.length ? (
          <p className="text-amber-900">
            {t("author.yamlNotApplied")} {t("authorIssues.yamlKept")}
          </p>
        ) : null}
        <ul>
          {problems.map((p, i) => (
            <li key={i} className="text-red-800">
              {t(p.text.key, p.text.vars)}
            </li>
          ))}
          {problems.length === 0
            ? located.map((p) => (
                <li key={p.path} className="text-red-800">
                  {t("author.yamlSyntax", { line: p.line ?? "?", message: p.text })}
                </li>
              ))
            : null}
        </ul>
        {leftover !== null ? (
          <details open className="mt-2 rounded border border-amber-700 bg-amber-50 p-2">
            <summary className="font-semibold text-amber-900">{t("authorIssues.yamlLeftover")}</summary>
            <textarea readOnly aria-label={t("authorIssues.yamlLeftover")} className="mt-1 block h-40 w-full rounded border border-slate-500 p-2 font-mono text-sm" value={leftover} />
            <button
              type="button"
              className="mt-1 rounded border border-slate-500 bg-white px-2 py-1 text-sm"
              onClick={() => {
                setLeftover(null);
                saveUnapplied(null);
              }}
            >
              {t("authorIssues.yamlLeftoverDismiss")}
            </button>
          </details>
        ) : null}
      </div>
    </section>
  );
}
