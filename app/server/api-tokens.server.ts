/** Org API tokens: shown once at creation, stored only as SHA-256, scoped read or write. */
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { controlDb } from "../../db/control/database";
import { orgSummaryColumns } from "../../db/control/queries";
import type { TokenScope } from "../../core/permissions";
import { apiTokens, organizations } from "../../db/control/schema";
import { socketTag } from "../../party/socket-tags";
import { randomSecret, sha256Hex } from "../../core/crypto";
import { orgHub } from "./orgs.server";

/** A recognisable prefix lets secret scanners and people tell a Celerity token apart. */
export const API_TOKEN_PREFIX = "cel_";

export async function createApiToken(
  env: Env,
  orgId: string,
  input: { name: string; scope: TokenScope; createdBy: string | null; expiresAt?: Date | null },
): Promise<{ id: string; token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  const row = await controlDb(env.DB)
    .insert(apiTokens)
    .values({
      orgId,
      name: input.name,
      scope: input.scope,
      tokenHash: await sha256Hex(token),
      createdBy: input.createdBy,
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}

/** `last_used_at` is written at most this often per token, not on every call. */
const TOUCH_EVERY_MS = 60_000;

/** The token's org and scope, or null when it is unknown, revoked or expired. */
export async function verifyApiToken(env: Env, token: string, now = new Date()) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = controlDb(env.DB);
  const row = await db
    .select({ id: apiTokens.id, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt, org: orgSummaryColumns })
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
  return { id: row.id, scope: row.scope, org: row.org, touch };
}

export function listApiTokens(env: Env, orgId: string) {
  return controlDb(env.DB)
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
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
  now = new Date(),
): Promise<boolean> {
  const row = await controlDb(env.DB)
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.orgId, org.id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
    .get();
  if (!row) return false;
  await orgHub(env, org.id, org.regionHint).closeSockets([socketTag.token(row.id)]);
  return true;
}
