/** `/api/v1`: POCs (a client testing one channel): criteria, verdict and the portfolio (ADR 018). */
import { visibleClientIds } from "../../../core/permissions";
import { createRoute } from "@hono/zod-openapi";
import { type PocCriteria, POC_DEFAULTS, reportPoc } from "../../../core/poc";
import { centsToNumber } from "../../../core/money";
import { milliToNumber } from "../../../core/roas";
import { lastCompleteWeek } from "../../../core/weeks";
import type { PocData } from "../../../db/org/poc";
import { apiApp, hubOf, notFound, write } from "./app";
import { body, byIdErrors, errors, json, security, writeErrors } from "./openapi";
import * as s from "./schemas";
import { cents, milli, nullable } from "./shapes";

const routes = {
  getPoc: createRoute({
    method: "get",
    path: "/client-channels/{id}/poc",
    summary: "A POC's criteria and verdict as of a week",
    description:
      "Until criteria are set, the POC starts with its first numbers and is judged by the defaults " +
      "(4 to 12 weeks, no minimum spend, its campaigns' spend-weighted target).",
    security,
    request: { params: s.IdParam, query: s.WeekQuery },
    responses: { 200: json(s.PocSchema, "The POC"), ...byIdErrors() },
  }),
  putPoc: createRoute({
    method: "put",
    path: "/client-channels/{id}/poc",
    summary: "Set a POC's success criteria",
    description:
      "Omitted fields take their defaults (minWeeks 4, maxWeeks 12, minSpend 0, targetRoas and weeklyBudget null).",
    security,
    request: { params: s.IdParam, query: s.WeekQuery, ...body(s.PocPut) },
    responses: { 200: json(s.PocSchema, "The POC with its new criteria"), ...writeErrors() },
  }),
  portfolio: createRoute({
    method: "get",
    path: "/portfolio",
    summary: "Every active POC's verdict as of a week",
    security,
    request: { query: s.WeekQuery },
    responses: { 200: json(s.PortfolioRowSchema.array(), "By client, then channel"), ...errors(422) },
  }),
};

export const pocs = apiApp();

function toPoc(data: PocData, asOf: string) {
  const { assessment: a } = reportPoc(data, asOf);
  const criteria: PocCriteria = data.criteria;
  return {
    criteria: {
      startWeek: criteria.startWeek,
      minWeeks: criteria.minWeeks,
      maxWeeks: criteria.maxWeeks,
      minSpend: centsToNumber(criteria.minSpendCents),
      targetRoas: nullable(a.targetRoasMilli, milliToNumber),
      weeklyBudget: nullable(criteria.weeklyBudgetCents, centsToNumber),
    },
    verdict: a.verdict,
    reason: a.reason,
    weeks: a.weeks,
    spend: centsToNumber(a.spendCents),
    sales: centsToNumber(a.salesCents),
    roas: nullable(a.roasMilli, milliToNumber),
    roasLow: nullable(a.lowMilli, milliToNumber),
    roasHigh: nullable(a.highMilli, milliToNumber),
  };
}

pocs.openapi(routes.getPoc, async (c) => {
  const asOf = c.req.valid("query").week ?? lastCompleteWeek();
  const data = await hubOf(c).poc(c.req.valid("param").id, asOf);
  return data ? c.json(toPoc(data, asOf), 200) : notFound(c, "Client channel");
});

pocs.openapi(routes.putPoc, async (c) => {
  const { id } = c.req.valid("param");
  const put = c.req.valid("json");
  const done = await write(c, [
    {
      kind: "poc.set",
      clientChannelId: id,
      startWeek: put.startWeek,
      minWeeks: put.minWeeks ?? POC_DEFAULTS.minWeeks,
      maxWeeks: put.maxWeeks ?? POC_DEFAULTS.maxWeeks,
      minSpendCents: put.minSpend === undefined ? POC_DEFAULTS.minSpendCents : cents(put.minSpend),
      targetRoasMilli: nullable(put.targetRoas, milli),
      weeklyBudgetCents: nullable(put.weeklyBudget, cents),
      overwrite: true,
    },
  ]);
  if (done.response) return done.response;
  const asOf = c.req.valid("query").week ?? lastCompleteWeek();
  const data = await hubOf(c).poc(id, asOf);
  return data ? c.json(toPoc(data, asOf), 200) : notFound(c, "Client channel");
});

pocs.openapi(routes.portfolio, async (c) => {
  const asOf = c.req.valid("query").week ?? lastCompleteWeek();
  const rows = await hubOf(c).portfolio(asOf, { clientIds: visibleClientIds(c.get("actor")) ?? undefined });
  return c.json(
    rows.map(({ clientChannel, assessment: a }) => ({
      clientId: clientChannel.clientId,
      clientName: clientChannel.clientName,
      clientChannelId: clientChannel.id,
      channel: clientChannel.channel,
      verdict: a.verdict,
      roas: nullable(a.roasMilli, milliToNumber),
      targetRoas: nullable(a.targetRoasMilli, milliToNumber),
      spend: centsToNumber(a.spendCents),
    })),
    200,
  );
});
