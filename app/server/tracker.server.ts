/**
 * The Remix side of the one write path: check the member may edit, send the batch to the org's
 * OrgHub, and turn a refusal into an HTTP status with the object's message.
 */
import { mailAfterWrite } from "./alert-runs.server";
import { type AppLoadContext, data } from "@remix-run/cloudflare";
import { FAILURE_STATUS, type MutationFailure } from "../../core/failures";
import type { MutateResult } from "../../party/org-hub";
import type { Mutation } from "../../core/mutations";
import type { Permission } from "../../core/permissions";
import { notFound, requireClientPermission, requireOrgAccess } from "./auth.server";
import { orgHub } from "./orgs.server";

export async function requireOrgHub(request: Request, context: AppLoadContext, slug: string | undefined) {
  const access = await requireOrgAccess(request, context, slug);
  const hub = orgHub(context.cloudflare.env, access.org.id, access.org.regionHint);
  return { ...access, hub };
}

/**
 * A page under one client (`/o/:slug/clients/:clientId/…`) whose read says 404 by itself when the
 * client is not the org's: the member may do `permission` on that client (404 when their scope
 * may not see it). No call to the org's object is spent on the check.
 */
export async function requireClientAccess(
  request: Request,
  context: AppLoadContext,
  params: { slug?: string; clientId?: string },
  permission: Permission,
) {
  const access = await requireOrgHub(request, context, params.slug);
  requireClientPermission(access.scope, params.clientId ?? "", permission);
  return access;
}

/**
 * A form under one client: as above, and the client is one of the org's. Another org's client
 * id in this org's URL is 404, as if it did not exist, checked before the body is read.
 */
export async function requireClientHub(
  request: Request,
  context: AppLoadContext,
  params: { slug?: string; clientId?: string },
  permission: Permission,
) {
  const access = await requireClientAccess(request, context, params, permission);
  if (!(await access.hub.client(params.clientId ?? ""))) throw notFound();
  return access;
}

export type CommitResponse = Extract<MutateResult, { ok: true }> | { ok: false; error: MutationFailure };

/**
 * Commits mutations as the signed-in member. The object judges the member's scope on every
 * mutation (its role on the client each one changes); a refused batch answers with the status
 * that fits, never a 500.
 */
export async function commitAsMember(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  mutations: Mutation[],
  mutationId?: string,
): Promise<{ result: CommitResponse; status: number }> {
  const { actor, hub, org } = await requireOrgHub(request, context, slug);
  const result = await hub.mutate(actor, { mutationId, mutations });
  if (result.ok) mailAfterWrite(context.cloudflare.env, context.cloudflare.ctx, org, result.alertsOpened);
  return { result, status: result.ok ? 200 : FAILURE_STATUS[result.error.code] };
}

/** The same, as a route action's answer. */
export async function commit(...args: Parameters<typeof commitAsMember>) {
  const { result, status } = await commitAsMember(...args);
  return data<CommitResponse>(result, { status });
}
