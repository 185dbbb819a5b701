/**
 * Pacing: spend against a weekly budget, for the week asked about and for its month to date, with
 * a band and the month's projected spend. A week counts in the month its Monday is in, so a month
 * is four or five whole weeks and its budget that many weekly budgets (ADR 018).
 */
import { getDaysInMonth, parseISO } from "date-fns";

export const PACING_BANDS = ["under", "on_pace", "over"] as const;
export type PacingBand = (typeof PACING_BANDS)[number];

/** Within this share of the budget either way is on pace. */
export const ON_PACE_TOLERANCE = 0.1;

export type PacingLine = {
  spendCents: number;
  budgetCents: number;
  /** Spend ÷ budget, or null without a budget. */
  ratio: number | null;
  band: PacingBand | null;
};

export type Pacing = {
  week: PacingLine;
  monthToDate: PacingLine & {
    /** The month's spend if it goes on as it has so far. */
    projectedCents: number;
    monthBudgetCents: number;
  };
};

function line(spendCents: number, budgetCents: number | null): PacingLine {
  if (budgetCents === null || budgetCents <= 0) return { spendCents, budgetCents: 0, ratio: null, band: null };
  const ratio = spendCents / budgetCents;
  const band: PacingBand = ratio < 1 - ON_PACE_TOLERANCE ? "under" : ratio > 1 + ON_PACE_TOLERANCE ? "over" : "on_pace";
  return { spendCents, budgetCents, ratio, band };
}

/**
 * Pacing as of the week starting `asOf` (a Monday): `weeks` is every week's spend (any range;
 * only `asOf` and the earlier weeks of its month are read), `weeklyBudgetCents` null when unset.
 */
export function pace(input: {
  weeklyBudgetCents: number | null;
  weeks: { weekStart: string; spendCents: number }[];
  asOf: string;
}): Pacing {
  const { weeklyBudgetCents: budget, asOf } = input;
  const month = asOf.slice(0, 7);
  const mondays = mondaysOf(month);
  const weeksSoFar = mondays.filter((monday) => monday <= asOf).length;
  const spendOf = (keep: (week: string) => boolean) =>
    input.weeks.filter((w) => keep(w.weekStart)).reduce((sum, w) => sum + w.spendCents, 0);
  const monthSpend = spendOf((week) => week.slice(0, 7) === month && week <= asOf);
  return {
    week: line(
      spendOf((week) => week === asOf),
      budget,
    ),
    monthToDate: {
      ...line(monthSpend, budget === null ? null : budget * weeksSoFar),
      projectedCents: Math.round((monthSpend / weeksSoFar) * mondays.length),
      monthBudgetCents: budget === null ? 0 : budget * mondays.length,
    },
  };
}

/** The Mondays of a month (`YYYY-MM`): a month is the weeks that start in it, four or five. */
function mondaysOf(month: string): string[] {
  const first = parseISO(`${month}-01`);
  const offset = (8 - first.getDay()) % 7; // days from the 1st to its first Monday
  const days = getDaysInMonth(first);
  const result: string[] = [];
  for (let day = 1 + offset; day <= days; day += 7) result.push(`${month}-${String(day).padStart(2, "0")}`);
  return result;
}
