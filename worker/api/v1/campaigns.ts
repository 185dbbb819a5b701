/** `/api/v1`: Campaigns of a group, with their target ROAS. */
import { createRoute } from "@hono/zod-openapi";
import type { CampaignRow } from "../../../core/protocol";
import { apiApp, hubOf, notFound, write } from "./app";
import { body, byIdErrors, json, security, writeErrors } from "./openapi";
import * as s from "./schemas";
import { milli, nullable, toCampaign } from "./shapes";

const routes = {
  listCampaigns: createRoute({
    method: "get",
    path: "/campaign-groups/{id}/campaigns",
    summary: "Campaigns of a group",
    security,
    request: { params: s.IdParam },
    responses: { 200: json(s.CampaignSchema.array(), "Campaigns"), ...byIdErrors() },
  }),
  createCampaign: createRoute({
    method: "post",
    path: "/campaign-groups/{id}/campaigns",
    summary: "Create a campaign",
    security,
    request: { params: s.IdParam, ...body(s.CampaignCreate) },
    responses: { 201: json(s.CampaignSchema, "Created"), ...writeErrors() },
  }),
};

export const campaigns = apiApp();

campaigns.openapi(routes.listCampaigns, async (c) => {
  const campaigns = await hubOf(c).campaigns(c.req.valid("param").id);
  return campaigns ? c.json(campaigns.map(toCampaign), 200) : notFound(c, "Campaign group");
});

campaigns.openapi(routes.createCampaign, async (c) => {
  const { name, targetRoas } = c.req.valid("json");
  const done = await write(c, [
    {
      kind: "campaign.create",
      campaignGroupId: c.req.valid("param").id,
      name,
      targetRoasMilli: nullable(targetRoas, milli),
    },
  ]);
  if (done.response) return done.response;
  return c.json(toCampaign(done.events[0]!.data as CampaignRow), 201);
});
