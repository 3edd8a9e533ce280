/**
 * Who may administer what (decision 100) — the one permission function every admin loader and
 * action goes through.
 *
 * - An organisation's admin (a membership with role admin) administers that organisation only:
 *   its members, its invitations.
 * - A platform operator (a row in platform_operators, granted only through the CLI) may also
 *   create organisations and administer any of them; each of those actions is audited with
 *   `asOperator: true`.
 * - Everyone else gets 403 on /admin.
 *
 * Commands in admin.server.ts take an `OrgGrant` (or an `OperatorGrant`), which only this module
 * creates: a command cannot be pointed at an organisation without this check having allowed it.
 */
import { asc, inArray } from "drizzle-orm";
import { organizations } from "../../db/schema";
import { requireUser, type CurrentUser } from "../auth.server";
import { getDb } from "../db.server";

const GRANT: unique symbol = Symbol("admin-grant");

export interface AdminOrg {
  id: string;
  name: string;
  slug: string;
}

export interface AdminScope {
  user: CurrentUser;
  operator: boolean;
  /** The organisations this user may administer (all of them for an operator), by name. */
  orgs: readonly AdminOrg[];
}

/** Permission to administer one organisation, as `actorId`. */
export interface OrgGrant {
  readonly [GRANT]: true;
  readonly orgId: string;
  readonly actorId: string;
  /** True when allowed only because the actor is a platform operator (audited as such). */
  readonly asOperator: boolean;
}

/** Permission for platform-wide actions (creating an organisation). */
export interface OperatorGrant {
  readonly [GRANT]: true;
  readonly actorId: string;
}

function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** The rule itself, pure: may this user administer `orgId`? */
export function mayAdminister(
  user: Pick<CurrentUser, "adminOrgIds" | "operator">,
  orgId: string,
): { allowed: boolean; asOperator: boolean } {
  if (user.adminOrgIds?.includes(orgId)) return { allowed: true, asOperator: false };
  if (user.operator) return { allowed: true, asOperator: true };
  return { allowed: false, asOperator: false };
}

/**
 * The logged-in user's administration scope; 403 unless they administer at least one
 * organisation or are a platform operator (logged out: the usual redirect to /login).
 */
export async function requireAdminScope(request: Request): Promise<AdminScope> {
  const user = await requireUser(request);
  const operator = Boolean(user.operator);
  const adminOrgIds = user.adminOrgIds ?? [];
  if (!operator && adminOrgIds.length === 0) throw forbidden();
  const orgs = await getDb()
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(operator ? undefined : inArray(organizations.id, [...adminOrgIds]))
    .orderBy(asc(organizations.name), asc(organizations.id));
  return { user, operator, orgs };
}

/**
 * Permission to administer `orgId` within `scope`; a 403 Response (thrown) for any other
 * organisation — including one that does not exist, so an id reveals nothing.
 */
export function grantFor(scope: AdminScope, orgId: string): OrgGrant {
  const decision = mayAdminister(scope.user, orgId);
  if (!decision.allowed) throw forbidden();
  if (decision.asOperator && !scope.orgs.some((o) => o.id === orgId)) throw forbidden();
  return { [GRANT]: true, orgId, actorId: scope.user.id, asOperator: decision.asOperator };
}

/** Permission for platform-wide actions; 403 unless the user is a platform operator. */
export function operatorGrant(scope: AdminScope): OperatorGrant {
  if (!scope.operator) throw forbidden();
  return { [GRANT]: true, actorId: scope.user.id };
}
