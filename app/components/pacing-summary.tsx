import { Card } from "~/components/ui/card";
import { useCurrency } from "~/hooks/use-number-format";
import { PACING_LABELS } from "~/lib/poc-labels";
import type { NumberFormat } from "../../core/decimal";
import { formatMoneyShort } from "../../core/money";
import type { Pacing } from "../../core/pacing";

/** Spend against budget for the week and the month to date, with the month's projection (ADR 018). */
export function PacingSummary({
  pacing,
  format,
  noBudget,
}: {
  pacing: Pacing;
  format: NumberFormat;
  noBudget: string;
}) {
  const currency = useCurrency();
  const money = (cents: number) => formatMoneyShort(cents, format, currency);
  const { week, monthToDate: month } = pacing;
  const projected = `projected ${money(month.projectedCents)} of ${money(month.monthBudgetCents)} for the month`;
  return (
    <Card className="grid gap-2 p-5 text-sm">
      <h3 className="font-semibold">Pacing</h3>
      {week.band === null ? (
        <p className="text-muted-foreground">{noBudget}</p>
      ) : (
        <ul className="grid gap-1">
          <li>
            This week: {money(week.spendCents)} of {money(week.budgetCents)} —{" "}
            <strong>{PACING_LABELS[week.band]}</strong>
          </li>
          <li>
            Month to date: {money(month.spendCents)} of {money(month.budgetCents)} —{" "}
            <strong>{month.band ? PACING_LABELS[month.band] : "—"}</strong>; {projected}
          </li>
        </ul>
      )}
    </Card>
  );
}
