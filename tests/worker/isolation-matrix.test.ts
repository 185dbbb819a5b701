/**
 * The tenant-isolation matrix, generated rather than typed: every page and endpoint in Remix's
 * route manifest (each route declares `handle.access`), every operation in the API's OpenAPI
 * document and every socket and socket message, asked by every kind of actor about their own org,
 * another org, another org's ids inside their own org's URLs, and (for members and tokens limited
 * to chosen clients) a client of their own org they were not given. The expected answer is worked
 * out from core/permissions.ts; a route, an operation or a message kind added tomorrow is in the
 * matrix without anyone listing it (a path parameter or message kind the matrix cannot fill fails
 * loudly rather than being skipped). Besides the status, no answer may carry the name of a client
 * the actor may not see.
 */
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiToken } from "../../app/server/api-tokens.server";
import { endAllSessions } from "../../app/server/sign-out.server";
import { removeMember } from "../../app/server/team.server";
import { updateOrgSettings } from "../../app/server/orgs.server";
import {
  type Access,
  canAnywhere,
  canInOrg,
  canOnClient,
  type ClientRole,
  type OrgRole,
  permissionForMethod,
  type Scope,
  type TokenScope,
  tokenScope,
} from "../../core/permissions";
import { type ClientMessage, clientMessageSchema, type ServerMessage } from "../../core/protocol";
import { createUser, sessionCookieFor } from "../../seed/factories";
import { controlDb } from "../../db/control/database";
import { sentMail } from "../../db/control/schema";
import { chainOf, fullPath, type ManifestRoute, paramsOf, routes, urlOf } from "./manifest";
import {
  addClientTree,
  callWorker,
  collect,
  freshIp,
  makeCampaignOrg,
  makeLimitedMember,
  makeMember,
  mintToken,
  ORIGIN,
  TEST_AUDIT_ACTOR,
  unique,
} from "./helpers";

const WEEK = "2026-11-16";
const TINY_PNG = `data:image/png;base64,${btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))}`;
type OrgKey = "A" | "B";
/** A client tree: org A's first client, org A's second client, org B's client. */
type ClientKey = "A" | "A2" | "B";
const ORG_OF: Record<ClientKey, OrgKey> = { A: "A", A2: "A", B: "B" };
type World = Awaited<ReturnType<typeof makeWorld>>;

/** Who asks: a live session with org roles, a token, or nothing that still counts. */
type Actor = {
  name: string;
  /** Orgs the actor is a member of, through a live session. */
  roles: Partial<Record<OrgKey, OrgRole>>;
  session: boolean;
  platform: boolean;
  /** Limited to org A's first client, with this role on it (a member or a token limited to clients). */
  limited?: ClientRole;
  /** A live API token and its org. */
  token: { org: OrgKey; scope: TokenScope } | null;
  /** The raw token, live or revoked, for the events socket's `?access_token=`. */
  accessToken?: string;
  headers(): Promise<Record<string, string>>;
};

/** What a request may be answered with, from the matrix's point of view. */
type Outcome = "allowed" | "login" | 401 | 403 | 404;

const counts = { pages: 0, api: 0, sockets: 0, messages: 0 };
/** Answers that showed an org's secret to someone allowed to see it: the leak check is not vacuous. */
const shown = { A: 0, B: 0 };
afterAll(() => {
  const total = counts.pages + counts.api + counts.sockets + counts.messages;
  console.log(
    `isolation matrix: ${total} combinations (${counts.pages} page requests, ${counts.api} API requests, ` +
      `${counts.sockets} socket connections, ${counts.messages} socket messages)`,
  );
});

async function makeWorld() {
  // Names no one outside the org may ever be shown (nor A2's to those limited to A's first client).
  const secret = { A: unique("Secret client A"), A2: unique("Secret client A2"), B: unique("Secret client B") };
  const a = await makeCampaignOrg({ week: WEEK, clientName: secret.A });
  const b = await makeCampaignOrg({ week: WEEK, clientName: secret.B });
  const orgs = { A: a, B: b };
  // Each org has a logo, so that its route has something to show (or to keep from others).
  for (const { org } of [a, b]) await updateOrgSettings(env, org.id, { logo: TINY_PNG }, TEST_AUDIT_ACTOR);
  const a2 = await addClientTree(a.hub, a.editor.actor, { week: WEEK, clientName: secret.A2 });
  // A mail each org sent, as its admins can open it (its subject names the org's secret client).
  const sent = async (key: "A" | "B") => {
    const { org, editor } = orgs[key];
    const [row] = await controlDb(env.DB)
      .insert(sentMail)
      .values({
        orgId: org.id,
        userId: editor.user.id,
        kind: "summary",
        period: WEEK,
        to: editor.user.email,
        subject: `Monday summary: ${secret[key]}`,
        text: secret[key],
        html: `<p>${secret[key]}</p>`,
        sentAt: 0,
      })
      .returning({ id: sentMail.id });
    return String(row!.id);
  };
  const mails = { A: await sent("A"), B: await sent("B") };
  const ids: Record<ClientKey, typeof a.ids & { member: string; mail: string }> = {
    A: { ...a.ids, member: a.editor.user.id, mail: mails.A },
    A2: { ...a2, member: a.editor.user.id, mail: mails.A },
    B: { ...b.ids, member: b.editor.user.id, mail: mails.B },
  };

  const session = (userId: string) => async () => ({ Cookie: await sessionCookieFor(env, userId, ORIGIN) });
  const bearer = (token: string) => async () => ({ Authorization: `Bearer ${token}` });
  const member = async (name: string, org: OrgKey, role: OrgRole): Promise<Actor> => {
    const { user } = await makeMember(orgs[org].org.id, role);
    return { name, roles: { [org]: role }, session: true, platform: false, token: null, headers: session(user.id) };
  };
  const limitedMember = async (name: string, role: ClientRole): Promise<Actor> => {
    const { user } = await makeLimitedMember(a.org.id, { [a.ids.client]: role });
    return {
      name,
      roles: { A: "viewer" },
      limited: role,
      session: true,
      platform: false,
      token: null,
      headers: session(user.id),
    };
  };
  const tokenActor = async (name: string, org: OrgKey, scope: TokenScope, limited = false): Promise<Actor> => {
    const clients = limited ? [orgs[org].ids.client] : undefined;
    const { token } = await mintToken(orgs[org].org, { name, scope, createdBy: null, clients });
    return {
      name,
      roles: {},
      ...(limited ? { limited: scope === "write" ? "account_manager" : "viewer" } : {}),
      session: false,
      platform: false,
      token: { org, scope },
      accessToken: token,
      headers: bearer(token),
    };
  };

  const removed = await makeMember(a.org.id, "account_manager");
  await removeMember(env, a.org, removed.user.id, TEST_AUDIT_ACTOR);
  const revoked = await makeMember(a.org.id, "admin");
  await endAllSessions(env, revoked.user.id);
  const revokedToken = await mintToken(a.org, { name: "revoked", scope: "write", createdBy: null });
  await revokeApiToken(env, a.org, revokedToken.id, TEST_AUDIT_ACTOR);
  const operator = await createUser(env, "ops@celerity.test");
  const nothing = { roles: {}, session: false, platform: false, token: null };

  const actors: Actor[] = [
    { name: "anonymous", ...nothing, headers: async () => ({}) },
    await member("viewer", "A", "viewer"),
    await member("account manager", "A", "account_manager"),
    await member("admin", "A", "admin"),
    await tokenActor("read token", "A", "read"),
    await tokenActor("write token", "A", "write"),
    await limitedMember("account manager of one client", "account_manager"),
    await limitedMember("viewer of one client", "viewer"),
    await tokenActor("write token of one client", "A", "write", true),
    await member("member of another org", "B", "admin"),
    await tokenActor("another org's token", "B", "write"),
    { name: "removed member", ...nothing, session: true, headers: session(removed.user.id) },
    { name: "revoked session", ...nothing, headers: async () => ({ Cookie: revoked.cookie }) },
    { name: "revoked token", ...nothing, accessToken: revokedToken.token, headers: bearer(revokedToken.token) },
    { name: "platform operator", ...nothing, session: true, platform: true, headers: session(operator.id) },
  ];
  return { orgs, ids, secret, actors };
}

/** What an actor holds in an org (core/permissions.ts `Scope`), or null when nothing. */
function scopeOf(world: World, actor: Actor, org: OrgKey): Scope | null {
  const grants = (role: ClientRole) => ({ [world.ids.A.client]: role });
  if (actor.token) {
    if (actor.token.org !== org) return null;
    return tokenScope(actor.token.scope, actor.limited ? [world.ids.A.client] : null);
  }
  const role = actor.session ? actor.roles[org] : undefined;
  if (!role) return null;
  return { role, clients: actor.limited ? grants(actor.limited) : null };
}

/**
 * The secret names in `body` that the actor may not see: those of every org they are neither a
 * member nor a token of. (Counts the ones they may see, to prove the check can fire.)
 */
function leaks(world: World, actor: Actor, body: string): string[] {
  return (["A", "A2", "B"] as const).flatMap((client) => {
    if (!body.includes(world.secret[client])) return [];
    const org = ORG_OF[client];
    const member = actor.roles[org] || actor.token?.org === org;
    if (!member || (client === "A2" && actor.limited)) return [world.secret[client]];
    shown[org]++;
    return [];
  });
}

function classify(response: Response, body: string): Outcome | "error" {
  if (response.status >= 500) return "error";
  // A single-fetch (`.data`) answer carries its redirect as data, with status 202.
  if (response.status === 202 && /"redirect","\/login[?"]/.test(body)) return "login";
  const location = response.headers.get("Location") ?? "";
  if (response.status >= 300 && response.status < 400 && location.startsWith("/login")) return "login";
  if (response.status === 401 || response.status === 403 || response.status === 404) return response.status;
  return "allowed";
}

/**
 * What the permissions module says a page's loader or action answers this actor. A route whose
 * path names a client (or something of one) answers for that client: an org-wide role is judged
 * first (403), then the client (404 when it is not the org's); a scope limited to clients finds
 * any client it was not given "not found". Any other route answers for the org.
 */
function expectedForPage(
  world: World,
  access: Access,
  actor: Actor,
  target: PageTarget,
  namesClient: boolean,
): Outcome | "any" {
  if (access === "public" || access === "dev") return "any";
  if (!actor.session) return "login";
  if (access === "signed_in") return "allowed";
  if (access === "platform") return actor.platform ? "allowed" : 404;
  const scope = target.org ? scopeOf(world, actor, target.org) : null;
  if (!scope) return 404;
  const foreign = target.client !== null && ORG_OF[target.client] !== target.org;
  if (!namesClient || scope.clients === null) {
    if (!canInOrg(scope, access)) return 403;
    return foreign ? 404 : "allowed";
  }
  if (foreign || target.client === null) return 404;
  const answer = canOnClient(scope, world.ids[target.client].client, access);
  return answer === "hidden" ? 404 : answer === "no" ? 403 : "allowed";
}

// ---------------------------------------------------------------------------------------------
// Pages: Remix's route manifest

/** Path parameters that name a client or something of one (the rest name the org's other things). */
const CLIENT_PARAMS = new Set(["clientId", "clientChannelId", "campaignId"]);

/** The org in the URL, and whose ids fill its other parameters (null when it has none). */
type PageTarget = { name: string; org: OrgKey | null; client: ClientKey | null; params: Record<string, string> };
function pageTargets(world: World, path: string): PageTarget[] {
  const names = paramsOf(path);
  const fill = (org: OrgKey, ids: ClientKey) => {
    const params: Record<string, string> = {};
    for (const name of names) {
      if (name === "slug") params.slug = world.orgs[org].org.slug;
      else if (name === "clientId") params.clientId = world.ids[ids].client;
      else if (name === "clientChannelId") params.clientChannelId = world.ids[ids].clientChannel;
      else if (name === "userId") params.userId = world.ids[ids].member;
      else if (name === "campaignId") params.campaignId = world.ids[ids].campaign;
      else if (name === "week") params.week = WEEK;
      else if (name === "mailId") params.mailId = world.ids[ids].mail;
      else throw new Error(`the isolation matrix cannot fill :${name} in ${path}; teach pageTargets`);
    }
    return params;
  };
  const hasIds = names.some((name) => name !== "slug" && name !== "week");
  if (!names.includes("slug")) return [{ name: "no org", org: null, client: null, params: fill("A", "A") }];
  const targets: PageTarget[] = [
    { name: "own org", org: "A", client: hasIds ? "A" : null, params: fill("A", "A") },
    { name: "another org", org: "B", client: hasIds ? "B" : null, params: fill("B", "B") },
  ];
  if (hasIds) {
    targets.push({ name: "another org's ids in own URL", org: "A", client: "B", params: fill("A", "B") });
  }
  if (names.some((name) => CLIENT_PARAMS.has(name))) {
    targets.push({ name: "own org's other client", org: "A", client: "A2", params: fill("A", "A2") });
  }
  return targets;
}

/** Nearer the root wins, as Remix answers with the first guard that throws. */
const RANK: Record<Outcome | "any", number> = { login: 0, 404: 1, 403: 2, 401: 3, allowed: 4, any: 5 };

function expectedForChain(
  world: World,
  chain: ManifestRoute[],
  method: "loader" | "action",
  actor: Actor,
  target: PageTarget,
) {
  // A GET runs every loader on the way down; a POST runs the leaf's action alone.
  const guarded = method === "loader" ? chain.filter((route) => route.module.loader) : chain.slice(-1);
  const outcomes = guarded.map((route) => {
    // Only a route whose own path names the ids answers for them (the org layout does not).
    const own = paramsOf(route.path ?? "").filter((name) => name !== "slug" && name !== "week");
    return expectedForPage(
      world,
      route.module.handle!.access![method]!,
      actor,
      { ...target, client: own.length > 0 ? target.client : null },
      own.some((name) => CLIENT_PARAMS.has(name)),
    );
  });
  return outcomes.reduce((worst, next) => (RANK[next] < RANK[worst] ? next : worst), "any" as Outcome | "any");
}

async function pageRequest(url: string, method: "loader" | "action", actor: Actor) {
  const headers: Record<string, string> = { ...(await actor.headers()), "CF-Connecting-IP": freshIp() };
  if (method === "loader") return callWorker(new Request(url, { redirect: "manual", headers }));
  return callWorker(
    new Request(url, {
      method: "POST",
      redirect: "manual",
      headers: {
        ...headers,
        Origin: ORIGIN,
        Host: new URL(ORIGIN).host,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "",
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The API: its OpenAPI document

type Operation = { method: string; path: string; body: unknown };
type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  example?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components: { schemas: Record<string, JsonSchema> };
};

/** A body the schema accepts, built from its examples: so a refusal is about who asks, not what. */
function sampleOf(doc: OpenApi, schema: JsonSchema): unknown {
  if (schema.$ref) return sampleOf(doc, doc.components.schemas[schema.$ref.split("/").pop()!]!);
  if (schema.example !== undefined) return schema.example;
  if (schema.anyOf) return sampleOf(doc, schema.anyOf.find((option) => option.type !== "null")!);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object") {
    return Object.fromEntries(
      (schema.required ?? []).map((name) => [name, sampleOf(doc, schema.properties![name]!)] as const),
    );
  }
  if (type === "string") return unique("Matrix probe");
  if (type === "number" || type === "integer") return 1;
  if (type === "boolean") return true;
  throw new Error(`the isolation matrix cannot build a sample of ${JSON.stringify(schema)}`);
}

function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const schema = operation.requestBody?.content["application/json"]?.schema;
      return { method: method.toUpperCase(), path, body: schema ? sampleOf(doc, schema) : undefined };
    }),
  );
}

/** The entity an `{id}` names, by the collection it follows. */
const ID_OF: Record<string, "client" | "clientChannel" | "group" | "campaign"> = {
  clients: "client",
  "client-channels": "clientChannel",
  "campaign-groups": "group",
  campaigns: "campaign",
};

function apiUrl(world: World, path: string, ids: ClientKey): string {
  return path.replace(/\/([\w-]+)\/\{(\w+)\}/g, (_match, collection: string, param: string) => {
    if (param === "weekStart") return `/${collection}/${WEEK}`;
    const entity = ID_OF[collection];
    if (param !== "id" || !entity) throw new Error(`the isolation matrix cannot fill {${param}} in ${path}`);
    return `/${collection}/${world.ids[ids][entity]}`;
  });
}

/** Reads of the whole org that a token limited to clients may not make. */
const ORG_WIDE_READS = new Set(["/audit"]);

function expectedForApi(world: World, operation: Operation, actor: Actor, ids: ClientKey | null): Outcome {
  if (!actor.token) return 401;
  const scope = scopeOf(world, actor, actor.token.org)!;
  const permission = permissionForMethod(operation.method);
  if (!canAnywhere(scope, permission)) return 403;
  if (ids && ORG_OF[ids] !== actor.token.org) return 404;
  if (scope.clients === null) return "allowed";
  // Limited to clients: another client is not found; the org-wide reads and writes are refused.
  if (ids) return canOnClient(scope, world.ids[ids].client, permission) === "hidden" ? 404 : "allowed";
  if (ORG_WIDE_READS.has(operation.path)) return 403;
  return canInOrg(scope, permission) ? "allowed" : 403;
}

// ---------------------------------------------------------------------------------------------
// Sockets: the messages a browser may send (core/protocol.ts)

/** One frame of each kind a browser may send, about a client (a new kind fails until it has one). */
const SAMPLE_MESSAGES: Record<ClientMessage["t"], (clientId: string | null) => ClientMessage> = {
  presence: (clientId) => ({ t: "presence", clientId, cell: clientId ? `${clientId}:${WEEK}` : null }),
};

/** Whether a frame names anything of a client tree: its client, channel, group or campaign. */
function names(world: World, client: ClientKey, message: ServerMessage): boolean {
  const text = JSON.stringify(message);
  const ids = world.ids[client];
  return [ids.client, ids.clientChannel, ids.group, ids.campaign].some((id) => text.includes(id));
}

// ---------------------------------------------------------------------------------------------

describe("the tenant-isolation matrix", () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });

  it("declares who may call every route in the manifest", () => {
    const undeclared = routes.flatMap((route) =>
      (["loader", "action"] as const)
        .filter((method) => route.module[method] && !route.module.handle?.access?.[method])
        .map((method) => `${route.id} ${method}`),
    );
    expect(undeclared, "add `export const handle = { access: … } satisfies RouteHandle` to each").toEqual([]);
  });

  it("answers every page and form action as the permissions module says, to every actor", async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const path = fullPath(route);
      for (const method of ["loader", "action"] as const) {
        if (!route.module[method]) continue;
        const chain = chainOf(route);
        for (const target of pageTargets(world, path)) {
          // A page's data as client-side navigation fetches it (Remix's single fetch): the loaders'
          // raw answer, which is where a leak would be plainest, without rendering HTML.
          const url = urlOf(route, target.params, { origin: ORIGIN, data: true, action: method === "action" });
          await Promise.all(
            world.actors.map(async (actor) => {
              counts.pages++;
              const response = await pageRequest(url.href, method, actor);
              const body = await response.text();
              const got = classify(response, body);
              const expected = expectedForChain(world, chain, method, actor, target);
              // A local tool shows the whole local app's mail (404 where people's data lives, identity.test.ts).
              const leaked = chain.some((r) => r.module.handle?.access?.[method] === "dev")
                ? []
                : leaks(world, actor, body);
              const wrong = got === "error" || (expected !== "any" && got !== expected);
              if (wrong || leaked.length > 0) {
                mismatches.push(
                  `${method === "loader" ? "GET" : "POST"} ${route.id} · ${target.name} · ${actor.name}: ` +
                    `expected ${expected}, got ${response.status} ${got}${leaked.length ? `, leaked ${leaked}` : ""}`,
                );
              }
            }),
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(shown.A).toBeGreaterThan(0);
    expect(shown.B).toBeGreaterThan(0);
  }, 120_000);

  it("answers every API operation in the OpenAPI document as the permissions module says", async () => {
    const doc = (await (await callWorker(new Request(`${ORIGIN}/api/v1/openapi.json`))).json()) as OpenApi;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(10);
    const mismatches: string[] = [];
    for (const operation of operations) {
      const targets: (ClientKey | null)[] = operation.path.includes("{") ? ["A", "A2", "B"] : [null];
      for (const ids of targets) {
        await Promise.all(
          world.actors.map(async (actor) => {
            counts.api++;
            const url = `${ORIGIN}/api/v1${apiUrl(world, operation.path, ids ?? "A")}`;
            const response = await callWorker(
              new Request(url, {
                method: operation.method,
                headers: { ...(await actor.headers()), "Content-Type": "application/json" },
                body: operation.body === undefined ? undefined : JSON.stringify(operation.body),
              }),
            );
            const body = await response.text();
            const got = classify(response, body);
            const expected = expectedForApi(world, operation, actor, ids);
            const leaked = leaks(world, actor, body);
            if (got !== expected || leaked.length > 0) {
              mismatches.push(
                `${operation.method} ${operation.path} · ids of ${ids ?? "—"} · ${actor.name}: ` +
                  `expected ${expected}, got ${response.status} ${got}${leaked.length ? `, leaked ${leaked}` : ""}`,
              );
            }
          }),
        );
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("lets onto each org socket whom the permissions module allows; each frame stays in its org", async () => {
    type Open = { actor: Actor; org: OrgKey; socket: Awaited<ReturnType<typeof collect>> };
    const mismatches: string[] = [];
    const open: Open[] = [];
    const connect = async (actor: Actor, url: string, extra: Record<string, string>) =>
      callWorker(new Request(url, { headers: { ...(await actor.headers()), ...extra, Upgrade: "websocket" } }));

    for (const actor of world.actors) {
      for (const org of ["A", "B"] as const) {
        counts.sockets++;
        const scope = actor.session ? scopeOf(world, actor, org) : null;
        const expected: Outcome = !actor.session ? 401 : !scope ? 404 : canInOrg(scope, "org.view") ? "allowed" : 403;
        const response = await connect(actor, `${ORIGIN}/parties/org-hub/${world.orgs[org].org.id}`, {
          Origin: ORIGIN,
        });
        const got = response.webSocket ? "allowed" : response.status;
        if (got !== expected) mismatches.push(`org socket of ${org} · ${actor.name}: expected ${expected}, got ${got}`);
        if (response.webSocket) open.push({ actor, org, socket: await collect(response) });
      }
      // The API's events socket: the org is the token's.
      counts.sockets++;
      const expected: Outcome = actor.token ? "allowed" : 401;
      const response = await connect(actor, `${ORIGIN}/api/v1/events?access_token=${actor.accessToken ?? ""}`, {});
      const got = response.webSocket ? "allowed" : response.status;
      if (got !== expected) mismatches.push(`events socket · ${actor.name}: expected ${expected}, got ${got}`);
      if (response.webSocket && actor.token)
        open.push({ actor, org: actor.token.org, socket: await collect(response) });
    }

    // Every kind of message a browser may send, naming its own org's client, another org's, and none.
    const kinds = clientMessageSchema.def.options.map((option) => option.shape.t.def.values[0]!);
    expect(
      kinds.every((kind) => kind in SAMPLE_MESSAGES),
      `a sample for each of ${kinds}`,
    ).toBe(true);
    for (const { org, socket } of open) {
      for (const kind of kinds) {
        for (const clientOf of ["A", "A2", "B", null] as const) {
          counts.messages++;
          const clientId = clientOf ? world.ids[clientOf].client : null;
          socket.ws.send(JSON.stringify(SAMPLE_MESSAGES[kind as ClientMessage["t"]](clientId)));
        }
      }
      // Leave the socket on its own org's client page, so teammates there see it.
      socket.ws.send(JSON.stringify(SAMPLE_MESSAGES.presence(world.orgs[org].ids.client)));
    }
    // One edit in each client tree, through the API (A2's last: a limited socket must skip it).
    for (const client of ["A", "B", "A2"] as const) {
      const org = ORG_OF[client];
      const writer = world.actors.find(
        (actor) => actor.token?.org === org && actor.token.scope === "write" && !actor.limited,
      )!;
      const put = await callWorker(
        new Request(`${ORIGIN}/api/v1/campaigns/${world.ids[client].campaign}/metrics/${WEEK}`, {
          method: "PUT",
          headers: { ...(await writer.headers()), "Content-Type": "application/json" },
          body: JSON.stringify({ adSpend: 12.34, sales: 56.78 }),
        }),
      );
      expect(put.status).toBe(200);
    }

    // A marker edit after A2's, on A's first client: once a socket has it, it had A2's too if it would.
    const marker = world.actors.find((actor) => actor.name === "write token")!;
    const marked = await callWorker(
      new Request(`${ORIGIN}/api/v1/campaigns/${world.ids.A.campaign}/metrics/${WEEK}`, {
        method: "PUT",
        headers: { ...(await marker.headers()), "Content-Type": "application/json" },
        body: JSON.stringify({ adSpend: 98.76, sales: 54.32 }),
      }),
    );
    expect(marked.status).toBe(200);

    for (const { actor, org, socket } of open) {
      const last = org === "A" ? "98.76" : "12.34";
      await socket.until(
        (all) => all.some((m) => m.t === "event" && JSON.stringify(m).includes(last === "98.76" ? "9876" : "1234")),
        `${actor.name}'s last event in ${org}`,
      );
      const unseen: ClientKey[] = org === "A" ? ["B", ...(actor.limited ? (["A2"] as const) : [])] : ["A", "A2"];
      const strays = socket.messages.filter((m) => unseen.some((client) => names(world, client, m)));
      if (strays.length > 0)
        mismatches.push(`socket of ${org} · ${actor.name} received ${unseen}'s ${JSON.stringify(strays)}`);
      const text = JSON.stringify(socket.messages);
      if (leaks(world, actor, text).length > 0) mismatches.push(`socket of ${org} · ${actor.name} leaked a name`);
      if (socket.closed())
        mismatches.push(`socket of ${org} · ${actor.name} was closed: ${JSON.stringify(socket.closed())}`);
    }
    // The org-wide sockets of A did hear of A2: the limited ones' silence is filtering, not absence.
    expect(
      open.some(
        ({ actor, org, socket }) => org === "A" && !actor.limited && socket.messages.some((m) => names(world, "A2", m)),
      ),
    ).toBe(true);
    // Someone on each org's client page saw teammates there: the check above had frames to judge.
    for (const org of ["A", "B"] as const) {
      expect(open.some(({ org: o, socket }) => o === org && socket.messages.some((m) => m.t === "presence"))).toBe(
        true,
      );
    }
    for (const { socket } of open) socket.close();
    expect(mismatches).toEqual([]);
  }, 60_000);
});
