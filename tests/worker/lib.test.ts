import { describe, expect, it } from "vitest";
import { moneyField, weekStart } from "../../app/lib/fields";
import { centsToDecimal, parseCents } from "../../app/lib/money";
import { computeRoasMilli, formatRoas } from "../../app/lib/roas";
import { isWeekStart, lastWeeks } from "../../app/lib/weeks";

describe("money", () => {
  it.each([
    ["0", 0],
    ["12", 1200],
    ["12.3", 1230],
    ["12.34", 1234],
    ["1,234.56", 123456],
    [" 0.07 ", 7],
    ["999999999999.99", 99999999999999],
  ])("parses %s to %i cents without float drift", (input, expected) => {
    expect(parseCents(input)).toBe(expected);
  });

  it.each(["", "-1", "1.234", "abc", "1e3", "12.", ".5"])("refuses %j", (input) => {
    expect(parseCents(input)).toBeNull();
  });

  it("sums and formats exactly where floats would drift", () => {
    const total = [parseCents("0.1")!, parseCents("0.2")!].reduce((a, b) => a + b, 0);
    expect(centsToDecimal(total)).toBe("0.30");
  });

  it("explains a refused form amount", () => {
    const result = moneyField.safeParse("12,5x");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/amount like 1234\.56/);
  });
});

describe("ROAS", () => {
  it("is sales ÷ spend in thousandths, none when nothing was spent", () => {
    expect(computeRoasMilli(10000, 35000)).toBe(3500);
    expect(computeRoasMilli(3, 10)).toBe(3333);
    expect(computeRoasMilli(0, 500)).toBeNull();
    expect(formatRoas(3333)).toBe("3.33");
    expect(formatRoas(null)).toBe("—");
  });
});

describe("weeks", () => {
  it("accepts Mondays only, as real dates", () => {
    expect(isWeekStart("2026-11-23")).toBe(true);
    expect(isWeekStart("2026-11-24")).toBe(false);
    expect(isWeekStart("2026-02-30")).toBe(false);
    expect(isWeekStart("23/11/2026")).toBe(false);
  });

  it("names the reason a week is refused", () => {
    expect(weekStart.safeParse("2026-11-25").error?.issues[0]?.message).toMatch(/Monday/);
  });

  it("lists the last weeks oldest first, ending with the week of the date", () => {
    expect(lastWeeks(3, new Date("2026-11-25T12:00:00Z"))).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
  });
});
