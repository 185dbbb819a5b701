import { type ClipboardEvent, type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from "react";
import type { NumberFormat } from "../../../core/decimal";
import { formatWeek } from "~/lib/format";
import { cellKey, type GridData, type GridTree, parsePastedBlock, type Totals, totalsOf, treeOf } from "~/lib/grid";
import { LIMITS } from "../../../core/limits";
import { formatMoney, formatMoneyShort, parseAmount } from "../../../core/money";
import { formatRoas } from "../../../core/roas";
import type { CellSave } from "~/lib/save-queue";
import { cn } from "~/lib/utils";
import type { CampaignRow, MetricRow, Viewer } from "../../../core/protocol";
import { type EditStart, MetricCell, type PendingCell, STATUS_CLASS } from "./metric-cell";

type Props = {
  grid: GridData;
  weeks: string[];
  canEdit: boolean;
  flashes: ReadonlySet<string>;
  viewers: Viewer[];
  format: NumberFormat;
  /** Each cell's newest save that has not landed. */
  pending: ReadonlyMap<string, PendingCell>;
  weekHref: (week: string) => string;
  /** Queues a save; answers its key. */
  onSave: (cells: CellSave[], kind: "cell" | "paste") => string;
  onDiscard: (key: string) => void;
  onRow: (row: MetricRow) => void;
  onEditingCell: (cell: string | null) => void;
};

/** A key that types a character (not a shortcut): typing it on a selected cell starts editing. */
const typesCharacter = (event: KeyboardEvent) =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

/**
 * The weekly grid: channel → group → campaign rows, weeks as columns (newest right). It works
 * like a spreadsheet: arrows, Tab and Enter move; typing replaces a cell, Enter or F2 edits it,
 * Delete clears it, Escape cancels, clicking elsewhere saves; a block pasted from a spreadsheet
 * fills cells from the active one (two columns per week: spend, sales) in one transaction.
 */
export function MetricsGrid({
  grid,
  weeks,
  canEdit,
  flashes,
  viewers,
  format,
  pending,
  weekHref,
  onSave,
  onDiscard,
  onRow,
  onEditingCell,
}: Props) {
  const tree = useMemo(() => treeOf(grid), [grid]);
  const rows: CampaignRow[] = useMemo(() => tree.flatMap((c) => c.groups.flatMap((g) => g.campaigns)), [tree]);
  const metrics = useMemo(
    () => new Map(grid.metrics.map((m) => [cellKey(m.campaignId, m.weekStart), m])),
    [grid.metrics],
  );
  const groupTotals = useMemo(() => totalsByGroupWeek(tree, metrics, weeks), [tree, metrics, weeks]);
  const editorsByCell = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const viewer of viewers)
      if (viewer.cell) map.set(viewer.cell, [...(map.get(viewer.cell) ?? []), viewer.label]);
    return map;
  }, [viewers]);
  const [active, setActive] = useState({ row: 0, col: Math.max(0, weeks.length - 1) });
  const [editing, setEditing] = useState<(EditStart & { row: number; col: number }) | null>(null);
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [pasted, setPasted] = useState<{ key: string; cells: number } | null>(null);
  const refusedPaste = [...new Set(pending.values())].find(
    (p) => p.save.kind === "paste" && p.save.state === "refused",
  )?.save;
  // The last paste: on its way while it is pending, landed once it is not.
  const pasting = pasted && [...pending.values()].some((p) => p.save.key === pasted.key);

  const move = (row: number, col: number) => {
    setActive({ row: Math.min(Math.max(row, 0), rows.length - 1), col: Math.min(Math.max(col, 0), weeks.length - 1) });
  };

  const refocus = useRef(false);
  const takeFocus = () => {
    const wanted = refocus.current;
    refocus.current = false;
    return wanted;
  };

  const keyAt = (at: { row: number; col: number }) => {
    const campaign = rows[at.row];
    return campaign ? cellKey(campaign.id, weeks[at.col]!) : null;
  };

  function edit(start: EditStart | null, at = active, then?: "right") {
    setEditing(start && { ...start, ...at });
    refocus.current = start === null;
    onEditingCell(start ? keyAt(at) : null);
    if (then === "right") move(at.row, at.col + 1);
  }

  /** Delete on a selected cell: its week's numbers are removed (if it has any). */
  function clear(at: { row: number; col: number }) {
    const campaign = rows[at.row];
    const week = weeks[at.col];
    if (!campaign || !week) return;
    const key = cellKey(campaign.id, week);
    const metric = metrics.get(key);
    const waiting = pending.get(key);
    if (!metric && !waiting) return;
    if (waiting?.save.state === "refused") onDiscard(waiting.save.key);
    if (metric || (waiting && waiting.save.state !== "refused"))
      onSave(
        [{ campaignId: campaign.id, weekStart: week, adSpend: null, sales: null, version: metric?.version }],
        "cell",
      );
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (editing || rows.length === 0) return;
    const { row, col } = active;
    const last = weeks.length - 1;
    if (canEdit && typesCharacter(event) && event.key !== " ") {
      edit({ typed: event.key });
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "ArrowUp":
        move(row - 1, col);
        break;
      case "ArrowDown":
        move(row + 1, col);
        break;
      case "ArrowLeft":
        move(row, col - 1);
        break;
      case "ArrowRight":
        move(row, col + 1);
        break;
      case "Home":
        move(row, 0);
        break;
      case "End":
        move(row, last);
        break;
      case "Tab":
        // Tab walks the cells; past the last one it leaves the grid as usual.
        if (event.shiftKey ? row === 0 && col === 0 : row === rows.length - 1 && col === last) return;
        if (event.shiftKey) move(col === 0 ? row - 1 : row, col === 0 ? last : col - 1);
        else move(col === last ? row + 1 : row, col === last ? 0 : col + 1);
        break;
      case "Enter":
      case "F2": {
        if (!canEdit) return;
        const waiting = pending.get(keyAt(active) ?? "");
        edit({ again: waiting?.save.state === "refused" && waiting.save.error?.code !== "conflict" });
        break;
      }
      case "Delete":
      case "Backspace":
        if (!canEdit) return;
        clear(active);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  function onPaste(event: ClipboardEvent<HTMLTableElement>) {
    if (editing || !canEdit) return;
    event.preventDefault();
    const parsed = parsePastedBlock(event.clipboardData.getData("text/plain"));
    if ("error" in parsed) return setPasteError(parsed.error);
    const cells: CellSave[] = [];
    for (const [i, values] of parsed.rows.entries()) {
      const campaign = rows[active.row + i];
      for (let j = 0; j < values.length / 2; j++) {
        const week = weeks[active.col + j];
        if (!campaign || !week) return setPasteError("The pasted block is larger than the grid from the selected cell");
        const [adSpend, sales] = [values[2 * j]!, values[2 * j + 1]!];
        const problem = [
          parseAmount(adSpend, format, LIMITS.spendCents),
          parseAmount(sales, format, LIMITS.salesCents),
        ].find((r) => !r.ok);
        if (problem && !problem.ok) return setPasteError(`Row ${i + 1}, week ${j + 1}: ${problem.message}`);
        cells.push({
          campaignId: campaign.id,
          weekStart: week,
          adSpend,
          sales,
          version: metrics.get(cellKey(campaign.id, week))?.version,
        });
      }
    }
    setPasteError(null);
    setPasted({ key: onSave(cells, "paste"), cells: cells.length });
  }

  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border p-8 text-center text-muted-foreground">
        No campaigns yet.{canEdit ? " Set up channels, campaign groups and campaigns to start tracking." : ""}
      </p>
    );
  }

  let rowIndex = -1;
  return (
    <div className="grid gap-2">
      {pasteError || refusedPaste ? (
        <div
          role="alert"
          className={
            "flex flex-wrap items-center gap-3 rounded-md border border-danger/40 " +
            "bg-danger/10 px-3 py-2 text-sm text-danger"
          }
        >
          <span>
            {pasteError ??
              `Nothing was pasted: ${refusedPaste?.error?.issues?.[0]?.message ?? refusedPaste?.error?.message}`}
          </span>
          <button
            type="button"
            className="ml-auto rounded border border-danger/40 px-2 py-0.5"
            onClick={() => {
              if (refusedPaste) onDiscard(refusedPaste.key);
              setPasteError(null);
              setPasted(null);
            }}
          >
            Dismiss
          </button>
        </div>
      ) : pasted ? (
        <p role="status" className="text-sm text-muted-foreground">
          {pasting ? `Pasting ${pasted.cells} cells…` : `Pasted ${pasted.cells} cells.`}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-border bg-card">
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA data grid
          role="grid"
          aria-label={`Weekly numbers of ${grid.client.name}`}
          className="w-max min-w-full border-separate border-spacing-0 text-sm"
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        >
          <thead>
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 w-56 min-w-44 border-b border-border bg-card p-2 text-left font-medium"
              >
                Campaign
              </th>
              {weeks.map((week) => (
                <th
                  key={week}
                  scope="col"
                  className="w-28 min-w-24 border-b border-l border-border p-2 text-right font-medium"
                >
                  <a href={weekHref(week)} className="hover:underline" title={`Week of ${week}: edit as a form`}>
                    {formatWeek(week)}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tree.map(({ channel, groups }) => (
              <ChannelRows
                key={channel.id}
                name={channel.channel.name}
                icon={channel.channel.iconUrl}
                span={weeks.length + 1}
              >
                {groups.map(({ group, campaigns }) => [
                  <tr key={group.id} className="bg-muted/60">
                    <th
                      scope="row"
                      className="sticky left-0 z-10 border-b border-border bg-muted p-2 text-left font-medium"
                    >
                      {group.name}
                      <span className="block text-xs font-normal text-muted-foreground">
                        {group.weeklyBudgetCents === null
                          ? "No weekly budget"
                          : `Budget ${formatMoney(group.weeklyBudgetCents, format)}/wk`}
                      </span>
                    </th>
                    {weeks.map((week) => {
                      const totals = groupTotals.get(`${group.id}:${week}`)!;
                      const pacing = group.weeklyBudgetCents ? totals.adSpendCents / group.weeklyBudgetCents : null;
                      return (
                        <td key={week} className="border-b border-l border-border p-2 text-right text-xs tabular-nums">
                          <span
                            className={cn("block", pacing !== null && pacing > 1 && "font-semibold text-danger")}
                            title="Spend against weekly budget"
                          >
                            {formatMoneyShort(totals.adSpendCents, format)}
                            {pacing !== null ? ` · ${Math.round(pacing * 100)}%` : ""}
                          </span>
                          <span className="block text-muted-foreground">
                            ROAS {formatRoas(totals.roasMilli, format)}
                          </span>
                        </td>
                      );
                    })}
                  </tr>,
                  ...campaigns.map((campaign) => {
                    rowIndex++;
                    const r = rowIndex;
                    return (
                      <tr key={campaign.id}>
                        <th
                          scope="row"
                          className="sticky left-0 z-10 border-b border-border bg-card p-2 pl-4 text-left font-normal"
                        >
                          <span className="block truncate">{campaign.name}</span>
                          <span className="block text-xs text-muted-foreground">
                            {campaign.targetRoasMilli === null
                              ? "No target"
                              : `Target ${formatRoas(campaign.targetRoasMilli, format)}×`}
                          </span>
                        </th>
                        {weeks.map((week, c) => {
                          const key = cellKey(campaign.id, week);
                          const here = active.row === r && active.col === c;
                          return (
                            <MetricCell
                              key={week}
                              campaign={campaign}
                              week={week}
                              metric={metrics.get(key)}
                              row={r}
                              col={c}
                              active={here}
                              editing={editing && editing.row === r && editing.col === c ? editing : null}
                              canEdit={canEdit}
                              flash={flashes.has(key)}
                              format={format}
                              pending={pending.get(key)}
                              editors={editorsByCell.get(key) ?? []}
                              href={weekHref(week)}
                              onActivate={(row, col) => setActive({ row, col })}
                              takeFocus={takeFocus}
                              onEdit={(start, then) => edit(start, { row: r, col: c }, then)}
                              onSave={(cells) => onSave(cells, "cell")}
                              onDiscard={onDiscard}
                              onRow={onRow}
                            />
                          );
                        })}
                      </tr>
                    );
                  }),
                ])}
              </ChannelRows>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
    </div>
  );
}

/** Each group's spend, sales and ROAS per week, computed once per change of the data. */
function totalsByGroupWeek(
  tree: GridTree,
  metrics: ReadonlyMap<string, MetricRow>,
  weeks: string[],
): Map<string, Totals> {
  const totals = new Map<string, Totals>();
  for (const { groups } of tree) {
    for (const { group, campaigns } of groups) {
      for (const week of weeks) {
        const rows = campaigns.flatMap((c) => metrics.get(cellKey(c.id, week)) ?? []);
        totals.set(`${group.id}:${week}`, totalsOf(rows));
      }
    }
  }
  return totals;
}

function ChannelRows({
  name,
  icon,
  span,
  children,
}: {
  name: string;
  icon: string | null;
  span: number;
  children: ReactNode;
}) {
  return (
    <>
      <tr>
        <th scope="rowgroup" colSpan={span} className="border-b border-border bg-background p-2 text-left">
          <span className="sticky left-2 inline-flex items-center gap-2 font-semibold">
            {icon ? <img src={icon} alt="" width={18} height={18} /> : null}
            {name}
          </span>
        </th>
      </tr>
      {children}
    </>
  );
}

function Legend() {
  const items = [
    ["hit", "at or above target"],
    ["near", "less than 10% below"],
    ["miss", "further below"],
  ] as const;
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
      <span>Each cell: spend, sales, ROAS.</span>
      {items.map(([status, label]) => (
        <span key={status} className={STATUS_CLASS[status]}>
          ● {label}
        </span>
      ))}
      <span>
        Type or press Enter to edit, Esc cancels, Delete clears, arrows move; paste spend/sales column pairs from a
        spreadsheet.
      </span>
    </p>
  );
}
