import type { RequestAuth } from "./server/auth.server";

declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    cloudflare: { env: Env; ctx: Pick<ExecutionContext, "waitUntil" | "passThroughOnException"> };
    requestId: string;
    /** The session and memberships, looked up at most once per request. */
    auth: RequestAuth;
    /** This response's Content-Security-Policy nonce, for the scripts the server renders. */
    cspNonce: string | undefined;
  }
}
