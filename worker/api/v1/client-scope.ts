/**
 * A token limited to clients (`clients: [A]`) answers 404 for anything below another client, as
 * if it did not exist: every path naming a client, a client channel, a campaign group or a
 * campaign is resolved to its client here, before any handler runs. Lists are filtered by their
 * handlers (`visibleClientIds`); writes are judged again by the org's object.
 */
import { createMiddleware } from "hono/factory";
import { seesClient } from "../../../core/permissions";
import type { AnnotationEntity } from "../../../core/protocol";
import { apiError } from "../errors";
import { type ApiEnv, hubOf, notFound } from "./app";

const SCOPED_PATHS: { pattern: RegExp; entity: AnnotationEntity; what: string }[] = [
  { pattern: /^\/api\/v1\/clients\/([^/]+)/, entity: "client", what: "Client" },
  { pattern: /^\/api\/v1\/client-channels\/([^/]+)/, entity: "clientChannel", what: "Client channel" },
  { pattern: /^\/api\/v1\/campaign-groups\/([^/]+)/, entity: "campaignGroup", what: "Campaign group" },
  { pattern: /^\/api\/v1\/campaigns\/([^/]+)/, entity: "campaign", what: "Campaign" },
];

/** Org-wide reads a token limited to clients may not make (they are not about one client). */
const ORG_WIDE_PATHS = ["/api/v1/audit"];

export const requireClientScope = createMiddleware<ApiEnv>(async (c, next) => {
  const actor = c.get("actor");
  if (!actor || actor.clients === null) return next();
  const path = new URL(c.req.url).pathname;
  if (ORG_WIDE_PATHS.includes(path))
    return apiError(c, 403, "forbidden", "This token is limited to some clients; this reads the whole organization");
  for (const { pattern, entity, what } of SCOPED_PATHS) {
    const id = pattern.exec(path)?.[1];
    if (id === undefined) continue;
    const clientId = await hubOf(c).clientOf(entity, decodeURIComponent(id));
    if (clientId === null || !seesClient(actor, clientId)) return notFound(c, what);
    break;
  }
  return next();
});
