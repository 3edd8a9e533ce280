/** The scenario's own tests: listed, run on demand (and on every publish), deleted. */
import "../messages";
import { useFetcher } from "@remix-run/react";
import { useT } from "../../i18n/react";
import { failuresText, type TestFailure } from "../test-failures";

export interface StoredTestView {
  id: string;
  name: string;
  locale: "en" | "fr";
  lines: string[];
}

const btn2 = "rounded border border-slate-500 bg-white px-3 py-1 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60";

export function TestsPanel({ slug, tests, canEdit, beforeRun }: { slug: string; tests: StoredTestView[]; canEdit: boolean; beforeRun(): Promise<void> }) {
  const t = useT();
  const run = useFetcher<{ intent: string; results?: Array<{ id: string; passed: boolean; failures: TestFailure[] }> | null }>();
  const remove = useFetcher();
  const results = new Map((run.data?.results ?? []).map((r) => [r.id, r]));
  return (
    <section aria-labelledby="tests-title" className="mt-6 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="tests-title" className="text-xl font-bold">
        {t("author.testsTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("author.testsIntro")}</p>
      {tests.length === 0 ? (
        <p className="mt-2">{t("author.testsNone")}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {tests.map((test) => {
            const r = results.get(test.id);
            return (
              <li key={test.id} className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{test.name}</span>
                <span className="text-sm text-slate-600">{t("author.testLines", { count: test.lines.length, locale: test.locale.toUpperCase() })}</span>
                {r ? (
                  <span className={r.passed ? "text-green-900" : "text-red-800"}>
                    {r.passed ? t("author.testPassed") : t("author.testFailed", { why: failuresText(t, r.failures) })}
                  </span>
                ) : null}
                {canEdit ? (
                  <remove.Form method="post" action={`/author/${slug}`} className="ml-auto">
                    <input type="hidden" name="intent" value="deleteTest" />
                    <input type="hidden" name="testId" value={test.id} />
                    <button type="submit" className={btn2} aria-label={t("author.testDeleteNamed", { name: test.name })}>
                      {t("author.testDelete")}
                    </button>
                  </remove.Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && tests.length > 0 ? (
        <button
          type="button"
          className={`${btn2} mt-3`}
          disabled={run.state !== "idle"}
          onClick={() => {
            void beforeRun().then(() => run.submit({ intent: "runTests" }, { method: "post", action: `/author/${slug}` }));
          }}
        >
          {t("author.testsRun")}
        </button>
      ) : null}
    </section>
  );
}
