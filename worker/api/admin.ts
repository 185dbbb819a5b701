/**
 * `/api/admin/*`: automation for platform operators, authenticated by the PLATFORM_ADMIN_TOKEN
 * secret as a bearer token (never by cookie, so it is outside the Origin check).
 */
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { adminCreateOrgSchema, apiTokenSchema } from "../../core/control-forms";
import { createApiToken } from "../../app/server/api-tokens.server";
import { platformActor } from "../../app/server/audit.server";
import { sha256Hex } from "../../core/crypto";
import { createOrgForAgency } from "../../app/server/platform.server";
import { findOrg } from "../../app/server/orgs.server";
import type { AppEnv } from "../types";
import { apiError, jsonBody } from "./errors";

/** Compares digests in constant time, so the response time says nothing about the secret. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

const requirePlatformToken = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
  if (!token) {
    c.header("WWW-Authenticate", 'Bearer realm="celerity-admin"');
    return apiError(c, 401, "unauthorized", "Send the platform admin token as 'Authorization: Bearer <token>'");
  }
  const expected = c.env.PLATFORM_ADMIN_TOKEN;
  if (!expected || !(await sameSecret(token, expected)))
    return apiError(c, 403, "forbidden", "That token is not valid");
  return next();
});

export const adminApi = new Hono<AppEnv>()
  .use(requirePlatformToken)
  .post("/orgs", jsonBody(adminCreateOrgSchema), async (c) => {
    const body = c.get("body");
    const result = await createOrgForAgency(c.env, body, null, platformActor(c.req.raw));
    if (!result.ok && result.reason === "slug_taken")
      return apiError(c, 409, "conflict", `The slug "${body.slug}" is taken`);
    const { org } = result;
    return c.json(
      {
        org: { id: org.id, slug: org.slug, name: org.name, state: org.state },
        provisioningMs: result.ok ? result.provisioningMs : null,
      },
      201,
    );
  })
  .post("/orgs/:slug/tokens", jsonBody(apiTokenSchema), async (c) => {
    const org = await findOrg(c.env, c.req.param("slug"));
    if (!org) return apiError(c, 404, "not_found", "No organization with that slug");
    const created = await createApiToken(c.env, org, { ...c.get("body"), createdBy: null }, platformActor(c.req.raw));
    if (!created.ok)
      return apiError(c, 422, "invalid", created.message, { issues: [{ path: "clients", message: created.message }] });
    return c.json({ token: created.token }, 201);
  });
