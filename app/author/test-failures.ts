/**
 * Why a scenario's test failed (app/author/play.server.ts runTest), as data the page words in the
 * reader's language: an `author` key with its figures, and the values that are themselves labels (a
 * call's outcome) as label keys. Browser-safe: the publish notice and the tests panel read it.
 */
import "./messages";
import type { MessageKey, MessageVars } from "../i18n";

export interface TestFailure {
  key: MessageKey;
  vars?: MessageVars;
  /** Variables whose value is a label to translate (an outcome). */
  labels?: Record<string, MessageKey>;
}

/** One failure in words. */
export function failureText(t: (key: MessageKey, vars?: MessageVars) => string, failure: TestFailure): string {
  const labels = Object.fromEntries(Object.entries(failure.labels ?? {}).map(([k, key]) => [k, t(key)]));
  return t(failure.key, { ...failure.vars, ...labels });
}

/** All of a test's failures in words, joined as the language joins clauses ("; " / " ; "). */
export function failuresText(t: (key: MessageKey, vars?: MessageVars) => string, failures: readonly TestFailure[]): string {
  return failures.map((f) => failureText(t, f)).join(t("author.testFailSeparator"));
}
