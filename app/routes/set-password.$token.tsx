/**
 * One-time link from an invitation: choose a password, then log in. Used, withdrawn or expired: 410.
 * Opened while someone is signed in on this browser, the link is not offered (and its form is
 * refused): it would silently end that person's session and use the invitation as someone else.
 * The page says who is signed in and whom the invitation is for, with a button that logs out and
 * comes back to the link.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { INVITATION_DAYS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../db/constants";
import { acceptInvitation, invitationByToken, type LinkState } from "../admin/admin.server";
import { getUser, homeFor, logIn, logOut } from "../auth.server";
import { Button, Field } from "../components/Field";
import { PageHeader } from "../components/Layout";
import { fieldErrors } from "../forms/field-errors";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

type DeadLink = Exclude<LinkState, "valid"> | "unknown";

/** Who is signed in on this browser, if anyone: a dead link then points home instead of to the login page. */
type SignedIn = { id: string; name: string; email: string; home: string } | null;

async function signedIn(request: Request): Promise<SignedIn> {
  const user = await getUser(request);
  return user ? { id: user.id, name: user.name, email: user.email, home: homeFor(user.role) } : null;
}

/**
 * A valid link opened while someone is signed in: "other" when it is another person (log out
 * first), "self" when it is the invitee's own account, which already has a password then (a link
 * never replaces a password: accepting would be refused as used).
 */
type Blocked = { who: "other" | "self"; viewer: NonNullable<SignedIn>; invitee: string; org: string };

function blockedFor(viewer: SignedIn, invitee: { id: string; email: string }, org: string): Blocked | null {
  if (!viewer) return null;
  const self = viewer.id === invitee.id || viewer.email.toLowerCase() === invitee.email.toLowerCase();
  return { who: self ? "self" : "other", viewer, invitee: invitee.email, org };
}

/** 410 Gone for a link that existed (used, withdrawn, expired); 404 for one that never did. */
function deadLink(state: DeadLink, viewer: SignedIn) {
  return data({ valid: false as const, state, viewer }, { status: state === "unknown" ? 404 : 410 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = params.token ? await invitationByToken(params.token) : null;
  if (!found) return deadLink("unknown", await signedIn(request));
  const viewer = await signedIn(request);
  if (found.state !== "valid") return deadLink(found.state, viewer);
  return {
    valid: true as const,
    name: found.user.name,
    email: found.user.email,
    org: found.org.name,
    blocked: blockedFor(viewer, found.user, found.org.name),
  };
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
  blocked?: Blocked;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "logout") {
    // Log out, then come back to this link (the logout route always goes to the login page).
    const out = await logOut(request);
    out.headers.set("Location", `/set-password/${encodeURIComponent(params.token ?? "")}`);
    return out;
  }
  // Someone signed in: refuse before anything is used (the invitation stays pending).
  const viewer = await signedIn(request);
  if (viewer) {
    const found = params.token ? await invitationByToken(params.token) : null;
    if (!found) return data({ errors: {}, dead: "unknown", viewer } satisfies ActionData, { status: 404 });
    if (found.state !== "valid") {
      return data({ errors: {}, dead: found.state, viewer } satisfies ActionData, { status: 410 });
    }
    const blocked = blockedFor(viewer, found.user, found.org.name)!;
    return data({ errors: {}, blocked } satisfies ActionData, { status: 409 });
  }
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

/** A valid link, but someone is signed in on this browser: no form, say why and what to do. */
function SignedInPage({ blocked, refused }: { blocked: Blocked; refused: boolean }) {
  const t = useT();
  const vars = {
    name: blocked.viewer.name,
    email: blocked.viewer.email,
    invitee: blocked.invitee,
    org: blocked.org,
  };
  // The form was posted anyway (an old tab, a script): say that nothing happened.
  const notice = refused ? (
    <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
      {t("auth.inviteRefused", vars)}
    </p>
  ) : null;
  if (blocked.who === "self") {
    return (
      <div className="mx-auto max-w-md" data-link-state="signed-in-self">
        <PageHeader title={t("auth.inviteSelfTitle")} intro={t("auth.inviteSelfBody", vars)} />
        {notice}
        <p>
          <a href={blocked.viewer.home} className="font-semibold text-brand-700 underline">
            {t("admin.goHome")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md" data-link-state="signed-in-other">
      <PageHeader title={t("auth.inviteOtherTitle")} intro={t("auth.inviteOtherBody", vars)} />
      {notice}
      <div className="flex flex-wrap items-center gap-4">
        <Form method="post">
          <input type="hidden" name="intent" value="logout" />
          <Button type="submit">{t("auth.inviteLogOut")}</Button>
        </Form>
        <a href={blocked.viewer.home} className="font-semibold text-brand-700 underline">
          {t("auth.inviteStay", vars)}
        </a>
      </div>
    </div>
  );
}

export default function SetPassword() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  if (!loaded.valid) return <DeadLinkPage state={loaded.state} viewer={loaded.viewer} />;
  if (actionData?.dead) return <DeadLinkPage state={actionData.dead} viewer={actionData.viewer ?? null} />;
  const blocked = loaded.blocked ?? actionData?.blocked;
  if (blocked) return <SignedInPage blocked={blocked} refused={Boolean(actionData?.blocked)} />;
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
