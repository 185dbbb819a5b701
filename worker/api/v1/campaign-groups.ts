/** `/api/v1`: Campaign groups of a client's channel, with their weekly budgets. */
import { createRoute } from "@hono/zod-openapi";
import type { CampaignGroupRow } from "../../../core/protocol";
import { apiApp, hubOf, notFound, write } from "./app";
import { body, byIdErrors, json, security, writeErrors } from "./openapi";
import * as s from "./schemas";
import { cents, nullable, toGroup } from "./shapes";

const routes = {
  listGroups: createRoute({
    method: "get",
    path: "/client-channels/{id}/campaign-groups",
    summary: "Campaign groups of a client's channel",
    security,
    request: { params: s.IdParam },
    responses: { 200: json(s.CampaignGroupSchema.array(), "Groups"), ...byIdErrors() },
  }),
  createGroup: createRoute({
    method: "post",
    path: "/client-channels/{id}/campaign-groups",
    summary: "Create a campaign group",
    security,
    request: { params: s.IdParam, ...body(s.CampaignGroupCreate) },
    responses: { 201: json(s.CampaignGroupSchema, "Created"), ...writeErrors() },
  }),
};

export const campaignGroups = apiApp();

campaignGroups.openapi(routes.listGroups, async (c) => {
  const groups = await hubOf(c).campaignGroups(c.req.valid("param").id);
  return groups ? c.json(groups.map(toGroup), 200) : notFound(c, "Client channel");
});

campaignGroups.openapi(routes.createGroup, async (c) => {
  const { name, weeklyBudget } = c.req.valid("json");
  const done = await write(c, [
    {
      kind: "campaignGroup.create",
      clientChannelId: c.req.valid("param").id,
      name,
      weeklyBudgetCents: nullable(weeklyBudget, cents),
    },
  ]);
  if (done.response) return done.response;
  return c.json(toGroup(done.events[0]!.data as CampaignGroupRow), 201);
});
