/**
 * `/parties/org-hub/<orgId>`: the org's socket for pages of the app. The session, Origin and
 * membership are checked here, before the object is touched.
 */
import { Hono } from "hono";
import { createRequestAuth } from "../app/server/auth.server";
import { isSameOrigin } from "./middleware/origin";
import { connectToOrgSocket } from "./org-socket";
import { socketTag } from "../party/socket-tags";
import type { AppEnv } from "./types";

export const parties = new Hono<AppEnv>().all("/org-hub/:orgId", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    return c.json({ error: { code: "upgrade_required", message: "This address takes WebSocket connections" } }, 426);
  }
  if (!isSameOrigin(c.req.raw)) {
    return c.json({ error: { code: "forbidden", message: "Cross-origin socket refused" } }, 403);
  }
  const auth = createRequestAuth(c.env, c.req.raw);
  const user = await auth.user();
  if (!user) return c.json({ error: { code: "unauthorized", message: "Sign in first" } }, 401);
  const orgId = c.req.param("orgId");
  const membership = (await auth.memberships()).find((m) => m.id === orgId);
  // Not a member: the org does not exist as far as this user can tell.
  if (!membership) return c.json({ error: { code: "not_found", message: "No such organization" } }, 404);
  const response = await connectToOrgSocket(c.env, c.req.raw, orgId, {
    userId: user.id,
    role: membership.role,
    clients: membership.clients,
    label: user.name ?? user.email,
    credential: socketTag.session(user.sessionHash),
  });
  return response ?? c.json({ error: { code: "not_found", message: "No such socket" } }, 404);
});
