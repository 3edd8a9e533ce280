/**
 * The scenario format's own problems (scenarios/schema.ts words them in English, for the command line
 * and the YAML files' readers) as the studio shows them: an i18n key of the `author` area with what it
 * needs (the id, the topic, the beat), in the reader's language, saying what is wrong and how to fix
 * it. A problem the table below does not know keeps the generic wording of app/forms/field-errors.ts.
 * Browser-safe (the editor's checks list and fields read the keys; the server computes them).
 */
import "./messages";
import { issueMessage, pathOf, type FieldError, type FieldErrors, type IssueLike } from "../forms/field-errors";
import type { MessageKey } from "../i18n";

/** An identifier of the format: lower-case letters and digits, single hyphens between them. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What `value` would be as an identifier ("Suivi Colis" → "suivi-colis"): the example a message offers. */
export function suggestId(value: string): string {
  const id = value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || "my-topic";
}

/** The refusal of an identifier typed in the editor (a new topic's id), or null when it is one. */
export function idProblem(value: string): FieldError | null {
  const v = value.trim();
  if (!v || ID_PATTERN.test(v)) return null;
  return { key: "author.issueIdFormat", vars: { value: v, example: suggestId(v) } };
}

type Rule = [RegExp, (m: RegExpExecArray) => FieldError];

const KIND_KEY: Record<string, MessageKey> = {
  topic: "author.issueBeatUnknownTopic",
  fact: "author.issueBeatUnknownFact",
  need: "author.issueBeatUnknownNeed",
};
const OPENING_KEY: Record<string, MessageKey> = {
  calm: "author.issueOpeningMood_calm",
  annoyed: "author.issueOpeningMood_annoyed",
  angry: "author.issueOpeningMood_angry",
};

/** The English messages of scenarios/schema.ts, each with its studio key. */
const RULES: Rule[] = [
  [/^needs example phrases/, () => ({ key: "author.issueNeedsExamples" })],
  [/^must be a move name, or topic:<id>/, () => ({ key: "author.issueCondition" })],
  [/^needs at least one condition/, () => ({ key: "author.issueNoCondition" })],
  [/^an empty `(all|any)` list/, () => ({ key: "author.issueEmptyConditionList" })],
  [/^not a valid regular expression \((.*)\)$/s, (m) => ({ key: "author.issueRegex", vars: { detail: m[1]! } })],
  [/^must be a beat id/, () => ({ key: "author.issueBeatFormat" })],
  [/^a reaction key must be/, () => ({ key: "author.issueReactionKey" })],
  [/^unknown topic "([^"]*)"/, (m) => ({ key: "author.issueUnknownTopic", vars: { id: m[1]! } })],
  [/^unknown fact "([^"]*)"/, (m) => ({ key: "author.issueUnknownFact", vars: { id: m[1]! } })],
  [/^unknown need "([^"]*)"/, (m) => ({ key: "author.issueUnknownNeed", vars: { id: m[1]! } })],
  [/^duplicate id "([^"]*)"/, (m) => ({ key: "author.issueDuplicateId", vars: { id: m[1]! } })],
  [/^"([^"]*)" is already a topic/, (m) => ({ key: "author.issueKnowsIsTopic", vars: { id: m[1]! } })],
  [/^a fact cannot be unlocked by itself/, () => ({ key: "author.issueFactUnlocksItself" })],
  [/^a fact cannot include itself/, () => ({ key: "author.issueFactIncludesItself" })],
  [/^a need cannot wait for itself/, () => ({ key: "author.issueNeedWaitsForItself" })],
  [/^missing lines for "voice-need:([^"]*)"/, (m) => ({ key: "author.issueMissingVoiceNeed", vars: { id: m[1]! } })],
  [/^no lines for beat "([^"]*)"/, (m) => ({ key: "author.issueNoBeatLines", vars: { beat: m[1]! } })],
  [/^must be "before-need:<need id>"/, () => ({ key: "author.issueBeforeFormat" })],
  [/^no (topic|fact|need) "([^"]*)" for the beat "([^"]*)"/, (m) => ({ key: KIND_KEY[m[1]!]!, vars: { id: m[2]!, beat: m[3]! } })],
  [/^must be below mood\.calmFrom/, () => ({ key: "author.issueAnnoyedBelowCalm" })],
  [
    /^her opening is \w+ but patience (\d+) shows "(\w+)" \(mood\.calmFrom (\d+), mood\.annoyedFrom (\d+)\)/,
    (m) => ({ key: OPENING_KEY[m[2]!] ?? "author.issueOpeningMood_calm", vars: { patience: Number(m[1]), calm: Number(m[3]), annoyed: Number(m[4]) } }),
  ],
  [/^only phone scenarios ring/, () => ({ key: "author.issueRingingPhoneOnly" })],
  [/^must not exceed ringing\.maxRings/, () => ({ key: "author.issuePatientUntilRing" })],
];

interface ScenarioIssue extends IssueLike {
  issues?: ReadonlyArray<{ code?: string; message?: string }>;
}

function valueAt(content: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at: unknown = content;
  for (const p of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[p as string];
  }
  return at;
}

/** One issue of the scenario format, as the studio words it. */
export function scenarioIssueMessage(issue: ScenarioIssue, content?: unknown): FieldError {
  // A record's key that is not an id ("Suivi Colis" under topics): the key is the last step of the path.
  if (issue.code === "invalid_key") {
    const key = String(issue.path.at(-1) ?? "");
    const section = String(issue.path[0] ?? "");
    if (section === "topics") return { key: "author.issueTopicIdFormat", vars: { value: key, example: suggestId(key) } };
    return { key: "author.issueKeyFormat", vars: { value: key } };
  }
  if (issue.message.startsWith("must be kebab-case")) {
    const value = valueAt(content, issue.path);
    return typeof value === "string" && value.trim()
      ? { key: "author.issueIdFormat", vars: { value, example: suggestId(value) } }
      : { key: "author.issueIdFormatEmpty" };
  }
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(issue.message);
    if (m) return make(m);
  }
  return issueMessage(issue);
}

/** Every field's first problem, by dotted path (as fieldErrors, in the studio's words). */
export function scenarioFieldErrors(error: { issues: readonly ScenarioIssue[] }, content?: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = pathOf(issue.path);
    if (!(key in out)) out[key] = scenarioIssueMessage(issue, content);
  }
  return out;
}

/**
 * A warning's variables as the reader reads them: language codes ("en", "fr", "en+fr" in `language` and
 * `languages`) by the language's name in the reader's language.
 */
export function warningVars(
  t: (key: MessageKey) => string,
  vars: Record<string, string | number> | undefined,
): Record<string, string | number> | undefined {
  if (!vars) return vars;
  const name = (code: string) => (code === "en" ? t("author.langName_en") : code === "fr" ? t("author.langName_fr") : code);
  const out = { ...vars };
  for (const k of ["language", "languages"] as const) {
    const v = out[k];
    if (typeof v === "string") out[k] = v.split("+").map(name).join(" + ");
  }
  return out;
}

/**
 * A problem of an imported YAML file (scenarios/parse.ts: a path and the format's English message) in the
 * studio's words, or null when the message is not one the studio knows (a YAML syntax error: shown as it is).
 */
export function importProblemMessage(problem: { path: string; message: string }): FieldError | null {
  const path = problem.path.split(".");
  if (problem.message === "Invalid key in record") return scenarioIssueMessage({ code: "invalid_key", path, message: problem.message });
  if (problem.message === "must not be empty") return { key: "forms.required" };
  if (problem.message === "needs at least one line") return { key: "forms.needsItems", vars: { minimum: 1 } };
  if (problem.message === "the file is too large (512 kB at most)") return { key: "author.importTooLarge" };
  const unknown = /^unknown fields? (.*)$/.exec(problem.message);
  if (unknown) return { key: "forms.unknownField", vars: { keys: unknown[1]!.replace(/"/g, "") } };
  if (problem.message.startsWith("must be kebab-case")) return { key: "author.issueIdFormatEmpty" };
  // zod's own words (a field without a message of the format's).
  const big = /^Too big: expected (\w+) to (?:have |be )?<=?(\d+)/.exec(problem.message);
  if (big) return { key: big[1] === "string" ? "forms.tooLong" : "forms.tooBig", vars: { maximum: Number(big[2]) } };
  const small = /^Too small: expected (\w+) to (?:have |be )?>=?(\d+)/.exec(problem.message);
  if (small) return { key: small[1] === "string" ? "forms.tooShort" : small[1] === "array" ? "forms.needsItems" : "forms.tooSmall", vars: { minimum: Number(small[2]) } };
  if (/^Invalid option/.test(problem.message)) return { key: "forms.invalidOption" };
  const type = /^Invalid input: expected (\w+), received undefined/.exec(problem.message);
  if (type) return { key: "forms.required" };
  const mapped = scenarioIssueMessage({ code: "custom", path, message: problem.message });
  return mapped.key === "forms.invalid" ? null : mapped;
}
