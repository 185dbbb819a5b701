/**
 * Pasting a block from a spreadsheet into the grid: read in the org's number format from the
 * active cell (two columns per week: spend, sales), refused whole when any cell cannot be read,
 * otherwise queued as one save (one transaction). The status line says how it went.
 */
import { type ClipboardEvent, useState } from "react";
import { cellKey, parsePastedBlock } from "~/lib/grid";
import type { CellSave } from "~/lib/save-queue";
import type { NumberFormat } from "../../../core/decimal";
import { LIMITS } from "../../../core/limits";
import { parseAmount } from "../../../core/money";
import type { CampaignRow, MetricRow } from "../../../core/protocol";
import type { PendingCell } from "./metric-cell";
import type { At } from "./use-grid-cursor";

type Options = {
  rows: CampaignRow[];
  weeks: string[];
  active: At;
  enabled: boolean;
  format: NumberFormat;
  metrics: ReadonlyMap<string, MetricRow>;
  pending: ReadonlyMap<string, PendingCell>;
  onSave: (cells: CellSave[], kind: "paste") => string;
  onDiscard: (key: string) => void;
};

export function useGridPaste({ rows, weeks, active, enabled, format, metrics, pending, onSave, onDiscard }: Options) {
  const [error, setError] = useState<string | null>(null);
  const [pasted, setPasted] = useState<{ key: string; cells: number } | null>(null);
  const refused = [...new Set(pending.values())].find(
    (p) => p.save.kind === "paste" && p.save.state === "refused",
  )?.save;
  // The last paste: on its way while it is pending, landed once it is not.
  const sending = pasted !== null && [...pending.values()].some((p) => p.save.key === pasted.key);

  function onPaste(event: ClipboardEvent<HTMLTableElement>) {
    if (!enabled) return;
    event.preventDefault();
    const parsed = parsePastedBlock(event.clipboardData.getData("text/plain"));
    if ("error" in parsed) return setError(parsed.error);
    const cells: CellSave[] = [];
    for (const [i, values] of parsed.rows.entries()) {
      const campaign = rows[active.row + i];
      for (let j = 0; j < values.length / 2; j++) {
        const week = weeks[active.col + j];
        if (!campaign || !week) return setError("The pasted block is larger than the grid from the selected cell");
        const [adSpend, sales] = [values[2 * j]!, values[2 * j + 1]!];
        const problem = [
          parseAmount(adSpend, format, LIMITS.spendCents),
          parseAmount(sales, format, LIMITS.salesCents),
        ].find((r) => !r.ok);
        if (problem && !problem.ok) return setError(`Row ${i + 1}, week ${j + 1}: ${problem.message}`);
        const version = metrics.get(cellKey(campaign.id, week))?.version;
        cells.push({ campaignId: campaign.id, weekStart: week, adSpend, sales, version });
      }
    }
    setError(null);
    setPasted({ key: onSave(cells, "paste"), cells: cells.length });
  }

  function dismiss() {
    if (refused) onDiscard(refused.key);
    setError(null);
    setPasted(null);
  }

  const problem =
    error ?? (refused && `Nothing was pasted: ${refused.error?.issues?.[0]?.message ?? refused.error?.message}`);
  const status = (
    <PasteStatus problem={problem || null} pasted={pasted?.cells ?? null} sending={sending} onDismiss={dismiss} />
  );
  return { onPaste, status };
}

function PasteStatus({
  problem,
  pasted,
  sending,
  onDismiss,
}: {
  problem: string | null;
  pasted: number | null;
  sending: boolean;
  onDismiss: () => void;
}) {
  if (problem) {
    return (
      <div
        role="alert"
        className={
          "flex flex-wrap items-center gap-3 rounded-md border border-danger/40 " +
          "bg-danger/10 px-3 py-2 text-sm text-danger"
        }
      >
        <span>{problem}</span>
        <button type="button" className="ml-auto rounded border border-danger/40 px-2 py-0.5" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  if (pasted === null) return null;
  return (
    <p role="status" className="text-sm text-muted-foreground">
      {sending ? `Pasting ${pasted} cells…` : `Pasted ${pasted} cells.`}
    </p>
  );
}
