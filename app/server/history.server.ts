/** A campaign's week and its changes, for the history page and the grid's card. */
import { z } from "zod";
import { weekStart } from "../../core/fields";
import { notFound } from "./auth.server";
import type { OrgHubStub } from "./orgs.server";

const cellParams = z.object({ clientId: z.string(), campaignId: z.string().min(1).max(64), week: weekStart });

/** The campaign's week named by `params`, if the campaign is this client's (404 otherwise). */
export async function readCellHistory(hub: OrgHubStub, params: Record<string, unknown>) {
  const cell = cellParams.safeParse(params);
  if (!cell.success) throw notFound();
  const history = await hub.cellHistory(cell.data.campaignId, cell.data.week);
  if (!history || history.campaign.clientId !== cell.data.clientId) throw notFound();
  return { ...history, week: cell.data.week };
}
