/**
 * The client grid's data in the browser: flat lists from the loader, patched by each event from
 * the org socket (in place, idempotently: an event older than what is shown changes nothing).
 */
import type { GridChannel } from "../../core/protocol";
import type { AnnotationRow, CampaignGroupRow, CampaignRow, ClientRow, MetricRow, OrgEvent } from "../../core/protocol";
import { computeRoasMilli } from "../../core/roas";

export type GridData = {
  client: ClientRow;
  channels: GridChannel[];
  groups: CampaignGroupRow[];
  campaigns: CampaignRow[];
  metrics: MetricRow[];
  /** Notes on the shown weeks, about the client or anything under it. */
  annotations: AnnotationRow[];
};

export const cellKey = (campaignId: string, week: string) => `${campaignId}:${week}`;

function upsert<T extends { id: string; version: number }>(rows: T[], row: T): T[] {
  const index = rows.findIndex((r) => r.id === row.id);
  if (index === -1) return [...rows, row];
  if (rows[index]!.version >= row.version) return rows;
  return rows.map((r, i) => (i === index ? { ...r, ...row } : r));
}

/** The grid after one event; the same object when the event is old news or not about it. */
export function applyEvent(grid: GridData, event: OrgEvent): GridData {
  switch (event.type) {
    case "client.updated":
      return event.data.id === grid.client.id && event.data.version > grid.client.version
        ? { ...grid, client: event.data }
        : grid;
    case "clientChannel.created":
    case "clientChannel.updated": {
      if (event.data.clientId !== grid.client.id) return grid;
      // A new channel's name and icon are not in the event: the page reloads its data for it.
      const known = grid.channels.find((c) => c.id === event.data.id);
      return known ? { ...grid, channels: upsert(grid.channels, { ...known, ...event.data }) } : grid;
    }
    case "campaignGroup.created":
    case "campaignGroup.updated":
      return grid.channels.some((c) => c.id === event.data.clientChannelId)
        ? { ...grid, groups: upsert(grid.groups, event.data) }
        : grid;
    case "campaignGroup.deleted":
      return {
        ...grid,
        groups: grid.groups.filter((g) => g.id !== event.id),
        campaigns: grid.campaigns.filter((c) => c.campaignGroupId !== event.id),
      };
    case "campaign.created":
    case "campaign.updated":
      return grid.groups.some((g) => g.id === event.data.campaignGroupId)
        ? { ...grid, campaigns: upsert(grid.campaigns, event.data) }
        : grid;
    case "campaign.deleted":
      return {
        ...grid,
        campaigns: grid.campaigns.filter((c) => c.id !== event.id),
        metrics: grid.metrics.filter((m) => m.campaignId !== event.id),
      };
    case "metric.saved":
      return grid.campaigns.some((c) => c.id === event.data.campaignId)
        ? { ...grid, metrics: upsert(grid.metrics, event.data) }
        : grid;
    case "metric.deleted":
      return grid.metrics.some((m) => m.id === event.id)
        ? { ...grid, metrics: grid.metrics.filter((m) => m.id !== event.id) }
        : grid;
    case "annotation.created":
      return event.data.clientId === grid.client.id
        ? { ...grid, annotations: upsert(grid.annotations, event.data) }
        : grid;
    case "annotation.deleted":
      return grid.annotations.some((a) => a.id === event.id)
        ? { ...grid, annotations: grid.annotations.filter((a) => a.id !== event.id) }
        : grid;
    default:
      return grid;
  }
}

/** Whether an event concerns rows this grid does not have the parents for (so: reload). */
export function needsReload(grid: GridData, event: OrgEvent): boolean {
  if (event.type === "client.deleted") return event.id === grid.client.id;
  return (
    event.type === "clientChannel.created" &&
    event.data.clientId === grid.client.id &&
    !grid.channels.some((c) => c.id === event.data.id)
  );
}

export type RoasStatus = "hit" | "near" | "miss" | "none";

/** At or above target: hit; less than 10% below: near; further below: miss. */
export function roasStatus(roas: number | null, target: number | null): RoasStatus {
  if (roas === null || target === null || target === 0) return "none";
  if (roas >= target) return "hit";
  if (roas * 10 >= target * 9) return "near";
  return "miss";
}

export type Totals = { adSpendCents: number; salesCents: number; roasMilli: number | null };

export function totalsOf(rows: { adSpendCents: number; salesCents: number }[]): Totals {
  let adSpendCents = 0;
  let salesCents = 0;
  for (const row of rows) {
    adSpendCents += row.adSpendCents;
    salesCents += row.salesCents;
  }
  return { adSpendCents, salesCents, roasMilli: computeRoasMilli(adSpendCents, salesCents) };
}

export type GridTree = {
  channel: GridChannel;
  groups: { group: CampaignGroupRow; campaigns: CampaignRow[] }[];
}[];

/** Channel → group → campaign, archived ones left out, in the order people scan them. */
export function treeOf(grid: GridData, { showArchived = false } = {}): GridTree {
  return grid.channels
    .filter((channel) => channel.isActive)
    .map((channel) => ({
      channel,
      groups: grid.groups
        .filter((g) => g.clientChannelId === channel.id && (showArchived || !g.archived))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((group) => ({
          group,
          campaigns: grid.campaigns
            .filter((c) => c.campaignGroupId === group.id && (showArchived || !c.archived))
            .sort((a, b) => a.name.localeCompare(b.name)),
        })),
    }));
}

/**
 * A block copied from a spreadsheet: rows of tab-separated cells, each week taking two columns
 * (spend, then sales). Returns the parsed numbers or the first problem, with its position.
 */
export function parsePastedBlock(text: string): { rows: string[][] } | { error: string } {
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const rows = lines.map((line) => line.split("\t").map((cell) => cell.trim()));
  const width = rows[0]?.length ?? 0;
  if (width === 0 || width % 2 !== 0) {
    return { error: "Paste pairs of columns: spend, then sales, for each week" };
  }
  if (rows.some((row) => row.length !== width)) return { error: "Every pasted row needs the same number of columns" };
  return { rows };
}
