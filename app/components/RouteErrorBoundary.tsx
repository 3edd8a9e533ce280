/**
 * The one error boundary every route re-exports:
 *   export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";
 * 403 → "Not allowed", 404 → "Page not found", anything else → a generic message (never a stack).
 */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "../i18n/react";

export function ErrorPanel({ status }: { status: number | null }) {
  const t = useT();
  const [title, body] =
    status === 404
      ? [t("common.notFoundTitle"), t("common.notFoundBody")]
      : status === 403
        ? [t("common.forbiddenTitle"), t("common.forbiddenBody")]
        : [t("common.errorTitle"), t("common.errorBody")];
  return (
    <section aria-labelledby="error-title" className="rounded-lg border border-slate-300 bg-white p-8">
      {status ? (
        <p className="text-sm font-semibold text-slate-700">{t("common.errorStatus", { status })}</p>
      ) : null}
      <h1 id="error-title" className="mt-1 text-2xl font-bold text-slate-900">
        {title}
      </h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <p className="mt-6">
        <Link to="/" className="font-semibold text-brand-700 underline">
          {t("common.backHome")}
        </Link>
      </p>
    </section>
  );
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error) && typeof document === "undefined") {
    // Server-side: the error was already logged by handleError.
  }
  const status = isRouteErrorResponse(error) ? error.status : null;
  return <ErrorPanel status={status} />;
}
