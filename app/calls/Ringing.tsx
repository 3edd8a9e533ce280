/**
 * The phone ringing before the trainee answers: the ring count follows the server's clock, a ring
 * sound (mutable, off by default with reduced motion), and Answer. Without JavaScript, Answer is a
 * plain form post.
 */
import { Form, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useT } from "../i18n/react";
import type { CallScreenData } from "./CallScreen";
import { playRing } from "./ring-sound";
import { useHydrated } from "./useHydrated";

export function Ringing({ data }: { data: CallScreenData }) {
  const t = useT();
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  const { startedAt, serverNow, intervalMs, maxRings } = data.ringing;
  // The server's clock decides; the browser only follows it (offset measured at load).
  const offset = useRef(serverNow - Date.now());
  const ringAt = (now: number) => Math.floor(Math.max(0, now + offset.current - startedAt) / intervalMs) + 1;
  const [ring, setRing] = useState(() => Math.min(ringAt(serverNow - offset.current), maxRings));
  const [muted, setMuted] = useState(false);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;
  const lastPlayed = useRef(0);

  useEffect(() => {
    const stored = window.localStorage.getItem("mot-ring-muted");
    const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    setMuted(stored === null ? reduced : stored === "1");
  }, []);

  useEffect(() => {
    let reloading = false;
    const tick = () => {
      const now = Date.now();
      const elapsed = now + offset.current - startedAt;
      if (elapsed >= maxRings * intervalMs) {
        // The caller has hung up: the server ends and scores the call, the loader goes to the report.
        if (!reloading) {
          reloading = true;
          revalidator.revalidate();
        }
        return;
      }
      const n = ringAt(now);
      setRing(n);
      if (n !== lastPlayed.current) {
        lastPlayed.current = n;
        if (!mutedRef.current) playRing();
      }
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startedAt, intervalMs, maxRings]);

  const toggleMute = () => {
    setMuted((m) => {
      window.localStorage.setItem("mot-ring-muted", m ? "0" : "1");
      return !m;
    });
  };

  return (
    <section
      aria-labelledby="ringing-title"
      className="rounded-lg border border-slate-300 bg-white p-6 text-center shadow-sm"
    >
      <div aria-hidden="true" className="mx-auto mb-4 flex h-20 w-20 items-center justify-center">
        <span
          key={ring}
          className="inline-flex h-20 w-20 items-center justify-center rounded-full bg-brand-600 text-4xl text-white motion-safe:animate-bounce"
        >
          ☎
        </span>
      </div>
      <h2 id="ringing-title" className="text-xl font-semibold text-slate-900">
        {t("call.ringingTitle")}
      </h2>
      <p className="mt-1 text-slate-700" aria-live="polite" data-testid="ring-count">
        {t("call.ringCount", { n: ring })}
      </p>
      <Form method="post" className="mt-4 flex flex-wrap items-center justify-center gap-3">
        <input type="hidden" name="intent" value="answer" />
        {hydrated ? <input type="hidden" name="mode" value="stream" /> : null}
        <button
          type="submit"
          autoFocus
          className="rounded bg-brand-700 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-800"
        >
          {t("call.answer")}
        </button>
        {hydrated ? (
          <button
            type="button"
            aria-pressed={muted}
            onClick={toggleMute}
            className="rounded border border-brand-700 bg-white px-3 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50 aria-pressed:bg-brand-700 aria-pressed:text-white"
          >
            {t("call.muteRing")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}
