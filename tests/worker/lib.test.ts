import { describe, expect, it } from "vitest";
import { NUMBER_FORMATS, type NumberFormat, numberFormatForAcceptLanguage } from "../../core/decimal";
import { amountField, weekStart } from "../../core/fields";
import { LIMITS } from "../../core/limits";
import { amountInput, centsToDecimal, formatMoney, formatMoneyShort, parseAmount } from "../../core/money";
import { computeRoasMilli, formatRoas, parseRoas, roasInput } from "../../core/roas";
import { setupChange } from "../../core/tracker-forms";
import { isWeekStart, lastCompleteWeek, requestedWeek, weeksEnding } from "../../core/weeks";

describe("amounts in each number format", () => {
  const cents = (input: string, format: NumberFormat) => {
    const parsed = parseAmount(input, format);
    return parsed.ok ? parsed.value : parsed.message;
  };

  it.each([
    ["0", "1,234.56", 0],
    ["12.3", "1,234.56", 1230],
    ["1,234.56", "1,234.56", 123456],
    ["$1,234.50", "1,234.56", 123450],
    ["1,234.50 USD", "1,234.56", 123450],
    ["$2,500", "1,234.56", 250000],
    ["1 234.50", "1,234.56", 123450],
    ["300,5", "1.234,56", 30050],
    ["1.000,50", "1.234,56", 100050],
    ["1.234", "1.234,56", 123400],
    ["1.234,56 €", "1.234,56", 123456],
    ["EUR 3500,00", "1.234,56", 350000],
    ["1 234,56", "1 234,56", 123456],
    ["1\u00a0234,5", "1 234,56", 123450],
    ["1\u202f234,56 €", "1 234,56", 123456],
    [" 0.07 ", "1,234.56", 7],
  ] as const)("reads %j in %s as %i cents", (input, format, expected) => {
    expect(cents(input, format)).toBe(expected);
  });

  it.each([
    ["300,5", "1,234.56", /write it like 1,234\.56 \(did you mean 300\.50\?\)/],
    ["1,23", "1,234.56", /not a number in this organization's format/],
    ["1.234", "1,234.56", /At most 2 decimals/],
    ["1,234.50", "1.234,56", /did you mean 1\.234,50\?/],
    ["1.5", "1.234,56", /did you mean 1,50\?/],
    ["1.234,56", "1 234,56", /write it like 1 234,56/],
    ["-5", "1,234.56", /Must not be negative/],
    ["(5.00)", "1,234.56", /Must not be negative/],
    ["12,34,5x", "1,234.56", /not a number/],
    ["1e3", "1,234.56", /not a number/],
    ["", "1,234.56", /Enter a number like 1,234\.56/],
    ["99999999999999999999", "1,234.56", /At most 1,000,000,000\.00/],
    ["NaN", "1,234.56", /"NaN" is not a number/],
    ["one 5", "1,234.56", /"one 5" is not a number/],
  ] as const)("refuses %j in %s, saying how to write it", (input, format, message) => {
    expect(cents(input, format)).toMatch(message);
  });

  it("never multiplies or drops digits: a value read otherwise in another format is refused there", () => {
    for (const input of ["300,5", "1,234.5", "1.234,5", "1.500", "1,500"]) {
      const readings = NUMBER_FORMATS.map((format) => parseAmount(input, format))
        .filter((r) => r.ok)
        .map((r) => (r.ok ? r.value : 0));
      expect(new Set(readings).size, input).toBeLessThanOrEqual(1);
    }
  });

  it("writes editor values back in the org's format, and they read as the same cents", () => {
    for (const format of NUMBER_FORMATS) {
      for (const value of [0, 7, 123450, LIMITS.salesCents]) {
        expect(parseAmount(amountInput(value, format), format)).toEqual({ ok: true, value });
      }
    }
    expect(amountInput(123450, "1.234,56")).toBe("1234,50");
    expect(centsToDecimal(123450)).toBe("1234.50");
  });

  it("formats money as the org writes it", () => {
    expect(formatMoney(123456)).toBe("$1,234.56");
    expect(formatMoney(123456, "1.234,56")).toMatch(/^1\.234,56\s\$$/);
    expect(formatMoneyShort(123456, "1,234.56")).toBe("$1,235");
  });

  it("reads target ROAS with up to 3 decimals, within the limit", () => {
    expect(parseRoas("3,125", "1.234,56")).toEqual({ ok: true, value: 3125 });
    expect(parseRoas("4x", "1,234.56")).toEqual({ ok: true, value: 4000 });
    expect(parseRoas("101", "1,234.56")).toMatchObject({ ok: false, message: "At most 100.00" });
    expect(roasInput(3125, "1,234.56")).toBe("3.125");
    // A hint keeps every digit typed: 3.125 in a 1 234,56 org is 3,125, not 3,12.
    expect(parseRoas("3.125", "1 234,56")).toMatchObject({
      ok: false,
      message: expect.stringContaining("did you mean 3,125?"),
    });
    expect(roasInput(3500, "1 234,56")).toBe("3,50");
  });

  it("explains a refused form amount", () => {
    const result = amountField("1,234.56", LIMITS.spendCents).safeParse("12,5x");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/write it like 1,234\.56/);
  });

  it("picks the format of a browser's locale", () => {
    expect(numberFormatForAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("1.234,56");
    expect(numberFormatForAcceptLanguage("fr-FR")).toBe("1 234,56");
    expect(numberFormatForAcceptLanguage("en-GB")).toBe("1,234.56");
    expect(numberFormatForAcceptLanguage(null)).toBe("1,234.56");
    expect(numberFormatForAcceptLanguage("not a locale!")).toBe("1,234.56");
  });
});

describe("ROAS", () => {
  it("is sales ÷ spend in thousandths, none when nothing was spent", () => {
    expect(computeRoasMilli(10000, 35000)).toBe(3500);
    expect(computeRoasMilli(3, 10)).toBe(3333);
    expect(computeRoasMilli(0, 500)).toBeNull();
    expect(formatRoas(3333)).toBe("3.33");
    expect(formatRoas(3335, "1.234,56")).toBe("3,34");
    // Past 2^53 the division stays exact (a whole org's week at the limits).
    expect(computeRoasMilli(50_000 * LIMITS.spendCents, 50_000 * LIMITS.salesCents)).toBe(100_000);
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
    expect(weeksEnding("2026-11-23", 3)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    // Last week is the last complete one, whatever the day of the week.
    expect(lastCompleteWeek(new Date("2026-11-25T12:00:00Z"))).toBe("2026-11-16");
    expect(lastCompleteWeek(new Date("2026-11-23T00:00:00Z"))).toBe("2026-11-16");
    expect(requestedWeek("2026-09-07", new Date("2026-11-25T12:00:00Z"))).toBe("2026-09-07");
    // Any day picks its week; what is not a date picks last week.
    expect(requestedWeek("2026-09-13", new Date("2026-11-25T12:00:00Z"))).toBe("2026-09-07");
    expect(requestedWeek("2026-02-30", new Date("2026-11-25T12:00:00Z"))).toBe("2026-11-16");
    expect(requestedWeek("next week", new Date("2026-11-25T12:00:00Z"))).toBe("2026-11-16");
  });
});

describe("the setup page's forms as mutations", () => {
  it("reads amounts and targets in the org's format, and says which forms need the channel lookup", () => {
    const group = setupChange(
      { intent: "group", clientChannelId: "cc1", name: " Search ", weeklyBudget: "1.234,50" },
      "1.234,56",
      "client1",
    );
    expect(group).toEqual({
      ok: true,
      syncChannels: false,
      mutations: [{ kind: "campaignGroup.create", clientChannelId: "cc1", name: "Search", weeklyBudgetCents: 123_450 }],
    });
    const channel = setupChange({ intent: "channel", channelId: "google", enable: "true" }, "1,234.56", "client1");
    expect(channel).toMatchObject({
      ok: true,
      syncChannels: true,
      mutations: [{ kind: "clientChannel.create", clientId: "client1", channelId: "google" }],
    });
  });

  it("keeps a delete to ask again, names refused fields, and refuses an unknown intent", () => {
    const deleting = setupChange({ intent: "delete", entity: "campaign", id: "c1", version: "3" }, "1,234.56", "x");
    expect(deleting).toMatchObject({ ok: true, deleting: { entity: "campaign", id: "c1", version: 3 } });
    const refused = setupChange(
      { intent: "campaign", campaignGroupId: "g", name: "", targetRoas: "3,5" },
      "1,234.56",
      "x",
    );
    expect(refused.ok ? [] : refused.error?.issues.map((i) => i.path.join("."))).toEqual(["name", "targetRoas"]);
    expect(setupChange({ intent: "nonsense" }, "1,234.56", "x")).toEqual({ ok: false, error: null });
  });
});
