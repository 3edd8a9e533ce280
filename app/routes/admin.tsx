/**
 * Administration (/admin): the organisations the user may administer, the members of one of
 * them (change role, remove after a confirmation — decision 272), their pending invitations (new
 * link, withdraw), inviting people; creating organisations for platform operators. A route of its
 * own (not an index route), so that forms post to /admin.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigate,
  useNavigation,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
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

/**
 * A members-table cell: a table cell from md on; below, a block under its column's name (the `data-label`
 * shown before it, as the column headers are then read by screen readers only).
 */
const STACKED_TD =
  "px-4 py-2 max-md:block max-md:py-1 max-md:before:block max-md:before:text-xs max-md:before:font-semibold max-md:before:text-slate-700 max-md:before:content-[attr(data-label)]";

/** Set on the navigation that closes the removal question: the Remove button to give the focus back to. */
type FocusRemove = { focusRemove?: string } | null;

function ActionStatus({ data }: { data: AdminActionData | undefined }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  // After a removal or a withdrawal the button that had the focus is gone with its row (and the
  // question): keyboard and screen-reader users land on what happened, not at the top of the page.
  const moveFocus = Boolean(data?.ok && (data.intent === "remove" || data.intent === "revoke"));
  useEffect(() => {
    if (moveFocus) box.current?.focus();
  }, [data, moveFocus]);
  if (!data) return null;
  if (!data.ok) {
    return "message" in data ? (
      <FormError>{t(data.message, "vars" in data ? data.vars : {})}</FormError>
    ) : null;
  }
  const link =
    "link" in data && data.link ? (
      <p className="mt-2 break-all">
        <code data-testid="invite-link" className="rounded bg-white px-2 py-1 text-slate-900">
          {data.link}
        </code>
      </p>
    ) : null;
  let text: string;
  switch (data.intent) {
    case "create-org":
      text = t("admin.orgCreated", { name: data.name });
      break;
    case "revoke":
      text = t("admin.invitationRevoked", { email: data.email });
      break;
    case "resend":
      text = t("admin.invitationResent", { email: data.email, days: INVITATION_DAYS });
      break;
    case "change-role":
      text = t(data.changed ? "admin.roleChanged" : "admin.roleUnchanged", {
        name: data.name,
        email: data.email,
        role: t(ROLE_LABELS[data.role]),
      });
      break;
    case "remove":
      text = t("admin.memberRemoved", { name: data.name, email: data.email, org: data.org });
      break;
    default:
      text = data.link
        ? t("admin.inviteCreated", { email: data.email, days: INVITATION_DAYS })
        : t("admin.inviteAlreadyMember", { email: data.email, role: t(ROLE_LABELS[data.role]) });
  }
  return (
    <div
      role="status"
      ref={box}
      tabIndex={-1}
      data-testid="action-status"
      className="mb-6 rounded-lg border border-green-700 bg-green-50 p-4 text-green-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
    >
      <p>{text}</p>
      {link}
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** Asked before a removal (?remove=<id>): what will happen, then the real form or Cancel. */
function ConfirmRemoval({
  member,
  orgId,
  orgName,
  postTo,
  self,
  busy,
}: {
  postTo: string;
  member: NonNullable<Loaded["confirmRemove"]>;
  orgId: string;
  orgName: string;
  self: boolean;
  busy: boolean;
}) {
  const t = useT();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard and screen-reader users land on the question, not at the top of the page.
  useEffect(() => heading.current?.focus(), [member.userId]);
  const vars = { name: member.name, email: member.email, org: orgName };
  const back = `/admin?org=${encodeURIComponent(orgId)}`;
  const focusBack: FocusRemove = { focusRemove: member.userId };
  return (
    // Escape closes the question, as Cancel does, and gives the focus back to the Remove button.
    <section
      onKeyDown={(event) => {
        if (event.key !== "Escape" || busy) return;
        event.preventDefault();
        navigate(back, { state: focusBack, preventScrollReset: true });
      }}
      aria-labelledby="confirm-remove-heading"
      className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-6 text-red-950"
      data-confirm-remove={member.email}
    >
      <h2 id="confirm-remove-heading" ref={heading} tabIndex={-1} className="mb-2 text-lg font-semibold">
        {t("admin.removeConfirmHeading", vars)}
      </h2>
      <p className="mb-2">{t("admin.removeConfirmBody", vars)}</p>
      {self ? <p className="mb-2 font-semibold">{t("admin.removeConfirmSelf", vars)}</p> : null}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Form method="post" action={postTo}>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="userId" value={member.userId} />
          <input type="hidden" name="confirmed" value="yes" />
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
          >
            {t("admin.removeConfirm", vars)}
          </button>
        </Form>
        <Link
          to={`${back}#members-heading`}
          state={focusBack}
          className="font-semibold text-brand-800 underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        >
          {t("admin.removeCancel")}
        </Link>
      </div>
    </section>
  );
}

function MembersSection({ loaded, busy }: { loaded: Loaded; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { orgs, members, membersOrgId, selfId, confirmRemove } = loaded;
  const location = useLocation();
  const focusRemove = (location.state as FocusRemove)?.focusRemove;
  useEffect(() => {
    if (!focusRemove) return;
    document.querySelector<HTMLButtonElement>(`[data-remove-for="${CSS.escape(focusRemove)}"]`)?.focus();
  }, [location.key, focusRemove]);
  const org = orgs.find((o) => o.id === membersOrgId);
  if (!org) return null;
  const postTo = orgs.length > 1 ? `/admin?org=${encodeURIComponent(org.id)}` : "/admin";
  return (
    <section aria-labelledby="members-heading" className="mb-8">
      <h2 id="members-heading" className="mb-3 text-lg font-semibold">
        {t("admin.membersHeading", { org: org.name })}
      </h2>
      {orgs.length > 1 ? (
        <Form method="get" action="/admin" className="mb-4 flex flex-wrap items-end gap-3">
          <SelectField label={t("admin.membersOrg")} name="org" defaultValue={org.id}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <div className="mb-4">
            <Button type="submit" variant="secondary">
              {t("admin.membersOrgSubmit")}
            </Button>
          </div>
        </Form>
      ) : null}
      {/* Keep the organisation shown after posting (an admin of several, an operator). */}
      {confirmRemove ? (
        <ConfirmRemoval
          member={confirmRemove}
          orgId={org.id}
          orgName={org.name}
          postTo={postTo}
          self={confirmRemove.userId === selfId}
          busy={busy}
        />
      ) : null}
      {members.length === 0 ? (
        <EmptyState>{t("admin.membersEmpty", { org: org.name })}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          {/* Below md (a 390 px phone) each member is a stacked card: every column, Actions included, in the
              screen's width, each value under its column's name (data-label); from md on, a table. */}
          <table className="w-full text-left text-sm max-md:block" data-testid="members">
            <thead className="bg-slate-100 text-slate-800 max-md:sr-only">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("admin.colPersonEmail")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("admin.colRole")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("admin.colJoined")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("admin.colLastActive")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("admin.colActions")}
                </th>
              </tr>
            </thead>
            <tbody className="max-md:block">
              {members.map((m) => (
                <tr key={m.userId} className="border-t border-slate-200 max-md:block max-md:py-2" data-member={m.email}>
                  <th scope="row" className="px-4 py-2 font-normal max-md:block">
                    <span className="font-semibold">{m.name}</span>
                    {m.userId === selfId ? ` ${t("admin.you")}` : null}
                    <br />
                    {m.email}
                  </th>
                  <td className={STACKED_TD} data-label={t("admin.colRole")} data-testid="member-role">
                    {t(ROLE_LABELS[m.role])}
                  </td>
                  <td className={STACKED_TD} data-label={t("admin.colJoined")}>
                    <LocalTime iso={m.joinedAt} locale={locale} dateOnly />
                  </td>
                  <td className={STACKED_TD} data-label={t("admin.colLastActive")}>
                    {m.lastActiveAt ? (
                      <LocalTime iso={m.lastActiveAt} locale={locale} />
                    ) : (
                      t("admin.neverActive")
                    )}
                  </td>
                  <td className={STACKED_TD} data-label={t("admin.colActions")}>
                    <div className="flex flex-wrap items-center gap-2">
                      <Form method="post" action={postTo} className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="change-role" />
                        <input type="hidden" name="orgId" value={org.id} />
                        <input type="hidden" name="userId" value={m.userId} />
                        <select
                          name="role"
                          defaultValue={m.role}
                          aria-label={t("admin.newRoleFor", { name: m.name })}
                          className="rounded border border-slate-500 bg-white px-2 py-2 text-slate-900 focus:border-brand-700"
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(ROLE_LABELS[r])}
                            </option>
                          ))}
                        </select>
                        <Button
                          type="submit"
                          variant="secondary"
                          disabled={busy}
                          aria-label={t("admin.changeRoleFor", { name: m.name })}
                        >
                          {t("admin.changeRole")}
                        </Button>
                      </Form>
                      <Form method="get" action="/admin">
                        <input type="hidden" name="org" value={org.id} />
                        <input type="hidden" name="remove" value={m.userId} />
                        <Button
                          type="submit"
                          variant="secondary"
                          data-remove-for={m.userId}
                          aria-label={t("admin.removeMemberFor", { name: m.name })}
                        >
                          {t("admin.removeMember")}
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
  );
}

export default function AdminPage() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoaderData<typeof loader>();
  const { operator, orgs, pending, defaultOrgId } = loaded;
  const data = useActionData<AdminActionData>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const orgErrors = data?.intent === "create-org" && !data.ok ? data : null;
  const inviteErrors = data?.intent === "invite" && !data.ok && "errors" in data ? data : null;
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

      <MembersSection loaded={loaded} busy={busy} />

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
              error={
                inviteErrors?.errors.email
                  ? t(
                      inviteErrors.errors.email,
                      inviteErrors.member
                        ? { ...inviteErrors.member, role: t(ROLE_LABELS[inviteErrors.member.role]) }
                        : {},
                    )
                  : null
              }
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
