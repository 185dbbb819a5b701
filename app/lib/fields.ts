/**
 * zod rules for the tracker's values, shared by the object's mutation schemas, the forms and the
 * API. Kept apart from money.ts, roas.ts and weeks.ts so that pages which only format numbers do
 * not ship zod to the browser.
 */
import { z } from "zod";
import { parseCents } from "./money";
import { ISO_DATE, isWeekStart } from "./weeks";

/** Integer cents, as stored. */
export const cents = z.number().int("Must be a whole number of cents").min(0, "Must not be negative").max(1e14);

/** A form field holding a decimal amount, parsed to cents. */
export const moneyField = z.string().transform((value, ctx) => {
  const parsed = parseCents(value);
  if (parsed === null) {
    ctx.addIssue({ code: "custom", message: "Enter an amount like 1234.56 (at most 2 decimals, not negative)" });
    return z.NEVER;
  }
  return parsed;
});

/** ROAS in thousandths (3.5 → 3500). */
export const roasMilli = z.number().int().min(0, "Must not be negative").max(1_000_000);

export const weekStart = z
  .string()
  .regex(ISO_DATE, "Use a date like 2026-11-23")
  .refine(isWeekStart, "A week starts on a Monday: pick that Monday's date");
