import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { csvResponse } from "~/server/csv-response.server";
import { auditCsv } from "../../core/csv";
import type { RouteHandle } from "../../core/permissions";
import { requirePermission } from "~/server/auth.server";
import { auditQuerySchema, readWholeAuditLog } from "~/server/audit-log.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "audit.view" } } satisfies RouteHandle;

/** The most rows one export carries; narrow the dates for more. */
const CSV_CAP = 20_000;

/** `/o/<slug>/audit.csv?actor=&clientId=&entity=&from=&to=`: the audit page's entries as CSV. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  const asked = Object.fromEntries(
    [...new URL(request.url).searchParams].filter(([name, value]) => value !== "" && name in auditQuerySchema.shape),
  );
  const parsed = auditQuerySchema.safeParse(asked);
  if (!parsed.success) return new Response("Some filters are not valid; use dates like 2026-11-02", { status: 422 });
  const [entries, clients] = await Promise.all([
    readWholeAuditLog(context.cloudflare.env, org, hub, { ...parsed.data, cursor: undefined }, CSV_CAP),
    hub.listClients(),
  ]);
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const csv = auditCsv(
    entries.map((e) => ({
      at: e.at,
      actorKind: e.actor.kind,
      actorId: e.actor.id,
      actor: e.actor.label,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      client: e.clientId ? (clientName.get(e.clientId) ?? "") : "",
      before: e.before,
      after: e.after,
      country: e.country,
      userAgent: e.userAgent,
    })),
  );
  return csvResponse(csv, `${org.slug}-audit.csv`);
}
