/**
 * One way for every form to turn a zod error into messages beside its fields (issue 13): the
 * login, set-password, admin and call forms, and the scenario studio (the largest form).
 *
 *   const errors = fieldErrors(parsed.error);          // { "email": { key: "auth.emailInvalid" }, ... }
 *   t(errors.email.key, errors.email.vars)
 *
 * A field is named by its dotted path ("customer.patience", "facts.0.text.fr"; "" for the whole
 * form). The first issue of a field wins. A schema whose message is an i18n key ("auth.emailInvalid")
 * keeps it; any other issue gets a generic key of the `forms` area by its zod code, with the
 * figures it needs (minimum, maximum, keys); a custom message that is not a key is kept as the
 * `detail` of `forms.invalid` (the scenario format's cross-reference checks are worded in English).
 * Browser-safe: no zod import at run time.
 */
import { hasMessage, type MessageKey, type MessageVars } from "../i18n";

export interface FieldError {
  key: MessageKey;
  vars?: MessageVars;
}

export type FieldErrors = Record<string, FieldError>;

/** The part of a zod issue this helper reads (zod 4's `$ZodIssue`). */
export interface IssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  expected?: string;
  keys?: readonly string[];
}

export interface FieldErrorsOptions {
  /** Name fields by the first `depth` path segments only (1: top-level fields of a flat form). */
  depth?: number;
  /** The key of an issue whose message is not an i18n key (default: by zod code, then `forms.invalid`). */
  fallback?: MessageKey;
}

export function isMessageKey(message: string): message is MessageKey {
  return hasMessage(message);
}

export function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === "symbol" ? p.toString() : String(p))).join(".");
}

/** The message of one issue, as an i18n key with its variables. */
export function issueMessage(issue: IssueLike, fallback?: MessageKey): FieldError {
  if (isMessageKey(issue.message)) return { key: issue.message };
  if (fallback) return { key: fallback };
  const n = (v: number | bigint | undefined) => (v === undefined ? 0 : Number(v));
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string" && n(issue.minimum) <= 1) return { key: "forms.required" };
      if (issue.origin === "array") return { key: "forms.needsItems", vars: { minimum: n(issue.minimum) } };
      return { key: issue.origin === "string" ? "forms.tooShort" : "forms.tooSmall", vars: { minimum: n(issue.minimum) } };
    case "too_big":
      return { key: issue.origin === "string" ? "forms.tooLong" : "forms.tooBig", vars: { maximum: n(issue.maximum) } };
    case "invalid_type":
      return issue.message.includes("received undefined")
        ? { key: "forms.required" }
        : { key: "forms.invalidType", vars: { expected: issue.expected ?? "?" } };
    case "invalid_value":
    case "invalid_union":
      return { key: "forms.invalidOption" };
    case "unrecognized_keys":
      return { key: "forms.unknownField", vars: { keys: (issue.keys ?? []).join(", ") } };
    case "invalid_format":
      return { key: "forms.invalidFormat" };
    default:
      return { key: "forms.invalid", vars: { detail: issue.message } };
  }
}

/** Every field's first error, by dotted path. */
export function fieldErrors(error: { issues: readonly IssueLike[] }, options: FieldErrorsOptions = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = options.depth === undefined ? issue.path : issue.path.slice(0, options.depth);
    const key = pathOf(path);
    if (!(key in out)) out[key] = issueMessage(issue, options.fallback);
  }
  return out;
}
