/**
 * The briefing's answer to Start when a call of this scenario is already in progress and the page
 * did not know it (started meanwhile in another tab, perhaps in the other language): which call,
 * in what language, since when, and the two ways on — resume it, or end it and start a new call in
 * the language chosen (decision 286). A certification call is only resumed from here: it counts as
 * one of the trainee's attempts. Focus moves to the notice, which is also an alert.
 */
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { TFunction } from "../i18n";
import { useT } from "../i18n/react";
import type { OpenCallNotice as Notice } from "./page.server";

/** "3 minutes ago", "il y a 2 heures": whole minutes, then hours, then days. */
export function agoText(t: TFunction, minutes: number): string {
  if (minutes < 60) return t("call.agoMinutes", { n: minutes });
  if (minutes < 48 * 60) return t("call.agoHours", { n: Math.floor(minutes / 60) });
  return t("call.agoDays", { n: Math.floor(minutes / (24 * 60)) });
}

export function OpenCallNotice({ call, startId, stream }: { call: Notice; startId: string; stream: boolean }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  // Shown where the Start button was: focus follows, so a keyboard or screen reader user is told at once.
  useEffect(() => ref.current?.focus(), [call.id]);
  const language = (l: Notice["locale"]) => t(l === "en" ? "call.inEnglish" : "call.inFrench");
  const vars = { language: language(call.locale), ago: agoText(t, call.minutesAgo) };
  return (
    <section
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="open-call-heading"
      data-testid="open-call-notice"
      className="mt-6 rounded-lg border-2 border-amber-700 bg-amber-50 p-5 text-slate-900 focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
    >
      <h2 id="open-call-heading" className="text-lg font-bold">
        {t("call.openElsewhereHeading")}
      </h2>
      <p className="mt-1">{t(call.certification ? "call.openElsewhereCertification" : "call.openElsewhere", vars)}</p>
      {call.certification ? <p className="mt-1 text-sm text-slate-700">{t("call.openElsewhereCertificationHint")}</p> : null}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Link
          to={`/calls/${call.id}`}
          className="rounded bg-brand-700 px-5 py-2 font-semibold text-white underline-offset-2 hover:bg-brand-800 focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
        >
          {t("call.resumeThatCall")}
        </Link>
        {call.certification ? null : (
          <Form method="post">
            {stream ? <input type="hidden" name="mode" value="stream" /> : null}
            <input type="hidden" name="replace" value={call.id} />
            <input type="hidden" name="startId" value={startId} />
            <input type="hidden" name="callLocale" value={call.chosenLocale} />
            <button
              type="submit"
              className="rounded border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800 hover:bg-brand-50 focus:outline focus:outline-2 focus:outline-offset-2 focus:outline-brand-700"
            >
              {call.chosenLocale === call.locale ? t("call.endAndStartAgain") : t("call.endAndStartIn", { language: language(call.chosenLocale) })}
            </button>
          </Form>
        )}
      </div>
      {call.certification ? null : <p className="mt-2 text-sm text-slate-700">{t("call.startAgainHint")}</p>}
    </section>
  );
}
