/**
 * The scenario format's problems as the studio shows them: an i18n key with what it needs, in the reader's
 * language, saying what is wrong and how to fix it (decision 277). Nothing here reads an English message:
 * - the format's own checks carry `params: { reason, ...values }` (scenarios/schema.ts, IssueReason), worded
 *   by REASONS below (a reason without words is a type error);
 * - zod's own issues are worded from their code and figures (too small, a wrong type, an option, a record's key;
 *   an identifier or a beat by the pattern it failed);
 * - a YAML syntax error (scenarios/yaml-syntax.ts) by its mistake, line and column.
 * scenarios/schema.ts keeps its English messages for the command line and the files' developers.
 * Browser-safe (the editor's checks list, fields and YAML view read the keys; the server computes most).
 */
import "./messages";
import { issueMessage, pathOf, type FieldError, type FieldErrors, type IssueLike } from "../forms/field-errors";
import type { MessageKey } from "../i18n";
import type { IssueParams, IssueReason } from "../../scenarios/schema";
import type { YamlSyntaxError } from "../../scenarios/yaml-syntax";

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

/** A beat id, as scenarios/schema.ts's BEAT_PATTERN (a test keeps the two the same). */
export const BEAT_PATTERN = /^[a-z0-9:/-]+$/;

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

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

/** The words of each of the format's own checks, from the values its issue carries. */
const REASONS: { [R in IssueReason]: (p: IssueParams) => FieldError } = {
  needsExamples: () => ({ key: "author.issueNeedsExamples" }),
  counterIsExample: () => ({ key: "author.issueCounterIsExample" }),
  condition: () => ({ key: "author.issueCondition" }),
  noCondition: () => ({ key: "author.issueNoCondition" }),
  emptyConditionList: () => ({ key: "author.issueEmptyConditionList" }),
  regex: (p) => ({ key: "author.issueRegex", vars: { detail: str(p.detail) } }),
  reactionKey: () => ({ key: "author.issueReactionKey" }),
  unknownTopic: (p) => ({ key: "author.issueUnknownTopic", vars: { id: str(p.id) } }),
  unknownFact: (p) => ({ key: "author.issueUnknownFact", vars: { id: str(p.id) } }),
  unknownNeed: (p) => ({ key: "author.issueUnknownNeed", vars: { id: str(p.id) } }),
  duplicateId: (p) => ({ key: "author.issueDuplicateId", vars: { id: str(p.id) } }),
  knowsIsTopic: (p) => ({ key: "author.issueKnowsIsTopic", vars: { id: str(p.id) } }),
  factUnlocksItself: () => ({ key: "author.issueFactUnlocksItself" }),
  factIncludesItself: () => ({ key: "author.issueFactIncludesItself" }),
  needWaitsForItself: () => ({ key: "author.issueNeedWaitsForItself" }),
  missingVoiceNeed: (p) => ({ key: "author.issueMissingVoiceNeed", vars: { id: str(p.id) } }),
  noBeatLines: (p) => ({ key: "author.issueNoBeatLines", vars: { beat: str(p.beat) } }),
  beforeFormat: () => ({ key: "author.issueBeforeFormat" }),
  beatUnknownReference: (p) => ({ key: KIND_KEY[str(p.kind)] ?? "author.issueBeatUnknownTopic", vars: { id: str(p.id), beat: str(p.beat) } }),
  annoyedBelowCalm: () => ({ key: "author.issueAnnoyedBelowCalm" }),
  openingMood: (p) => ({
    key: OPENING_KEY[str(p.shown)] ?? "author.issueOpeningMood_calm",
    vars: { patience: num(p.patience), calm: num(p.calm), annoyed: num(p.annoyed) },
  }),
  ringingPhoneOnly: () => ({ key: "author.issueRingingPhoneOnly" }),
  patientUntilRing: () => ({ key: "author.issuePatientUntilRing" }),
};

const WRONG_TYPE: Record<string, MessageKey> = {
  number: "authorIssues.wrongType_number",
  int: "authorIssues.wrongType_int",
  string: "authorIssues.wrongType_string",
  boolean: "authorIssues.wrongType_boolean",
  array: "authorIssues.wrongType_array",
  tuple: "authorIssues.wrongType_array",
  object: "authorIssues.wrongType_object",
  record: "authorIssues.wrongType_object",
  map: "authorIssues.wrongType_object",
};

/** The part of a zod issue (or of a ScenarioProblem's `issue`) read here: data, never the message. */
export interface ScenarioIssue extends Omit<IssueLike, "message"> {
  message?: string;
  params?: Record<string, unknown>;
  pattern?: string;
  values?: readonly unknown[];
  /** For `invalid_type`: the field is absent (scenarios/parse.ts sets it; else it is read from the content). */
  missing?: boolean;
  /** For `invalid_format`: the text refused (scenarios/parse.ts sets it; else it is read from the content). */
  value?: string;
}

function valueAt(content: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at: unknown = content;
  for (const p of path) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<PropertyKey, unknown>)[p as string];
  }
  return at;
}

function isReason(v: unknown): v is IssueReason {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(REASONS, v);
}

/** One issue of the scenario format, as the studio words it (`content`: the scenario checked, for the values named). */
export function scenarioIssueMessage(issue: ScenarioIssue, content?: unknown): FieldError {
  // A record's key that is not an id ("Suivi Colis" under topics): the key is the last step of the path.
  if (issue.code === "invalid_key") {
    const key = String(issue.path.at(-1) ?? "");
    const section = String(issue.path[0] ?? "");
    if (section === "topics") return { key: "author.issueTopicIdFormat", vars: { value: key, example: suggestId(key) } };
    if (section === "reactions") return { key: "author.issueReactionKey" };
    return { key: "author.issueKeyFormat", vars: { value: key } };
  }
  const reason = issue.params?.reason;
  if (isReason(reason)) return REASONS[reason](issue.params as IssueParams);
  switch (issue.code) {
    case "invalid_format":
      if (issue.pattern === String(ID_PATTERN)) {
        const value = issue.value ?? valueAt(content, issue.path);
        return typeof value === "string" && value.trim()
          ? { key: "author.issueIdFormat", vars: { value, example: suggestId(value) } }
          : { key: "author.issueIdFormatEmpty" };
      }
      if (issue.pattern === String(BEAT_PATTERN)) return { key: "author.issueBeatFormat" };
      return { key: "forms.invalidFormat" };
    case "invalid_type": {
      const missing = issue.missing ?? (content !== undefined && valueAt(content, issue.path) === undefined);
      if (missing) return { key: "forms.required" };
      return { key: WRONG_TYPE[issue.expected ?? ""] ?? "authorIssues.wrongType_other" };
    }
    case "invalid_value":
      return issue.values?.length
        ? { key: "authorIssues.invalidOption", vars: { options: issue.values.map(String).join(", ") } }
        : { key: "forms.invalidOption" };
    case "too_small":
    case "too_big":
    case "unrecognized_keys":
      return issueMessage({ ...issue, message: issue.message ?? "" });
    default:
      return { key: "authorIssues.other" };
  }
}

/** A YAML syntax error (scenarios/yaml-syntax.ts) in the reader's words: its line, its column, what is wrong. */
export function yamlSyntaxMessage(error: Pick<YamlSyntaxError, "mistake" | "line" | "column" | "near">): FieldError {
  const at = { line: error.line, column: error.column };
  switch (error.mistake) {
    case "quote":
      return { key: "authorIssues.yaml_quote", vars: { ...at, quote: error.near ?? "\"" } };
    case "badStart":
      return { key: "authorIssues.yaml_badStart", vars: { ...at, near: error.near ?? "?" } };
    case "tab":
    case "indent":
    case "colon":
    case "bracket":
    case "duplicate":
      return { key: `authorIssues.yaml_${error.mistake}`, vars: at };
    default:
      return { key: "authorIssues.yaml_other", vars: at };
  }
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
 * A problem of an imported YAML file (scenarios/parse.ts's ScenarioProblem) in the studio's words, from its data:
 * a YAML syntax error by its mistake and place, a schema issue by its code and values. Null for a problem with
 * no data (shown as it is).
 */
export function importProblemMessage(
  problem: { path: string; message: string; yaml?: YamlSyntaxError; issue?: ScenarioIssue },
  content?: unknown,
): FieldError | null {
  if (problem.yaml) return yamlSyntaxMessage(problem.yaml);
  if (problem.issue) return scenarioIssueMessage(problem.issue, content);
  // studio.server.ts's own refusal, before the file is read.
  if (problem.path === "(file)" && problem.message.startsWith("the file is too large")) return { key: "author.importTooLarge" };
  return null;
}
