/**
 * A client's grid kept live: the loader's data, patched by every event the org's socket brings
 * (teammates' cells flash), reloaded when an event changes the grid's shape or the socket missed
 * too much, and the user's own saves queued until they land (shown as pending meanwhile).
 */
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { PendingCell } from "~/components/grid/metric-cell";
import { applyEvent, cellKey, type GridData, needsReload } from "~/lib/grid";
import type { NumberFormat } from "../../core/decimal";
import type { MetricRow, OrgEvent } from "../../core/protocol";
import { useOrgSocket } from "./use-org-socket";
import { useSaveQueue } from "./use-save-queue";

/** How long a cell a teammate changed stays highlighted. */
const FLASH_MS = 1500;

type Options = {
  loaded: GridData;
  /** The seq the loader's data is current as of. */
  seq: number;
  orgId: string;
  /** The signed-in user: their own events do not flash. */
  me: string;
  format: NumberFormat;
  saveUrl: string;
};

export function useLiveGrid({ loaded, seq, orgId, me, format, saveUrl }: Options) {
  const [grid, setGrid] = useState<GridData>(loaded);
  const [flashes, setFlashes] = useState<ReadonlySet<string>>(new Set());
  const revalidator = useRevalidator();

  // Fresh loader data (another range, a reload) replaces what the socket patched.
  useEffect(() => setGrid(loaded), [loaded]);

  const onEvents = useCallback(
    (events: OrgEvent[]) => {
      setGrid((current) => events.reduce(applyEvent, current));
      const remote = events.flatMap((e) =>
        e.entity === "metric" && e.actor !== me ? [cellKey(e.data.campaignId, e.data.weekStart)] : [],
      );
      if (remote.length > 0) {
        setFlashes((current) => new Set([...current, ...remote]));
        setTimeout(
          () => setFlashes((current) => new Set([...current].filter((key) => !remote.includes(key)))),
          FLASH_MS,
        );
      }
    },
    [me],
  );

  const socket = useOrgSocket({
    orgId,
    since: seq,
    clientId: grid.client.id,
    onEvent: (event) => {
      if (needsReload(grid, event)) revalidator.revalidate();
      else onEvents([event]);
    },
    onReload: () => revalidator.revalidate(),
  });

  const saves = useSaveQueue({
    url: saveUrl,
    scope: { userId: me, orgId, clientId: loaded.client.id, clientName: loaded.client.name },
    format,
    onCommitted: onEvents,
  });
  // Back online (the socket is live again): what waits is sent first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on a new status only
  useEffect(() => {
    if (socket.status === "live") saves.retryNow();
  }, [socket.status]);

  const pending = useMemo(() => {
    const byCell = new Map<string, PendingCell>();
    for (const save of saves.saves)
      for (const cell of save.cells) byCell.set(cellKey(cell.campaignId, cell.weekStart), { save, cell });
    return byCell;
  }, [saves.saves]);

  /** A row the user chose to keep from a conflict (theirs), applied at once. */
  const onRow = useCallback(
    (row: MetricRow) =>
      setGrid((current) => ({ ...current, metrics: [...current.metrics.filter((m) => m.id !== row.id), row] })),
    [],
  );

  return { grid, flashes, socket, saves, pending, onRow };
}
