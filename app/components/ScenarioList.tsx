/** A list of scenarios as cards (title, channel, difficulty, length). */
import type { ReactNode } from "react";
import { useLocale, useT } from "../i18n/react";

export interface ScenarioCard {
  id: string;
  slug: string;
  title: { en: string; fr: string } | null;
  channel: "phone" | "in-person" | null;
  difficulty: number | null;
  estimatedMinutes: number | null;
}

export function ScenarioCards({
  scenarios,
  action,
}: {
  scenarios: ScenarioCard[];
  action?: (s: ScenarioCard) => ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {scenarios.map((s) => (
        <li key={s.id} className="min-w-0 rounded-lg border border-slate-300 bg-white p-4 shadow-sm [overflow-wrap:anywhere]">
          <h3 className="text-lg font-semibold text-slate-900">{s.title?.[locale] ?? s.slug}</h3>
          <p className="mt-1 text-sm text-slate-700">
            {[
              s.channel ? t(s.channel === "phone" ? "common.channelPhone" : "common.channelInPerson") : null,
              s.difficulty ? t("common.difficulty", { n: s.difficulty }) : null,
              s.estimatedMinutes ? t("common.minutes", { n: s.estimatedMinutes }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {action ? <div className="mt-3">{action(s)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
