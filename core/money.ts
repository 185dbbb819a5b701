/**
 * Money crosses every boundary as integer cents (ADR 003). People type decimals in their
 * organization's number format (decimal.ts, ADR 012); this module turns them into cents and
 * back, without floating-point arithmetic.
 */
import {
  type DecimalResult,
  DEFAULT_NUMBER_FORMAT,
  formatPlain,
  localeOf,
  type NumberFormat,
  parseDecimal,
} from "./decimal";
import { LIMITS } from "./limits";

/** An amount as typed ("$1,234.50", "1.234,50 €") to cents, or why it cannot be read. */
export function parseAmount(input: string, format: NumberFormat, max: number = LIMITS.salesCents): DecimalResult {
  return parseDecimal(input, format, { scale: 2, max, currency: true });
}

/** Cents as an editor's starting value in the org's format, without grouping: "1234.50" / "1234,50". */
export function amountInput(cents: number, format: NumberFormat): string {
  return formatPlain(cents, 2, format);
}

/** Cents as the canonical decimal of files and the API: "1234.50", whatever the org's format. */
export function centsToDecimal(cents: number): string {
  return formatPlain(cents, 2, DEFAULT_NUMBER_FORMAT);
}

/**
 * A JSON number of money (the API's `1234.56`) to cents, through the same parser as typed
 * amounts: its shortest decimal form is read digit by digit, so 0.29 is 29 cents, never the
 * 28.999… that `0.29 * 100` gives.
 */
export function amountNumberToCents(value: number, max: number): DecimalResult {
  return parseDecimal(String(value), DEFAULT_NUMBER_FORMAT, { scale: 2, max });
}

/** Cents as the API's JSON number: 123450 → 1234.5. */
export function centsToNumber(cents: number): number {
  return Number(centsToDecimal(cents));
}

/**
 * The currencies an org can show its amounts in. Only a label: amounts are never converted, and
 * every one of these has cents, as the stored amounts do (a currency without them would round).
 */
export const CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "INR",
  "BRL",
  "MXN",
  "SGD",
  "HKD",
  "ZAR",
  "AED",
] as const;
export type Currency = (typeof CURRENCIES)[number];
export const DEFAULT_CURRENCY: Currency = "USD";

/** How an org writes amounts: its number format and the currency it shows. */
export type Display = { format: NumberFormat; currency: Currency };
export const DEFAULT_DISPLAY: Display = { format: DEFAULT_NUMBER_FORMAT, currency: DEFAULT_CURRENCY };

export function isCurrency(value: unknown): value is Currency {
  return (CURRENCIES as readonly unknown[]).includes(value);
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(format: NumberFormat, currency: Currency, whole: boolean): Intl.NumberFormat {
  const key = `${format}:${currency}:${whole}`;
  let found = formatters.get(key);
  if (!found) {
    const digits = whole ? 0 : 2;
    found = new Intl.NumberFormat(localeOf(format), {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, found);
  }
  return found;
}

/** Cents in the org's number format and currency: "$1,234.50", "1.234,50 €". */
export function formatMoney(
  cents: number,
  format: NumberFormat = DEFAULT_NUMBER_FORMAT,
  currency: Currency = DEFAULT_CURRENCY,
): string {
  return formatter(format, currency, false).format(cents / 100);
}

/** Compact money for dense grids: "$1,234" (no cents at or above 1,000). */
export function formatMoneyShort(
  cents: number,
  format: NumberFormat = DEFAULT_NUMBER_FORMAT,
  currency: Currency = DEFAULT_CURRENCY,
): string {
  return cents >= 100_000
    ? formatter(format, currency, true).format(Math.round(cents / 100))
    : formatMoney(cents, format, currency);
}
