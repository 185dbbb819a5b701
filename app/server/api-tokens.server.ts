/** Org API tokens: shown once at creation, stored only as SHA-256, scoped read or write. */
import { controlDb } from "../../db/control/database";
import { apiTokens, type TokenScope } from "../../db/control/schema";
import { randomSecret, sha256Hex } from "./crypto.server";

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
    .values({ orgId, name: input.name, scope: input.scope, tokenHash: await sha256Hex(token), createdBy: input.createdBy, expiresAt: input.expiresAt ?? null })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token };
}
