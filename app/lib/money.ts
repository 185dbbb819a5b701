/**
 * Money crosses every boundary as integer cents (ADR 003). People type decimals; this module is
 * the one place that turns "1,234.5" into 123450 and back, without floating-point arithmetic.
 */
const DECIMAL = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Parses a non-negative decimal amount ("1234.5", "1,234.50") to cents, or null if malformed. */
export function parseCents(input: string): number | null {
  const match = DECIMAL.exec(input.trim().replace(/,/g, ""));
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, currency = "USD", locale = "en-US"): string {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, formatter);
  }
  return formatter.format(cents / 100);
}
