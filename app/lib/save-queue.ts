/**
 * The grid's saves that have not landed yet (ADR 013). Every edit becomes an entry with its own
 * idempotency key; entries are sent one at a time, in the order they were made, and an entry
 * whose request fails (offline, a server error) waits and is sent again with the same key until
 * it lands or the user discards it, so nothing typed is lost and nothing is applied twice. A
 * keeper holds each save on the device until it lands (app/lib/pending-saves.ts: it survives a
 * reload or a closed tab, and is restored from there). Browser-safe and free of React: the hook
 * (use-save-queue.ts) drives it.
 */
import { cellKey } from "./grid";
import { newIdempotencyKey } from "../../core/idempotency";
import type { MutationFailure } from "../../core/failures";
import type { OrgEvent } from "../../core/protocol";

/** One cell of a save: amounts as typed (both null clears the cell), and the version it was typed over. */
export type CellSave = {
  campaignId: string;
  weekStart: string;
  adSpend: string | null;
  sales: string | null;
  version?: number;
};

export type SaveState =
  /** On its way, or queued behind another save. */
  | "sending"
  /** Its last attempt failed to reach the server: sent again later, with the same key. */
  | "waiting"
  /** Refused (a conflict, or values the server will not take): waits for the user. */
  | "refused";

export type Save = {
  key: string;
  cells: CellSave[];
  state: SaveState;
  /** Why it was refused. */
  error?: MutationFailure;
  /** Why its last attempt did not get through (it is sent again). */
  note?: string;
  /** Whether it is one typed cell or a pasted block (a block's refusal is shown above the grid). */
  kind: "cell" | "paste";
  /** Cells whose version follows an earlier save of the same cell, still unsent when this was made. */
  follows: Set<string>;
};

export type SendResult =
  | { ok: true; events: OrgEvent[] }
  | { ok: false; error: MutationFailure }
  /** The request did not get an answer the app can read: try again later. */
  | { ok: "retry"; note: string };

export type Sender = (save: { key: string; cells: CellSave[] }) => Promise<SendResult>;

/** A save as kept on the device, to be restored by a later page. */
export type KeptSave = Pick<Save, "key" | "cells" | "kind" | "follows">;

/** Holds saves that have not landed where a reload cannot lose them. */
export type Keeper = {
  keep(save: KeptSave): Promise<unknown>;
  forget(key: string): Promise<unknown>;
};

const cellOf = (cell: CellSave) => cellKey(cell.campaignId, cell.weekStart);
const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

export class SaveQueue {
  private saves: Save[] = [];
  private running = false;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Saves the keeper holds: closing the tab does not lose them. */
  private kept = new Set<string>();
  private keeper: Keeper | null = null;

  constructor(
    private readonly send: Sender,
    private readonly onChange: (saves: readonly Save[]) => void,
    private readonly onCommitted: (events: OrgEvent[]) => void,
  ) {}

  get all(): readonly Save[] {
    return this.saves;
  }

  /**
   * Whether closing the tab would lose a typed value: one still on its way that is not kept on the
   * device yet (a refused one the user has seen).
   */
  get unsaved(): boolean {
    return this.saves.some((save) => save.state !== "refused" && !this.kept.has(save.key));
  }

  /**
   * From now on saves are kept on the device (those made so far too), and the saves an earlier
   * page kept and did not land come back, oldest first, ahead of any made here; they are sent
   * again with their own keys, so one that did land meanwhile is not applied twice.
   */
  attach(keeper: Keeper, kept: KeptSave[]): void {
    this.keeper = keeper;
    for (const save of this.saves) if (save.state !== "refused") this.keep(save);
    this.restore(kept);
  }

  private restore(saves: KeptSave[]): void {
    const known = new Set(this.saves.map((save) => save.key));
    const restored = saves.filter((save) => !known.has(save.key)).map((save): Save => ({ ...save, state: "sending" }));
    if (restored.length === 0) return;
    for (const save of restored) this.kept.add(save.key);
    this.saves = [...restored, ...this.saves];
    this.changed();
    void this.run();
  }

  /**
   * Queues cells to save; a cell already waiting to be saved is chained after that save. With
   * `refusal` (values the browser already knows the server refuses) it is shown as refused at once,
   * instead of waiting its turn behind saves that cannot be sent. Returns the save's key.
   */
  add(cells: CellSave[], kind: Save["kind"] = "cell", refusal?: MutationFailure): string {
    const follows = new Set<string>();
    const chained = cells.map((cell) => {
      const earlier = this.latestUnsent(cellOf(cell));
      if (!earlier) return cell;
      follows.add(cellOf(cell));
      return { ...cell, version: earlier.version };
    });
    const state: SaveState = refusal ? "refused" : "sending";
    const key = newIdempotencyKey();
    const save: Save = { key, cells: chained, state, error: refusal, kind, follows };
    this.saves = [...this.saves, save];
    // What the browser already refuses is not a number the org's format can read: it is shown
    // until the user edits or discards it, but not kept to come back after a reload.
    if (!refusal) this.keep(save);
    this.changed();
    void this.run();
    return key;
  }

  /** Drops a save (and its refusal) for good: the cell shows what the server has. */
  discard(key: string): void {
    this.saves = this.saves.filter((save) => save.key !== key);
    this.forget(key);
    this.changed();
    void this.run();
  }

  /** Sends what waits now instead of at its next retry (the network or the socket came back). */
  retryNow(): void {
    this.attempts = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.saves = this.saves.map((save) => (save.state === "waiting" ? { ...save, state: "sending" } : save));
    this.changed();
    void this.run();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private latestUnsent(cell: string): CellSave | undefined {
    for (let i = this.saves.length - 1; i >= 0; i--) {
      const save = this.saves[i]!;
      if (save.state === "refused") continue;
      const found = save.cells.find((c) => cellOf(c) === cell);
      if (found) return found;
    }
    return undefined;
  }

  /** Sends the oldest unsent save, then the next, until none is left or the network is gone. */
  private async run(): Promise<void> {
    if (this.running || this.timer) return;
    this.running = true;
    try {
      for (let next = this.nextToSend(); next; next = this.nextToSend()) {
        const result = await this.send({ key: next.key, cells: next.cells });
        if (!this.saves.some((save) => save.key === next.key)) continue; // discarded meanwhile
        if (result.ok === "retry") {
          this.update(next.key, { state: "waiting", note: result.note });
          const delay = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)]!;
          this.timer = setTimeout(() => {
            this.timer = null;
            this.retryNow();
          }, delay);
          return;
        }
        this.attempts = 0;
        if (result.ok) {
          this.saves = this.saves.filter((save) => save.key !== next.key);
          this.forget(next.key);
          this.advanceVersions(result.events);
          this.onCommitted(result.events);
        } else {
          this.update(next.key, { state: "refused", error: result.error });
        }
        this.changed();
      }
    } finally {
      this.running = false;
    }
  }

  private nextToSend(): Save | undefined {
    return this.saves.find((save) => save.state !== "refused");
  }

  /** Saves chained after one that landed now build on the version it made. */
  private advanceVersions(events: OrgEvent[]): void {
    const landed = new Map<string, number | undefined>();
    for (const event of events) {
      if (event.type === "metric.saved")
        landed.set(cellKey(event.data.campaignId, event.data.weekStart), event.data.version);
      if (event.type === "metric.deleted") landed.set(cellKey(event.data.campaignId, event.data.weekStart), undefined);
    }
    // Only the next save of each cell builds on what landed; a later one still follows that next one.
    this.saves = this.saves.map((save) => {
      const chained = [...save.follows].filter((cell) => landed.has(cell));
      if (chained.length === 0) return save;
      const follows = new Set([...save.follows].filter((cell) => !chained.includes(cell)));
      const cells = save.cells.map((cell) =>
        chained.includes(cellOf(cell)) ? { ...cell, version: landed.get(cellOf(cell)) } : cell,
      );
      for (const cell of chained) landed.delete(cell);
      const advanced = { ...save, cells, follows };
      this.keep(advanced);
      return advanced;
    });
  }

  /** A keeper that fails (private browsing, a full disk) leaves the save unkept: the tab asks before closing. */
  private keep(save: Save): void {
    this.keeper?.keep(save).then(
      () => this.kept.add(save.key),
      () => this.kept.delete(save.key),
    );
  }

  private forget(key: string): void {
    this.kept.delete(key);
    void this.keeper?.forget(key).catch(() => {});
  }

  private update(key: string, patch: Partial<Save>): void {
    this.saves = this.saves.map((save) => (save.key === key ? { ...save, ...patch } : save));
    this.changed();
  }

  private changed(): void {
    this.onChange(this.saves);
  }
}
