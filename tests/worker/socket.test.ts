import { abortAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventsIn, hubOf, makeMember, makeOrg, openSocket } from "./helpers";

async function orgWithTwoMembers() {
  const org = await makeOrg();
  const editor = await makeMember(org.id, "account_manager");
  const viewer = await makeMember(org.id, "viewer");
  return { org, editor, viewer, hub: await hubOf(org.id) };
}

describe("the org socket", () => {
  it("tells a new socket where the org's log stands", async () => {
    const { org, editor, hub } = await orgWithTwoMembers();
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Acme" }] });
    const socket = await openSocket(org.id, editor.cookie);
    await socket.until((m) => m.some((x) => x.t === "synced"));
    expect(socket.messages).toEqual([{ t: "synced", seq: 1 }]);
    socket.close();
  });

  it("broadcasts every committed change to every open page of the org, in order", async () => {
    const { org, editor, viewer, hub } = await orgWithTwoMembers();
    const a = await openSocket(org.id, editor.cookie);
    const b = await openSocket(org.id, viewer.cookie);
    await Promise.all([a.until((m) => m.length > 0), b.until((m) => m.length > 0)]);
    await hub.mutate(editor.actor, {
      mutations: [
        { kind: "client.create", name: "Acme" },
        { kind: "client.create", name: "Globex" },
      ],
    });
    for (const socket of [a, b]) {
      const received = eventsIn(await socket.until((m) => eventsIn(m).length === 2, "two events"));
      expect(received.map((e) => [e.seq, e.type, e.data])).toEqual([
        [1, "client.created", expect.objectContaining({ name: "Acme" })],
        [2, "client.created", expect.objectContaining({ name: "Globex" })],
      ]);
      socket.close();
    }
  });

  it("does not leak one org's changes to another org's sockets", async () => {
    const first = await orgWithTwoMembers();
    const second = await orgWithTwoMembers();
    const watcher = await openSocket(second.org.id, second.viewer.cookie);
    await watcher.until((m) => m.length > 0);
    await first.hub.mutate(first.editor.actor, { mutations: [{ kind: "client.create", name: "Secret client" }] });
    await second.hub.mutate(second.editor.actor, { mutations: [{ kind: "client.create", name: "Own client" }] });
    const events = eventsIn(await watcher.until((m) => eventsIn(m).length === 1));
    expect(events.map((e) => e.data)).toEqual([expect.objectContaining({ name: "Own client" })]);
    watcher.close();
  });

  it("catches a reconnecting socket up from its last seq, even after the object was evicted", async () => {
    const { org, editor, viewer, hub } = await orgWithTwoMembers();
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Seen" }] });
    const first = await openSocket(org.id, viewer.cookie);
    await first.until((m) => m.some((x) => x.t === "synced"));
    first.close();

    // While the viewer is away: two changes, then the object is evicted from memory.
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Missed 1" }] });
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Missed 2" }] });
    await abortAllDurableObjects();

    const again = await openSocket(org.id, viewer.cookie, 1);
    const messages = await again.until((m) => m.some((x) => x.t === "synced"));
    const replayed = eventsIn(messages);
    expect(replayed.map((e) => e.seq)).toEqual([2, 3]);
    expect(messages.at(-1)).toEqual({ t: "synced", seq: 3 });

    // And it stays live after the replay: the next change arrives once, with the next seq.
    const fresh = await hubOf(org.id);
    await fresh.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Live" }] });
    const all = eventsIn(await again.until((m) => eventsIn(m).length === 3));
    expect(all.map((e) => e.seq)).toEqual([2, 3, 4]);
    again.close();
  });
});
