/**
 * i18n: `t(locale, "area.key", vars)` on the server, `useT()` in components.
 * Messages live per area in ./messages/<area>.ts; see ./messages/index.ts.
 */
import { AREAS } from "./messages";
import type author from "./messages/author";
import type authorIssues from "./messages/author-issues";
import type authorStudio from "./messages/author-studio";
import type { Locale } from "./locale";

export * from "./locale";
export { defineMessages } from "./define";

/** Every area's type, the studio's included (its strings are registered at run time: registerArea). */
type Areas = typeof AREAS & { author: typeof author; authorIssues: typeof authorIssues; authorStudio: typeof authorStudio };
export type MessageKey = {
  [A in keyof Areas]: `${A & string}.${keyof Areas[A]["en"] & string}`;
}[keyof Areas];
export type MessageVars = Record<string, string | number>;

type AreaMessages = { en: Record<string, string>; fr: Record<string, string> };
const registry: Record<string, AreaMessages> = { ...AREAS };

/** Add an area not bundled with every page (the studio's: app/author/messages.ts). Idempotent. */
export function registerArea<A extends keyof Areas>(name: A, messages: Areas[A]): void {
  registry[name] = messages as AreaMessages;
}

/** True when `key` names a message of a registered area. */
export function hasMessage(key: string): key is MessageKey {
  const dot = key.indexOf(".");
  if (dot <= 0) return false;
  const area = registry[key.slice(0, dot)];
  return Boolean(area && Object.prototype.hasOwnProperty.call(area.en, key.slice(dot + 1)));
}

export function t(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const dot = key.indexOf(".");
  const area = registry[key.slice(0, dot)];
  const name = key.slice(dot + 1);
  // A count is said through an inline plural ({n, plural, …}): see formatMessage.
  const template = area?.[locale][name] ?? area?.en[name] ?? key;
  if (!vars) return template;
  return formatMessage(template, vars, locale);
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: Locale, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/**
 * Fill in a message's variables. `{name}` is the variable's value; an inline plural
 * `{name, plural, one {# scenario} other {# scenarios}}` (ICU's syntax, its plural part only)
 * picks the branch for the value's plural category in `locale` (Intl.PluralRules: English "one"
 * is 1 only, French "one" is 0 and 1; an `=N` branch matches exactly N first, `other` is the
 * fallback) and writes the value where the branch says `#`. Branches may hold variables.
 * Unknown variables stay visible.
 */
export function formatMessage(template: string, vars: MessageVars, locale: Locale): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) break;
    out += template.slice(i, open);
    const simple = /^\{(\w+)\}/.exec(template.slice(open));
    if (simple) {
      const v = simple[1]!;
      out += Object.prototype.hasOwnProperty.call(vars, v) ? String(vars[v]) : simple[0];
      i = open + simple[0].length;
      continue;
    }
    const plural = /^\{(\w+),\s*plural,/.exec(template.slice(open));
    const close = plural ? matchingBrace(template, open) : -1;
    if (!plural || close < 0) {
      out += "{";
      i = open + 1;
      continue;
    }
    const v = plural[1]!;
    const value = Object.prototype.hasOwnProperty.call(vars, v) ? Number(vars[v]) : NaN;
    const branch = Number.isFinite(value)
      ? pluralBranch(template.slice(open + plural[0].length, close), value, locale)
      : null;
    out +=
      branch === null
        ? template.slice(open, close + 1)
        : formatMessage(hashToValue(branch, String(vars[v])), vars, locale);
    i = close + 1;
  }
  return out + template.slice(i);
}

/** `branch` with each `#` outside nested braces (a nested plural's own) replaced by `value`. */
function hashToValue(branch: string, value: string): string {
  let depth = 0;
  let out = "";
  for (const c of branch) {
    if (c === "{") depth++;
    else if (c === "}") depth--;
    out += c === "#" && depth === 0 ? value : c;
  }
  return out;
}

/** The index of the brace closing the one at `open` (-1 when unbalanced). */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}" && --depth === 0) return j;
  }
  return -1;
}

/** The text of the branch of `options` ("one {…} other {…}") for `n` in `locale`. */
function pluralBranch(options: string, n: number, locale: Locale): string | null {
  const branches = new Map<string, string>();
  let j = 0;
  while (j < options.length) {
    const m = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(options.slice(j));
    if (!m) break;
    const open = j + m[0].length - 1;
    const close = matchingBrace(options, open);
    if (close < 0) break;
    branches.set(m[1]!, options.slice(open + 1, close));
    j = close + 1;
  }
  return branches.get(`=${n}`) ?? branches.get(pluralCategory(locale, n)) ?? branches.get("other") ?? null;
}

export type TFunction = (key: MessageKey, vars?: MessageVars) => string;

export function translator(locale: Locale): TFunction {
  return (key, vars) => t(locale, key, vars);
}
