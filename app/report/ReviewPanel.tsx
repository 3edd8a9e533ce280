/** Reviews of a call: every comment and override (the trainee sees them too), and the form for a trainer or manager. */
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button, FormError } from "../components/Field";
import type { MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { REVIEW_REASON_MAX } from "../certification/review-limits";
import type { ReviewView } from "../certification/reviews.server";
import { LocalTime } from "./LocalTime";

const inputClass =
  "mt-1 block w-full rounded border border-slate-500 px-3 py-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700 aria-[invalid=true]:bg-red-50";

/** The field a refused review is about (its message is shown under it, and the focus goes there). */
function fieldOf(error: string | null): "reason" | "comment" | null {
  if (error === "certification.errorReason" || error === "certification.errorReasonTooLong") return "reason";
  if (error === "certification.errorComment") return "comment";
  return null;
}

export function ReviewPanel(props: { reviews: ReviewView[]; canReview: boolean; scored: boolean; error: string | null; saved: boolean }) {
  const t = useT();
  const locale = useLocale();
  const nav = useNavigation();
  const field = props.scored || fieldOf(props.error) !== "reason" ? fieldOf(props.error) : null;
  const reasonRef = useRef<HTMLInputElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [reasonLength, setReasonLength] = useState(0);
  // A refused review: the focus goes to the field to fix (its message is read with it), as the track form does.
  useEffect(() => {
    if (field === "reason") reasonRef.current?.focus();
    else if (field === "comment") commentRef.current?.focus();
  }, [props.error, field]);
  if (props.reviews.length === 0 && !props.canReview) return null;
  const fieldError = props.error ? t(props.error as MessageKey, { max: REVIEW_REASON_MAX }) : null;
  return (
    <section aria-labelledby="reviews-heading" className="mb-8" data-testid="reviews">
      <h2 id="reviews-heading" className="mb-2 text-xl font-bold text-slate-900">
        {t("certification.reviewsHeading")}
      </h2>
      {props.reviews.length === 0 ? (
        <p className="text-slate-700">{t("certification.reviewsEmpty")}</p>
      ) : (
        <ol className="space-y-3">
          {props.reviews.map((r) => (
            <li key={r.id} className="rounded border-l-4 border-brand-700 bg-white p-3 shadow-sm" data-review={r.id}>
              <p className="text-sm text-slate-700">
                <span className="font-semibold text-slate-900">{r.reviewer}</span> · <LocalTime iso={r.createdAt} locale={locale} />
              </p>
              {r.comment ? <p className="mt-1 whitespace-pre-wrap text-slate-900">{r.comment}</p> : null}
              {r.override ? (
                <p className="mt-1 font-semibold text-slate-900">
                  {t("certification.reviewOverride", {
                    result: t(r.override.passed ? "certification.overridePass" : "certification.overrideFail"),
                    reason: r.override.reason,
                  })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {props.canReview ? (
        <Form method="post" className="mt-4 rounded-lg border border-slate-300 bg-white p-4">
          <h3 className="mb-2 text-lg font-semibold">{t("certification.reviewFormHeading")}</h3>
          <input type="hidden" name="intent" value="review" />
          {/* An error about a field is said under that field; any other at the top. */}
          <FormError>{props.error && !field ? fieldError : null}</FormError>
          {props.saved ? (
            <p role="status" className="mb-3 rounded border border-emerald-800 bg-emerald-50 p-2 text-emerald-900">
              {t("certification.reviewSaved")}
            </p>
          ) : null}
          <label htmlFor="review-comment" className="block font-semibold">
            {t("certification.reviewComment")}
          </label>
          <textarea
            ref={commentRef}
            id="review-comment"
            name="comment"
            rows={3}
            maxLength={4000}
            aria-invalid={field === "comment" ? true : undefined}
            aria-describedby={field === "comment" ? "review-comment-error" : undefined}
            className={inputClass}
          />
          {field === "comment" ? (
            <p id="review-comment-error" className="mt-1 text-sm font-medium text-red-800" data-field-error="comment">
              {fieldError}
            </p>
          ) : null}
          {props.scored ? (
            <fieldset className="mt-3">
              <legend className="font-semibold">{t("certification.reviewOverrideLegend")}</legend>
              <div className="flex flex-wrap gap-4">
                {(
                  [
                    ["none", "certification.reviewKeep"],
                    ["pass", "certification.reviewSetPass"],
                    ["fail", "certification.reviewSetFail"],
                  ] as const
                ).map(([v, k]) => (
                  <label key={v} className="flex items-center gap-2">
                    <input type="radio" name="override" value={v} defaultChecked={v === "none"} className="h-4 w-4" />
                    {t(k)}
                  </label>
                ))}
              </div>
              <label htmlFor="review-reason" className="mt-2 block font-semibold">
                {t("certification.reviewReason")}
              </label>
              <input
                ref={reasonRef}
                id="review-reason"
                name="reason"
                maxLength={REVIEW_REASON_MAX}
                onChange={(e) => setReasonLength(e.currentTarget.value.length)}
                aria-invalid={field === "reason" ? true : undefined}
                aria-describedby={field === "reason" ? "review-reason-count review-reason-error" : "review-reason-count"}
                className={inputClass}
              />
              <p id="review-reason-count" className="mt-1 text-sm text-slate-700" data-testid="review-reason-count">
                {t("certification.reviewReasonCount", { n: reasonLength, max: REVIEW_REASON_MAX })}
              </p>
              {field === "reason" ? (
                <p id="review-reason-error" className="mt-1 text-sm font-medium text-red-800" data-field-error="reason">
                  {fieldError}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <div className="mt-3">
            <Button type="submit" aria-disabled={nav.state !== "idle" || undefined}>
              {t("certification.reviewSubmit")}
            </Button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
