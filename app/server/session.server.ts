/**
 * Sessions: a random secret in an HttpOnly cookie, only its SHA-256 in D1, sliding 30-day
 * expiry. Over HTTPS the cookie is `__Host-` prefixed and Secure.
 */
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { type ControlDb, controlDb } from "../../db/control/database";
import { orgSummaryColumns } from "../../db/control/queries";
import { organizations, sessions, teamMembers, users } from "../../db/control/schema";
import { p, preparedQuery } from "../../db/prepared";
import { randomSecret, sha256Hex } from "../../core/crypto";
import { type AuditActor, auditRow } from "./audit.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding renewal writes at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export function sessionCookieName(url: URL): string {
  return url.protocol === "https:" ? "__Host-celerity_session" : "celerity_session";
}

export function serializeSessionCookie(url: URL, secret: string, maxAgeMs: number): string {
  const parts = [
    `${sessionCookieName(url)}=${secret}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
  ];
  if (url.protocol === "https:") parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

/** A new session; `by` (a sign-in) is audited in the same batch. */
export async function createSession(
  db: ControlDb,
  userId: string,
  userAgent: string | null,
  now = new Date(),
  by?: AuditActor,
) {
  const secret = randomSecret();
  const insert = db.insert(sessions).values({
    idHash: await sha256Hex(secret),
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  if (by)
    await db.batch([insert, auditRow(db, null, by, { action: "user.signed_in", entity: "user", entityId: userId })]);
  else await insert;
  return { secret };
}

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  sessionHash: string;
  /** The expiry slid forward on this request: the cookie's Max-Age should be renewed too. */
  renewed: boolean;
};

export function readSessionSecret(request: Request): string | null {
  return readCookie(request.headers.get("Cookie"), sessionCookieName(new URL(request.url)));
}

// Every request asks this: prepared once (db/prepared.ts). Placeholders in a where clause take
// the stored form, so the time is given in milliseconds.
const sessionQuery = preparedQuery((db: ControlDb) =>
  db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      lastSeenAt: sessions.lastSeenAt,
      org: orgSummaryColumns,
      role: teamMembers.role,
      clients: teamMembers.clients,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, teamMembers.orgId))
    .where(and(eq(sessions.idHash, p("idHash")), gt(sessions.expiresAt, p("now"))))
    .orderBy(asc(organizations.name))
    .prepare(),
);

/**
 * The signed-in user with every organization they belong to, in one D1 query, or null; renews
 * the session's expiry as it is used.
 */
export async function getSession(db: ControlDb, request: Request, now = new Date()) {
  const secret = readSessionSecret(request);
  if (!secret) return null;
  const idHash = await sha256Hex(secret);
  const rows = await sessionQuery(db).all({ idHash, now: now.getTime() });
  const first = rows[0];
  if (!first) return null;
  const renewed = now.getTime() - first.lastSeenAt.getTime() > TOUCH_EVERY_MS;
  if (renewed) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .where(eq(sessions.idHash, idHash));
  }
  const user: SessionUser = { id: first.id, email: first.email, name: first.name, sessionHash: idHash, renewed };
  const memberships = rows.flatMap((row) =>
    row.org && row.role ? [{ ...row.org, role: row.role, clients: row.clients ?? null }] : [],
  );
  return { user, memberships };
}

export type Membership = NonNullable<Awaited<ReturnType<typeof getSession>>>["memberships"][number];

export async function sessionOwner(db: ControlDb, idHash: string): Promise<string | null> {
  const row = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.idHash, idHash)).get();
  return row?.userId ?? null;
}

/** Ends one of the user's own sessions; someone else's session id does nothing. */
export async function revokeOwnSession(db: ControlDb, userId: string, idHash: string): Promise<boolean> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.idHash, idHash), eq(sessions.userId, userId)))
    .returning({ idHash: sessions.idHash })
    .get();
  return ended !== undefined;
}

/** Signs a user out on every device. */
export async function deleteAllSessions(db: ControlDb, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export function listSessions(env: Env, userId: string, now = new Date()) {
  return controlDb(env.DB)
    .select({
      idHash: sessions.idHash,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

function clearSessionCookie(url: URL): string {
  return serializeSessionCookie(url, "", 0);
}

/**
 * The answer that signs this browser out: the cookie goes, and so does everything the app kept on
 * the device — the offline page copies and the unsent edits (the page warned before dropping any).
 */
export function signedOutHeaders(url: URL): HeadersInit {
  return { "Set-Cookie": clearSessionCookie(url), "Clear-Site-Data": '"cache", "storage"' };
}
