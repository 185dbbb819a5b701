/** What a cell says when its save was refused: a conflict to resolve, or a value to fix. */
import { useCurrency } from "~/hooks/use-number-format";
import type { ReactNode } from "react";
import type { CellSave } from "~/lib/save-queue";
import type { NumberFormat } from "../../../core/decimal";
import { formatMoneyShort } from "../../../core/money";
import type { MetricRow } from "../../../core/protocol";

/** A message under a cell; Escape closes it and the focus goes back to the cell. */
export function CellPopover({
  label,
  alertdialog,
  onClose,
  children,
}: {
  label: string;
  alertdialog: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from inner buttons closes it
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: labels only the alertdialog
    <div
      role={alertdialog ? "alertdialog" : "alert"}
      aria-label={alertdialog ? label : undefined}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
      className={
        "absolute right-0 top-full z-30 mt-1 grid w-64 gap-2 rounded-md border " +
        "border-border bg-card p-3 text-left text-sm shadow-lg"
      }
    >
      {children}
    </div>
  );
}

/** A teammate saved the week meanwhile: both values side by side, and the choice. */
export function ConflictChoice({
  theirs,
  yours,
  format,
  onKeepMine,
  onTakeTheirs,
}: {
  theirs: MetricRow;
  yours: CellSave | null;
  format: NumberFormat;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const currency = useCurrency();
  return (
    <>
      <p className="font-medium">Someone saved this week meanwhile.</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1 tabular-nums">
        <span />
        <dt className="font-medium">Theirs</dt>
        <dt className="font-medium">Yours</dt>
        <span className="text-muted-foreground">Spend</span>
        <dd data-testid="theirs-spend">{formatMoneyShort(theirs.adSpendCents, format, currency)}</dd>
        <dd data-testid="yours-spend">{yours?.adSpend ?? "—"}</dd>
        <span className="text-muted-foreground">Sales</span>
        <dd>{formatMoneyShort(theirs.salesCents, format, currency)}</dd>
        <dd>{yours?.sales ?? "—"}</dd>
      </dl>
      <div className="mt-3 flex gap-2">
        <button type="button" className="rounded bg-primary px-2 py-1 text-primary-foreground" onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="rounded border border-border px-2 py-1" onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </>
  );
}

/** The value could not be saved (unreadable, too large…): say why, edit again or discard it. */
export function RefusalNotice({
  message,
  canEdit,
  onEditAgain,
  onDiscard,
}: {
  message: string;
  canEdit: boolean;
  onEditAgain: () => void;
  onDiscard: () => void;
}) {
  return (
    <>
      <p className="text-danger">{`Not saved: ${message}`}</p>
      <div className="flex gap-2">
        {canEdit ? (
          <button type="button" className="rounded bg-primary px-2 py-1 text-primary-foreground" onClick={onEditAgain}>
            Edit again
          </button>
        ) : null}
        <button type="button" className="rounded border border-border px-2 py-1" onClick={onDiscard}>
          Discard
        </button>
      </div>
    </>
  );
}
