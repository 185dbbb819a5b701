/**
 * The grid's save queue in a page (app/lib/save-queue.ts): sends each save to the client's
 * `cells` endpoint, keeps it on the device until it lands (app/lib/pending-saves.ts) and takes
 * back what an earlier page left unsent, re-sends what waits as soon as the network or the org
 * socket is back, and asks before the tab closes while something typed is neither landed nor kept.
 */
import { useEffect, useRef, useState } from "react";
import type { NumberFormat } from "../../core/decimal";
import { LIMITS } from "../../core/limits";
import { parseAmount } from "../../core/money";
import type { PendingScope } from "~/lib/pending-saves";
import { type CellSave, type Save, SaveQueue, type SendResult } from "~/lib/save-queue";
import type { MutationFailure } from "../../core/failures";
import type { OrgEvent } from "../../core/protocol";

/** The same reading of amounts as the server's (so a bad value is refused at once, even offline). */
function checkLocally(cells: CellSave[], format: NumberFormat): MutationFailure | null {
  const issues = cells.flatMap((cell, i) =>
    (["adSpend", "sales"] as const).flatMap((field) => {
      const text = cell[field];
      if (text === null) return [];
      const parsed = parseAmount(text, format, field === "adSpend" ? LIMITS.spendCents : LIMITS.salesCents);
      return parsed.ok ? [] : [{ path: `cells.${i}.${field}`, message: parsed.message }];
    }),
  );
  return issues.length > 0 ? { code: "invalid", message: "Some values are not valid", issues } : null;
}

async function send(url: string, save: { key: string; cells: CellSave[] }): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ mutationId: save.key, cells: save.cells }),
      redirect: "manual",
    });
  } catch {
    return { ok: "retry", note: navigator.onLine ? "The server could not be reached" : "You are offline" };
  }
  if (response.type === "opaqueredirect" || response.status === 401)
    return { ok: "retry", note: "You were signed out: sign in again in another tab to save" };
  if (response.status >= 500 || response.status === 429) return { ok: "retry", note: "The server did not answer" };
  // Our own endpoint's answer: the result of OrgHub.mutate (or the endpoint's refusal), as JSON.
  const body = (await response.json().catch(() => null)) as
    | { ok: true; events: OrgEvent[] }
    | { ok: false; error: MutationFailure }
    | null;
  if (!body || typeof body.ok !== "boolean") return { ok: "retry", note: "The server's answer could not be read" };
  return body.ok ? { ok: true, events: body.events } : { ok: false, error: body.error };
}

export function useSaveQueue({
  url,
  scope,
  format,
  onCommitted,
}: {
  url: string;
  /** Whose and which grid's saves these are, on this device. */
  scope: PendingScope;
  format: NumberFormat;
  onCommitted: (events: OrgEvent[]) => void;
}) {
  const [saves, setSaves] = useState<readonly Save[]>([]);
  const latest = useRef({ url, format, onCommitted });
  latest.current = { url, format, onCommitted };
  const [queue] = useState(
    () =>
      new SaveQueue(
        (save) => send(latest.current.url, save),
        setSaves,
        (events) => latest.current.onCommitted(events),
      ),
  );

  // The device's keeper loads after the grid shows (IndexedDB is not needed to draw it); what an
  // earlier page of this grid kept and did not send (offline, closed, reloaded) then goes first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per grid
  useEffect(() => {
    import("~/lib/pending-saves")
      .then(async (device) => {
        const keeper = device.deviceKeeper(scope);
        queue.attach(keeper, await keeper.kept());
      })
      .catch(() => {}); // no IndexedDB here (private browsing): the tab asks before closing instead
  }, [queue]);

  useEffect(() => {
    const online = () => queue.retryNow();
    // Closing the tab would lose what has not landed: the browser asks first.
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!queue.unsaved) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", beforeUnload);
      queue.stop();
    };
  }, [queue]);

  return {
    saves,
    add: (cells: CellSave[], kind?: Save["kind"]) =>
      queue.add(cells, kind, checkLocally(cells, latest.current.format) ?? undefined),
    discard: (key: string) => queue.discard(key),
    retryNow: () => queue.retryNow(),
  };
}
