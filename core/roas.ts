/** ROAS is stored in thousandths (3.5 → 3500); see ADR 003. */
import { type DecimalResult, DEFAULT_NUMBER_FORMAT, formatPlain, type NumberFormat, parseDecimal } from "./decimal";
import { LIMITS } from "./limits";

/**
 * sales ÷ spend in thousandths, rounded half up; null when nothing was spent (as the database
 * computes it). Exact for any sums the app makes: past 2^53, the division runs on BigInt.
 */
export function computeRoasMilli(adSpendCents: number, salesCents: number): number | null {
  if (adSpendCents <= 0) return null;
  if (salesCents * 1000 + adSpendCents <= Number.MAX_SAFE_INTEGER) {
    return Math.floor((salesCents * 1000 + Math.floor(adSpendCents / 2)) / adSpendCents);
  }
  const spend = BigInt(adSpendCents);
  return Number((BigInt(salesCents) * 1000n + spend / 2n) / spend);
}

/** A target ROAS as typed ("3.5", "3,5", "4x") to thousandths, or why it cannot be read. */
export function parseRoas(input: string, format: NumberFormat): DecimalResult {
  return parseDecimal(input, format, { scale: 3, max: LIMITS.targetRoasMilli, times: true });
}

/** A JSON number of ROAS (the API's `3.125`) to thousandths, through the parser (see money.ts). */
export function roasNumberToMilli(value: number, max: number = LIMITS.targetRoasMilli): DecimalResult {
  return parseDecimal(String(value), DEFAULT_NUMBER_FORMAT, { scale: 3, max });
}

/** Thousandths as the API's JSON number: 3125 → 3.125. */
export function milliToNumber(milli: number): number {
  return Number(formatPlain(milli, 3, DEFAULT_NUMBER_FORMAT));
}

/** "3.33" for display: two decimals, rounded half up, in the org's format. */
export function formatRoas(milli: number | null, format: NumberFormat = DEFAULT_NUMBER_FORMAT): string {
  return milli === null ? "—" : formatPlain(Math.round(milli / 10), 2, format);
}

/** A target as an editor's starting value, every digit kept: 3125 → "3.125", 3500 → "3.50". */
export function roasInput(milli: number, format: NumberFormat): string {
  return formatPlain(milli, 3, format, { trim: true });
}

/** "3.50×", or "—" when there is none. */
export function formatRoasTimes(milli: number | null, format: NumberFormat = DEFAULT_NUMBER_FORMAT): string {
  return milli === null ? "—" : `${formatRoas(milli, format)}×`;
}
