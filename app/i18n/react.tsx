/** The React side of i18n: the locale comes from the root loader. */
import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LOCALE, isLocale, translator, type Locale, type TFunction } from "./index";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: string } | undefined;
  return data?.locale && isLocale(data.locale) ? data.locale : DEFAULT_LOCALE;
}

export function useT(): TFunction {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}
