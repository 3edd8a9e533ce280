/** Locale resolution: the user's preference, else the `lang` cookie, else Accept-Language, else en. */
import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, type Locale } from "./i18n";

export const localeCookie = createCookie("mot_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function cookieLocale(request: Request): Promise<Locale | null> {
  const value: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && isLocale(value) ? value : null;
}

export async function resolveLocale(request: Request, preferred: Locale | null = null): Promise<Locale> {
  return (
    preferred ??
    (await cookieLocale(request)) ??
    localeFromAcceptLanguage(request.headers.get("Accept-Language")) ??
    DEFAULT_LOCALE
  );
}
