import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { runScheduled } from "~/server/alert-runs.server";
import { notFound } from "~/server/auth.server";
import { devMailboxEnabled } from "~/server/mail.server";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "dev" } } satisfies RouteHandle;

/**
 * Local development only (404 unless DEV_MAILBOX is set): the hourly run as the Cron Trigger
 * makes it, at the moment `?time=<ISO or ms>` names (now without one), answering what it did.
 * `/__scheduled` (wrangler's `--test-scheduled`) runs the real trigger, but only at the real time.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  if (!devMailboxEnabled(env)) throw notFound();
  const asked = new URL(request.url).searchParams.get("time");
  const at = asked === null ? new Date() : new Date(/^\d+$/.test(asked) ? Number(asked) : asked);
  if (Number.isNaN(at.getTime())) return Response.json({ error: "time: an ISO date or milliseconds" }, { status: 400 });
  return Response.json({ at: at.toISOString(), ...(await runScheduled(env, at)) });
}
