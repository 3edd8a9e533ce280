/**
 * i18n: `t(locale, "area.key", vars)` on the server, `useT()` in components.
 * Messages live per area in ./messages/<area>.ts; see ./messages/index.ts.
 */
import { AREAS } from "./messages";
import type { Locale } from "./locale";

export * from "./locale";
export { defineMessages } from "./define";

type Areas = typeof AREAS;
export type MessageKey = {
  [A in keyof Areas]: `${A & string}.${keyof Areas[A]["en"] & string}`;
}[keyof Areas];
export type MessageVars = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const dot = key.indexOf(".");
  const area = AREAS[key.slice(0, dot) as keyof Areas] as
    { en: Record<string, string>; fr: Record<string, string> } | undefined;
  const name = key.slice(dot + 1);
  // A message may have a singular form `<key>_one`, used when the count ({n} or {count}) is exactly 1
  // ("missed 1 times" → "missed once"); both languages say 0 and 2+ with the plain key.
  const key1 = (vars?.n ?? vars?.count) === 1 ? `${name}_one` : name;
  const template = area?.[locale][key1] ?? area?.[locale][name] ?? area?.en[name] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, v: string) =>
    Object.prototype.hasOwnProperty.call(vars, v) ? String(vars[v]) : match,
  );
}

export type TFunction = (key: MessageKey, vars?: MessageVars) => string;

export function translator(locale: Locale): TFunction {
  return (key, vars) => t(locale, key, vars);
}
