/** Turns per-client weekly totals into the dashboard's rows (browser-safe, no I/O). */
import type { ClientWeekTotals } from "../../db/org/queries";
import type { ClientRow } from "../../party/protocol";
import { totalsOf, type Totals } from "./grid";

export type DashboardRow = {
  client: ClientRow;
  last: Totals & { targetMilli: number | null };
  trend: (number | null)[];
};

/** The spend-weighted target of the campaigns that have one: what "on target" means for a client. */
function weightedTarget(rows: ClientWeekTotals[]): number | null {
  const spend = rows.reduce((sum, r) => sum + r.targetSpendCents, 0);
  return spend > 0 ? Math.round(rows.reduce((sum, r) => sum + r.targetWeighted, 0) / spend) : null;
}

export function dashboardRows(clients: ClientRow[], totals: ClientWeekTotals[], weeks: string[]) {
  const lastWeek = weeks.at(-1)!;
  const rows: DashboardRow[] = clients
    .filter((client) => client.isActive)
    .map((client) => {
      const mine = totals.filter((t) => t.clientId === client.id);
      const last = mine.filter((t) => t.weekStart === lastWeek);
      return {
        client,
        last: { ...totalsOf(last), targetMilli: weightedTarget(last) },
        trend: weeks.map((week) => totalsOf(mine.filter((t) => t.weekStart === week)).roasMilli),
      };
    });
  const lastAll = totals.filter((t) => t.weekStart === lastWeek);
  return { rows, org: { ...totalsOf(lastAll), targetMilli: weightedTarget(lastAll) } };
}
