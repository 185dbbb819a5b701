/** `/api/v1`: A campaign's weekly spend and sales. */
import { createRoute } from "@hono/zod-openapi";
import type { MetricRow } from "../../../core/protocol";
import { apiApp, hubOf, notFound, write } from "./app";
import { body, errors, json, security, writeErrors } from "./openapi";
import * as s from "./schemas";
import { cents, toMetric } from "./shapes";

const routes = {
  listMetrics: createRoute({
    method: "get",
    path: "/campaigns/{id}/metrics",
    summary: "Weekly numbers of a campaign",
    security,
    request: { params: s.IdParam, query: s.MetricRange },
    responses: { 200: json(s.MetricSchema.array(), "Weeks, oldest first"), ...errors(404, 422) },
  }),
  putMetric: createRoute({
    method: "put",
    path: "/campaigns/{id}/metrics/{weekStart}",
    summary: "Set one week's spend and sales",
    description:
      "200 when the week existed, 201 when created. A version older than the stored one: 409 with the current row.",
    security,
    request: { params: s.IdParam.extend({ weekStart: s.weekStartParam }), ...body(s.MetricPut) },
    responses: { 200: json(s.MetricSchema, "Updated"), 201: json(s.MetricSchema, "Created"), ...writeErrors() },
  }),
};

export const metrics = apiApp();

metrics.openapi(routes.listMetrics, async (c) => {
  const { from = "0000-01-01", to = "9999-12-31" } = c.req.valid("query");
  const metrics = await hubOf(c).listMetrics(c.req.valid("param").id, from, to);
  return metrics ? c.json(metrics.map(toMetric), 200) : notFound(c, "Campaign");
});

metrics.openapi(routes.putMetric, async (c) => {
  const { id, weekStart } = c.req.valid("param");
  const { adSpend, sales, version } = c.req.valid("json");
  // Without a version the caller writes over whatever is there, checked and written in one go.
  const done = await write(c, [
    {
      kind: "metric.save",
      campaignId: id,
      weekStart,
      adSpendCents: cents(adSpend),
      salesCents: cents(sales),
      ...(version ? { version } : { overwrite: true }),
    },
  ]);
  if (done.response) return done.response;
  const row = done.events[0]!.data as MetricRow;
  // A new row starts at version 1; every write to an existing one moves it past 1.
  return c.json(toMetric(row), row.version === 1 ? 201 : 200);
});
