import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

/**
 * CSRF defence: a request that changes something, and every WebSocket upgrade, must come from a
 * page of this app. Browsers send Origin on those, so a missing or foreign Origin is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  return origin !== null && origin === new URL(request.url).origin;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Token-authenticated APIs never read cookies, so a cross-site page gains nothing there. */
const TOKEN_ONLY_PREFIXES = ["/api/v1/", "/api/admin/"];

export const requireSameOriginForWrites = createMiddleware<AppEnv>(async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (SAFE_METHODS.has(c.req.method) || TOKEN_ONLY_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return next();
  }
  if (!isSameOrigin(c.req.raw)) {
    return c.json(
      { error: { code: "forbidden", message: "This request did not come from a Celerity page (Origin check failed)" } },
      403,
    );
  }
  return next();
});
