/**
 * Injected faults (issue 13): the org's object aborted in the middle of a stream of edits,
 * sockets dropped and resumed from their last seq, edits retried with their keys. Every
 * acknowledged edit must be stored and seen exactly once by every client; nothing refused may be
 * written.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../core/limits";
import { parseServerMessage } from "../../core/protocol";
import { shiftWeek } from "../../core/weeks";
import { hubOf, makeCampaignOrg, openSocket } from "./helpers";

/** A client as the browser is: applies events in seq order, resumes from its last seq when dropped. */
async function resumingClient(orgId: string, cookie: string, since: number) {
  const client = { seq: since, seen: [] as number[], repeats: 0, gaps: 0, reloads: 0, reconnects: 0 };
  let stopped = false;
  let socket: Awaited<ReturnType<typeof openSocket>> | null = null;
  async function connect(): Promise<void> {
    socket = await openSocket(orgId, cookie, client.seq);
    socket.ws.addEventListener("message", (raw) => {
      const message = parseServerMessage(String(raw.data));
      if (message?.t === "reload") client.reloads++;
      if (message?.t !== "event") return;
      if (message.event.seq <= client.seq) client.repeats++;
      else {
        if (message.event.seq !== client.seq + 1) client.gaps++;
        client.seq = message.event.seq;
        client.seen.push(message.event.seq);
      }
    });
    socket.ws.addEventListener("close", () => {
      if (stopped) return;
      client.reconnects++;
      void connect();
    });
  }
  await connect();
  return {
    client,
    /** Drops the connection, as a phone going through a tunnel does; the client reconnects. */
    drop: () => socket?.ws.close(1001, "going away"),
    stop: () => {
      stopped = true;
      socket?.close();
    },
  };
}

/** Sends one batch until it is answered, retrying with the same key when the call fails. */
async function sendUntilAnswered(orgId: string, send: (hub: Awaited<ReturnType<typeof hubOf>>) => Promise<unknown>) {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await send(await hubOf(orgId));
    } catch {
      // The object was aborted under the call: a fresh stub reaches the restarted object.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error("no answer after 20 attempts");
}

describe("faults", () => {
  it("an aborted object and dropped sockets lose no acknowledged edit and write no refused one", async () => {
    const { org, editor, viewer, hub, ids } = await makeCampaignOrg();
    const start = (await hub.stats()).seq;
    const clients = [
      await resumingClient(org.id, editor.cookie, start),
      await resumingClient(org.id, viewer.cookie, start),
    ];
    const acknowledged = new Map<string, number>();
    const refusedWeeks = new Set<string>();
    const EDITS = 40;
    for (let i = 0; i < EDITS; i++) {
      const weekStart = shiftWeek("2026-01-05", i);
      // Every seventh edit is refused by the object (over the spend limit): it must leave no trace.
      const refused = i % 7 === 3;
      const adSpendCents = refused ? LIMITS.spendCents + 1 : 100 * (i + 1);
      const batch = {
        mutationId: `fault-test-key-${org.id.slice(0, 8)}-${i}`.padEnd(24, "x"),
        mutations: [{ kind: "metric.save" as const, campaignId: ids.campaign, weekStart, adSpendCents, salesCents: 1 }],
      };
      const sending = sendUntilAnswered(org.id, (h) => h.mutate(editor.actor, batch));
      // Faults while the edit is in flight: the object aborted twice, sockets dropped twice.
      if (i === 13 || i === 27) await abortAllDurableObjects();
      if (i === 7 || i === 33) for (const c of clients) c.drop();
      const result = (await sending) as { ok: boolean };
      // A retry of an edit that had landed before the abort is answered from its key, once.
      const again = (await sendUntilAnswered(org.id, (h) => h.mutate(editor.actor, batch))) as { ok: boolean };
      expect(again.ok).toBe(result.ok);
      if (result.ok) acknowledged.set(weekStart, adSpendCents);
      else refusedWeeks.add(weekStart);
      expect(result.ok).toBe(!refused);
    }

    const fresh = await hubOf(org.id);
    const final = (await fresh.stats()).seq;
    // One event per acknowledged edit: retries and aborts added none, refusals none.
    expect(final - start).toBe(acknowledged.size);
    const grid = await fresh.clientGrid(ids.client, "2026-01-05", shiftWeek("2026-01-05", EDITS));
    const stored = new Map(grid!.metrics.map((m) => [m.weekStart, m.adSpendCents]));
    expect(stored).toEqual(acknowledged);
    for (const week of refusedWeeks) expect(stored.has(week)).toBe(false);

    // Every client saw every event once, in order, whatever it went through.
    const deadline = Date.now() + 3000;
    while (clients.some((c) => c.client.seq < final) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const { client, stop } of clients) {
      stop();
      expect(client.seen).toEqual(Array.from({ length: final - start }, (_, i) => start + i + 1));
      expect({ repeats: client.repeats, gaps: client.gaps, reloads: client.reloads }).toEqual({
        repeats: 0,
        gaps: 0,
        reloads: 0,
      });
      expect(client.reconnects).toBeGreaterThanOrEqual(4);
    }
  });
});
