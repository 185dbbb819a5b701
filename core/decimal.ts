/**
 * Numbers as people type them, in their organization's number format (ADR 012). Every entry path
 * (grid cell, paste, week form, setup, CSV import) reads amounts through `parseDecimal`, so a value
 * means the same wherever it is typed. Digits are never multiplied, dropped or rounded: what the
 * format cannot read unambiguously is refused with a message that shows how to write it there.
 */

/** How an organization writes numbers: thousands separator, then decimal mark. */
export const NUMBER_FORMATS = ["1,234.56", "1.234,56", "1 234,56"] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];
export const DEFAULT_NUMBER_FORMAT: NumberFormat = "1,234.56";

type Separators = { decimal: "." | ","; group: "," | "." | " "; locale: string };

const SEPARATORS: Record<NumberFormat, Separators> = {
  "1,234.56": { decimal: ".", group: ",", locale: "en-US" },
  "1.234,56": { decimal: ",", group: ".", locale: "de-DE" },
  "1 234,56": { decimal: ",", group: " ", locale: "fr-FR" },
};

export const localeOf = (format: NumberFormat) => SEPARATORS[format].locale;

export function isNumberFormat(value: unknown): value is NumberFormat {
  return (NUMBER_FORMATS as readonly unknown[]).includes(value);
}

/**
 * The format closest to how a locale writes numbers, read from what Intl.NumberFormat produces
 * for 1234.5 there (so every locale maps to one: a decimal comma with a dot → 1.234,56, with a
 * space → 1 234,56, anything else → 1,234.56).
 */
function numberFormatForLocale(locale: string | null | undefined): NumberFormat {
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale ?? undefined).formatToParts(1234.5);
  } catch {
    return DEFAULT_NUMBER_FORMAT;
  }
  const decimal = parts.find((p) => p.type === "decimal")?.value;
  const group = parts.find((p) => p.type === "group")?.value ?? "";
  if (decimal !== ",") return DEFAULT_NUMBER_FORMAT;
  return group === "." ? "1.234,56" : "1 234,56";
}

/** The first locale of an Accept-Language header ("de-DE,de;q=0.9,en;q=0.8" → "de-DE"). */
export function numberFormatForAcceptLanguage(header: string | null): NumberFormat {
  const first = header?.split(",")[0]?.split(";")[0]?.trim();
  return first && first !== "*" ? numberFormatForLocale(first) : DEFAULT_NUMBER_FORMAT;
}

export type DecimalRule = {
  /** Digits after the decimal mark that are kept: the value is returned × 10^scale, an integer. */
  scale: 2 | 3;
  /** The largest value accepted, already scaled. */
  max: number;
  /** Accept a currency symbol or ISO code before or after the number ($, €, USD…). */
  currency?: boolean;
  /** Accept a trailing × or x (ROAS is often written "3.5x"). */
  times?: boolean;
};

export type DecimalResult = { ok: true; value: number } | { ok: false; message: string };

// Spaces people paste: ordinary, no-break, narrow no-break, thin, figure.
const SPACES = /[\s\u00a0\u202f\u2009\u2007]+/g;
// A currency sign, or an ISO 4217 code as written: three capitals (so "NaN" or a word is not one).
const CURRENCY_BEFORE = /^(?:\p{Sc}|[A-Z]{3}(?![A-Za-z]))\s*/u;
const CURRENCY_AFTER = /\s*(?:\p{Sc}|(?<![A-Za-z])[A-Z]{3})$/u;
const MINUS = /^[-\u2212]|^\(.*\)$/;

/** Reads `body` (currency and spaces already trimmed) in one format, or says it cannot. */
function read(
  body: string,
  format: NumberFormat,
  scale: number,
): { digits: string; fraction: string } | "malformed" | "decimals" {
  const { decimal, group } = SEPARATORS[format];
  const at = body.lastIndexOf(decimal);
  const [whole, fraction] = at === -1 ? [body, ""] : [body.slice(0, at), body.slice(at + 1)];
  if (at !== -1 && !/^\d+$/.test(fraction)) return "malformed";
  // The integer part: plain digits, or groups of three after a first group of one to three,
  // separated throughout by the format's thousands separator or throughout by spaces.
  let digits: string;
  if (/^\d*$/.test(whole)) digits = whole;
  else {
    const separator = whole.includes(" ") ? " " : group;
    const groups = whole.split(separator);
    const valid = groups.length > 1 && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!valid) return "malformed";
    digits = groups.join("");
  }
  if (digits === "" && fraction === "") return "malformed";
  if (fraction.length > scale) return "decimals";
  return { digits: digits || "0", fraction };
}

/** An integer value × 10^scale, written in `format` without thousands separators: "1234.5" → "1234,50". */
export function formatPlain(value: number, scale: 2 | 3, format: NumberFormat, { trim = false } = {}): string {
  const unit = 10 ** scale;
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  let fraction = String(abs % unit).padStart(scale, "0");
  if (trim) fraction = fraction.replace(/0+$/, "").padEnd(2, "0");
  return `${sign}${Math.trunc(abs / unit)}${SEPARATORS[format].decimal}${fraction}`;
}

/**
 * "1,234.56" in the format's own grouping (for messages and examples); a third decimal is shown
 * only when it is not zero, so a hint never drops a digit the user typed.
 */
export function formatGrouped(value: number, scale: 2 | 3, format: NumberFormat): string {
  const [whole = "", fraction = ""] = formatPlain(value, scale, format, { trim: true }).split(
    SEPARATORS[format].decimal,
  );
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, SEPARATORS[format].group)}${SEPARATORS[format].decimal}${fraction}`;
}

/**
 * Parses a non-negative decimal typed in `format` into an integer (value × 10^scale), exactly:
 * the digits are joined as text, never multiplied as floats.
 */
export function parseDecimal(input: string, format: NumberFormat, rule: DecimalRule): DecimalResult {
  let text = input.replace(SPACES, " ").trim();
  if (rule.currency) text = text.replace(CURRENCY_BEFORE, "").replace(CURRENCY_AFTER, "");
  if (rule.times) text = text.replace(/\s*[x×]$/i, "");
  text = text.trim();
  const example = rule.scale === 2 ? formatGrouped(123456, 2, format) : formatPlain(3500, 3, format, { trim: true });
  if (text === "") return { ok: false, message: `Enter a number like ${example}` };
  if (MINUS.test(text)) return { ok: false, message: "Must not be negative" };
  const parsed = read(text, format, rule.scale);
  if (parsed === "decimals") {
    return { ok: false, message: `At most ${rule.scale} decimals: write it like ${example}` };
  }
  if (parsed === "malformed") {
    const guess = NUMBER_FORMATS.filter((other) => other !== format)
      .map((other) => read(text, other, rule.scale))
      .find((other) => typeof other === "object");
    const meant = guess ? ` (did you mean ${formatGrouped(toScaled(guess, rule.scale), rule.scale, format)}?)` : "";
    return {
      ok: false,
      message:
        `"${input.trim().slice(0, 40)}" is not a number in this organization's format: ` +
        `write it like ${example}${meant}`,
    };
  }
  // Leading zeros aside, more digits than the maximum has cannot be within it (and could lose
  // precision as a JavaScript number).
  const digits = parsed.digits.replace(/^0+(?=\d)/, "");
  const value = digits.length > 15 ? Infinity : toScaled({ digits, fraction: parsed.fraction }, rule.scale);
  if (value > rule.max) return { ok: false, message: `At most ${formatGrouped(rule.max, rule.scale, format)}` };
  return { ok: true, value };
}

function toScaled({ digits, fraction }: { digits: string; fraction: string }, scale: number): number {
  return Number(digits) * 10 ** scale + Number(fraction.padEnd(scale, "0") || "0");
}
