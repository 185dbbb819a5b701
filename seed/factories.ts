/**
 * Builders for real rows through the app's own code paths. Tests use them for their fixtures;
 * the demo seed uses them for the demo org: one way to make a user, a member, a session.
 */
import { serializeSessionCookie, createSession } from "../app/server/session.server";
import { controlDb } from "../db/control/database";
import { users } from "../db/control/schema";

export async function createUser(env: Env, email: string, name: string | null = null) {
  const db = controlDb(env.DB);
  return db
    .insert(users)
    .values({ email: email.toLowerCase(), name })
    .onConflictDoUpdate({ target: users.email, set: { name } })
    .returning()
    .get();
}

/** A signed-in session for the user, as the `Cookie` header value a browser would send. */
export async function sessionCookieFor(env: Env, userId: string, origin = "http://localhost"): Promise<string> {
  const { secret } = await createSession(controlDb(env.DB), userId, "factory");
  return serializeSessionCookie(new URL(origin), secret, 60_000).split(";")[0]!;
}

/** A small deterministic PRNG (mulberry32), so seeded numbers are the same on every machine. */
export function randomFrom(seedText: string): () => number {
  let seed = 0;
  for (const char of seedText) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
