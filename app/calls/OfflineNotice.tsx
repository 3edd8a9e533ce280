/**
 * Shown on the call page while the customer is played offline: the language model failed and the
 * circuit breaker sends the turns to the scripted customer for a while (decision 112).
 */
import { useT } from "../i18n/react";

export function OfflineNotice({ name }: { name: string }) {
  const t = useT();
  return (
    <p role="status" data-testid="offline-mode" className="rounded border border-amber-600 bg-amber-50 px-3 py-2 text-sm text-slate-900">
      {t("call.offlineMode", { name })}
    </p>
  );
}
