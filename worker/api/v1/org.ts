/** `/api/v1`: The token's organization and the shared ad channels. */
import { listChannels } from "../../../app/server/channels.server";
import { createRoute } from "@hono/zod-openapi";
import { apiApp } from "./app";
import { errors, json, security } from "./openapi";
import * as s from "./schemas";

const routes = {
  org: createRoute({
    method: "get",
    path: "/org",
    summary: "The token's organization",
    security,
    responses: { 200: json(s.OrgSchema, "The organization"), ...errors() },
  }),
  channels: createRoute({
    method: "get",
    path: "/channels",
    summary: "Ad channels",
    security,
    responses: { 200: json(s.ChannelSchema.array(), "Channels"), ...errors() },
  }),
};

export const org = apiApp();

org.openapi(routes.org, (c) => {
  const { id, slug, name } = c.get("org");
  return c.json({ id, slug, name }, 200);
});

org.openapi(routes.channels, async (c) => {
  const channels = await listChannels(c.env);
  return c.json(
    channels.map(({ id, slug, name }) => ({ id, slug, name })),
    200,
  );
});
