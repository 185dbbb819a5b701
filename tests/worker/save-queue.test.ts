import { describe, expect, it } from "vitest";
import { type CellSave, type Keeper, type KeptSave, SaveQueue, type SendResult } from "../../app/lib/save-queue";
import type { OrgEvent } from "../../core/protocol";

const saved = (cell: CellSave, version: number): OrgEvent => ({
  seq: version,
  type: "metric.saved",
  entity: "metric",
  id: "m1",
  version,
  actor: "u1",
  at: 0,
  data: {
    id: "m1",
    campaignId: cell.campaignId,
    weekStart: cell.weekStart,
    adSpendCents: 1,
    salesCents: 1,
    roasMilli: 1000,
    version,
  },
});

/** A server that is unreachable until `online` is set, and then stores each save once per key. */
function server() {
  const state = {
    online: false,
    version: 0,
    sent: [] as { key: string; version?: number }[],
    applied: new Map<string, OrgEvent[]>(),
  };
  const send = async ({ key, cells }: { key: string; cells: CellSave[] }): Promise<SendResult> => {
    state.sent.push({ key, version: cells[0]!.version });
    if (!state.online) return { ok: "retry", note: "You are offline" };
    const earlier = state.applied.get(key);
    if (earlier) return { ok: true, events: earlier };
    if (cells[0]!.version !== (state.version || undefined))
      return { ok: false, error: { code: "conflict", message: "Someone changed this week meanwhile" } };
    const events = [saved(cells[0]!, ++state.version)];
    state.applied.set(key, events);
    return { ok: true, events };
  };
  return { state, send };
}

/** A device's store in memory: what a keeper holds outlives the queue (the page) that kept it. */
function memoryDevice() {
  const device = new Map<string, KeptSave>();
  const keeper: Keeper = {
    keep: async (save) => void device.set(save.key, save),
    forget: async (key) => void device.delete(key),
  };
  return { device, keeper };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the grid's save queue", () => {
  it("keeps an unsent save, retries it with its key, chains a second edit on the version the first made", async () => {
    const { state, send } = server();
    const committed: OrgEvent[] = [];
    const queue = new SaveQueue(
      send,
      () => {},
      (events) => committed.push(...events),
    );
    const cell = { campaignId: "c1", weekStart: "2026-11-16", adSpend: "1", sales: "1" };
    queue.add([cell]);
    await settle();
    expect(queue.all.map((s) => s.state)).toEqual(["waiting"]);
    queue.add([{ ...cell, adSpend: "2" }]); // typed again while the first waits
    expect(queue.unsaved).toBe(true);

    state.online = true;
    queue.retryNow();
    await settle();
    await settle();
    expect(queue.all).toEqual([]);
    expect(committed.map((e) => e.version)).toEqual([1, 2]);
    // The first save went out twice with one key; the second built on version 1, not on nothing.
    const [first, again, second] = state.sent;
    expect(again!.key).toBe(first!.key);
    expect(second).toEqual({ key: expect.not.stringMatching(first!.key), version: 1 });
    queue.stop();
  });

  it("shows a refusal at once and sends nothing for it; discarding it leaves nothing unsaved", async () => {
    const { state, send } = server();
    const queue = new SaveQueue(
      send,
      () => {},
      () => {},
    );
    queue.add([{ campaignId: "c1", weekStart: "2026-11-16", adSpend: "x", sales: "1" }], "cell", {
      code: "invalid",
      message: "Some values are not valid",
    });
    await settle();
    expect(queue.all.map((s) => s.state)).toEqual(["refused"]);
    expect(queue.unsaved).toBe(false);
    expect(state.sent).toEqual([]);
    queue.discard(queue.all[0]!.key);
    expect(queue.all).toEqual([]);
  });

  it("keeps unsent saves on the device until they land; a later page takes them back, each lands once", async () => {
    const { state, send } = server();
    // The device: what a keeper holds survives the page (here, the first queue).
    const { device, keeper } = memoryDevice();
    const first = new SaveQueue(
      send,
      () => {},
      () => {},
    );
    // One cell typed three times: each save builds on the version the one before makes.
    const cell = (adSpend: string) => ({ campaignId: "c1", weekStart: "2026-11-16", adSpend, sales: "1" });
    first.add([cell("1")]); // made before the keeper arrived: kept when it does
    first.attach(keeper, []);
    first.add([cell("2")]);
    first.add([cell("3")]);
    expect(first.unsaved).toBe(true); // not on the device yet: closing the tab now would lose them
    await settle();
    expect(first.unsaved).toBe(false); // kept: the tab may close without asking
    expect(device.size).toBe(3);
    first.stop(); // the page is closed offline

    // A reload: a new queue takes back the three saves, in order, with their keys.
    state.online = true;
    const landed: OrgEvent[] = [];
    const second = new SaveQueue(
      send,
      () => {},
      (events) => landed.push(...events),
    );
    const kept = [...device.values()];
    second.attach(keeper, kept);
    // Another tab of the same grid took them back too: sent again, still applied once.
    const third = new SaveQueue(
      send,
      () => {},
      (events) => landed.push(...events),
    );
    third.attach(keeper, kept);
    for (let i = 0; i < 8; i++) await settle();
    expect(second.all).toEqual([]);
    expect(third.all).toEqual([]);
    // Three saves applied, one version each, in the order typed.
    expect(state.applied.size).toBe(3);
    expect(state.version).toBe(3);
    expect(new Set(landed.map((e) => e.version))).toEqual(new Set([1, 2, 3]));
    expect(device.size).toBe(0);
  });

  it("does not keep on the device a value the browser refuses: a reload does not bring the error back", async () => {
    const { send } = server();
    const { device, keeper } = memoryDevice();
    const queue = new SaveQueue(
      send,
      () => {},
      () => {},
    );
    const refusal = { code: "invalid" as const, message: "Some values are not valid" };
    queue.add([{ campaignId: "c1", weekStart: "2026-11-16", adSpend: "twelve", sales: "1" }], "cell", refusal);
    queue.attach(keeper, []);
    queue.add([{ campaignId: "c1", weekStart: "2026-11-23", adSpend: "nine", sales: "1" }], "cell", refusal);
    queue.add([{ campaignId: "c1", weekStart: "2026-11-30", adSpend: "1", sales: "1" }]);
    await settle();
    expect(queue.all.filter((s) => s.state === "refused")).toHaveLength(2);
    expect([...device.values()].map((s) => s.cells[0]!.weekStart)).toEqual(["2026-11-30"]);
    queue.stop();
  });
});
