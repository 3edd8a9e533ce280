/** One-time link from an invitation: choose a password, then log in. Used, withdrawn or expired: 410. */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { INVITATION_DAYS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../db/constants";
import { acceptInvitation, invitationByToken, type LinkState } from "../admin/admin.server";
import { getUser, homeFor, logIn } from "../auth.server";
import { Button, Field } from "../components/Field";
import { PageHeader } from "../components/Layout";
import { fieldErrors } from "../forms/field-errors";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

type DeadLink = Exclude<LinkState, "valid"> | "unknown";

/** Who is signed in on this browser, if anyone: a dead link then points home instead of to the login page. */
type SignedIn = { name: string; email: string; home: string } | null;

async function signedIn(request: Request): Promise<SignedIn> {
  const user = await getUser(request);
  return user ? { name: user.name, email: user.email, home: homeFor(user.role) } : null;
}

/** 410 Gone for a link that existed (used, withdrawn, expired); 404 for one that never did. */
function deadLink(state: DeadLink, viewer: SignedIn) {
  return data({ valid: false as const, state, viewer }, { status: state === "unknown" ? 404 : 410 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = params.token ? await invitationByToken(params.token) : null;
  if (!found) return deadLink("unknown", await signedIn(request));
  if (found.state !== "valid") return deadLink(found.state, await signedIn(request));
  return { valid: true as const, name: found.user.name, email: found.user.email, org: found.org.name };
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

type ActionData = {
  errors: Partial<Record<"password" | "confirm", MessageKey>>;
  dead?: DeadLink;
  viewer?: SignedIn;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = SetPasswordForm.safeParse({
    password: String(form.get("password") ?? ""),
    confirm: String(form.get("confirm") ?? ""),
  });
  if (!parsed.success) {
    const byField = fieldErrors(parsed.error, { depth: 1 });
    const errors: ActionData["errors"] = {};
    if (byField.password) errors.password = byField.password.key;
    if (byField.confirm) errors.confirm = byField.confirm.key;
    return data({ errors } satisfies ActionData, { status: 400 });
  }
  const accepted = params.token
    ? await acceptInvitation(params.token, parsed.data.password)
    : ({ ok: false, state: "unknown" } as const);
  if (!accepted.ok) {
    return data({ errors: {}, dead: accepted.state, viewer: await signedIn(request) } satisfies ActionData, {
      status: accepted.state === "unknown" ? 404 : 410,
    });
  }
  return logIn(accepted.userId, accepted.orgId, accepted.role, null);
}

const DEAD_LINK_TEXT: Record<DeadLink, { title: MessageKey; body: MessageKey }> = {
  used: { title: "auth.linkUsedTitle", body: "auth.linkUsedBody" },
  revoked: { title: "auth.linkRevokedTitle", body: "auth.linkRevokedBody" },
  expired: { title: "auth.linkExpiredTitle", body: "auth.linkExpiredBody" },
  unknown: { title: "auth.linkInvalidTitle", body: "auth.linkInvalidBody" },
};

function DeadLinkPage({ state, viewer }: { state: DeadLink; viewer: SignedIn }) {
  const t = useT();
  const text = DEAD_LINK_TEXT[state];
  // Signed in already: say as whom, and offer their home page rather than the login page.
  const intro =
    viewer && state === "used"
      ? t("admin.linkUsedSignedIn", { name: viewer.name, email: viewer.email })
      : t(text.body, { days: INVITATION_DAYS });
  return (
    <div className="mx-auto max-w-md" data-link-state={state}>
      <PageHeader title={t(text.title)} intro={intro} />
      {viewer && state !== "used" ? (
        <p className="mb-4">{t("admin.linkSignedInAs", { name: viewer.name, email: viewer.email })}</p>
      ) : null}
      <p>
        <a href={viewer ? viewer.home : "/login"} className="font-semibold text-brand-700 underline">
          {t(viewer ? "admin.goHome" : "auth.goToLogin")}
        </a>
      </p>
    </div>
  );
}

export default function SetPassword() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  if (!loaded.valid) return <DeadLinkPage state={loaded.state} viewer={loaded.viewer} />;
  if (actionData?.dead) return <DeadLinkPage state={actionData.dead} viewer={actionData.viewer ?? null} />;
  const vars = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title={t("auth.setPasswordTitle")}
        intro={t("auth.setPasswordIntro", { name: loaded.name, email: loaded.email, org: loaded.org })}
      />
      <div className="rounded-lg border border-slate-300 bg-white p-6 shadow-sm">
        <Form method="post" noValidate>
          <input type="hidden" name="username" value={loaded.email} autoComplete="username" />
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
