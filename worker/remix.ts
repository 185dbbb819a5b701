import { createRequestHandler } from "@remix-run/cloudflare";
import type { Context } from "hono";
import * as build from "virtual:remix-build";
import { createRequestAuth } from "../app/server/auth.server";
import { sessionCookieName } from "../app/server/session.server";
import type { AppEnv } from "./types";

/** Created once per isolate, not per request. */
const handleRemixRequest = createRequestHandler(build);

export async function serveRemix(c: Context<AppEnv>): Promise<Response> {
  const request = c.req.raw;
  const auth = createRequestAuth(c.env, request);
  const response = await handleRemixRequest(request, {
    cloudflare: { env: c.env, ctx: c.executionCtx },
    requestId: c.get("requestId"),
    auth,
  });
  // A session used today stays valid for 30 more days: renew the cookie with the stored expiry,
  // unless this response already sets the session cookie (sign-in, sign-out).
  const renewal = await auth.renewal();
  const cookieName = sessionCookieName(new URL(request.url));
  if (renewal && !(response.headers.get("Set-Cookie") ?? "").includes(`${cookieName}=`)) {
    const renewed = new Response(response.body, response);
    renewed.headers.append("Set-Cookie", renewal);
    return renewed;
  }
  return response;
}
