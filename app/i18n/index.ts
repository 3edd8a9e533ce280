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
  const template = area?.[locale][name] ?? area?.en[name] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, v: string) =>
    Object.prototype.hasOwnProperty.call(vars, v) ? String(vars[v]) : match,
  );
}

export type TFunction = (key: MessageKey, vars?: MessageVars) => string;

export function translator(locale: Locale): TFunction {
  return (key, vars) => t(locale, key, vars);
}
