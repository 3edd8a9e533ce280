/**
 * End call (or End conversation), confirmed once before the call is ended and scored (issue 10).
 */
import { Form } from "@remix-run/react";
import { useId, useRef } from "react";
import { useT } from "../i18n/react";

const END_BUTTON =
  "rounded border border-red-800 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50";
const END_CONFIRM = "rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900";

/**
 * End call, confirmed once: with JavaScript a modal dialog (focus on "Keep talking", Escape
 * closes it, focus back on End call); without, a disclosure whose second button ends the call.
 */
export function EndCall({
  label,
  phone,
  name,
  hydrated,
}: {
  label: string;
  phone: boolean;
  name: string;
  hydrated: boolean;
}) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const title = t(phone ? "callEnd.confirmCallTitle" : "callEnd.confirmConversationTitle");
  const body = t(phone ? "callEnd.confirmBodyPhone" : "callEnd.confirmBodyInPerson", { name });
  const endForm = (
    <Form method="post">
      <input type="hidden" name="intent" value="end" />
      <button type="submit" className={END_CONFIRM}>
        {t("callEnd.confirmYes")}
      </button>
    </Form>
  );

  if (!hydrated) {
    return (
      <details className="relative">
        <summary className={`${END_BUTTON} cursor-pointer list-none`}>{label}</summary>
        <div className="absolute right-0 z-10 mt-2 w-72 rounded-lg border border-slate-300 bg-white p-4 shadow-lg">
          <p className="font-semibold text-slate-900">{title}</p>
          <p className="mt-1 text-sm text-slate-700">{body}</p>
          <div className="mt-3">{endForm}</div>
        </div>
      </details>
    );
  }

  const close = () => {
    dialogRef.current?.close();
  };
  return (
    <>
      <button
        ref={openerRef}
        type="button"
        aria-haspopup="dialog"
        onClick={() => dialogRef.current?.showModal()}
        className={END_BUTTON}
      >
        {label}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        onClose={() => openerRef.current?.focus()}
        className="fixed inset-0 m-auto h-fit w-[min(28rem,calc(100%-2rem))] rounded-lg border border-slate-300 bg-white p-6 text-left shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p id={`${id}-body`} className="mt-2 text-slate-700">
          {body}
        </p>
        <div className="mt-4 flex flex-wrap items-center justify-end gap-3">
          <button
            type="button"
            autoFocus
            onClick={close}
            className="rounded border border-slate-500 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-50"
          >
            {t("callEnd.confirmNo")}
          </button>
          {endForm}
        </div>
      </dialog>
    </>
  );
}
