/**
 * Fixed-window rate limits counted in D1: one atomic upsert per hit, so concurrent requests from
 * different Worker locations count against the same window.
 */
import { sql } from "drizzle-orm";
import { controlDb } from "../../db/control/database";
import { rateLimits } from "../../db/control/schema";

export type RateLimit = { limit: number; windowMs: number };

/**
 * Sign-in links are limited per address, per address and email, and per email with a higher cap:
 * strangers elsewhere spend only their own buckets and the high one, so they cannot lock the
 * owner out, while no one can bomb an inbox with more than `loginPerEmail` mails an hour.
 */
export const RATE_LIMITS = {
  loginPerIp: { limit: 5, windowMs: 60_000 },
  loginPerEmailAndIp: { limit: 5, windowMs: 60 * 60_000 },
  loginPerEmail: { limit: 30, windowMs: 60 * 60_000 },
  apiPerToken: { limit: 600, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterS: number };

export async function hitRateLimit(
  env: Env,
  key: string,
  { limit, windowMs }: RateLimit,
  now = Date.now(),
): Promise<RateLimitResult> {
  const windowStart = now - (now % windowMs);
  const row = await controlDb(env.DB)
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count })
    .get();
  if ((row?.count ?? 1) <= limit) return { ok: true };
  return { ok: false, retryAfterS: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
}

/** The caller's address as Cloudflare reports it; one shared bucket when there is none (local dev). */
export function clientIp(request: Request): string {
  return request.headers.get("CF-Connecting-IP") ?? "local";
}
