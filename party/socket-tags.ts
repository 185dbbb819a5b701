/**
 * How the org's sockets are tagged, so the Worker can close exactly the right ones: by user (a
 * member removed, signed out everywhere) and by credential (one session ended, one token revoked).
 * Kept apart from org-hub.ts so that pages' server code can name tags without bundling the object.
 */
import { z } from "zod";

/** What opened a socket: a session (by the hash stored in D1) or an API token (by id). */
export type Credential = `session:${string}` | `token:${string}`;

export const credentialSchema = z.string().regex(/^(session|token):[A-Za-z0-9_-]{1,128}$/);

export const socketTag = {
  user: (userId: string) => `user:${userId}`,
  session: (idHash: string): Credential => `session:${idHash}`,
  token: (tokenId: string): Credential => `token:${tokenId}`,
};
