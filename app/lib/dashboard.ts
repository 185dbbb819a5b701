/** Turns per-client weekly totals into the dashboard's rows (browser-safe, no I/O). */
import type { ClientWeekTotals, WeekTotals } from "../../core/protocol";
import type { ClientRow } from "../../core/protocol";
import { totalsOf, type Totals } from "./grid";

export type DashboardRow = {
  client: ClientRow;
  last: Totals & { targetMilli: number | null };
  trend: (number | null)[];
};

export const DASHBOARD_PAGE_SIZE = 50;

/**
 * Rows for the given clients (one page of them) and the org's totals of the last week. Totals are
 * grouped by client once, so the work grows with the rows on the page, not with clients².
 */
export function dashboardRows(
  clients: ClientRow[],
  totals: ClientWeekTotals[],
  orgLastWeek: WeekTotals,
  weeks: string[],
) {
  const lastWeek = weeks.at(-1)!;
  const byClient = new Map<string, ClientWeekTotals[]>();
  for (const row of totals) byClient.set(row.clientId, [...(byClient.get(row.clientId) ?? []), row]);
  const rows: DashboardRow[] = clients.map((client) => {
    const mine = byClient.get(client.id) ?? [];
    // One row per client and week: its target is the spend-weighted one of that week.
    const last = mine.find((t) => t.weekStart === lastWeek);
    return {
      client,
      last: { ...totalsOf(last ? [last] : []), targetMilli: last?.targetMilli ?? null },
      trend: weeks.map((week) => totalsOf(mine.filter((t) => t.weekStart === week)).roasMilli),
    };
  });
  return { rows, org: { ...totalsOf([orgLastWeek]), targetMilli: orgLastWeek.targetMilli } };
}
