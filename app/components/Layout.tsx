/** The page frame: skip link, top navigation (areas the role may see), language switcher, log out. */
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { LOCALES, LOCALE_NAMES, type Locale, type MessageKey } from "../i18n";
import { ROLE_LABEL } from "../i18n/labels";
import { useLocale, useT } from "../i18n/react";

export type Area = "train" | "author" | "team" | "admin";

export interface LayoutUser {
  name: string;
  role: "trainee" | "trainer" | "manager" | "admin";
  org: { name: string };
  areas: readonly Area[];
}

const AREA_LINKS: Record<Area, { to: string; label: MessageKey }> = {
  train: { to: "/train", label: "common.navTrain" },
  author: { to: "/author", label: "common.navAuthor" },
  team: { to: "/team", label: "common.navTeam" },
  admin: { to: "/admin", label: "common.navAdmin" },
};

export const ROLE_LABELS: Record<LayoutUser["role"], MessageKey> = ROLE_LABEL;

export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const redirectTo = location.pathname + location.search;
  return (
    <Form
      method="post"
      action="/language"
      className="flex items-center gap-1"
      aria-label={t("common.language")}
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {LOCALES.map((l: Locale) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={
            l === locale
              ? "rounded px-2 py-1 text-sm font-semibold bg-white text-brand-800"
              : "rounded px-2 py-1 text-sm text-white underline-offset-2 hover:underline"
          }
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </Form>
  );
}

export function Layout({ user, children }: { user: LayoutUser | null; children: ReactNode }) {
  const t = useT();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800"
      >
        {t("common.skipToContent")}
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-lg font-bold tracking-tight text-white">
            {t("common.appName")}
          </Link>
          {user ? (
            <nav aria-label={t("common.mainNav")} className="flex-1">
              <ul className="flex flex-wrap gap-1">
                {user.areas.map((area) => (
                  <li key={area}>
                    <NavLink
                      to={AREA_LINKS[area].to}
                      className={({ isActive }) =>
                        isActive
                          ? "block rounded bg-white px-3 py-1.5 text-sm font-semibold text-brand-800"
                          : "block rounded px-3 py-1.5 text-sm text-white hover:bg-brand-700"
                      }
                    >
                      {t(AREA_LINKS[area].label)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : (
            <div className="flex-1" />
          )}
          <LanguageSwitcher />
          {user ? (
            <Form method="post" action="/logout">
              <button
                type="submit"
                className="rounded border border-white px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
              >
                {t("common.logOut")}
              </button>
            </Form>
          ) : null}
        </div>
        {user ? (
          <p className="mx-auto max-w-5xl px-4 pb-2 text-right text-sm text-brand-50">
            {t("common.signedInAs", { name: user.name, role: t(ROLE_LABELS[user.role]) })} · {user.org.name}
          </p>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}

export function PageHeader({ title, intro }: { title: string; intro?: string }) {
  return (
    <div className="mb-6 [overflow-wrap:anywhere]">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
      {intro ? <p className="mt-2 max-w-prose text-slate-700">{intro}</p> : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-400 bg-white p-6 text-center text-slate-700">
      {children}
    </p>
  );
}
