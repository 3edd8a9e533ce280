/**
 * A small typed i18n. Each area file exports `defineMessages({ en: {...}, fr: {...} })`;
 * the type system forces `fr` to have exactly `en`'s keys.
 */
export type Catalog = Record<string, string>;

export function defineMessages<const E extends Catalog>(messages: {
  en: E;
  fr: { [K in keyof E]: string };
}): { en: { [K in keyof E]: string }; fr: { [K in keyof E]: string } } {
  return messages;
}
