/**
 * `/api/v1/*`: the external API. Org API tokens (`Authorization: Bearer cel_…`), JSON, ids as
 * strings, money as decimal numbers. Every write goes through OrgHub.mutate, the path the UI
 * uses (same validation, permission, audit and broadcast). The OpenAPI 3.1 document is generated
 * from the schemas the handlers validate with.
 */
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { issueList } from "../../../core/control-forms";
import { verifyApiToken } from "../../../app/server/api-tokens.server";
import { orgHub, syncChannels } from "../../../app/server/orgs.server";
import { hitRateLimit, RATE_LIMITS } from "../../../app/server/rate-limit.server";
import { listChannels } from "../../../app/server/channels.server";
import type { DecimalResult } from "../../../core/decimal";
import { FAILURE_STATUS, type MutationFailure } from "../../../core/failures";
import { LIMITS } from "../../../core/limits";
import { amountNumberToCents, centsToNumber } from "../../../core/money";
import { milliToNumber, roasNumberToMilli } from "../../../core/roas";
import type { Actor } from "../../../party/org-hub";
import type { Mutation } from "../../../core/mutations";
import type {
  CampaignGroupRow,
  CampaignRow,
  ClientChannelRow,
  ClientRow,
  GridChannel,
  MetricRow,
} from "../../../core/protocol";
import { socketTag } from "../../../party/socket-tags";
import { connectToOrgSocket } from "../../org-socket";
import type { AppEnv } from "../../types";
import { apiError } from "../errors";
import { renderReference } from "./reference";
import * as s from "./schemas";

type ApiEnv = AppEnv & {
  Variables: {
    token: { id: string; scope: "read" | "write" };
    org: { id: string; slug: string; name: string; regionHint: string | null };
    actor: Actor;
  };
};

// ── Shapes out ──────────────────────────────────────────────────────────────────────────────
const toClient = (r: ClientRow) => ({ id: r.id, name: r.name, isActive: r.isActive });
const toClientChannel = (r: GridChannel) => ({
  id: r.id,
  clientId: r.clientId,
  channel: { slug: r.channel.slug, name: r.channel.name },
  isActive: r.isActive,
});
const toGroup = (r: CampaignGroupRow) => ({
  id: r.id,
  name: r.name,
  weeklyBudget: nullable(r.weeklyBudgetCents, centsToNumber),
});
const toCampaign = (r: CampaignRow) => ({
  id: r.id,
  name: r.name,
  targetRoas: nullable(r.targetRoasMilli, milliToNumber),
});
const toMetric = (r: MetricRow) => ({
  weekStart: r.weekStart,
  adSpend: centsToNumber(r.adSpendCents),
  sales: centsToNumber(r.salesCents),
  roas: nullable(r.roasMilli, milliToNumber),
  version: r.version,
});
const nullable = <T, U>(value: T | null | undefined, convert: (value: T) => U): U | null =>
  value == null ? null : convert(value);

// ── Shapes in: validated numbers become integers through the one parser ────────────────────
/** The schemas have checked the number already, so the parser cannot refuse it here. */
const exact = (result: DecimalResult) => {
  if (!result.ok) throw new Error(`validated number refused: ${result.message}`);
  return result.value;
};
const cents = (amount: number) => exact(amountNumberToCents(amount, LIMITS.salesCents));
const milli = (roas: number) => exact(roasNumberToMilli(roas));

// ── Auth, limits, errors ────────────────────────────────────────────────────────────────────
function bearer(c: Context): string {
  const header = c.req.header("Authorization") ?? "";
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  // Browsers cannot set headers on a WebSocket: the events socket also takes ?access_token=.
  return c.req.header("Upgrade")?.toLowerCase() === "websocket" ? (c.req.query("access_token") ?? "") : "";
}

const requireToken = createMiddleware<ApiEnv>(async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (path === "/api/v1/openapi.json" || path === "/api/v1/reference") return next();
  const raw = bearer(c);
  if (!raw) {
    c.header("WWW-Authenticate", 'Bearer realm="celerity"');
    return apiError(c, 401, "unauthorized", "Send an API token as 'Authorization: Bearer <token>'");
  }
  const token = await verifyApiToken(c.env, raw);
  if (!token) return apiError(c, 401, "unauthorized", "This token is unknown, revoked or expired");
  if (token.touch) c.executionCtx.waitUntil(token.touch);
  const limit = await hitRateLimit(c.env, `api:${token.id}`, RATE_LIMITS.apiPerToken);
  if (!limit.ok) {
    c.header("Retry-After", String(limit.retryAfterS));
    return apiError(c, 429, "rate_limited", `Too many requests for this token. Try again in ${limit.retryAfterS} s.`);
  }
  c.set("token", { id: token.id, scope: token.scope });
  c.set("org", token.org);
  c.set("actor", { userId: `token:${token.id}`, role: token.scope === "write" ? "account_manager" : "viewer" });
  return next();
});

const hubOf = (c: Context<ApiEnv>) => orgHub(c.env, c.get("org").id, c.get("org").regionHint);

function failure(c: Context<ApiEnv>, error: MutationFailure) {
  const current = error.current && "weekStart" in error.current ? toMetric(error.current) : error.current;
  return apiError(c, FAILURE_STATUS[error.code], error.code, error.message, {
    ...(error.issues ? { issues: error.issues } : {}),
    ...(current ? { current } : {}),
  });
}

/** Commits through the org's object; a read token is refused before it gets there. */
async function write(c: Context<ApiEnv>, mutations: Mutation[]) {
  if (c.get("token").scope !== "write") {
    return { response: apiError(c, 403, "forbidden", "This token is read-only; create a write token to change data") };
  }
  const result = await hubOf(c).mutate(c.get("actor"), { mutations });
  return result.ok ? { events: result.events } : { response: failure(c, result.error) };
}

const notFound = (c: Context, what: string) => apiError(c, 404, "not_found", `${what} not found`);

// ── Route descriptions (the OpenAPI document is built from these) ──────────────────────────
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 415 | 422 | 429;
/** The error responses a route documents (401 and 429 apply to every route). */
function errors<S extends ErrorStatus>(...statuses: S[]) {
  const described = json(s.ErrorSchema, "See error.code and error.message");
  return Object.fromEntries([401, 429, ...statuses].map((status) => [status, described])) as Record<
    S | 401 | 429,
    typeof described
  >;
}
/**
 * A write can be refused for any of these (see the mutation path in docs/architecture.md); 415 when the body is not
 * JSON.
 */
const writeErrors = () => errors(400, 403, 404, 409, 415, 422);
/** A read of one thing by id: 404 when it is not there, 422 when the id is malformed (over 64 characters). */
const byIdErrors = () => errors(404, 422);
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
const security = [{ bearer: [] }];

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

// ── The app ─────────────────────────────────────────────────────────────────────────────────
export const apiV1 = new OpenAPIHono<ApiEnv>({
  // Every refused input answers in the one error shape, naming each field.
  defaultHook: (result, c) => {
    if (!result.success)
      return apiError(c, 422, "invalid", "Some fields are not valid", { issues: issueList(result.error) });
  },
});

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

apiV1.openapi(routes.org, (c) => {
  const { id, slug, name } = c.get("org");
  return c.json({ id, slug, name }, 200);
});

apiV1.openapi(routes.channels, async (c) => {
  const channels = await listChannels(c.env);
  return c.json(
    channels.map(({ id, slug, name }) => ({ id, slug, name })),
    200,
  );
});

apiV1.openapi(routes.listClients, async (c) => c.json((await hubOf(c).listClients()).map(toClient), 200));

apiV1.openapi(routes.createClient, async (c) => {
  const done = await write(c, [{ kind: "client.create", name: c.req.valid("json").name }]);
  if (done.response) return done.response;
  return c.json(toClient(done.events[0]!.data as ClientRow), 201);
});

apiV1.openapi(routes.getClient, async (c) => {
  const client = await hubOf(c).client(c.req.valid("param").id);
  return client ? c.json(toClient(client), 200) : notFound(c, "Client");
});

apiV1.openapi(routes.patchClient, async (c) => {
  const { id } = c.req.valid("param");
  const current = await hubOf(c).client(id);
  if (!current) return notFound(c, "Client");
  const done = await write(c, [{ kind: "client.update", id, version: current.version, ...c.req.valid("json") }]);
  if (done.response) return done.response;
  return c.json(toClient(done.events[0]!.data as ClientRow), 200);
});

apiV1.openapi(routes.deleteClient, async (c) => {
  const { id } = c.req.valid("param");
  const current = await hubOf(c).client(id);
  if (!current) return notFound(c, "Client");
  const done = await write(c, [
    { kind: "client.delete", id, version: current.version, confirm: c.req.valid("query").confirm === "true" },
  ]);
  if (done.response) return done.response;
  return c.body(null, 204);
});

apiV1.openapi(routes.listClientChannels, async (c) => {
  const channels = await hubOf(c).clientChannels(c.req.valid("param").id);
  return channels ? c.json(channels.map(toClientChannel), 200) : notFound(c, "Client");
});

apiV1.openapi(routes.createClientChannel, async (c) => {
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

apiV1.openapi(routes.listGroups, async (c) => {
  const groups = await hubOf(c).campaignGroups(c.req.valid("param").id);
  return groups ? c.json(groups.map(toGroup), 200) : notFound(c, "Client channel");
});

apiV1.openapi(routes.createGroup, async (c) => {
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

apiV1.openapi(routes.listCampaigns, async (c) => {
  const campaigns = await hubOf(c).campaigns(c.req.valid("param").id);
  return campaigns ? c.json(campaigns.map(toCampaign), 200) : notFound(c, "Campaign group");
});

apiV1.openapi(routes.createCampaign, async (c) => {
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

apiV1.openapi(routes.listMetrics, async (c) => {
  const { from = "0000-01-01", to = "9999-12-31" } = c.req.valid("query");
  const metrics = await hubOf(c).listMetrics(c.req.valid("param").id, from, to);
  return metrics ? c.json(metrics.map(toMetric), 200) : notFound(c, "Campaign");
});

apiV1.openapi(routes.putMetric, async (c) => {
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

/** The org's change events, as the browser gets them (WebSocket; `?since=<seq>` to resume). */
apiV1.get("/events", async (c) => {
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

apiV1.openAPIRegistry.registerPath({
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
