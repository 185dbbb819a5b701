/** Turns per-client weekly totals into the dashboard's rows (browser-safe, no I/O). */
import type { ClientWeekTotals, WeekTotals } from "../../core/protocol";
import type { ClientRow } from "../../core/protocol";
import type { NumberFormat } from "../../core/decimal";
import { type Currency, formatMoneyShort } from "../../core/money";
import { formatRoasTimes } from "../../core/roas";
import { totalsOf, type Totals } from "./grid";

export type DashboardRow = {
  client: ClientRow;
  last: Totals & { targetMilli: number | null };
  trend: (number | null)[];
  /** The week before the last one: what changed is read against it. */
  previous: Totals;
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
      previous: totalsOf(mine.filter((t) => t.weekStart === weeks.at(-2))),
    };
  });
  return { rows, org: { ...totalsOf([orgLastWeek]), targetMilli: orgLastWeek.targetMilli } };
}

/**
 * What changed since the week before, in words with an arrow (never by colour alone): "▲ 0.40×",
 * "▼ $120.00", "= the week before", or nothing when either week has no numbers.
 */
export function weekChange(
  last: number | null,
  previous: number | null,
  show: (value: number) => string,
): string | null {
  if (last === null || previous === null) return null;
  if (last === previous) return "= the week before";
  return `${last > previous ? "▲" : "▼"} ${show(Math.abs(last - previous))} on the week before`;
}

export const roasChange = (row: DashboardRow, format: NumberFormat) =>
  weekChange(row.last.roasMilli, row.previous.roasMilli, (milli) => formatRoasTimes(milli, format));

export const spendChange = (row: DashboardRow, format: NumberFormat, currency: Currency) =>
  weekChange(row.last.adSpendCents || null, row.previous.adSpendCents || null, (cents) =>
    formatMoneyShort(cents, format, currency),
  );
