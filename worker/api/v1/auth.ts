/**
 * Org API tokens: `Authorization: Bearer cel_…` (or `?access_token=` on the events socket), a
 * per-token rate limit, and the actor a token writes as. Not Hono's `bearerAuth`: it cannot read
 * the socket's query parameter, and its refusals are not in the API's error shape.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { verifyApiToken } from "../../../app/server/api-tokens.server";
import { canAnywhere, permissionForMethod, tokenScope } from "../../../core/permissions";
import { requestOrigin } from "../../../app/server/audit.server";
import { hitRateLimit, RATE_LIMITS } from "../../../app/server/rate-limit.server";
import { apiError } from "../errors";
import type { ApiEnv } from "./app";

function bearer(c: Context): string {
  const header = c.req.header("Authorization") ?? "";
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  // Browsers cannot set headers on a WebSocket: the events socket also takes ?access_token=.
  return c.req.header("Upgrade")?.toLowerCase() === "websocket" ? (c.req.query("access_token") ?? "") : "";
}

export const requireToken = createMiddleware<ApiEnv>(async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (path === "/api/v1/openapi.json" || path === "/api/v1/reference") return next();
  const raw = bearer(c);
  if (!raw) {
    c.header("WWW-Authenticate", 'Bearer realm="celerity"');
    return apiError(c, 401, "unauthorized", "Send an API token as 'Authorization: Bearer <token>'");
  }
  const token = await verifyApiToken(c.env, raw);
  if (!token) return apiError(c, 401, "unauthorized", "This token is unknown, revoked or expired");
  if (token.touch) c.executionCtx.waitUntil(token.touch);
  const limit = await hitRateLimit(c.env, `api:${token.id}`, RATE_LIMITS.apiPerToken);
  if (!limit.ok) {
    c.header("Retry-After", String(limit.retryAfterS));
    return apiError(c, 429, "rate_limited", `Too many requests for this token. Try again in ${limit.retryAfterS} s.`);
  }
  const actor = {
    userId: `token:${token.id}`,
    ...tokenScope(token.scope, token.clients),
    label: `Token “${token.name}”`,
    ...requestOrigin(c.req.raw),
  };
  // Refused before the body is judged, so a read-only token learns nothing from how a write is validated.
  if (!canAnywhere(actor, permissionForMethod(c.req.method))) {
    return apiError(c, 403, "forbidden", "This token is read-only; create a write token to change data");
  }
  c.set("token", { id: token.id, scope: token.scope });
  c.set("org", token.org);
  c.set("actor", actor);
  return next();
});
