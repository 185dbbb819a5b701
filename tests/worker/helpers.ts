/** Shared fixtures for tests inside workerd: real D1, real OrgHub objects, real sockets. */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../worker/index";
import { orgHub, provisionOrg } from "../../app/server/orgs.server";
import type { ClientGrants, OrgRole, TokenScope } from "../../core/permissions";
import type { Actor } from "../../party/actor";
import { teamMembers } from "../../db/control/schema";
import { createApiToken } from "../../app/server/api-tokens.server";
import type { AuditActor } from "../../app/server/audit.server";
import { controlDb } from "../../db/control/database";
import { addMember } from "../../db/control/queries";
import { newId } from "../../db/columns";
import { createUser, sessionCookieFor } from "../../seed/factories";
import { parseServerMessage, type ServerMessage } from "../../core/protocol";

export const ORIGIN = "http://localhost";

/**
 * The Worker's own fetch handler, called in this isolate. `SELF.fetch` grows slower with every
 * request a test file makes (cloudflare/workers-sdk#15446: about 2 ms → 60 ms by the 600th); a
 * test that sends a thousand requests calls the handler directly instead, with the same
 * bindings, real objects and sockets, and waits for its `waitUntil` work as the runtime would.
 */
export async function callWorker(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

let counter = 0;
/** A unique suffix per call, so tests sharing a storage never collide on slugs or emails. */
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function makeOrg(name = "Test Agency") {
  const result = await provisionOrg(env, { name, slug: unique("org"), regionHint: null });
  if (!result.ok) throw new Error(`provisioning failed: ${result.reason}`);
  return result.org;
}

export async function makeMember(orgId: string, role: OrgRole) {
  const user = await createUser(env, `${unique(role)}@example.test`);
  await addMember(controlDb(env.DB), orgId, user.id, role);
  return {
    user,
    actor: { userId: user.id, role, clients: null },
    cookie: await sessionCookieFor(env, user.id, ORIGIN),
  };
}

/**
 * An org with one client → channel → group → campaign, an editor and a viewer; with `week`, the
 * campaign also has numbers for that week (spend 100.00, sales 400.00).
 */
export async function makeCampaignOrg({ week, clientName = "Acme" }: { week?: string; clientName?: string } = {}) {
  const org = await makeOrg();
  const editor = await makeMember(org.id, "account_manager");
  const viewer = await makeMember(org.id, "viewer");
  const hub = await hubOf(org.id);
  const ids = await addClientTree(hub, editor.actor, { week, clientName });
  return { org, editor, viewer, hub, ids };
}

/** Adds a client → channel → group → campaign to an org (with a week's numbers when given). */
export async function addClientTree(
  hub: ReturnType<typeof hubOf>,
  actor: Actor,
  { week, clientName = "Acme" }: { week?: string; clientName?: string },
) {
  const [first, second] = await hub.listChannels();
  const ids = { client: newId(), clientChannel: newId(), group: newId(), campaign: newId(), otherChannel: second!.id };
  const setup = await hub.mutate(actor, {
    mutations: [
      { kind: "client.create", id: ids.client, name: clientName },
      { kind: "clientChannel.create", id: ids.clientChannel, clientId: ids.client, channelId: first!.id },
      {
        kind: "campaignGroup.create",
        id: ids.group,
        clientChannelId: ids.clientChannel,
        name: "Search",
        weeklyBudgetCents: 50_000,
      },
      { kind: "campaign.create", id: ids.campaign, campaignGroupId: ids.group, name: "Brand", targetRoasMilli: 4000 },
      ...(week
        ? [
            {
              kind: "metric.save" as const,
              campaignId: ids.campaign,
              weekStart: week,
              adSpendCents: 10_000,
              salesCents: 40_000,
            },
          ]
        : []),
    ],
  });
  if (!setup.ok) throw new Error(`fixture refused: ${setup.error.message}`);
  return ids;
}

/** A member limited to chosen clients (a role on each), as an admin would set them up. */
export async function makeLimitedMember(orgId: string, clients: ClientGrants) {
  const user = await createUser(env, `${unique("limited")}@example.test`);
  await controlDb(env.DB).insert(teamMembers).values({ orgId, userId: user.id, role: "viewer", clients });
  return {
    user,
    actor: { userId: user.id, role: "viewer" as const, clients },
    cookie: await sessionCookieFor(env, user.id, ORIGIN),
  };
}

export function hubOf(orgId: string) {
  return orgHub(env, orgId);
}

/** An open org socket through the Worker, collecting every message it receives. */
export async function openSocket(orgId: string, cookie: string, since?: number) {
  const query = since === undefined ? "" : `?since=${since}`;
  return collect(
    await SELF.fetch(`${ORIGIN}/parties/org-hub/${orgId}${query}`, {
      headers: { Upgrade: "websocket", Origin: ORIGIN, Cookie: cookie },
    }),
  );
}

/** The API's events socket, opened with a token. */
export async function openEventsSocket(token: string) {
  return collect(
    await SELF.fetch(`${ORIGIN}/api/v1/events?access_token=${token}`, { headers: { Upgrade: "websocket" } }),
  );
}

/** Waits until `done()` holds (polling every 10 ms), failing after `ms`. */
export async function within(ms: number, done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function collect(response: Response) {
  const ws = response.webSocket;
  if (!ws) throw new Error(`socket refused: ${response.status} ${await response.text()}`);
  const messages: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  let closed: { code: number; reason: string } | null = null;
  ws.accept();
  ws.addEventListener("close", (event) => {
    closed = { code: event.code, reason: event.reason };
  });
  ws.addEventListener("message", (event) => {
    const message = parseServerMessage(String(event.data));
    if (message) messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  /** Resolves once `predicate` holds for the messages received so far (fails after 2 s). */
  async function until(predicate: (all: ServerMessage[]) => boolean, what = "messages"): Promise<ServerMessage[]> {
    const deadline = Date.now() + 2000;
    while (!predicate(messages)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return messages;
  }
  return { ws, messages, until, closed: () => closed, close: () => ws.close(1000, "done") };
}

export const eventsIn = (messages: ServerMessage[]) =>
  messages.flatMap((message) => (message.t === "event" ? [message.event] : []));

let ipCounter = 0;
/** A distinct client address per call, so the per-IP sign-in limit does not couple tests. */
export const freshIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

export function post(
  path: string,
  fields: Record<string, string>,
  init: { cookie?: string; origin?: string | null; ip?: string } = {},
) {
  // Browsers always send Host; Remix's own action check needs it.
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    "CF-Connecting-IP": init.ip ?? freshIp(),
    Host: new URL(ORIGIN).host,
  };
  if (init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  if (init.cookie) headers.Cookie = init.cookie;
  return SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: new URLSearchParams(fields),
  });
}

export function get(path: string, cookie?: string) {
  return SELF.fetch(`${ORIGIN}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

type DevMail = { to: string; subject: string; text: string; html: string; sentAt: string };

export async function mailbox(): Promise<DevMail[]> {
  return (await (await SELF.fetch(`${ORIGIN}/dev/mailbox.json`)).json()) as DevMail[];
}

/** The link in the newest mail to `email`. */
export async function latestLink(email: string): Promise<string> {
  const mail = (await mailbox()).find((m) => m.to === email);
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no mail with a link to ${email}`);
  return link;
}

export const cookieOf = (response: Response) => response.headers.get("Set-Cookie")?.split(";")[0] ?? "";

/** Signs in the way a person does: ask for a link, open it, press the button. */
export async function signInViaLink(email: string, ip = freshIp()): Promise<{ cookie: string; location: string }> {
  const requested = await post("/login", { email }, { ip });
  if (requested.status !== 200) throw new Error(`link request failed: ${requested.status}`);
  const token = new URL(await latestLink(email)).searchParams.get("token")!;
  const response = await post("/login/verify", { token }, { ip });
  if (response.status !== 302 && response.status !== 204) throw new Error(`sign-in failed: ${response.status}`);
  return { cookie: cookieOf(response), location: response.headers.get("Location") ?? "" };
}

/** Who tests act as in the control plane's audit log. */
export const TEST_AUDIT_ACTOR: AuditActor = {
  kind: "platform",
  id: null,
  label: "Test",
  country: null,
  userAgent: null,
};

/** Mints an API token for an org (optionally limited to clients); fails the test if refused. */
export async function mintToken(
  org: { id: string; regionHint: string | null },
  input: { name: string; scope: TokenScope; createdBy?: string | null; clients?: string[]; expiresAt?: Date },
) {
  const created = await createApiToken(env, org, { createdBy: null, ...input }, TEST_AUDIT_ACTOR);
  if (!created.ok) throw new Error(created.message);
  return created;
}
