/** `/api/v1`: the org's alerts (issue 16), as the inbox shows them. */
import { createRoute } from "@hono/zod-openapi";
import { visibleClientIds } from "../../../core/permissions";
import { apiApp, hubOf } from "./app";
import { errors, json, security } from "./openapi";
import * as s from "./schemas";

const routes = {
  alerts: createRoute({
    method: "get",
    path: "/alerts",
    summary: "Alerts, newest first",
    description:
      "Kinds: roas_below_target (a campaign's ROAS under its target for 2 weeks in a row), pacing_off, " +
      "missing_numbers, verdict_changed. An alert resolves itself when its condition clears. " +
      "A token limited to clients sees only theirs.",
    security,
    request: { query: s.AlertsQuery },
    responses: { 200: json(s.AlertSchema.array(), "Alerts"), ...errors(422) },
  }),
};

export const alerts = apiApp();

alerts.openapi(routes.alerts, async (c) => {
  const rows = await hubOf(c).alerts(c.req.valid("query").status ?? "open", visibleClientIds(c.get("actor")));
  return c.json(
    rows.map(({ id, kind, status, clientId, clientChannelId, campaignGroupId, campaignId, since, message }) => ({
      id,
      kind,
      status,
      clientId,
      clientChannelId,
      campaignGroupId,
      campaignId,
      since,
      message,
    })),
    200,
  );
});
