/** The admin's home: organisations, creating one, inviting people with a role (one-time link shown on screen). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { INVITATION_DAYS, ROLES } from "../../db/constants";
import { requireRole } from "../auth.server";
import { Button, Field, SelectField } from "../components/Field";
import { EmptyState, PageHeader, ROLE_LABELS } from "../components/Layout";
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";
import { createOrganization, inviteMember, listOrganizations } from "../org.server";

export { RouteErrorBoundary as ErrorBoundary } from "../components/RouteErrorBoundary";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return { orgs: await listOrganizations(), currentOrgId: user.org.id };
}

const CreateOrgForm = z.object({
  intent: z.literal("create-org"),
  name: z.string().trim().min(2).max(100),
});

const InviteForm = z.object({
  intent: z.literal("invite"),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  orgId: z.string().min(1),
});

type FieldErrors = Partial<Record<"name" | "email" | "role" | "orgId", MessageKey>>;
type ActionData =
  | { intent: "create-org"; ok: true; name: string }
  | { intent: "create-org"; ok: false; errors: FieldErrors; values: Record<string, string> }
  | { intent: "invite"; ok: true; email: string; link: string | null; role: (typeof ROLES)[number] }
  | { intent: "invite"; ok: false; errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  if (values.intent === "create-org") {
    const parsed = CreateOrgForm.safeParse(values);
    if (!parsed.success) {
      return Response.json(
        {
          intent: "create-org",
          ok: false,
          errors: { name: "admin.orgNameInvalid" },
          values,
        } satisfies ActionData,
        { status: 400 },
      );
    }
    const created = await createOrganization(parsed.data.name, user.id);
    if (!created.ok) {
      return Response.json(
        { intent: "create-org", ok: false, errors: { name: "admin.orgExists" }, values } satisfies ActionData,
        { status: 409 },
      );
    }
    return Response.json({ intent: "create-org", ok: true, name: created.org.name } satisfies ActionData);
  }
  if (values.intent === "invite") {
    const parsed = InviteForm.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "email") errors.email = "auth.emailInvalid";
        if (field === "name") errors.name = "admin.inviteNameInvalid";
        if (field === "role") errors.role = "admin.inviteRoleInvalid";
        if (field === "orgId") errors.orgId = "admin.inviteOrgInvalid";
      }
      return Response.json({ intent: "invite", ok: false, errors, values } satisfies ActionData, {
        status: 400,
      });
    }
    const orgs = await listOrganizations();
    if (!orgs.some((o) => o.id === parsed.data.orgId)) {
      return Response.json(
        {
          intent: "invite",
          ok: false,
          errors: { orgId: "admin.inviteOrgInvalid" },
          values,
        } satisfies ActionData,
        { status: 400 },
      );
    }
    const { token } = await inviteMember({ ...parsed.data, invitedBy: user.id });
    const link = token ? new URL(`/set-password/${token}`, request.url).toString() : null;
    return Response.json({
      intent: "invite",
      ok: true,
      email: parsed.data.email,
      link,
      role: parsed.data.role,
    } satisfies ActionData);
  }
  throw new Response("intent: must be create-org or invite", { status: 400 });
}

export default function AdminHome() {
  const t = useT();
  const { orgs, currentOrgId } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const orgErrors = data?.intent === "create-org" && !data.ok ? data : null;
  const inviteErrors = data?.intent === "invite" && !data.ok ? data : null;
  return (
    <>
      <PageHeader title={t("admin.title")} intro={t("admin.intro")} />

      {data?.ok ? (
        <div role="status" className="mb-6 rounded-lg border border-green-700 bg-green-50 p-4 text-green-900">
          {data.intent === "create-org" ? (
            t("admin.orgCreated", { name: data.name })
          ) : data.link ? (
            <>
              <p>{t("admin.inviteCreated", { email: data.email, days: INVITATION_DAYS })}</p>
              <p className="mt-2 break-all">
                <code data-testid="invite-link" className="rounded bg-white px-2 py-1 text-slate-900">
                  {data.link}
                </code>
              </p>
            </>
          ) : (
            t("admin.inviteAlreadyMember", { email: data.email, role: t(ROLE_LABELS[data.role]) })
          )}
        </div>
      ) : null}

      <section aria-labelledby="orgs-heading" className="mb-8">
        <h2 id="orgs-heading" className="mb-3 text-lg font-semibold">
          {t("admin.orgsHeading")}
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
                </tr>
              </thead>
              <tbody>
                {orgs.map((o) => (
                  <tr key={o.id} className="border-t border-slate-200">
                    <th scope="row" className="px-4 py-2 font-semibold">
                      {o.name}
                    </th>
                    <td className="px-4 py-2">{o.members}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="grid gap-8 md:grid-cols-2">
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
            <SelectField
              label={t("admin.inviteOrg")}
              name="orgId"
              defaultValue={inviteErrors?.values.orgId ?? currentOrgId}
              error={inviteErrors?.errors.orgId ? t(inviteErrors.errors.orgId) : null}
            >
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <Button type="submit" disabled={busy}>
              {t("admin.invite")}
            </Button>
          </Form>
        </section>
      </div>
    </>
  );
}
