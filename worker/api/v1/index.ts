/**
 * `/api/v1/*`: the external API. Org API tokens (`Authorization: Bearer cel_…`), JSON, ids as
 * strings, money as decimal numbers. Every write goes through OrgHub.mutate, the path the UI
 * uses (same validation, permission, audit and broadcast). One module per resource; the OpenAPI
 * 3.1 document is generated from the schemas the handlers validate with.
 */
import { HTTPException } from "hono/http-exception";
import { apiError } from "../errors";
import { alerts } from "./alerts";
import { apiApp } from "./app";
import { audit } from "./audit";
import { requireToken } from "./auth";
import { campaignGroups } from "./campaign-groups";
import { campaigns } from "./campaigns";
import { clients } from "./clients";
import { requireClientScope } from "./client-scope";
import { events } from "./events";
import { metrics } from "./metrics";
import { org } from "./org";
import { pocs } from "./pocs";
import { renderReference } from "./reference";

export const apiV1 = apiApp();

apiV1.onError((error, c) => {
  if (error instanceof HTTPException && error.status === 400)
    return apiError(c, 400, "bad_request", "The body must be valid JSON");
  if (error instanceof HTTPException && error.status === 415) {
    return apiError(c, 415, "unsupported_media_type", "Send the body as JSON, with Content-Type: application/json");
  }
  if (error instanceof HTTPException) return apiError(c, error.status as 401, "error", error.message);
  console.error(`[${c.get("requestId")}]`, error);
  return apiError(c, 500, "internal", "Something went wrong", { requestId: c.get("requestId") });
});

apiV1.use(requireToken);
apiV1.use(requireClientScope);

for (const resource of [org, clients, campaignGroups, campaigns, metrics, pocs, audit, alerts, events])
  apiV1.route("/", resource);

apiV1.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
  type: "http",
  scheme: "bearer",
  description: "An org API token (cel_…)",
});

const DOCUMENT = {
  openapi: "3.1.0",
  info: {
    title: "Celerity API",
    version: "1",
    description: "Clients, channels, campaign groups, campaigns and weekly metrics of one organization.",
  },
  servers: [{ url: "/api/v1" }],
};

apiV1.doc31("/openapi.json", DOCUMENT);
apiV1.get("/reference", (c) => c.html(renderReference(apiV1.getOpenAPI31Document(DOCUMENT))));
