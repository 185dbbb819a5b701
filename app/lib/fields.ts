/**
 * zod rules for the tracker's values, shared by the object's mutation schemas, the forms and the
 * API. Kept apart from money.ts, roas.ts and weeks.ts so that pages which only format numbers do
 * not ship zod to the browser.
 */
import { z } from "zod";
import type { DecimalResult, NumberFormat } from "./decimal";
import { LIMITS } from "./limits";
import { formatMoney, parseAmount } from "./money";
import { parseRoas } from "./roas";
import { ISO_DATE, isWeekStart } from "./weeks";

/** Integer cents as stored, up to `max` (LIMITS). */
const centsUpTo = (max: number) =>
  z.number().int("Must be a whole number of cents").min(0, "Must not be negative").max(max, `At most ${formatMoney(max)}`);

export const spendCents = centsUpTo(LIMITS.spendCents);
export const salesCents = centsUpTo(LIMITS.salesCents);
export const budgetCents = centsUpTo(LIMITS.budgetCents);

/** Target ROAS in thousandths (3.5 → 3500). */
export const roasMilli = z.number().int().min(0, "Must not be negative").max(LIMITS.targetRoasMilli, `At most ${LIMITS.targetRoasMilli / 1000}`);

export const weekStart = z
  .string()
  .regex(ISO_DATE, "Use a date like 2026-11-23")
  .refine(isWeekStart, "A week starts on a Monday: pick that Monday's date");

/** 22 base64url characters carry 128 bits (newIdempotencyKey); longer keys (up to 64) are accepted from other clients. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, "An idempotency key is 22 to 64 letters, digits, - or _");

/** A form field read by `parse` (in the org's number format); with `optional`, empty is null. */
function decimalField(parse: (text: string) => DecimalResult, optional: boolean) {
  return z
    .string()
    .max(100, "Too long")
    .optional()
    .transform((value, ctx): number | null => {
      const text = value?.trim() ?? "";
      if (optional && text === "") return null;
      const parsed = parse(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });
}

/** A form field holding an amount typed in the org's number format, parsed to cents. */
export const amountField = (format: NumberFormat, max: number) =>
  // Never null: without `optional`, empty text is refused like any other malformed amount.
  decimalField((text) => parseAmount(text, format, max), false) as unknown as z.ZodType<number, string | undefined>;

/** The same, empty meaning "none" (null). */
export const optionalAmountField = (format: NumberFormat, max: number) => decimalField((text) => parseAmount(text, format, max), true);

/** A form field holding a target ROAS typed in the org's number format, parsed to thousandths; empty is none. */
export const optionalRoasField = (format: NumberFormat) => decimalField((text) => parseRoas(text, format), true);
