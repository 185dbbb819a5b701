import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { mailAfterWrite } from "~/server/alert-runs.server";
import { requireClientHub } from "~/server/tracker.server";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { action: "tracker.edit" } } satisfies RouteHandle;

/**
 * POST JSON `{ rows }` (at most 10,000, already checked in the browser): the import page sends a
 * large file in chunks here, one transaction each, to show progress. Answers the object's result.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor, hub, org } = await requireClientHub(request, context, params, handle.access.action);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ ok: false, error: { code: "invalid", message: "The body must be JSON" } }, { status: 400 });
  }
  const result = await hub.importMetrics(actor, body as Parameters<typeof hub.importMetrics>[1]);
  if (result.ok) mailAfterWrite(context.cloudflare.env, context.cloudflare.ctx, org, result.alertsOpened);
  return Response.json(result, {
    status: result.ok ? 200 : result.error.code === "invalid" ? 422 : result.error.code === "forbidden" ? 403 : 409,
  });
}
