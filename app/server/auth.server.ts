/**
 * Who is asking, and may they? Guards named `require*` throw a Response (redirect, 403, 404);
 * the session and memberships are looked up once per request and shared by every loader.
 */
import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { can, canInOrg, canOnClient, type OrgRole, type Permission, type Scope } from "../../core/permissions";
import type { Actor } from "../../party/actor";
import { requestOrigin } from "./audit.server";
import { controlDb } from "../../db/control/database";
import {
  getSession,
  type Membership,
  readSessionSecret,
  serializeSessionCookie,
  SESSION_TTL_MS,
  type SessionUser,
} from "./session.server";

export type RequestAuth = {
  user(): Promise<SessionUser | null>;
  memberships(): Promise<Membership[]>;
  /** A Set-Cookie renewing the session cookie, when this request slid the session forward. */
  renewal(): Promise<string | null>;
};

/** Built by the Worker for each request and handed to Remix in the load context. */
export function createRequestAuth(env: Env, request: Request): RequestAuth {
  const db = controlDb(env.DB);
  let session: ReturnType<typeof getSession> | undefined;
  const load = () => (session ??= getSession(db, request));
  return {
    user: async () => (await load())?.user ?? null,
    memberships: async () => (await load())?.memberships ?? [],
    renewal: async () => {
      const secret = readSessionSecret(request);
      if (!session || !secret || !(await session)?.user.renewed) return null;
      return serializeSessionCookie(new URL(request.url), secret, SESSION_TTL_MS);
    },
  };
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await context.auth.user();
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/**
 * The org at `slug` and the user's scope in it (their role, and the clients they are limited
 * to). Anyone who is not a member gets 404, the same as for an org that does not exist, so org
 * slugs cannot be probed.
 */
export async function requireOrgAccess(request: Request, context: AppLoadContext, slug: string | undefined) {
  const user = await requireUser(request, context);
  const membership = (await context.auth.memberships()).find((m) => m.slug === slug);
  if (!membership) throw notFound();
  const { role, clients, ...org } = membership;
  const scope: Scope = { role, clients };
  return { user, org, role, scope, actor: actorOf(request, user, scope) };
}

/** The actor the org's object writes as: the member's scope, and who and where for the audit log. */
export function actorOf(
  request: Request,
  user: { id: string; name: string | null; email: string },
  scope: Scope,
): Actor {
  return { userId: user.id, ...scope, label: user.name ?? user.email, ...requestOrigin(request) };
}

/** An org-wide permission (team, tokens, settings, new clients); a scope limited to clients holds none. */
export function requirePermission(scope: OrgRole | Scope, permission: Permission): void {
  const allowed = typeof scope === "string" ? can(scope, permission) : canInOrg(scope, permission);
  if (!allowed) throw forbidden();
}

/** A permission on one client: 404 when the scope may not see it, 403 when its role may not. */
export function requireClientPermission(scope: Scope, clientId: string, permission: Permission): void {
  const answer = canOnClient(scope, clientId, permission);
  if (answer === "hidden") throw notFound();
  if (answer === "no") throw forbidden();
}

function forbidden(): Response {
  return new Response("Your role does not allow this", { status: 403, statusText: "Forbidden" });
}

export function isPlatformAdmin(env: Env, email: string): boolean {
  return (env.PLATFORM_ADMINS ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .includes(email.toLowerCase());
}

export async function requirePlatformAdmin(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await requireUser(request, context);
  if (!isPlatformAdmin(context.cloudflare.env, user.email)) throw notFound();
  return user;
}

export function notFound(): Response {
  return new Response("Not found", { status: 404, statusText: "Not Found" });
}
