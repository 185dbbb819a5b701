/**
 * The grid's unsent saves kept on this device (IndexedDB, through idb-keyval), so an edit made
 * offline survives closing the tab or reloading the page (ADR 022). One record per save, under
 * its idempotency key: tabs of the same grid never overwrite each other's saves, and a save
 * restored in two tabs is still applied once. Records are scoped to the signed-in user and org
 * (and the client whose grid they belong to); signing out drops them all, after a warning (the
 * sign-out answer's Clear-Site-Data).
 */
import { createStore, del, entries, set, type UseStore } from "idb-keyval";
import type { CellSave, Keeper, KeptSave, Save } from "./save-queue";

/** Whose and which grid's saves; the client's name only labels them elsewhere in the org. */
export type PendingScope = { userId: string; orgId: string; clientId: string; clientName: string };

type StoredSave = PendingScope & {
  key: string;
  cells: CellSave[];
  kind: Save["kind"];
  follows: string[];
  /** Keeps the order the saves were made in (they are sent in that order). */
  order: number;
};

let store: UseStore | undefined;
// Opened on first use, not when the module loads (the sign-out question loads it to count only).
const pendingStore = () => (store ??= createStore("celerity-pending", "saves"));

let made = 0;
/** Milliseconds, with room for 1,000 saves within one of them. */
const nextOrder = () => Date.now() * 1000 + (made++ % 1000);

/** Keeps (or updates) a save; resolves once it is on the device. */
function keepSave(scope: PendingScope, save: KeptSave, order?: number) {
  const stored: StoredSave = {
    ...scope,
    key: save.key,
    cells: save.cells,
    kind: save.kind,
    follows: [...save.follows],
    order: order ?? nextOrder(),
  };
  return set(save.key, stored, pendingStore()).then(() => stored.order);
}

const forgetSave = (key: string) => del(key, pendingStore());

async function all(): Promise<StoredSave[]> {
  const rows = await entries<string, StoredSave>(pendingStore());
  return rows.map(([, value]) => value).sort((a, b) => a.order - b.order);
}

/** The saves kept for one client's grid, oldest first. */
async function pendingSaves(scope: PendingScope) {
  const saves = await all();
  return saves
    .filter((s) => s.userId === scope.userId && s.orgId === scope.orgId && s.clientId === scope.clientId)
    .map((s) => ({ key: s.key, cells: s.cells, kind: s.kind, follows: new Set(s.follows), order: s.order }));
}

/** The org's clients with changes waiting on this device for the user, and how many cells each. */
export async function pendingClients(userId: string, orgId: string) {
  const clients = new Map<string, { name: string; cells: number }>();
  for (const s of await all()) {
    if (s.userId !== userId || s.orgId !== orgId) continue;
    const client = clients.get(s.clientId) ?? { name: s.clientName, cells: 0 };
    clients.set(s.clientId, { ...client, cells: client.cells + s.cells.length });
  }
  return [...clients].map(([id, client]) => ({ id, ...client }));
}

/** How many cells wait on this device, whoever made them (signing out drops them all). */
export async function pendingCellCount(): Promise<number> {
  return (await all()).reduce((n, s) => n + s.cells.length, 0);
}

/** Keeps a grid's saves on the device, each in the order it was first made (an update keeps its place). */
export function deviceKeeper(scope: PendingScope): Keeper & { kept(): Promise<KeptSave[]> } {
  const orders = new Map<string, number>();
  return {
    keep: (save) => keepSave(scope, save, orders.get(save.key)).then((order) => orders.set(save.key, order)),
    forget: (key) => {
      orders.delete(key);
      return forgetSave(key);
    },
    kept: async () => {
      const saves = await pendingSaves(scope);
      for (const save of saves) orders.set(save.key, save.order);
      return saves;
    },
  };
}
