/**
 * `/parties/org-hub/<orgId>`: the org's socket. The session and Origin are checked here, before
 * the object is touched; the object gets the verified actor in headers it alone can trust.
 */
import { Hono } from "hono";
import { routePartykitRequest } from "partyserver";
import { getSessionUser } from "../app/server/session.server";
import { controlDb } from "../db/control/database";
import { getOrgRole } from "../db/control/queries";
import { ACTOR_HEADERS } from "../party/org-hub";
import { isSameOrigin } from "./middleware/origin";
import type { AppEnv } from "./types";

export const parties = new Hono<AppEnv>().all("/org-hub/:orgId", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    return c.json({ error: { code: "upgrade_required", message: "This address takes WebSocket connections" } }, 426);
  }
  if (!isSameOrigin(c.req.raw)) {
    return c.json({ error: { code: "forbidden", message: "Cross-origin socket refused" } }, 403);
  }
  const db = controlDb(c.env.DB);
  const user = await getSessionUser(db, c.req.raw);
  if (!user) return c.json({ error: { code: "unauthorized", message: "Sign in first" } }, 401);
  const role = await getOrgRole(db, c.req.param("orgId"), user.id);
  // Not a member: the org does not exist as far as this user can tell.
  if (!role) return c.json({ error: { code: "not_found", message: "No such organization" } }, 404);

  const request = new Request(c.req.raw);
  request.headers.set(ACTOR_HEADERS.userId, user.id);
  request.headers.set(ACTOR_HEADERS.role, role);
  // Header values must be Latin-1; names may not be.
  request.headers.set(ACTOR_HEADERS.label, encodeURIComponent(user.name ?? user.email));
  const response = await routePartykitRequest(request, c.env);
  if (!response) return c.json({ error: { code: "not_found", message: "No such socket" } }, 404);
  // The object's response has immutable headers; copy it so the security headers can be added.
  return new Response(response.body, { status: response.status, headers: response.headers, webSocket: response.webSocket });
});
