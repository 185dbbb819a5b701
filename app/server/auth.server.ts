/**
 * Who is asking, and may they? Guards named `require*` throw a Response (redirect, 403, 404);
 * the session and memberships are looked up once per request and shared by every loader.
 */
import { redirect, type AppLoadContext } from "@remix-run/cloudflare";
import { can, type OrgRole, type Permission } from "../../core/permissions";
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
 * The org at `slug` and the user's role in it. Anyone who is not a member gets 404, the same as
 * for an org that does not exist, so org slugs cannot be probed.
 */
export async function requireOrgAccess(request: Request, context: AppLoadContext, slug: string | undefined) {
  const user = await requireUser(request, context);
  const membership = (await context.auth.memberships()).find((m) => m.slug === slug);
  if (!membership) throw notFound();
  const { role, ...org } = membership;
  return { user, org, role };
}

export function requirePermission(role: OrgRole, permission: Permission): void {
  if (!can(role, permission)) {
    throw new Response("Your role does not allow this", { status: 403, statusText: "Forbidden" });
  }
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
