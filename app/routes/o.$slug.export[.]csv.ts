import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { csvResponse } from "~/server/csv-response.server";
import { toCsv } from "../../core/csv";
import { isWeekStart, requestedWeek, shiftWeek } from "../../core/weeks";
import { requireOrgHub } from "~/server/tracker.server";
import { type RouteHandle, visibleClientIds } from "../../core/permissions";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

/**
 * `/o/<slug>/export.csv?from=&to=&client=`: weekly numbers as CSV, for one client or the whole
 * org, in the layout the importer reads back unchanged. Any member may export.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  const url = new URL(request.url);
  const to = requestedWeek(url.searchParams.get("to"));
  const from = isWeekStart(url.searchParams.get("from") ?? "") ? url.searchParams.get("from")! : shiftWeek(to, -11);
  const clientId = url.searchParams.get("client") || undefined;
  // A member limited to clients exports only theirs; another client's id exports nothing.
  const csv = toCsv(await hub.exportRows(from, to, clientId, visibleClientIds(scope)));
  const name = `${org.slug}${clientId ? "-client" : ""}-${from}-to-${to}.csv`;
  return csvResponse(csv, name);
}
