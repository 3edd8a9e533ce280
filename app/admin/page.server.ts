/** The /admin page's loader and action: every path goes through access.server.ts first. */
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { ROLES, type Role } from "../../db/constants";
import { fieldErrors } from "../forms/field-errors";
import type { MessageKey } from "../i18n";
import { grantFor, operatorGrant, requireAdminScope, type AdminScope } from "./access.server";
import {
  changeMemberRole,
  createOrganization,
  inviteMember,
  listMembers,
  listOrganizationOverviews,
  listPendingInvitations,
  orgOfInvitation,
  removeMember,
  resendInvitation,
  revokeInvitation,
  type MemberRefusal,
} from "./admin.server";

export async function loadAdminPage(request: Request) {
  const scope = await requireAdminScope(request);
  const defaultOrgId = scope.orgs.some((o) => o.id === scope.user.org.id)
    ? scope.user.org.id
    : (scope.orgs[0]?.id ?? null);
  // The organisation whose members are listed: ?org= among those the user may administer.
  const url = new URL(request.url);
  const asked = url.searchParams.get("org");
  const membersOrgId = asked && scope.orgs.some((o) => o.id === asked) ? asked : defaultOrgId;
  const [orgs, pending, members] = await Promise.all([
    listOrganizationOverviews(scope.orgs),
    listPendingInvitations(scope.orgs.map((o) => o.id)),
    membersOrgId ? listMembers(grantFor(scope, membersOrgId)) : Promise.resolve([]),
  ]);
  // ?remove=<user id>: the confirmation asked before a removal (the member must be listed).
  const removeId = url.searchParams.get("remove");
  const confirmRemove = removeId ? (members.find((m) => m.userId === removeId) ?? null) : null;
  return {
    operator: scope.operator,
    orgs,
    pending,
    defaultOrgId,
    membersOrgId,
    members,
    confirmRemove,
    selfId: scope.user.id,
  };
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

const ChangeRoleForm = z.object({
  intent: z.literal("change-role"),
  orgId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES),
});

const RemoveForm = z.object({
  intent: z.literal("remove"),
  orgId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  /** Only the confirmation's form carries it: a removal is never one click. */
  confirmed: z.literal("yes"),
});

const InvitationCommand = z.object({
  intent: z.enum(["resend", "revoke"]),
  invitationId: z.string().min(1).max(100),
});

/** The message of a refused member command (last admin: worded for oneself or for someone else). */
function refusalMessage(reason: MemberRefusal | "invalid" | "unconfirmed", self: boolean): MessageKey {
  if (reason === "last-admin") return self ? "admin.lastAdminSelf" : "admin.lastAdminOther";
  if (reason === "not-member") return "admin.memberGone";
  if (reason === "unconfirmed") return "admin.removeUnconfirmed";
  return "admin.memberRoleInvalid";
}

export type FieldErrors = Partial<Record<"name" | "email" | "role" | "orgId", MessageKey>>;
export type AdminActionData =
  | { intent: "create-org"; ok: true; name: string }
  | { intent: "create-org"; ok: false; errors: FieldErrors; values: Record<string, string> }
  | { intent: "invite"; ok: true; email: string; link: string | null; role: Role }
  | {
      intent: "invite";
      ok: false;
      errors: FieldErrors;
      values: Record<string, string>;
      /** Refused because the person is already a member of the organisation: who, with which role. */
      member?: { name: string; email: string; role: Role };
    }
  | { intent: "resend"; ok: true; email: string; link: string }
  | { intent: "revoke"; ok: true; email: string }
  | { intent: "resend" | "revoke"; ok: false; message: MessageKey }
  | { intent: "change-role"; ok: true; name: string; email: string; role: Role; changed: boolean }
  | { intent: "remove"; ok: true; name: string; email: string; org: string }
  | {
      intent: "change-role" | "remove" | "invite";
      ok: false;
      message: MessageKey;
      vars: Record<string, string>;
    };

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
    if (result.kind === "refused") {
      // Nothing changed; the typed email, name and role stay in the form, the refusal under the email.
      return data(
        {
          intent: "invite",
          ok: false,
          errors: { email: "admin.inviteExistingMember" },
          values,
          member: { name: result.name, email: person.email, role: result.role },
        } satisfies AdminActionData,
        { status: 409 },
      );
    }
    return data({
      intent: "invite",
      ok: true,
      email: person.email,
      link: result.kind === "link" ? linkFor(request, result.token) : null,
      role: person.role,
    } satisfies AdminActionData);
  }

  if (values.intent === "change-role" || values.intent === "remove") {
    return memberCommand(request, scope, values);
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
  throw new Response("intent: must be create-org, invite, resend, revoke, change-role or remove", {
    status: 400,
  });
}

/** Change a member's role or remove them (decision 272); the rules are enforced in admin.server.ts. */
async function memberCommand(request: Request, scope: AdminScope, values: Record<string, string>) {
  const intent = values.intent === "remove" ? ("remove" as const) : ("change-role" as const);
  const parsed = intent === "remove" ? RemoveForm.safeParse(values) : ChangeRoleForm.safeParse(values);
  const orgName = (id: string) => scope.orgs.find((o) => o.id === id)?.name ?? "";
  if (!parsed.success) {
    const byField = fieldErrors(parsed.error, { depth: 1 });
    // A form without its organisation or member is not one this page sends.
    if (byField.orgId || byField.userId) {
      throw new Response("orgId and userId: required", { status: 400, statusText: "Bad Request" });
    }
    return data(
      {
        intent,
        ok: false,
        message: refusalMessage(byField.confirmed ? "unconfirmed" : "invalid", false),
        vars: {},
      } satisfies AdminActionData,
      { status: 400 },
    );
  }
  const { orgId, userId } = parsed.data;
  // 403 for an organisation the user does not administer, whatever the member id.
  const grant = grantFor(scope, orgId);
  const self = userId === scope.user.id;
  const result =
    parsed.data.intent === "remove"
      ? await removeMember(grant, userId)
      : await changeMemberRole(grant, userId, parsed.data.role);
  if (!result.ok) {
    return data(
      {
        intent,
        ok: false,
        message: refusalMessage(result.reason, self),
        vars: { name: result.name ?? "", org: orgName(orgId) },
      } satisfies AdminActionData,
      { status: result.reason === "not-member" ? 404 : 409 },
    );
  }
  // Someone who just gave up administering their last organisation has nothing left to see here.
  const stillAdmin = scope.operator || (scope.user.adminOrgIds ?? []).some((id) => id !== orgId);
  if (self && !stillAdmin && (parsed.data.intent === "remove" || parsed.data.role !== "admin")) {
    return redirect("/");
  }
  if (parsed.data.intent === "remove") {
    return data({
      intent: "remove",
      ok: true,
      name: result.name,
      email: result.email,
      org: orgName(orgId),
    } satisfies AdminActionData);
  }
  return data({
    intent: "change-role",
    ok: true,
    name: result.name,
    email: result.email,
    role: parsed.data.role,
    changed: "previousRole" in result && result.previousRole !== parsed.data.role,
  } satisfies AdminActionData);
}
