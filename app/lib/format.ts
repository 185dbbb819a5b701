const weekLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "Nov 16" for the week starting 2026-11-16. */
export function formatWeek(week: string): string {
  return weekLabel.format(new Date(`${week}T00:00:00Z`));
}
