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

/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidi overrides: a line
 * break in a name would split a mail header, a CSV row or a log line, and an override can make a
 * name read as another.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The one rule for every name people give things (orgs, clients, groups, campaigns, tokens, channels). */
export const nameField = ({ max, min = 1, empty = "Enter a name" }: { max: number; min?: number; empty?: string }) =>
  z
    .string({ error: empty })
    .trim()
    .min(min, min === 1 ? empty : `At least ${min} characters`)
    .max(max, `At most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), "Names cannot contain line breaks or control characters");

/** Integer cents as stored, up to `max` (LIMITS). */
const centsUpTo = (max: number) =>
  z
    .number()
    .int("Must be a whole number of cents")
    .min(0, "Must not be negative")
    .max(max, `At most ${formatMoney(max)}`);

export const spendCents = centsUpTo(LIMITS.spendCents);
export const salesCents = centsUpTo(LIMITS.salesCents);
export const budgetCents = centsUpTo(LIMITS.budgetCents);
export const pocMinSpendCents = centsUpTo(LIMITS.pocMinSpendCents);

/** Target ROAS in thousandths (3.5 → 3500). */
export const roasMilli = z
  .number()
  .int()
  .min(0, "Must not be negative")
  .max(LIMITS.targetRoasMilli, `At most ${LIMITS.targetRoasMilli / 1000}`);

export const weekStart = z
  .string()
  .regex(ISO_DATE, "Use a date like 2026-11-23")
  .refine(isWeekStart, "A week starts on a Monday: pick that Monday's date");

/**
 * 22 base64url characters carry 128 bits (newIdempotencyKey); longer keys (up to 64) are accepted from other clients.
 */
export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, "An idempotency key is 22 to 64 letters, digits, - or _");

/** Adds `parse`'s refusal to the field's issues, or gives its value. */
function readOrRefuse(result: DecimalResult, ctx: z.RefinementCtx): number {
  if (result.ok) return result.value;
  ctx.addIssue({ code: "custom", message: result.message });
  return z.NEVER;
}

/** A form field holding an amount typed in the org's number format, parsed to cents. */
export const amountField = (format: NumberFormat, max: number) =>
  z
    .string()
    .max(100, "Too long")
    .transform((value, ctx) => readOrRefuse(parseAmount(value, format, max), ctx));

/** A form field read by `parse` (in the org's number format); empty or absent is null ("none"). */
const optionalField = (parse: (text: string) => DecimalResult) =>
  z
    .string()
    .max(100, "Too long")
    .optional()
    .transform((value, ctx) => (value?.trim() ? readOrRefuse(parse(value), ctx) : null));

/** An amount, or none. */
export const optionalAmountField = (format: NumberFormat, max: number) =>
  optionalField((text) => parseAmount(text, format, max));

/** A target ROAS typed in the org's number format, parsed to thousandths; or none. */
export const optionalRoasField = (format: NumberFormat) => optionalField((text) => parseRoas(text, format));
