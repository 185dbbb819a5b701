/** `/api/v1`: Clients and the channels each one runs. */
import { createRoute } from "@hono/zod-openapi";
import { syncChannels } from "../../../app/server/orgs.server";
import { visibleClientIds } from "../../../core/permissions";
import type { ClientChannelRow, ClientRow } from "../../../core/protocol";
import { apiError } from "../errors";
import { apiApp, hubOf, notFound, write } from "./app";
import { body, byIdErrors, errors, json, security, writeErrors } from "./openapi";
import * as s from "./schemas";
import { toClient, toClientChannel } from "./shapes";

const routes = {
  listClients: createRoute({
    method: "get",
    path: "/clients",
    summary: "Clients, active first",
    security,
    responses: { 200: json(s.ClientSchema.array(), "Clients"), ...errors() },
  }),
  createClient: createRoute({
    method: "post",
    path: "/clients",
    summary: "Create a client",
    security,
    request: body(s.ClientCreate),
    responses: { 201: json(s.ClientSchema, "Created"), ...writeErrors() },
  }),
  getClient: createRoute({
    method: "get",
    path: "/clients/{id}",
    summary: "One client",
    security,
    request: { params: s.IdParam },
    responses: { 200: json(s.ClientSchema, "The client"), ...byIdErrors() },
  }),
  patchClient: createRoute({
    method: "patch",
    path: "/clients/{id}",
    summary: "Rename or (de)activate a client",
    security,
    request: { params: s.IdParam, ...body(s.ClientPatch) },
    responses: { 200: json(s.ClientSchema, "Updated"), ...writeErrors() },
  }),
  deleteClient: createRoute({
    method: "delete",
    path: "/clients/{id}",
    summary: "Delete a client and all below it",
    description: "Answers 409 needs_confirmation when weekly numbers would go too, unless ?confirm=true.",
    security,
    request: { params: s.IdParam, query: s.DeleteQuery },
    responses: { 204: { description: "Deleted" }, ...writeErrors() },
  }),
  listClientChannels: createRoute({
    method: "get",
    path: "/clients/{id}/channels",
    summary: "A client's channels",
    security,
    request: { params: s.IdParam },
    responses: { 200: json(s.ClientChannelSchema.array(), "Channels"), ...byIdErrors() },
  }),
  createClientChannel: createRoute({
    method: "post",
    path: "/clients/{id}/channels",
    summary: "Enable a channel for a client",
    security,
    request: { params: s.IdParam, ...body(s.ClientChannelCreate) },
    responses: { 201: json(s.ClientChannelSchema, "Enabled"), ...writeErrors() },
  }),
};

export const clients = apiApp();

clients.openapi(routes.listClients, async (c) =>
  c.json((await hubOf(c).listClients(visibleClientIds(c.get("actor")))).map(toClient), 200),
);

clients.openapi(routes.createClient, async (c) => {
  const done = await write(c, [{ kind: "client.create", name: c.req.valid("json").name }]);
  if (done.response) return done.response;
  return c.json(toClient(done.events[0]!.data as ClientRow), 201);
});

clients.openapi(routes.getClient, async (c) => {
  const client = await hubOf(c).client(c.req.valid("param").id);
  return client ? c.json(toClient(client), 200) : notFound(c, "Client");
});

clients.openapi(routes.patchClient, async (c) => {
  const { id } = c.req.valid("param");
  const current = await hubOf(c).client(id);
  if (!current) return notFound(c, "Client");
  const done = await write(c, [{ kind: "client.update", id, version: current.version, ...c.req.valid("json") }]);
  if (done.response) return done.response;
  return c.json(toClient(done.events[0]!.data as ClientRow), 200);
});

clients.openapi(routes.deleteClient, async (c) => {
  const { id } = c.req.valid("param");
  const current = await hubOf(c).client(id);
  if (!current) return notFound(c, "Client");
  const done = await write(c, [
    { kind: "client.delete", id, version: current.version, confirm: c.req.valid("query").confirm === "true" },
  ]);
  if (done.response) return done.response;
  return c.body(null, 204);
});

clients.openapi(routes.listClientChannels, async (c) => {
  const channels = await hubOf(c).clientChannels(c.req.valid("param").id);
  return channels ? c.json(channels.map(toClientChannel), 200) : notFound(c, "Client");
});

clients.openapi(routes.createClientChannel, async (c) => {
  const channel = (await syncChannels(c.env, hubOf(c))).find((ch) => ch.slug === c.req.valid("json").channelSlug);
  if (!channel)
    return apiError(c, 422, "invalid", "Unknown channel", {
      issues: [{ path: "channelSlug", message: "Use a slug from GET /api/v1/channels" }],
    });
  const done = await write(c, [
    { kind: "clientChannel.create", clientId: c.req.valid("param").id, channelId: channel.id },
  ]);
  if (done.response) return done.response;
  return c.json(toClientChannel({ ...(done.events[0]!.data as ClientChannelRow), channel }), 201);
});
