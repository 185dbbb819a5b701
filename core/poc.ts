/**
 * A POC is a client testing one ad channel. From its success criteria and its weekly numbers this
 * decides, as of a week, whether it graduates, gets more time, or stops, and says why in one
 * sentence with the numbers. The method and its limits: docs/decisions/018-poc-verdicts.md.
 */
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from "./decimal";
import { type Currency, formatMoneyShort } from "./money";
import { pace } from "./pacing";
import { computeRoasMilli, formatRoas, formatRoasTimes } from "./roas";
import { earlierWeek, shiftWeek, weeksBetween } from "./weeks";

export const VERDICTS = ["too_early", "graduate", "extend", "stop"] as const;
export type Verdict = (typeof VERDICTS)[number];

export type PocCriteria = {
  startWeek: string;
  minWeeks: number;
  maxWeeks: number;
  minSpendCents: number;
  /** Null: the spend-weighted target of the POC's campaigns. */
  targetRoasMilli: number | null;
  weeklyBudgetCents: number | null;
};

export const POC_DEFAULTS = { minWeeks: 4, maxWeeks: 12, minSpendCents: 0 } as const;

/** The band is a two-sided interval at this confidence. */
export const BAND_CONFIDENCE = 0.9;
/** A POC graduates while its band's low end is at least this share of the target ("not far below"). */
export const GRADUATE_FLOOR = 0.9;

/** One week of the POC: its campaigns' numbers summed. Weeks nobody entered are absent. */
export type PocWeek = { weekStart: string; spendCents: number; salesCents: number };

export type PocAssessment = {
  verdict: Verdict;
  reason: string;
  /** Weeks from the start week to the week asked about, at most the maximum weeks. */
  weeks: number;
  spendCents: number;
  salesCents: number;
  roasMilli: number | null;
  lowMilli: number | null;
  highMilli: number | null;
  /** The target judged against: the criteria's, or the campaigns' spend-weighted one. */
  targetRoasMilli: number | null;
};

/** One-sided 95% quantiles of Student's t (so a two-sided 90% interval), by degrees of freedom. */
const T_95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.74,
  1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
];
const Z_95 = 1.645;

function tQuantile(df: number): number {
  // Past 30 degrees of freedom the first Cornish–Fisher term is within 0.001 of the table.
  return T_95[df - 1] ?? Z_95 + (Z_95 ** 3 + Z_95) / (4 * df);
}

/**
 * The 90% band of the POC's ROAS (total sales ÷ total spend): the ratio estimator's linearized
 * standard error over the weeks with numbers, Student's t with n − 1 degrees of freedom. Weeks
 * with more spend weigh more, as they do in the ratio itself. Null under two weeks or no spend.
 */
export function roasBand(weeks: PocWeek[]): { lowMilli: number; highMilli: number } | null {
  const spend = weeks.reduce((sum, w) => sum + w.spendCents, 0);
  if (weeks.length < 2 || spend <= 0) return null;
  const ratio = weeks.reduce((sum, w) => sum + w.salesCents, 0) / spend;
  const squares = weeks.reduce((sum, w) => sum + (w.salesCents - ratio * w.spendCents) ** 2, 0);
  const n = weeks.length;
  const standardError = Math.sqrt((n / (n - 1)) * squares) / spend;
  const margin = tQuantile(n - 1) * standardError;
  return {
    lowMilli: Math.max(0, Math.round((ratio - margin) * 1000)),
    highMilli: Math.round((ratio + margin) * 1000),
  };
}

/**
 * The verdict as of `asOf` (a Monday). Numbers after the maximum weeks do not count: the POC
 * was over by then. `campaignTargetMilli` is the campaigns' spend-weighted target, used when the
 * criteria name none.
 */
export function assessPoc(input: {
  criteria: PocCriteria;
  weeks: PocWeek[];
  asOf: string;
  campaignTargetMilli: number | null;
  format?: NumberFormat;
  currency?: Currency;
}): PocAssessment {
  const { criteria, asOf, format = DEFAULT_NUMBER_FORMAT, currency } = input;
  const lastWeek = shiftWeek(criteria.startWeek, criteria.maxWeeks - 1);
  const end = earlierWeek(asOf, lastWeek);
  const weeks = Math.max(0, weeksBetween(criteria.startWeek, end) + 1);
  const inWindow = input.weeks.filter((w) => w.weekStart >= criteria.startWeek && w.weekStart <= end);
  const spendCents = inWindow.reduce((sum, w) => sum + w.spendCents, 0);
  const salesCents = inWindow.reduce((sum, w) => sum + w.salesCents, 0);
  const roasMilli = computeRoasMilli(spendCents, salesCents);
  const band = roasBand(inWindow);
  const target = criteria.targetRoasMilli ?? input.campaignTargetMilli;
  const ended = weeks >= criteria.maxWeeks;
  const numbers = { weeks, spendCents, salesCents, roasMilli, targetRoasMilli: target };
  const result = (verdict: Verdict, reason: string): PocAssessment => ({
    verdict,
    reason,
    ...numbers,
    lowMilli: band?.lowMilli ?? null,
    highMilli: band?.highMilli ?? null,
  });

  const money = (cents: number) => formatMoneyShort(cents, format, currency);
  const times = (milli: number | null) => formatRoasTimes(milli, format);
  const over = `over ${weeks} ${weeks === 1 ? "week" : "weeks"}`;
  const bandText = band
    ? `${Math.round(BAND_CONFIDENCE * 100)}% band ${formatRoas(band.lowMilli, format)}–${times(band.highMilli)}`
    : null;
  const roasText = `ROAS ${times(roasMilli)} vs ${times(target)} target ${over}`;
  const enough = spendCents >= criteria.minSpendCents;
  const spendText = `spend ${money(spendCents)} ${enough ? "≥" : "<"} ${money(criteria.minSpendCents)}`;

  if (weeks === 0) return result("too_early", `Starts the week of ${criteria.startWeek}.`);
  if (target === null) {
    return result("too_early", "No target ROAS yet: set one for this POC or for its campaigns.");
  }
  if (weeks < criteria.minWeeks || !enough) {
    if (!ended) {
      return result("too_early", `Week ${weeks} of at least ${criteria.minWeeks}; ${spendText} minimum.`);
    }
    return result("stop", `${criteria.maxWeeks} weeks passed without the minimum spend: ${spendText}.`);
  }
  const reachesTarget = roasMilli !== null && roasMilli >= target;
  const steady = band ? band.lowMilli >= target * GRADUATE_FLOOR : ended;
  if (reachesTarget && steady) {
    return result("graduate", `${[roasText, spendText, bandText].filter(Boolean).join("; ")}.`);
  }
  if (band && band.highMilli < target) {
    return result("stop", `${roasText}; ${bandText} is below the target.`);
  }
  if (ended) {
    return result(
      "stop",
      `${criteria.maxWeeks} weeks passed without meeting the target: ` +
        `${[roasText, bandText].filter(Boolean).join("; ")}.`,
    );
  }
  return result(
    "extend",
    `${roasText}; ${bandText ? `${bandText} still reaches it` : "too few weeks for a band"}; ` +
      `up to ${criteria.maxWeeks} weeks.`,
  );
}

/** The criteria a POC is judged by until an editor sets its own: it starts with its first numbers. */
export function defaultCriteria(startWeek: string): PocCriteria {
  return { startWeek, ...POC_DEFAULTS, targetRoasMilli: null, weeklyBudgetCents: null };
}

/** What a POC's page and the API show: its verdict, and its spend paced against its budget. */
export function reportPoc(
  data: {
    criteria: PocCriteria;
    weeks: PocWeek[];
    campaignTargetMilli: number | null;
    groupBudgetCents: number | null;
  },
  asOf: string,
  format: NumberFormat = DEFAULT_NUMBER_FORMAT,
  currency?: Currency,
) {
  return {
    assessment: assessPoc({ ...data, asOf, format, currency }),
    pacing: pace({
      weeklyBudgetCents: data.criteria.weeklyBudgetCents ?? data.groupBudgetCents,
      weeks: data.weeks,
      asOf,
    }),
  };
}
