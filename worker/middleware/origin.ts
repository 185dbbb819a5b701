/**
 * CSRF defence: a request that changes something must come from a page of this app. Browsers
 * send Origin on every cross-site POST and WebSocket upgrade, so a missing or foreign Origin on
 * such a request is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  return origin !== null && origin === new URL(request.url).origin;
}
