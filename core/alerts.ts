/**
 * Alerts (issue 16): what each kind means and when it holds, as pure functions the org's object
 * evaluates after each commit that can change them (and, for the time-based ones, on a schedule).
 */
import { computeRoasMilli, formatRoas } from "./roas";
import { shiftWeek } from "./weeks";

export const ALERT_KINDS = ["roas_below_target", "pacing_off", "missing_numbers", "verdict_changed"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ["open", "resolved", "muted"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The rules' defaults (an org's admins will adjust them). */
export const ALERT_DEFAULTS = {
  /** ROAS below target for this many stored weeks in a row. */
  roasWeeks: 2,
} as const;

export type StoredWeek = { weekStart: string; adSpendCents: number; salesCents: number };

/**
 * Whether a campaign's latest `weeks` stored weeks are consecutive Mondays, each with a ROAS
 * below its target; `since` is the first of them. A week without spend has no ROAS and breaks
 * the run (nothing was spent, nothing missed), as does a gap: "in a row" means in a row.
 */
export function roasBelowTarget(
  latestFirst: StoredWeek[],
  targetMilli: number | null,
  weeks: number = ALERT_DEFAULTS.roasWeeks,
): { holds: false } | { holds: true; since: string; roas: number[] } {
  if (targetMilli === null || latestFirst.length < weeks) return { holds: false };
  const run = latestFirst.slice(0, weeks);
  const roas: number[] = [];
  for (const [i, week] of run.entries()) {
    if (i > 0 && shiftWeek(run[i - 1]!.weekStart, -1) !== week.weekStart) return { holds: false };
    const milli = computeRoasMilli(week.adSpendCents, week.salesCents);
    if (milli === null || milli >= targetMilli) return { holds: false };
    roas.push(milli);
  }
  return { holds: true, since: run.at(-1)!.weekStart, roas: roas.reverse() };
}

/** "Brand: ROAS below its 4.00× target for 2 weeks in a row (1.50×, 2.00×) since the week of 2026-11-09." */
export function roasBelowTargetMessage(campaign: string, targetMilli: number, since: string, roas: number[]): string {
  return (
    `${campaign}: ROAS below its ${formatRoas(targetMilli)}× target for ${roas.length} weeks in a row ` +
    `(${roas.map((r) => `${formatRoas(r)}×`).join(", ")}) since the week of ${since}.`
  );
}
