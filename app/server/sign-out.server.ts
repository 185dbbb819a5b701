/**
 * Ending sessions. The row leaves D1 first (no new request or socket gets in with it), then every
 * socket it had open on any of the user's orgs is closed with 4401: a signed-out device stops
 * receiving the org's edits at once, not when it next reloads.
 */
import { socketTag } from "../../party/socket-tags";
import { controlDb } from "../../db/control/database";
import { listMemberships } from "../../db/control/queries";
import { orgHub } from "./orgs.server";
import { deleteAllSessions, revokeOwnSession, sessionOwner } from "./session.server";

async function closeSocketsInEveryOrg(env: Env, userId: string, tags: string[]): Promise<void> {
  const orgs = await listMemberships(controlDb(env.DB), userId);
  await Promise.all(orgs.map((org) => orgHub(env, org.id, org.regionHint).closeSockets(tags)));
}

/** Ends one of the user's own sessions (someone else's id does nothing) and its sockets. */
export async function endSession(env: Env, userId: string, idHash: string): Promise<void> {
  // Only a session that was this user's: another's id closes nobody's sockets.
  if (await revokeOwnSession(controlDb(env.DB), userId, idHash)) {
    await closeSocketsInEveryOrg(env, userId, [socketTag.session(idHash)]);
  }
}

/** Ends whatever session a browser had before signing in again, whoever it belonged to. */
export async function endEarlierSession(env: Env, idHash: string): Promise<void> {
  const owner = await sessionOwner(controlDb(env.DB), idHash);
  if (owner) await endSession(env, owner, idHash);
}

/** Signs the user out on every device, sockets included. */
export async function endAllSessions(env: Env, userId: string): Promise<void> {
  await deleteAllSessions(controlDb(env.DB), userId);
  await closeSocketsInEveryOrg(env, userId, [socketTag.user(userId)]);
}
