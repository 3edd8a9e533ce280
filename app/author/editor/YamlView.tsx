/**
 * The draft as YAML (issue 13 step 6), validated as it is typed: YAML syntax errors at their line at
 * once; the scenario format's errors (from the server's checks, by field path) placed at their line.
 * Only YAML that reads as data is applied to the draft, so switching back to the form loses nothing.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
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
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={`${id}-title`} className="text-xl font-bold">
        {t("author.yamlLabel")}
      </h2>
      <p className="mb-2 text-sm text-slate-700">{t("author.yamlIntro")}</p>
      <label htmlFor={id} className="sr-only">
        {t("author.yamlLabel")}
      </label>
      <textarea
        id={id}
        spellCheck={false}
        className="block h-[70vh] w-full rounded border border-slate-500 p-2 font-mono text-sm"
        value={text}
        readOnly={props.readOnly}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={`${id}-problems`}
        onChange={(e) => {
          setText(e.target.value);
          const read = readYaml(e.target.value);
          if (read.problems.length === 0) {
            own.current = true;
            props.onContent(read.data);
          }
        }}
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
