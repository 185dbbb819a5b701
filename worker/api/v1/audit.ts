/** `/api/v1`: the audit log (every change, who, when, before → after) and one week's history. */
import { createRoute } from "@hono/zod-openapi";
import { auditActor, auditQuerySchema, readAuditLog } from "../../../app/server/audit-log.server";
import { issueList } from "../../../core/control-forms";
import { centsToNumber } from "../../../core/money";
import { milliToNumber } from "../../../core/roas";
import { apiError } from "../errors";
import { apiApp, hubOf, notFound } from "./app";
import { errors, json, security } from "./openapi";
import * as s from "./schemas";
import { nullable } from "./shapes";

const routes = {
  audit: createRoute({
    method: "get",
    path: "/audit",
    summary: "The audit log, newest first",
    description:
      "Every change to the org's data and its team, tokens and settings: who (a user or a token), what, " +
      "before → after, when. 50 entries a page; pass nextCursor back as ?cursor= for the next. " +
      "Not for tokens limited to clients (403).",
    security,
    request: { query: s.AuditQuery },
    responses: { 200: json(s.AuditPageSchema, "A page of entries"), ...errors(403, 422) },
  }),
  history: createRoute({
    method: "get",
    path: "/campaigns/{id}/metrics/{weekStart}/history",
    summary: "Every change of one week's numbers, newest first",
    security,
    request: { params: s.IdParam.extend({ weekStart: s.weekStartParam }) },
    responses: { 200: json(s.CellVersionSchema.array(), "Versions, newest first"), ...errors(404, 422) },
  }),
};

export const audit = apiApp();

audit.openapi(routes.audit, async (c) => {
  const query = auditQuerySchema.safeParse(c.req.valid("query"));
  if (!query.success)
    return apiError(c, 422, "invalid", "Some fields are not valid", { issues: issueList(query.error) });
  const page = await readAuditLog(c.env, c.get("org"), hubOf(c), query.data);
  return c.json(
    {
      nextCursor: page.nextCursor,
      entries: page.entries.map(({ country: _country, userAgent: _userAgent, ...entry }) => entry),
    },
    200,
  );
});

audit.openapi(routes.history, async (c) => {
  const { id, weekStart } = c.req.valid("param");
  const history = await hubOf(c).cellHistory(id, weekStart);
  if (!history) return notFound(c, "Campaign");
  return c.json(
    history.changes.map((change) => ({
      version: change.version,
      adSpend: nullable(change.adSpendCents, centsToNumber),
      sales: nullable(change.salesCents, centsToNumber),
      roas: nullable(change.roasMilli, milliToNumber),
      at: new Date(change.at).toISOString(),
      actor: auditActor(change.actor, change.actorLabel),
    })),
    200,
  );
});
