import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import type { RouteHandle } from "../../core/permissions";
import { notFound } from "~/server/auth.server";
import { readCellHistory } from "~/server/history.server";
import { requireClientAccess } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

/** How many changes the grid's card shows. */
const SHOWN = 3;

export type HistoryCard = {
  count: number;
  changes: {
    id: number;
    adSpendCents: number | null;
    salesCents: number | null;
    at: number;
    actorLabel: string | null;
  }[];
};

/**
 * `?campaign=&week=`: a week's latest changes as JSON, for the card the grid shows on a cell. Plain
 * JSON fetched by the card itself, not a Remix fetcher: a fetcher's failure (offline, 404) would
 * replace the whole grid with its error page, and with it the edits still waiting to be saved.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const url = new URL(request.url);
  const campaignId = url.searchParams.get("campaign");
  const week = url.searchParams.get("week");
  if (!campaignId || !week) {
    // Said only about a client of this org: another org's id here stays "not found".
    if (!(await hub.client(params.clientId ?? ""))) throw notFound();
    return Response.json({ error: "Give ?campaign= and ?week=" }, { status: 400 });
  }
  const cell = await readCellHistory(hub, { clientId: params.clientId, campaignId, week });
  // The newest change and the ones before it, each with the values it left (the card shows old → new).
  const changes = cell.changes
    .slice(0, SHOWN + 1)
    .map(({ id, adSpendCents, salesCents, at, actorLabel }) => ({ id, adSpendCents, salesCents, at, actorLabel }));
  return Response.json({ count: cell.changes.length, changes } satisfies HistoryCard, {
    headers: { "Cache-Control": "no-store" },
  });
}
