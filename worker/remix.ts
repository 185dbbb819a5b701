import { createRequestHandler } from "@remix-run/cloudflare";
import type { Context } from "hono";
import * as build from "virtual:remix-build";
import { createRequestAuth } from "../app/server/auth.server";
import { sessionCookieName } from "../app/server/session.server";
import { PARTITION_HEADER } from "../core/offline";
import type { AppEnv } from "./types";

/** Created once per isolate, not per request. */
const handleRemixRequest = createRequestHandler(build);

/**
 * Remix repeats the Origin check on actions and answers `Origin: null` with a bare 500. The
 * Worker has already judged the request (middleware/origin.ts) and let a `null` one through only
 * on `Sec-Fetch-Site: same-origin`, so the header that says nothing is dropped here.
 */
function withoutNullOrigin(request: Request): Request {
  if (request.headers.get("Origin") !== "null") return request;
  const headers = new Headers(request.headers);
  headers.delete("Origin");
  return new Request(request, { headers });
}

export async function serveRemix(c: Context<AppEnv>): Promise<Response> {
  const request = withoutNullOrigin(c.req.raw);
  const auth = createRequestAuth(c.env, request);
  const response = await handleRemixRequest(request, {
    cloudflare: { env: c.env, ctx: c.executionCtx },
    requestId: c.get("requestId"),
    auth,
    cspNonce: c.get("secureHeadersNonce"),
  });
  // A session used today stays valid for 30 more days: renew the cookie with the stored expiry,
  // unless this response already sets the session cookie (sign-in, sign-out).
  const renewal = await auth.renewal();
  const cookieName = sessionCookieName(new URL(request.url));
  const renew = renewal && !(response.headers.get("Set-Cookie") ?? "").includes(`${cookieName}=`);
  // Whose page this is, for the service worker's offline copies (app/sw/): never shown to another
  // user. Pages only (their root loader has read the session already): a data request, a CSV or
  // a form post neither reads the session again for it nor carries it.
  const page = (response.headers.get("Content-Type") ?? "").startsWith("text/html");
  const user = page ? await auth.user() : null;
  if (!renew && !user) return response;
  const answer = new Response(response.body, response);
  if (renew) answer.headers.append("Set-Cookie", renewal);
  if (user) answer.headers.set(PARTITION_HEADER, user.id);
  return answer;
}
