/** Shared fixtures for tests inside workerd: real D1, real OrgHub objects, real sockets. */
import { env, SELF } from "cloudflare:test";
import { orgHub, provisionOrg } from "../../app/server/orgs.server";
import type { OrgRole } from "../../db/control/schema";
import { addMember, createUser, sessionCookieFor } from "../../db/seed/factories";
import { parseServerMessage, type ServerMessage } from "../../party/protocol";

export const ORIGIN = "http://localhost";

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
  await addMember(env, orgId, user.id, role);
  return { user, actor: { userId: user.id, role }, cookie: await sessionCookieFor(env, user.id, ORIGIN) };
}

export function hubOf(orgId: string) {
  return orgHub(env, orgId);
}

/** An open org socket through the Worker, collecting every message it receives. */
export async function openSocket(orgId: string, cookie: string, since?: number) {
  const query = since === undefined ? "" : `?since=${since}`;
  const response = await SELF.fetch(`${ORIGIN}/parties/org-hub/${orgId}${query}`, {
    headers: { Upgrade: "websocket", Origin: ORIGIN, Cookie: cookie },
  });
  const ws = response.webSocket;
  if (!ws) throw new Error(`socket refused: ${response.status} ${await response.text()}`);
  const messages: ServerMessage[] = [];
  const waiters: (() => void)[] = [];
  ws.accept();
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
  return { ws, messages, until, close: () => ws.close(1000, "done") };
}

export const eventsIn = (messages: ServerMessage[]) =>
  messages.flatMap((message) => (message.t === "event" ? [message.event] : []));
