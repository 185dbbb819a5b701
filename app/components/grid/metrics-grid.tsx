import { useFetcher } from "@remix-run/react";
import { type ClipboardEvent, type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { formatMoneyShort, formatWeek } from "~/lib/format";
import { cellKey, type GridData, parsePastedBlock, totalsOf, treeOf } from "~/lib/grid";
import { formatMoney, parseCents } from "~/lib/money";
import { formatRoas } from "~/lib/roas";
import { cn } from "~/lib/utils";
import type { CommitResponse } from "~/server/tracker.server";
import type { CampaignRow, MetricRow, OrgEvent, Viewer } from "../../../party/protocol";
import { MetricCell, STATUS_CLASS } from "./metric-cell";

type Props = {
  grid: GridData;
  weeks: string[];
  canEdit: boolean;
  flashes: ReadonlySet<string>;
  viewers: Viewer[];
  weekHref: (week: string) => string;
  onEvents: (events: OrgEvent[]) => void;
  onRow: (row: MetricRow) => void;
  onEditingCell: (cell: string | null) => void;
};

/**
 * The weekly grid: channel → group → campaign rows, weeks as columns (newest right). Arrow keys,
 * Tab and Enter move and edit, Escape cancels; a block pasted from a spreadsheet fills cells from
 * the active one (two columns per week: spend, sales) in one transaction.
 */
export function MetricsGrid({ grid, weeks, canEdit, flashes, viewers, weekHref, onEvents, onRow, onEditingCell }: Props) {
  const tree = useMemo(() => treeOf(grid), [grid]);
  const rows: CampaignRow[] = useMemo(() => tree.flatMap((c) => c.groups.flatMap((g) => g.campaigns)), [tree]);
  const metrics = useMemo(() => new Map(grid.metrics.map((m) => [cellKey(m.campaignId, m.weekStart), m])), [grid.metrics]);
  const editorsByCell = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const viewer of viewers) if (viewer.cell) map.set(viewer.cell, [...(map.get(viewer.cell) ?? []), viewer.label]);
    return map;
  }, [viewers]);
  const [active, setActive] = useState({ row: 0, col: Math.max(0, weeks.length - 1) });
  const [editing, setEditing] = useState(false);
  const paste = useFetcher<CommitResponse>({ key: "paste" });
  const [pasteError, setPasteError] = useState<string | null>(null);

  const move = (row: number, col: number) => {
    setActive({ row: Math.min(Math.max(row, 0), rows.length - 1), col: Math.min(Math.max(col, 0), weeks.length - 1) });
  };

  const refocus = useRef(false);
  const takeFocus = () => {
    const wanted = refocus.current;
    refocus.current = false;
    return wanted;
  };

  function setEditingAt(next: boolean, then?: "right", at = active) {
    setEditing(next);
    refocus.current = !next;
    const campaign = rows[at.row];
    onEditingCell(next && campaign ? cellKey(campaign.id, weeks[at.col]!) : null);
    if (then === "right") move(at.row, at.col + 1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    if (editing || rows.length === 0) return;
    const { row, col } = active;
    const last = weeks.length - 1;
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
      case "F2":
        if (!canEdit) return;
        setEditingAt(true);
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
    const cells = [];
    for (const [i, values] of parsed.rows.entries()) {
      const campaign = rows[active.row + i];
      for (let j = 0; j < values.length / 2; j++) {
        const week = weeks[active.col + j];
        if (!campaign || !week) return setPasteError("The pasted block is larger than the grid from the selected cell");
        const [adSpend, sales] = [values[2 * j]!, values[2 * j + 1]!];
        if (parseCents(adSpend) === null || parseCents(sales) === null) {
          return setPasteError(`Row ${i + 1}, week ${j + 1}: "${adSpend}" / "${sales}" are not amounts like 1234.56`);
        }
        cells.push({ campaignId: campaign.id, weekStart: week, adSpend, sales, version: metrics.get(cellKey(campaign.id, week))?.version });
      }
    }
    setPasteError(null);
    paste.submit({ intent: "paste", cells: JSON.stringify(cells), mutationId: crypto.randomUUID() }, { method: "post" });
  }

  const pasteResult = paste.state === "idle" ? paste.data : undefined;
  useEffect(() => {
    if (pasteResult?.ok) onEvents(pasteResult.events);
    // Only a new result matters here, not new callback identities.
  }, [pasteResult]);

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
      {pasteError || (pasteResult && !pasteResult.ok) ? (
        <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
          {pasteError ?? (pasteResult && !pasteResult.ok ? `Nothing was pasted: ${pasteResult.error.issues?.[0]?.message ?? pasteResult.error.message}` : "")}
        </p>
      ) : pasteResult?.ok ? (
        <p role="status" className="text-sm text-muted-foreground">
          Pasted {pasteResult.events.length} cells.
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-border bg-card">
        <table role="grid" aria-label={`Weekly numbers of ${grid.client.name}`} className="w-max min-w-full border-separate border-spacing-0 text-sm" onKeyDown={onKeyDown} onPaste={onPaste}>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 w-56 min-w-44 border-b border-border bg-card p-2 text-left font-medium">
                Campaign
              </th>
              {weeks.map((week) => (
                <th key={week} scope="col" className="w-28 min-w-24 border-b border-l border-border p-2 text-right font-medium">
                  <a href={weekHref(week)} className="hover:underline" title={`Week of ${week}: edit as a form`}>
                    {formatWeek(week)}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tree.map(({ channel, groups }) => (
              <ChannelRows key={channel.id} name={channel.channel.name} icon={channel.channel.iconUrl} span={weeks.length + 1}>
                {groups.map(({ group, campaigns }) => {
                  const groupMetrics = grid.metrics.filter((m) => campaigns.some((c) => c.id === m.campaignId));
                  return [
                    <tr key={group.id} className="bg-muted/60">
                      <th scope="row" className="sticky left-0 z-10 border-b border-border bg-muted p-2 text-left font-medium">
                        {group.name}
                        <span className="block text-xs font-normal text-muted-foreground">
                          {group.weeklyBudgetCents === null ? "No weekly budget" : `Budget ${formatMoney(group.weeklyBudgetCents)}/wk`}
                        </span>
                      </th>
                      {weeks.map((week) => {
                        const totals = totalsOf(groupMetrics.filter((m) => m.weekStart === week));
                        const pacing = group.weeklyBudgetCents ? totals.adSpendCents / group.weeklyBudgetCents : null;
                        return (
                          <td key={week} className="border-b border-l border-border p-2 text-right text-xs tabular-nums">
                            <span className={cn("block", pacing !== null && pacing > 1 && "font-semibold text-danger")} title="Spend against weekly budget">
                              {formatMoneyShort(totals.adSpendCents)}
                              {pacing !== null ? ` · ${Math.round(pacing * 100)}%` : ""}
                            </span>
                            <span className="block text-muted-foreground">ROAS {formatRoas(totals.roasMilli)}</span>
                          </td>
                        );
                      })}
                    </tr>,
                    ...campaigns.map((campaign) => {
                      rowIndex++;
                      const r = rowIndex;
                      return (
                        <tr key={campaign.id}>
                          <th scope="row" className="sticky left-0 z-10 border-b border-border bg-card p-2 pl-4 text-left font-normal">
                            <span className="block truncate">{campaign.name}</span>
                            <span className="block text-xs text-muted-foreground">
                              {campaign.targetRoasMilli === null ? "No target" : `Target ${formatRoas(campaign.targetRoasMilli)}×`}
                            </span>
                          </th>
                          {weeks.map((week, c) => (
                            <MetricCell
                              key={week}
                              campaign={campaign}
                              week={week}
                              metric={metrics.get(cellKey(campaign.id, week))}
                              row={r}
                              col={c}
                              active={active.row === r && active.col === c}
                              editing={editing && active.row === r && active.col === c}
                              canEdit={canEdit}
                              flash={flashes.has(cellKey(campaign.id, week))}
                              editors={editorsByCell.get(cellKey(campaign.id, week)) ?? []}
                              href={weekHref(week)}
                              onActivate={(row, col) => {
                                if (editing && (row !== active.row || col !== active.col)) setEditingAt(false);
                                setActive({ row, col });
                              }}
                              takeFocus={takeFocus}
                              onEdit={(next, then) => setEditingAt(next, then, next ? { row: r, col: c } : active)}
                              onEvents={onEvents}
                              onRow={onRow}
                            />
                          ))}
                        </tr>
                      );
                    }),
                  ];
                })}
              </ChannelRows>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
    </div>
  );
}

function ChannelRows({ name, icon, span, children }: { name: string; icon: string | null; span: number; children: ReactNode }) {
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
      <span>Enter edits, Esc cancels, arrows move; paste spend/sales column pairs from a spreadsheet.</span>
    </p>
  );
}
