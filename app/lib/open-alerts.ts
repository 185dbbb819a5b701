/**
 * The header's count of open alerts, kept live: the page's loader gives the count it read, and
 * the org's socket (on any page that has one) reports each change, for the org it is of.
 */
import { useSyncExternalStore } from "react";

let latest: { orgId: string; open: number; version: number } | null = null;
const listeners = new Set<() => void>();

export function reportOpenAlerts(orgId: string, open: number): void {
  latest = { orgId, open, version: (latest?.version ?? 0) + 1 };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The org's open alerts: the socket's latest word, else the loader's. `version` moves with each word. */
export function useOpenAlerts(orgId: string, loaded: number): { open: number; version: number } {
  const current = useSyncExternalStore(
    subscribe,
    () => latest,
    () => null,
  );
  return current?.orgId === orgId ? current : { open: loaded, version: 0 };
}
