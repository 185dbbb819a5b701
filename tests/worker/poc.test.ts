/** The verdict and pacing math (core/poc.ts, core/pacing.ts), on hand-built series. */
import { describe, expect, it } from "vitest";
import { pace } from "../../core/pacing";
import { assessPoc, GRADUATE_FLOOR, type PocCriteria, type PocWeek, roasBand } from "../../core/poc";
import { shiftWeek } from "../../core/weeks";

const S = "2026-06-01";
const criteria = (over: Partial<PocCriteria> = {}): PocCriteria => ({
  startWeek: S,
  minWeeks: 4,
  maxWeeks: 12,
  minSpendCents: 200_000,
  targetRoasMilli: 3000,
  weeklyBudgetCents: null,
  ...over,
});
/** `count` weeks from S, spend and sales in dollars (a function of the week's index, or constant). */
const series = (count: number, spend: number | ((i: number) => number), sales: number | ((i: number) => number)) =>
  Array.from(
    { length: count },
    (_, i): PocWeek => ({
      weekStart: shiftWeek(S, i),
      spendCents: (typeof spend === "number" ? spend : spend(i)) * 100,
      salesCents: (typeof sales === "number" ? sales : sales(i)) * 100,
    }),
  );
const assess = (weeks: PocWeek[], asOf: string, over: Partial<PocCriteria> = {}, campaignTargetMilli = null) =>
  assessPoc({ criteria: criteria(over), weeks, asOf, campaignTargetMilli });

describe("the POC verdict", () => {
  it("the outside check's three cases: graduate, stop, too early", () => {
    expect(assess(series(8, 1000, 5000), shiftWeek(S, 7)).verdict).toBe("graduate");
    expect(assess(series(8, 1000, 300), shiftWeek(S, 7)).verdict).toBe("stop");
    expect(assess(series(2, 1000, 5000), shiftWeek(S, 1)).verdict).toBe("too_early");
  });

  it("says why, with the numbers", () => {
    const result = assess(
      series(6, 7000, (i) => 23_000 + (i % 2) * 2000),
      shiftWeek(S, 5),
      { minSpendCents: 3_000_000 },
    );
    expect(result).toMatchObject({ verdict: "graduate", weeks: 6, spendCents: 4_200_000, salesCents: 14_400_000 });
    expect(result.reason).toMatch(
      /^ROAS 3\.43× vs 3\.00× target over 6 weeks; spend \$42,000 ≥ \$30,000; 90% band 3\.30–3\.56×\.$/,
    );
    expect(result.lowMilli).toBeLessThan(result.roasMilli!);
    expect(result.highMilli).toBeGreaterThan(result.roasMilli!);
  });

  it("is too early until both the minimum weeks and the minimum spend are reached", () => {
    const weeks = series(8, 1000, 5000);
    expect(assess(weeks, shiftWeek(S, 2)).verdict).toBe("too_early"); // week 3 of 4
    expect(assess(weeks, shiftWeek(S, 2)).reason).toBe("Week 3 of at least 4; spend $3,000 ≥ $2,000 minimum.");
    expect(assess(weeks, shiftWeek(S, 3)).verdict).toBe("graduate"); // week 4: decided
    expect(assess(weeks, shiftWeek(S, 3), { minSpendCents: 400_001 }).verdict).toBe("too_early"); // short by a cent
    expect(assess(weeks, shiftWeek(S, 3), { minSpendCents: 400_000 }).verdict).toBe("graduate"); // exactly reached
  });

  it("is too early before its start week and without any target", () => {
    expect(assess(series(3, 1000, 5000), shiftWeek(S, -1))).toMatchObject({ verdict: "too_early", weeks: 0 });
    const noTarget = assess(series(6, 1000, 5000), shiftWeek(S, 5), { targetRoasMilli: null });
    expect(noTarget.verdict).toBe("too_early");
    expect(noTarget.reason).toContain("No target ROAS");
  });

  it("judges against the campaigns' spend-weighted target when the criteria name none", () => {
    const weeks = series(6, 1000, 4000);
    expect(
      assessPoc({
        criteria: criteria({ targetRoasMilli: null }),
        weeks,
        asOf: shiftWeek(S, 5),
        campaignTargetMilli: 4000,
      }),
    ).toMatchObject({ verdict: "graduate", targetRoasMilli: 4000 });
    expect(
      assessPoc({
        criteria: criteria({ targetRoasMilli: null }),
        weeks,
        asOf: shiftWeek(S, 5),
        campaignTargetMilli: 4001,
      }),
    ).toMatchObject({ verdict: "stop", targetRoasMilli: 4001 }); // steady just under it
  });

  it("graduates at exactly the target, and only while the band's low end is within the floor", () => {
    expect(assess(series(5, 1000, 3000), shiftWeek(S, 4)).verdict).toBe("graduate"); // ROAS = target, no spread
    const noisy = series(6, 1000, (i) => (i % 2 ? 2000 : 6000)); // ROAS 4, a wide band
    const band = roasBand(noisy)!;
    const highest = Math.floor(band.lowMilli / GRADUATE_FLOOR);
    expect(assess(noisy, shiftWeek(S, 5), { targetRoasMilli: highest }).verdict).toBe("graduate");
    expect(assess(noisy, shiftWeek(S, 5), { targetRoasMilli: highest + 1 }).verdict).toBe("extend");
  });

  it("stops when the band's high end is below the target, extends while it reaches it", () => {
    const weeks = series(6, 1000, (i) => (i % 2 ? 2000 : 2400)); // ROAS 2.2
    const { highMilli } = roasBand(weeks)!;
    expect(assess(weeks, shiftWeek(S, 5), { targetRoasMilli: highMilli + 1 }).verdict).toBe("stop");
    expect(assess(weeks, shiftWeek(S, 5), { targetRoasMilli: highMilli }).verdict).toBe("extend");
    expect(assess(weeks, shiftWeek(S, 5), { targetRoasMilli: highMilli }).reason).toContain("still reaches it");
  });

  it("stops when the maximum weeks pass without meeting the target, and ignores numbers after them", () => {
    const weeks = series(12, 1000, (i) => (i % 2 ? 2000 : 3800)); // ROAS 2.9, the band reaches 3
    expect(assess(weeks, shiftWeek(S, 10)).verdict).toBe("extend"); // week 11 of 12
    const ended = assess(weeks, shiftWeek(S, 11));
    expect(ended.verdict).toBe("stop");
    expect(ended.reason).toMatch(/^12 weeks passed without meeting the target/);
    // Weeks after the twelfth change nothing, however good.
    const later = [...weeks, ...series(20, 1000, 9000).slice(12)];
    expect(assess(later, shiftWeek(S, 19))).toEqual(ended);
    // Not enough spend by the end: stopped too.
    expect(assess(series(12, 10, 50), shiftWeek(S, 11), { minSpendCents: 1_000_000 }).verdict).toBe("stop");
  });

  it("computes the band by the ratio estimator at 90%", () => {
    // R = 4; residuals ±1000 dollars; SE = √(2 · 2·10⁶) / 2000 = 1; t(1) = 6.314.
    expect(roasBand(series(2, 1000, (i) => (i ? 5000 : 3000)))).toEqual({ lowMilli: 0, highMilli: 10_314 });
    expect(roasBand(series(1, 1000, 5000))).toBeNull();
    expect(roasBand(series(4, 0, 10))).toBeNull();
    expect(roasBand(series(4, 1000, 5000))).toEqual({ lowMilli: 5000, highMilli: 5000 });
  });
});

describe("pacing", () => {
  const weeks = (spends: Record<string, number>) =>
    Object.entries(spends).map(([weekStart, dollars]) => ({ weekStart, spendCents: dollars * 100 }));

  it.each([
    [899, "under"],
    [900, "on_pace"],
    [1000, "on_pace"],
    [1100, "on_pace"],
    [1101, "over"],
  ] as const)("a week's spend of %i dollars against a budget of 1,000 is %s", (spend, band) => {
    expect(
      pace({ weeklyBudgetCents: 100_000, weeks: weeks({ "2026-11-16": spend }), asOf: "2026-11-16" }).week.band,
    ).toBe(band);
  });

  it("counts the month's weeks by their Mondays and projects the month's spend", () => {
    // November 2026 has five Mondays: the 2nd, 9th, 16th, 23rd and 30th. October 26th is October's.
    const result = pace({
      weeklyBudgetCents: 100_000,
      weeks: weeks({
        "2026-10-26": 5000,
        "2026-11-02": 1000,
        "2026-11-09": 1000,
        "2026-11-16": 1300,
        "2026-11-23": 900,
      }),
      asOf: "2026-11-16",
    });
    expect(result.monthToDate).toEqual({
      spendCents: 330_000,
      budgetCents: 300_000,
      ratio: 1.1,
      band: "on_pace",
      projectedCents: 550_000,
      monthBudgetCents: 500_000,
    });
    expect(result.week).toMatchObject({ spendCents: 130_000, band: "over" });
  });

  it("has no band without a budget", () => {
    const result = pace({ weeklyBudgetCents: null, weeks: weeks({ "2026-11-16": 10 }), asOf: "2026-11-16" });
    expect(result.week).toEqual({ spendCents: 1000, budgetCents: 0, ratio: null, band: null });
    expect(result.monthToDate.band).toBeNull();
  });
});
