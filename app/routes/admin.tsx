/**
 * Administration (/admin): the organisations the user may administer, their pending
 * invitations (new link, withdraw), inviting people; creating organisations for platform
 * operators. A route of its own (not an index route), so that forms post to /admin.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { INVITATION_DAYS, ROLES } from "../../db/constants";
import { adminAction, loadAdminPage, type AdminActionData } from "../admin/page.server";
import { Button, Field, FormError, SelectField } from "../components/Field";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import { useLocale, useT } from "../i18n/react";
import { LocalTime } from "../report/LocalTime";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export function loader({ request }: LoaderFunctionArgs) {
  return loadAdminPage(request);
}

export function action({ request }: ActionFunctionArgs) {
  return adminAction(request);
}

function ActionStatus({ data }: { data: AdminActionData | undefined }) {
  const t = useT();
  if (!data) return null;
  if (!data.ok) {
    return "message" in data ? <FormError>{t(data.message)}</FormError> : null;
  }
  const link =
    "link" in data && data.link ? (
      <p className="mt-2 break-all">
        <code data-testid="invite-link" className="rounded bg-white px-2 py-1 text-slate-900">
          {data.link}
        </code>
      </p>
    ) : null;
  const text =
    data.intent === "create-org"
      ? t("admin.orgCreated", { name: data.name })
      : data.intent === "revoke"
        ? t("admin.invitationRevoked", { email: data.email })
        : data.intent === "resend"
          ? t("admin.invitationResent", { email: data.email, days: INVITATION_DAYS })
          : data.link
            ? t("admin.inviteCreated", { email: data.email, days: INVITATION_DAYS })
            : t("admin.inviteAlreadyMember", { email: data.email, role: t(ROLE_LABELS[data.role]) });
  return (
    <div role="status" className="mb-6 rounded-lg border border-green-700 bg-green-50 p-4 text-green-900">
      <p>{text}</p>
      {link}
    </div>
  );
}

export default function AdminPage() {
  const t = useT();
  const locale = useLocale();
  const { operator, orgs, pending, defaultOrgId } = useLoaderData<typeof loader>();
  const data = useActionData<AdminActionData>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const orgErrors = data?.intent === "create-org" && !data.ok ? data : null;
  const inviteErrors = data?.intent === "invite" && !data.ok ? data : null;
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return (
    <>
      <PageHeader title={t("admin.title")} intro={t(operator ? "admin.introOperator" : "admin.intro")} />

      <ActionStatus data={data} />

      <section aria-labelledby="orgs-heading" className="mb-8">
        <h2 id="orgs-heading" className="mb-3 text-lg font-semibold">
          {t(operator ? "admin.orgsHeadingOperator" : "admin.orgsHeading")}
        </h2>
        {orgs.length === 0 ? (
          <EmptyState>{t("admin.orgsEmpty")}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-800">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colOrg")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colMembers")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colPending")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orgs.map((o) => (
                  <tr key={o.id} className="border-t border-slate-200" data-org={o.slug}>
                    <th scope="row" className="px-4 py-2 font-semibold">
                      {o.name}
                    </th>
                    <td className="px-4 py-2" data-testid="member-count">
                      {o.members}
                    </td>
                    <td className="px-4 py-2" data-testid="pending-count">
                      {o.pendingInvitations}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="pending-heading" className="mb-8">
        <h2 id="pending-heading" className="mb-3 text-lg font-semibold">
          {t("admin.pendingHeading")}
        </h2>
        {pending.length === 0 ? (
          <EmptyState>{t("admin.pendingEmpty")}</EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 text-slate-800">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colPerson")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colRole")}
                  </th>
                  {orgs.length > 1 ? (
                    <th scope="col" className="px-4 py-2">
                      {t("admin.colOrg")}
                    </th>
                  ) : null}
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colExpires")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("admin.colActions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pending.map((p) => (
                  <tr key={p.id} className="border-t border-slate-200" data-invitation={p.email}>
                    <th scope="row" className="px-4 py-2 font-normal">
                      <span className="font-semibold">{p.name}</span>
                      <br />
                      {p.email}
                    </th>
                    <td className="px-4 py-2">{t(ROLE_LABELS[p.role])}</td>
                    {orgs.length > 1 ? <td className="px-4 py-2">{orgName.get(p.orgId)}</td> : null}
                    <td className="px-4 py-2">
                      <LocalTime iso={p.expiresAt} locale={locale} dateOnly />
                    </td>
                    <td className="px-4 py-2">
                      <div className="flex flex-wrap gap-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="invitationId" value={p.id} />
                          <Button
                            type="submit"
                            variant="secondary"
                            disabled={busy}
                            aria-label={t("admin.resendFor", { email: p.email })}
                          >
                            {t("admin.resend")}
                          </Button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={p.id} />
                          <Button
                            type="submit"
                            variant="secondary"
                            disabled={busy}
                            aria-label={t("admin.revokeFor", { email: p.email })}
                          >
                            {t("admin.revoke")}
                          </Button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="grid gap-8 md:grid-cols-2">
        <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-300 bg-white p-6">
          <h2 id="invite-heading" className="mb-4 text-lg font-semibold">
            {t("admin.inviteHeading")}
          </h2>
          <Form
            method="post"
            noValidate
            key={data?.intent === "invite" && data.ok ? `done-${data.email}` : "invite"}
          >
            <input type="hidden" name="intent" value="invite" />
            <Field
              label={t("admin.inviteEmail")}
              name="email"
              type="email"
              required
              defaultValue={inviteErrors?.values.email ?? ""}
              error={inviteErrors?.errors.email ? t(inviteErrors.errors.email) : null}
            />
            <Field
              label={t("admin.inviteName")}
              name="name"
              required
              defaultValue={inviteErrors?.values.name ?? ""}
              error={inviteErrors?.errors.name ? t(inviteErrors.errors.name) : null}
            />
            <SelectField
              label={t("admin.inviteRole")}
              name="role"
              defaultValue={inviteErrors?.values.role ?? "trainee"}
              error={inviteErrors?.errors.role ? t(inviteErrors.errors.role) : null}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABELS[r])}
                </option>
              ))}
            </SelectField>
            {orgs.length > 1 ? (
              <SelectField
                label={t("admin.inviteOrg")}
                name="orgId"
                defaultValue={inviteErrors?.values.orgId ?? defaultOrgId ?? undefined}
                error={inviteErrors?.errors.orgId ? t(inviteErrors.errors.orgId) : null}
              >
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
            ) : (
              <input type="hidden" name="orgId" value={defaultOrgId ?? ""} />
            )}
            <Button type="submit" disabled={busy}>
              {t("admin.invite")}
            </Button>
          </Form>
        </section>

        {operator ? (
          <section
            aria-labelledby="create-org-heading"
            className="rounded-lg border border-slate-300 bg-white p-6"
          >
            <h2 id="create-org-heading" className="mb-4 text-lg font-semibold">
              {t("admin.createOrgHeading")}
            </h2>
            <Form
              method="post"
              noValidate
              key={data?.intent === "create-org" && data.ok ? `done-${data.name}` : "org"}
            >
              <input type="hidden" name="intent" value="create-org" />
              <Field
                label={t("admin.orgName")}
                name="name"
                required
                maxLength={100}
                defaultValue={orgErrors?.values.name ?? ""}
                error={orgErrors?.errors.name ? t(orgErrors.errors.name) : null}
              />
              <Button type="submit" disabled={busy}>
                {t("admin.createOrg")}
              </Button>
            </Form>
          </section>
        ) : null}
      </div>
    </>
  );
}
