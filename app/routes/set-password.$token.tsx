/** One-time link from an invitation: choose a password, then log in. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../db/constants";
import { logIn } from "../auth.server";
import { Button, Field, FormError } from "../components/Field";
import { PageHeader } from "../components/Layout";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";
import { acceptInvitation, findInvitation } from "../org.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ params }: LoaderFunctionArgs) {
  const found = params.token ? await findInvitation(params.token) : null;
  if (!found) return { valid: false as const };
  return { valid: true as const, name: found.user.name, email: found.user.email };
}

const SetPasswordForm = z
  .object({
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { message: "auth.passwordTooShort" })
      .max(MAX_PASSWORD_LENGTH, { message: "auth.passwordTooLong" }),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "auth.passwordMismatch", path: ["confirm"] });

type ActionData = { errors: Partial<Record<"password" | "confirm" | "form", MessageKey>> };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = SetPasswordForm.safeParse({
    password: String(form.get("password") ?? ""),
    confirm: String(form.get("confirm") ?? ""),
  });
  if (!parsed.success) {
    const errors: ActionData["errors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "confirm" ? "confirm" : "password";
      errors[field] ??= issue.message as MessageKey;
    }
    return Response.json({ errors } satisfies ActionData, { status: 400 });
  }
  const accepted = params.token ? await acceptInvitation(params.token, parsed.data.password) : null;
  if (!accepted) {
    return Response.json({ errors: { form: "auth.linkInvalidBody" } } satisfies ActionData, { status: 410 });
  }
  return logIn(accepted.userId, accepted.orgId, accepted.role, null);
}

export default function SetPassword() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  if (!data.valid) {
    return <PageHeader title={t("auth.linkInvalidTitle")} intro={t("auth.linkInvalidBody")} />;
  }
  const vars = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title={t("auth.setPasswordTitle")}
        intro={t("auth.setPasswordIntro", { name: data.name, email: data.email })}
      />
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <FormError>{actionData?.errors.form ? t(actionData.errors.form) : null}</FormError>
        <Form method="post" noValidate>
          <input type="hidden" name="username" value={data.email} autoComplete="username" />
          <Field
            label={t("auth.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={t("auth.passwordHint", vars)}
            error={actionData?.errors.password ? t(actionData.errors.password, vars) : null}
          />
          <Field
            label={t("auth.confirmPassword")}
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            error={actionData?.errors.confirm ? t(actionData.errors.confirm, vars) : null}
          />
          <Button type="submit">{t("auth.setPasswordSubmit")}</Button>
        </Form>
      </div>
    </div>
  );
}
