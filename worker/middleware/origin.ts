import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../types";

/**
 * CSRF defence: a request that changes something, and every WebSocket upgrade, must come from a
 * page of this app. A browser says so with `Sec-Fetch-Site: same-origin` (sent even where a
 * referrer policy or a sandbox makes Origin `null`) or, where it predates Fetch Metadata, with a
 * matching Origin. A foreign Origin is refused whatever else the request claims.
 */
export function isSameOrigin(request: Request): boolean {
  const own = new URL(request.url).origin;
  const origin = request.headers.get("Origin");
  if (origin !== null && origin !== "null" && origin !== own) return false;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null) return site === "same-origin";
  return origin === own;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Token-authenticated APIs never read cookies, so a cross-site page gains nothing there. */
const TOKEN_ONLY_PREFIXES = ["/api/v1/", "/api/admin/"];

const MESSAGE = "This request did not come from a Celerity page, so it was refused and nothing was changed";

/**
 * A person who pressed a button gets a page saying what to do (an old tab, a form from another
 * site), not a JSON body; scripts get the API's error shape.
 */
function refusedPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Request refused · Celerity</title>
<style>
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0;background:Canvas;color:CanvasText}
main{max-width:32rem;margin:0 auto;padding:4rem 1.5rem}
a{display:inline-block;padding:.6rem 1rem;border:1px solid currentColor;border-radius:.4rem;color:inherit}
</style></head>
<body><main>
<p><strong>403</strong></p>
<h1>Not sent from Celerity</h1>
<p>${MESSAGE}. If you pressed a button in Celerity, the page may be old: go back, reload it and try again.</p>
<p><a href="/">Back to the start</a></p>
</main></body></html>`;
}

export const requireSameOriginForWrites = createMiddleware<AppEnv>(async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (SAFE_METHODS.has(c.req.method) || TOKEN_ONLY_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return next();
  }
  if (isSameOrigin(c.req.raw)) return next();
  if ((c.req.header("Accept") ?? "").includes("text/html")) return c.html(refusedPage(), 403);
  return c.json({ error: { code: "forbidden", message: `${MESSAGE} (Origin check failed)` } }, 403);
});
