import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  appOriginOf,
  clientIp,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  getUser,
  homeFor,
  logIn,
  LoginForm,
  safeRedirectPath,
  verifyLogin,
} from "../auth.server";
import { callIdOfPath, keptText, readKeptReply } from "../calls/kept-reply";
import { Button, Field, FormError } from "../components/Field";
import { PageHeader } from "../components/Layout";
import { getEnv } from "../env.server";
import { readSessionId } from "../session.server";
import { fieldErrors as zodFieldErrors } from "../forms/field-errors";
import { t, type MessageKey } from "../i18n";
import { useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: "en" | "fr" } | undefined;
  return [
    { title: t(root?.locale ?? "en", "auth.loginTitle") + " · " + t(root?.locale ?? "en", "common.appName") },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    const to = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), appOriginOf(request));
    throw redirect(to ?? homeFor(user.role));
  }
  // A session cookie that no longer opens a session: it expired (or was ended elsewhere). Say so.
  const expired = (await readSessionId(request)) !== null;
  // Demo accounts are shown only when the demo is seeded (never in a real deployment).
  return {
    expired,
    demo: getEnv().SEED_DEMO
      ? { accounts: DEMO_ACCOUNTS.map((a) => a.email), password: DEMO_PASSWORD }
      : null,
  };
}

type ActionData = {
  fieldErrors?: { email?: MessageKey; password?: MessageKey };
  formError?: { key: MessageKey; vars?: Record<string, string | number> };
  email?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = LoginForm.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    redirectTo: form.get("redirectTo") ?? undefined,
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const byField = zodFieldErrors(parsed.error, { depth: 1 });
    const fieldErrors: NonNullable<ActionData["fieldErrors"]> = {};
    if (byField.email) fieldErrors.email = byField.email.key;
    if (byField.password) {
      // Empty: say so. Too long (over 200 characters): it cannot be anyone's password.
      if (String(form.get("password") ?? "") === "") fieldErrors.password = "auth.passwordMissing";
      else
        return Response.json({ formError: { key: "auth.invalidCredentials" }, email } satisfies ActionData, {
          status: 401,
        });
    }
    return Response.json({ fieldErrors, email } satisfies ActionData, { status: 400 });
  }
  const ip = clientIp(request, context.clientIp);
  const result = await verifyLogin(parsed.data.email, parsed.data.password, ip);
  if (!result.ok) {
    const formError: ActionData["formError"] =
      result.reason === "rate-limited"
        ? { key: "auth.rateLimited", vars: { minutes: result.retryAfterMinutes ?? 15 } }
        : result.reason === "no-membership"
          ? { key: "auth.noMembership" }
          : { key: "auth.invalidCredentials" };
    return Response.json({ formError, email } satisfies ActionData, {
      status: result.reason === "rate-limited" ? 429 : 401,
    });
  }
  return logIn(
    result.user.id,
    result.orgId,
    result.role,
    safeRedirectPath(parsed.data.redirectTo, appOriginOf(request)),
  );
}

export default function Login() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction?.startsWith("/login");
  const redirectTo = params.get("redirectTo");
  // Words kept in this browser for the call the trainee is sent back to (app/calls/kept-reply.ts).
  const [replyKept, setReplyKept] = useState(false);
  useEffect(() => {
    const callId = callIdOfPath(redirectTo);
    setReplyKept(callId !== null && keptText(readKeptReply(callId)) !== "");
  }, [redirectTo]);
  const backToCall = callIdOfPath(redirectTo) !== null;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("auth.loginTitle")} intro={t("auth.loginIntro")} />
      {data.expired || replyKept ? (
        <div role="status" data-testid="login-why" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
          <p className="font-semibold">{t(data.expired ? "auth.sessionExpired" : "auth.loginToContinue")}</p>
          <p className="mt-1">
            {t(replyKept ? "auth.replyKept" : backToCall ? "auth.backToCall" : redirectTo ? "auth.backToPage" : "auth.loginToContinue")}
          </p>
        </div>
      ) : null}
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <FormError>
          {actionData?.formError ? t(actionData.formError.key, actionData.formError.vars) : null}
        </FormError>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field
            label={t("auth.email")}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email ?? ""}
            error={actionData?.fieldErrors?.email ? t(actionData.fieldErrors.email) : null}
          />
          <Field
            label={t("auth.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={actionData?.fieldErrors?.password ? t(actionData.fieldErrors.password) : null}
          />
          <Button type="submit" disabled={busy}>
            {t("auth.submit")}
          </Button>
        </Form>
      </div>
      {data.demo ? (
        <section
          aria-labelledby="demo-heading"
          className="mt-6 rounded-lg border border-slate-300 bg-white p-4 text-sm"
        >
          <h2 id="demo-heading" className="font-semibold text-slate-900">
            {t("auth.demoAccounts")}
          </h2>
          <ul className="mt-2 list-disc pl-5 text-slate-700">
            {data.demo.accounts.map((email) => (
              <li key={email}>
                <code>{email}</code>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-slate-700">
            {t("auth.demoAccountsBody", { password: data.demo.password })}
          </p>
        </section>
      ) : null}
    </div>
  );
}
