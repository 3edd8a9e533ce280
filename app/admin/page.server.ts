/** The /admin page's loader and action: every path goes through access.server.ts first. */
import { data } from "@remix-run/node";
import { z } from "zod";
import { ROLES, type Role } from "../../db/constants";
import { fieldErrors } from "../forms/field-errors";
import type { MessageKey } from "../i18n";
import { grantFor, operatorGrant, requireAdminScope } from "./access.server";
import {
  createOrganization,
  inviteMember,
  listOrganizationOverviews,
  listPendingInvitations,
  orgOfInvitation,
  resendInvitation,
  revokeInvitation,
} from "./admin.server";

export async function loadAdminPage(request: Request) {
  const scope = await requireAdminScope(request);
  const [orgs, pending] = await Promise.all([
    listOrganizationOverviews(scope.orgs),
    listPendingInvitations(scope.orgs.map((o) => o.id)),
  ]);
  const defaultOrgId = scope.orgs.some((o) => o.id === scope.user.org.id)
    ? scope.user.org.id
    : (scope.orgs[0]?.id ?? null);
  return { operator: scope.operator, orgs, pending, defaultOrgId };
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
  orgId: z.string().min(1).max(100),
});

const InvitationCommand = z.object({
  intent: z.enum(["resend", "revoke"]),
  invitationId: z.string().min(1).max(100),
});

export type FieldErrors = Partial<Record<"name" | "email" | "role" | "orgId", MessageKey>>;
export type AdminActionData =
  | { intent: "create-org"; ok: true; name: string }
  | { intent: "create-org"; ok: false; errors: FieldErrors; values: Record<string, string> }
  | { intent: "invite"; ok: true; email: string; link: string | null; role: Role }
  | { intent: "invite"; ok: false; errors: FieldErrors; values: Record<string, string> }
  | { intent: "resend"; ok: true; email: string; link: string }
  | { intent: "revoke"; ok: true; email: string }
  | { intent: "resend" | "revoke"; ok: false; message: MessageKey };

function linkFor(request: Request, token: string): string {
  return new URL(`/set-password/${token}`, request.url).toString();
}

export async function adminAction(request: Request) {
  const scope = await requireAdminScope(request);
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));

  if (values.intent === "create-org") {
    const grant = operatorGrant(scope);
    const parsed = CreateOrgForm.safeParse(values);
    if (!parsed.success) {
      return data(
        {
          intent: "create-org",
          ok: false,
          errors: { name: "admin.orgNameInvalid" },
          values,
        } satisfies AdminActionData,
        { status: 400 },
      );
    }
    const created = await createOrganization(grant, parsed.data.name);
    if (!created.ok) {
      return data(
        {
          intent: "create-org",
          ok: false,
          errors: { name: "admin.orgExists" },
          values,
        } satisfies AdminActionData,
        { status: 409 },
      );
    }
    return data({ intent: "create-org", ok: true, name: created.org.name } satisfies AdminActionData);
  }

  if (values.intent === "invite") {
    const parsed = InviteForm.safeParse(values);
    if (!parsed.success) {
      const byField = fieldErrors(parsed.error, { depth: 1 });
      const errors: FieldErrors = {};
      if (byField.email) errors.email = "auth.emailInvalid";
      if (byField.name) errors.name = "admin.inviteNameInvalid";
      if (byField.role) errors.role = "admin.inviteRoleInvalid";
      if (byField.orgId) errors.orgId = "admin.inviteOrgInvalid";
      return data({ intent: "invite", ok: false, errors, values } satisfies AdminActionData, { status: 400 });
    }
    const { orgId, ...person } = parsed.data;
    const grant = grantFor(scope, orgId);
    const result = await inviteMember(grant, person);
    return data({
      intent: "invite",
      ok: true,
      email: person.email,
      link: result.kind === "link" ? linkFor(request, result.token) : null,
      role: person.role,
    } satisfies AdminActionData);
  }

  const command = InvitationCommand.safeParse(values);
  if (command.success) {
    const orgId = await orgOfInvitation(command.data.invitationId);
    if (!orgId) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
    const grant = grantFor(scope, orgId);
    if (command.data.intent === "resend") {
      const sent = await resendInvitation(grant, command.data.invitationId);
      if (!sent) {
        return data(
          { intent: "resend", ok: false, message: "admin.invitationGone" } satisfies AdminActionData,
          { status: 409 },
        );
      }
      return data({
        intent: "resend",
        ok: true,
        email: sent.email,
        link: linkFor(request, sent.token),
      } satisfies AdminActionData);
    }
    const revoked = await revokeInvitation(grant, command.data.invitationId);
    if (!revoked) {
      return data(
        { intent: "revoke", ok: false, message: "admin.invitationGone" } satisfies AdminActionData,
        {
          status: 409,
        },
      );
    }
    return data({ intent: "revoke", ok: true, email: revoked.email } satisfies AdminActionData);
  }
  throw new Response("intent: must be create-org, invite, resend or revoke", { status: 400 });
}
