/**
 * Hands a verified WebSocket upgrade to the org's OrgHub. The actor headers are set here, from
 * what the Worker verified (session or API token), and never taken from the caller.
 */
import { routePartykitRequest } from "partyserver";
import { ACTOR_HEADERS, type Actor } from "../party/actor";
import type { Credential } from "../party/socket-tags";

export async function connectToOrgSocket(
  env: Env,
  request: Request,
  orgId: string,
  actor: Actor & { label: string; credential: Credential },
) {
  const source = new URL(request.url);
  const target = new URL(`/parties/org-hub/${encodeURIComponent(orgId)}`, source);
  const since = source.searchParams.get("since");
  if (since) target.searchParams.set("since", since);
  const forwarded = new Request(target, request);
  for (const name of Object.values(ACTOR_HEADERS)) forwarded.headers.delete(name);
  forwarded.headers.set(ACTOR_HEADERS.userId, actor.userId);
  forwarded.headers.set(ACTOR_HEADERS.role, actor.role);
  // Client ids are UUIDs: the JSON is Latin-1.
  forwarded.headers.set(ACTOR_HEADERS.clients, JSON.stringify(actor.clients));
  forwarded.headers.set(ACTOR_HEADERS.credential, actor.credential);
  // Header values must be Latin-1; names may not be.
  forwarded.headers.set(ACTOR_HEADERS.label, encodeURIComponent(actor.label));
  const response = await routePartykitRequest(forwarded, env);
  if (!response) return null;
  // The object's response has immutable headers; copy it so the security headers can be added.
  return new Response(response.body, {
    status: response.status,
    headers: response.headers,
    webSocket: response.webSocket,
  });
}
