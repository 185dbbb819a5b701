/** Org API tokens: shown once at creation, stored only as SHA-256, scoped read or write. */
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { controlDb } from "../../db/control/database";
import { orgSummaryColumns } from "../../db/control/queries";
import type { TokenScope } from "../../core/permissions";
import { apiTokens, organizations } from "../../db/control/schema";
import { socketTag } from "../../party/socket-tags";
import { randomSecret, sha256Hex } from "../../core/crypto";
import { newId } from "../../db/columns";
import { type AuditActor, auditIfChanged, auditRow } from "./audit.server";
import { orgHub } from "./orgs.server";

/** A recognisable prefix lets secret scanners and people tell a Celerity token apart. */
export const API_TOKEN_PREFIX = "cel_";

/**
 * Mints a token (audited in the same batch). A token limited to clients may name only the org's
 * own clients: any other id is refused, so a token never holds a grant to nothing.
 */
export async function createApiToken(
  env: Env,
  org: { id: string; regionHint: string | null },
  input: {
    name: string;
    scope: TokenScope;
    /** Limits the token to these clients (null or absent: every client). */
    clients?: string[] | null;
    createdBy: string | null;
    expiresAt?: Date | null;
  },
  by: AuditActor,
): Promise<{ ok: true; id: string; token: string } | { ok: false; message: string }> {
  const clients = input.clients ?? null;
  if (clients) {
    const known = new Set((await orgHub(env, org.id, org.regionHint).listClients()).map((c) => c.id));
    const unknown = clients.filter((id) => !known.has(id));
    if (unknown.length > 0) return { ok: false, message: `Not a client of this organization: ${unknown.join(", ")}` };
  }
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  const db = controlDb(env.DB);
  const id = newId();
  await db.batch([
    db.insert(apiTokens).values({
      id,
      orgId: org.id,
      name: input.name,
      scope: input.scope,
      clients,
      tokenHash: await sha256Hex(token),
      createdBy: input.createdBy,
      expiresAt: input.expiresAt ?? null,
    }),
    auditRow(db, org.id, by, {
      action: "token.created",
      entity: "token",
      entityId: id,
      after: { name: input.name, scope: input.scope, clients },
    }),
  ]);
  return { ok: true, id, token };
}

/** `last_used_at` is written at most this often per token, not on every call. */
const TOUCH_EVERY_MS = 60_000;

/** The token's org and scope, or null when it is unknown, revoked or expired. */
export async function verifyApiToken(env: Env, token: string, now = new Date()) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = controlDb(env.DB);
  const row = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      clients: apiTokens.clients,
      lastUsedAt: apiTokens.lastUsedAt,
      org: orgSummaryColumns,
    })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.id, apiTokens.orgId))
    .where(
      and(
        eq(apiTokens.tokenHash, await sha256Hex(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .get();
  if (!row) return null;
  const stale = !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS;
  const touch = stale
    ? db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(eq(apiTokens.id, row.id))
        .then(() => undefined)
    : null;
  return { id: row.id, name: row.name, scope: row.scope, clients: row.clients, org: row.org, touch };
}

export function listApiTokens(env: Env, orgId: string) {
  return controlDb(env.DB)
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      clients: apiTokens.clients,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.orgId, orgId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

/** Revokes the token, then closes the event sockets it opened (4401). */
export async function revokeApiToken(
  env: Env,
  org: { id: string; regionHint: string | null },
  id: string,
  by: AuditActor,
  now = new Date(),
): Promise<boolean> {
  const db = controlDb(env.DB);
  const [revoked] = await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.orgId, org.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id }),
    auditIfChanged(db, org.id, by, { action: "token.revoked", entity: "token", entityId: id }),
  ]);
  const row = revoked[0];
  if (!row) return false;
  await orgHub(env, org.id, org.regionHint).closeSockets([socketTag.token(row.id)]);
  return true;
}
