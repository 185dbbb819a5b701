import { type ReactNode, useEffect, useMemo } from "react";
import { useCurrency } from "~/hooks/use-number-format";
import type { NumberFormat } from "../../../core/decimal";
import { formatWeek } from "~/lib/format";
import { cellKey, type GridData, type GridTree, type Totals, totalsOf, treeOf } from "~/lib/grid";
import { formatMoney, formatMoneyShort } from "../../../core/money";
import { formatRoas } from "../../../core/roas";
import type { CellSave } from "~/lib/save-queue";
import { cn } from "~/lib/utils";
import type { CampaignGroupRow, CampaignRow, MetricRow, Viewer } from "../../../core/protocol";
import { loadHistoryCard, MetricCell, type PendingCell, STATUS_CLASS, STATUS_SIGN } from "./metric-cell";
import { useGridCursor } from "./use-grid-cursor";
import { useGridPaste } from "./use-grid-paste";

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
  historyHref: (campaignId: string, week: string) => string;
  historyCardUrl: string;
  /** Queues a save; answers its key. */
  onSave: (cells: CellSave[], kind: "cell" | "paste") => string;
  onDiscard: (key: string) => void;
  onRow: (row: MetricRow) => void;
  onEditingCell: (cell: string | null) => void;
};

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
  historyHref,
  historyCardUrl,
  onSave,
  onDiscard,
  onRow,
  onEditingCell,
}: Props) {
  // The history card's code, once the grid is up: a cell rested on later (offline too) has it.
  useEffect(() => {
    loadHistoryCard().catch(() => undefined);
  }, []);
  const tree = useMemo(() => treeOf(grid), [grid]);
  const rows: CampaignRow[] = useMemo(() => tree.flatMap((c) => c.groups.flatMap((g) => g.campaigns)), [tree]);
  // The campaigns shown (archived ones are not), for the totals row.
  const campaignIds = useMemo(() => new Set(rows.map((c) => c.id)), [rows]);
  const metrics = useMemo(
    () => new Map(grid.metrics.map((m) => [cellKey(m.campaignId, m.weekStart), m])),
    [grid.metrics],
  );
  const groupTotals = useMemo(() => totalsByGroupWeek(tree, metrics, weeks), [tree, metrics, weeks]);
  const notesByWeek = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const note of grid.annotations) map.set(note.weekStart, [...(map.get(note.weekStart) ?? []), note.text]);
    return map;
  }, [grid.annotations]);
  const editorsByCell = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const viewer of viewers)
      if (viewer.cell) map.set(viewer.cell, [...(map.get(viewer.cell) ?? []), viewer.label]);
    return map;
  }, [viewers]);
  const { active, setActive, editing, edit, takeFocus, onKeyDown } = useGridCursor({
    rows,
    weeks,
    canEdit,
    metrics,
    pending,
    onSave,
    onDiscard,
    onEditingCell,
  });
  const paste = useGridPaste({
    rows,
    weeks,
    active,
    enabled: canEdit && !editing,
    format,
    metrics,
    pending,
    onSave,
    onDiscard,
  });

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
      {paste.status}
      {/* On a phone the grid is wider than the screen: the scroller starts at its right end, so the
          latest week shows first, before any script runs; earlier weeks are a swipe to the left. */}
      <div className="overflow-x-auto rounded-lg border border-border bg-card max-sm:[direction:rtl]">
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA data grid
          role="grid"
          aria-label={`Weekly numbers of ${grid.client.name}`}
          className="w-max min-w-full border-separate border-spacing-0 text-sm [direction:ltr]"
          onKeyDown={onKeyDown}
          onPaste={paste.onPaste}
        >
          <thead>
            <tr>
              <th
                scope="col"
                className={
                  "sticky left-0 z-10 w-56 min-w-44 border-b border-border bg-card p-2 text-left font-medium " +
                  "max-sm:w-32 max-sm:min-w-32"
                }
              >
                Campaign
              </th>
              {weeks.map((week) => (
                <th
                  key={week}
                  scope="col"
                  className="w-28 min-w-24 border-b border-l border-border p-2 text-right font-medium max-sm:w-24"
                >
                  <a href={weekHref(week)} className="hover:underline" title={`Week of ${week}: edit as a form`}>
                    {formatWeek(week)}
                  </a>
                  <WeekNotes notes={notesByWeek.get(week)} />
                </th>
              ))}
              <th
                scope="col"
                className="w-28 min-w-24 border-b border-l border-border p-2 text-right font-medium max-sm:w-24"
              >
                {weeks.length} weeks
              </th>
            </tr>
          </thead>
          <tbody>
            {tree.map(({ channel, groups }) => (
              <ChannelRows
                key={channel.id}
                name={channel.channel.name}
                icon={channel.channel.iconUrl}
                span={weeks.length + 2}
              >
                {groups.map(({ group, campaigns }) => [
                  <GroupRow key={group.id} group={group} weeks={weeks} totals={groupTotals} format={format} />,
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
                              historyHref={historyHref(campaign.id, week)}
                              historyCardUrl={historyCardUrl}
                              onActivate={(row, col) => setActive({ row, col })}
                              takeFocus={takeFocus}
                              onEdit={(start, then) => edit(start, { row: r, col: c }, then)}
                              onSave={(cells) => onSave(cells, "cell")}
                              onDiscard={onDiscard}
                              onRow={onRow}
                            />
                          );
                        })}
                        <TotalCell
                          totals={totalsOf(weeks.flatMap((w) => metrics.get(cellKey(campaign.id, w)) ?? []))}
                          format={format}
                        />
                      </tr>
                    );
                  }),
                ])}
              </ChannelRows>
            ))}
          </tbody>
          <tfoot>
            <tr className="bg-muted/60">
              <th scope="row" className="sticky left-0 z-10 border-b border-border bg-muted p-2 text-left font-medium">
                All campaigns
              </th>
              {weeks.map((week) => (
                <TotalCell
                  key={week}
                  totals={totalsOf(rows.flatMap((c) => metrics.get(cellKey(c.id, week)) ?? []))}
                  format={format}
                />
              ))}
              <TotalCell
                totals={totalsOf(
                  grid.metrics.filter((m) => weeks.includes(m.weekStart) && campaignIds.has(m.campaignId)),
                )}
                format={format}
              />
            </tr>
          </tfoot>
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

/** A campaign group's line: its budget, and per week its spend (against the budget) and ROAS. */
function GroupRow({
  group,
  weeks,
  totals,
  format,
}: {
  group: CampaignGroupRow;
  weeks: string[];
  totals: ReadonlyMap<string, Totals>;
  format: NumberFormat;
}) {
  const currency = useCurrency();
  return (
    <tr className="bg-muted/60">
      <th scope="row" className="sticky left-0 z-10 border-b border-border bg-muted p-2 text-left font-medium">
        {group.name}
        <span className="block text-xs font-normal text-muted-foreground">
          {group.weeklyBudgetCents === null
            ? "No weekly budget"
            : `Budget ${formatMoney(group.weeklyBudgetCents, format, currency)}/wk`}
        </span>
      </th>
      {weeks.map((week) => {
        const weekTotals = totals.get(`${group.id}:${week}`)!;
        const pacing = group.weeklyBudgetCents ? weekTotals.adSpendCents / group.weeklyBudgetCents : null;
        return (
          <td key={week} className="border-b border-l border-border p-2 text-right text-xs tabular-nums">
            <span
              className={cn("block", pacing !== null && pacing > 1 && "font-semibold text-danger")}
              title="Spend against weekly budget"
            >
              {formatMoneyShort(weekTotals.adSpendCents, format, currency)}
              {pacing !== null ? ` · ${Math.round(pacing * 100)}%` : ""}
            </span>
            <span className="block text-muted-foreground">ROAS {formatRoas(weekTotals.roasMilli, format)}</span>
          </td>
        );
      })}
      <TotalCell
        format={format}
        totals={totalsOf(weeks.map((week) => totals.get(`${group.id}:${week}`)!))}
        budgetCents={group.weeklyBudgetCents === null ? null : group.weeklyBudgetCents * weeks.length}
      />
    </tr>
  );
}

/** A total over weeks or campaigns: spend (against the budget for the same weeks), and ROAS. */
function TotalCell({
  totals,
  format,
  budgetCents = null,
}: {
  totals: Totals;
  format: NumberFormat;
  budgetCents?: number | null;
}) {
  const currency = useCurrency();
  return (
    <td className="border-b border-l border-border p-2 text-right text-xs tabular-nums">
      <span className="block font-medium">
        {formatMoneyShort(totals.adSpendCents, format, currency)}
        {budgetCents ? ` · ${Math.round((totals.adSpendCents / budgetCents) * 100)}%` : ""}
      </span>
      <span className="block text-muted-foreground">{`ROAS ${formatRoas(totals.roasMilli, format)}`}</span>
    </td>
  );
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
          {STATUS_SIGN[status]} {label}
        </span>
      ))}
      <span>
        Type or press Enter to edit, Esc cancels, Delete clears, arrows move; paste spend/sales column pairs from a
        spreadsheet.
      </span>
    </p>
  );
}

/** A week's notes in its column header: a mark with the notes as its tooltip and accessible name. */
function WeekNotes({ notes }: { notes: string[] | undefined }) {
  if (!notes) return null;
  const text = notes.join(" · ");
  return (
    <span className="ml-1 cursor-help text-xs text-muted-foreground" title={text} data-testid="week-notes">
      <span aria-hidden="true">✎{notes.length > 1 ? notes.length : ""}</span>
      <span className="sr-only">Notes: {text}</span>
    </span>
  );
}
