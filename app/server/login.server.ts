/**
 * Magic-link sign-in. The link's token comes from the CSPRNG (256 bits), only its SHA-256 is
 * stored, it lives 10 minutes, and it is spent by a POST from the landing page, atomically, once.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { controlDb } from "../../db/control/database";
import { loginTokens, users } from "../../db/control/schema";
import { randomSecret, sha256Hex } from "../../core/crypto";
import { appUrl } from "./links.server";
import { actionMail, sendMail } from "./mail.server";
import { clientIp, hitRateLimit, RATE_LIMITS } from "./rate-limit.server";

export const LOGIN_TOKEN_TTL_MS = 10 * 60 * 1000;

export type LinkRequest = { email: string; redirectTo: string | null };

export type LinkResult = { ok: true } | { ok: false; retryAfterS: number };

/** Sends a sign-in link, the same way whether or not the email belongs to a user yet. */
export async function requestLoginLink(
  env: Env,
  request: Request,
  input: LinkRequest,
  now = new Date(),
): Promise<LinkResult> {
  const db = controlDb(env.DB);
  const ip = clientIp(request);
  for (const [key, limit] of [
    [`login:ip:${ip}`, RATE_LIMITS.loginPerIp],
    [`login:email-ip:${input.email}|${ip}`, RATE_LIMITS.loginPerEmailAndIp],
    [`login:email:${input.email}`, RATE_LIMITS.loginPerEmail],
  ] as const) {
    const verdict = await hitRateLimit(env, key, limit, now.getTime());
    if (!verdict.ok) return verdict;
  }

  const token = randomSecret();
  await db.insert(loginTokens).values({
    tokenHash: await sha256Hex(token),
    email: input.email,
    redirectTo: input.redirectTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS),
  });
  await sendMail(
    env,
    actionMail(
      input.email,
      "Your Celerity sign-in link",
      ["Hello,", "Use the button below to sign in to Celerity. The link works once, for 10 minutes."],
      { label: "Sign in to Celerity", url: appUrl(env, "/login/verify", { token }) },
      "If you did not ask to sign in, you can ignore this mail: nobody can sign in without it.",
    ),
  );
  return { ok: true };
}

/** Whether a token is still usable, without spending it (the landing page's GET). */
export async function peekLoginToken(env: Env, token: string, now = new Date()) {
  return controlDb(env.DB)
    .select({ email: loginTokens.email })
    .from(loginTokens)
    .where(
      and(
        eq(loginTokens.tokenHash, await sha256Hex(token)),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
      ),
    )
    .get();
}

/**
 * Spends the token (one UPDATE that only succeeds while it is unused and unexpired, so two
 * racing posts cannot both win) and returns the user it signs in, created on first sign-in.
 */
export async function spendLoginToken(env: Env, token: string, now = new Date()) {
  const db = controlDb(env.DB);
  const spent = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(loginTokens.tokenHash, await sha256Hex(token)),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
      ),
    )
    .returning({ email: loginTokens.email, redirectTo: loginTokens.redirectTo })
    .get();
  if (!spent) return null;
  const user = await db
    .insert(users)
    .values({ email: spent.email, lastSignInAt: now })
    .onConflictDoUpdate({ target: users.email, set: { lastSignInAt: now } })
    .returning()
    .get();
  return { user, redirectTo: spent.redirectTo };
}
