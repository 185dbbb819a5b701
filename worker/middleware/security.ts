import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";

/** Each request gets an id (echoed as X-Request-Id, logged with any error). */
export const withRequestId = requestId({
  // Accept an upstream id only when it looks like one; never let a caller inject log lines.
  generator: () => crypto.randomUUID(),
  limitLength: 64,
});

/**
 * Security headers for every Worker response. The CSP allows Remix's inline hydration script and
 * the theme script via 'unsafe-inline' for scripts only; no third-party origin is allowed.
 */
export const withSecureHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
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
