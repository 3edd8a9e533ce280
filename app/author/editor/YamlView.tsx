/**
 * The draft as YAML (issue 13 step 6), validated as it is typed: YAML syntax errors at their line at
 * once; the scenario format's errors (from the server's checks, by field path) placed at their line.
 * Only YAML that reads as data is applied to the draft, so switching back to the form loses nothing.
 */
import "../messages";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { EditorView } from "@codemirror/view";
import { LineCounter, parseDocument } from "yaml";
import { useT } from "../../i18n/react";
import { scenarioToYaml } from "../yaml";

export interface YamlProblem {
  line: number;
  message: string;
}

/** Parse YAML text: the data, or the syntax errors with their lines. */
export function readYaml(text: string): { data?: unknown; problems: YamlProblem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
        message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      })),
    };
  }
  return { data: doc.toJS() as unknown, problems: [] };
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
  const [text, setText] = useState(generated);
  const own = useRef(false);
  // Follow changes made elsewhere (a conflict resolved), not those typed here.
  useEffect(() => {
    if (own.current) {
      own.current = false;
      return;
    }
    setText(generated);
  }, [generated]);
  const { problems } = useMemo(() => readYaml(text), [text]);
  const located = useMemo(
    () => Object.entries(props.errors ?? {}).map(([path, e]) => ({ line: lineOfPath(text, path), path, text: e.text })),
    [props.errors, text],
  );

  // The code editor (CodeMirror 6, YAML, lint at the line), loaded only here: the textarea is what the page
  // shows before it arrives (and without JavaScript).
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef({ text, located, onText: (_: string) => {} });
  const onText = (next: string) => {
    setText(next);
    const read = readYaml(next);
    if (read.problems.length === 0) {
      own.current = true;
      props.onContent(read.data);
    }
  };
  latest.current = { text, located, onText };
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
                  ? syntax.map((p) => ({ line: p.line, message: p.message }))
                  : latest.current.located.map((p) => ({ line: p.line ?? 1, message: `${p.path}: ${p.text}` }));
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
        {problems.length ? <p className="text-amber-900">{t("author.yamlNotApplied")}</p> : null}
        <ul>
          {problems.map((p, i) => (
            <li key={i} className="text-red-800">
              {t("author.yamlSyntax", { line: p.line, message: p.message })}
            </li>
          ))}
          {problems.length === 0
            ? located.map((p) => (
                <li key={p.path} className="text-red-800">
                  {t("author.yamlSyntax", { line: p.line ?? "?", message: `${p.path}: ${p.text}` })}
                </li>
              ))
            : null}
        </ul>
      </div>
    </section>
  );
}
