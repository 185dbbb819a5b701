import { createMiddleware } from "hono/factory";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../types";

/**
 * Each request gets an id: echoed as X-Request-Id and logged with any error, to match reports to
 * logs. Not Hono's `requestId`: it sets the header before the handler runs, and the raw Response
 * Remix returns does not carry headers set that way.
 */
export const withRequestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
});

/**
 * Security headers for every Worker response. Scripts run from this origin or by this
 * response's nonce (Remix's inline hydration scripts get it, through the load context); no
 * third-party origin at all. Inline styles stay allowed: they cannot run code.
 */
export const withSecureHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", NONCE],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    objectSrc: ["'none'"],
  },
  referrerPolicy: "strict-origin-when-cross-origin",
  crossOriginEmbedderPolicy: false,
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

/**
 * Pages and API answers are personal (or may become so): no browser or shared cache keeps them,
 * unless a route said otherwise. Static assets never reach the Worker; public/_headers sets theirs.
 */
export const withNoStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
});
