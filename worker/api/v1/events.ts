/** `/api/v1/events`: the org's change events over a WebSocket, as pages receive them. */
import { socketTag } from "../../../party/socket-tags";
import { connectToOrgSocket } from "../../org-socket";
import { apiError } from "../errors";
import { apiApp, notFound } from "./app";
import { errors, security } from "./openapi";
import * as s from "./schemas";

export const events = apiApp();

/** The org's change events, as the browser gets them (WebSocket; `?since=<seq>` to resume). */
events.get("/events", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    return apiError(c, 400, "bad_request", "Open this address as a WebSocket");
  }
  const response = await connectToOrgSocket(c.env, c.req.raw, c.get("org").id, {
    ...c.get("actor"),
    label: "API",
    credential: socketTag.token(c.get("token").id),
  });
  return response ?? notFound(c, "Socket");
});

events.openAPIRegistry.registerPath({
  method: "get",
  path: "/events",
  summary: "The org's change events (WebSocket)",
  description:
    "Open as a WebSocket; browsers cannot set headers there, so the token may come as ?access_token=. " +
    "Messages are JSON: " +
    '{"t":"synced","seq"}, {"t":"event","event"}, {"t":"reload","seq"}. Pass ?since=<seq> to replay what was missed. ' +
    "Closed with 4401 when the token is revoked, 1008 past 1,000 frames in 10 s or too many open sockets.",
  security,
  request: { query: s.EventsQuery },
  responses: {
    101: { description: "Switching Protocols: the socket is open" },
    ...errors(400),
  },
});
