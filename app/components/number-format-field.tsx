import { Field } from "~/components/ui/field";
import { Select } from "~/components/ui/select";
import { NUMBER_FORMATS, type NumberFormat } from "../../core/decimal";

const DESCRIPTIONS: Record<NumberFormat, string> = {
  "1,234.56": "1,234.56 — comma for thousands, point for decimals (US, UK, …)",
  "1.234,56": "1.234,56 — point for thousands, comma for decimals (Germany, Spain, Brazil, …)",
  "1 234,56": "1 234,56 — space for thousands, comma for decimals (France, Sweden, Poland, …)",
};

/** The org's number format, as a native select (works without JavaScript). */
export function NumberFormatField({ defaultValue, error }: { defaultValue: NumberFormat; error?: string }) {
  return (
    <Field
      label="Number format"
      error={error}
      hint="How your team types amounts: every number entered in Celerity is read this way"
    >
      <Select name="numberFormat" defaultValue={defaultValue}>
        {NUMBER_FORMATS.map((format) => (
          <option key={format} value={format}>
            {DESCRIPTIONS[format]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
