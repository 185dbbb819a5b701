/**
 * The grid's cursor, as in a spreadsheet: the active cell, the cell being edited, and the keys
 * that move, edit and clear. Arrows, Home, End and Tab move; typing a character or Enter/F2
 * edits; Delete clears the week's numbers; focus returns to the cell when an editor closes.
 */
import { type KeyboardEvent, useRef, useState } from "react";
import { cellKey } from "~/lib/grid";
import type { CellSave } from "~/lib/save-queue";
import type { CampaignRow, MetricRow } from "../../../core/protocol";
import type { EditStart, PendingCell } from "./metric-cell";

export type At = { row: number; col: number };

type Options = {
  rows: CampaignRow[];
  weeks: string[];
  canEdit: boolean;
  metrics: ReadonlyMap<string, MetricRow>;
  pending: ReadonlyMap<string, PendingCell>;
  onSave: (cells: CellSave[], kind: "cell") => string;
  onDiscard: (key: string) => void;
  onEditingCell: (cell: string | null) => void;
};

/** A key that types a character (not a shortcut): typing it on a selected cell starts editing. */
const typesCharacter = (event: KeyboardEvent) =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

export function useGridCursor({ rows, weeks, canEdit, metrics, pending, onSave, onDiscard, onEditingCell }: Options) {
  // The newest week is where Monday's numbers go: the cursor starts there.
  const [active, setActive] = useState<At>({ row: 0, col: Math.max(0, weeks.length - 1) });
  const [editing, setEditing] = useState<(EditStart & At) | null>(null);

  const move = (row: number, col: number) => {
    setActive({ row: Math.min(Math.max(row, 0), rows.length - 1), col: Math.min(Math.max(col, 0), weeks.length - 1) });
  };

  // Focus goes back to the active cell once, after an editor or popover closes.
  const refocus = useRef(false);
  const takeFocus = () => {
    const wanted = refocus.current;
    refocus.current = false;
    return wanted;
  };

  const keyAt = (at: At) => {
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
  function clear(at: At) {
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

  return { active, setActive, editing, edit, takeFocus, onKeyDown };
}
