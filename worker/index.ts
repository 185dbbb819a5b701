/**
 * The Worker: Hono answers `/api/*` and the org sockets under `/parties/*`; every other request
 * (pages, form posts, Remix data requests) goes to Remix. The hourly Cron Trigger runs the alerts
 * and their mail (`scheduled`).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { adminApi } from "./api/admin";
import { health } from "./api/health";
import { apiV1 } from "./api/v1";
import { requireSameOriginForWrites } from "./middleware/origin";
import { withNoStore, withRequestId, withSecureHeaders } from "./middleware/security";
import { parties } from "./parties";
import { serveRemix } from "./remix";
import { runScheduled } from "../app/server/alert-runs.server";
import type { AppEnv } from "./types";

export { OrgHub } from "../party/org-hub";

const app = new Hono<AppEnv>();

app.use(withRequestId);
app.use(withSecureHeaders);
app.use(withNoStore);
app.use(requireSameOriginForWrites);

app.route("/api/health", health);
app.route("/api/admin", adminApi);
app.route("/api/v1", apiV1);
app.route("/parties", parties);
app.all("/api/*", (c) => c.json({ error: { code: "not_found", message: "No such endpoint" } }, 404));

app.all("*", serveRemix);

app.onError((error, c) => {
  if (error instanceof HTTPException) return error.getResponse();
  // Log the details with the request id; the caller gets the id, never the internals.
  console.error(`[${c.get("requestId")}]`, error);
  return c.json({ error: { code: "internal", message: "Something went wrong", requestId: c.get("requestId") } }, 500);
});

export default {
  fetch: app.fetch,
  /** Hourly (wrangler.toml `[triggers]`): alerts time moves, the "at once" mail a write missed, digests, summaries. */
  async scheduled(controller, env) {
    const report = await runScheduled(env, new Date(controller.scheduledTime));
    if (report.failed.length > 0) console.error("scheduled run: orgs failed", report.failed);
  },
} satisfies ExportedHandler<Env>;
