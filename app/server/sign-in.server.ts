/**
 * What happens when someone proves they own an email: a fresh session (the old one, if any, is
 * ended, so a planted session id is useless), and where to go next: /orgs when invitations wait
 * for an answer (never accepted without asking), the one org when there is one.
 */
import { controlDb } from "../../db/control/database";
import { listMemberships } from "../../db/control/queries";
import { createSession, readSessionSecret, serializeSessionCookie, SESSION_TTL_MS } from "./session.server";
import { endEarlierSession } from "./sign-out.server";
import { sha256Hex } from "../../core/crypto";
import { listOpenInvitations } from "./team.server";
import { userActor } from "./audit.server";

export async function signIn(env: Env, request: Request, user: { id: string; email: string; name?: string | null }) {
  const db = controlDb(env.DB);
  const previous = readSessionSecret(request);
  if (previous) await endEarlierSession(env, await sha256Hex(previous));
  const by = userActor(request, user);
  const { secret } = await createSession(db, user.id, request.headers.get("User-Agent"), new Date(), by);
  const [memberships, invitations] = await Promise.all([
    listMemberships(db, user.id),
    listOpenInvitations(env, user.email),
  ]);
  const destination = memberships.length === 1 && invitations.length === 0 ? `/o/${memberships[0]!.slug}` : "/orgs";
  return { cookie: serializeSessionCookie(new URL(request.url), secret, SESSION_TTL_MS), destination };
}
