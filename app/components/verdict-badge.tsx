import type { Verdict } from "../../core/poc";
import { VERDICT_LABELS } from "~/lib/poc-labels";
import { cn } from "~/lib/utils";

/** A POC's verdict: a sign and a word, coloured as well but never by colour alone. */
export function VerdictBadge({ verdict, className }: { verdict: Verdict; className?: string }) {
  const { sign, label, tone } = VERDICT_LABELS[verdict];
  return (
    <span className={cn("inline-flex items-center gap-1 font-semibold whitespace-nowrap", tone, className)}>
      <span aria-hidden="true">{sign}</span>
      {label}
    </span>
  );
}
