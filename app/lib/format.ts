import { formatMoney } from "./money";

/** Compact money for dense grids: "$1,234" (no cents at or above 1,000). */
export function formatMoneyShort(cents: number): string {
  return cents >= 100_000 ? formatMoney(Math.round(cents / 100) * 100).replace(/\.00$/, "") : formatMoney(cents);
}

const weekLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "Nov 16" for the week starting 2026-11-16. */
export function formatWeek(week: string): string {
  return weekLabel.format(new Date(`${week}T00:00:00Z`));
}
