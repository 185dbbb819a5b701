#!/usr/bin/env node
// Edit → other page: one member saves grid cells (the same request the grid's fetcher sends);
// another member's org socket receives each change. Reports the time from sending the edit to
// its arrival on the other socket, and from the editor's acknowledgement to that arrival.
// Usage: node bench/edit-latency.mjs [edits=300]   (writes bench/results/edit-latency.json)
import WebSocket from "ws";
import {
  firstClientGrid,
  saveCell,
  ms,
  now,
  prepareState,
  queryD1,
  report,
  signIn,
  startApp,
  summarize,
} from "./lib.mjs";

const EDITS = Number(process.argv[2] ?? 300);
const WARMUP = 20;
const state = ".wrangler/bench-edit-state";

prepareState(state);
const [{ id: orgId }] = queryD1(state, "select id from organizations where slug = 'demo'");
const app = await startApp({ port: 8791, persistTo: state });
try {
  const editor = await signIn(app.url, "am@demo.test");
  const watcher = await signIn(app.url, "admin@demo.test");
  const {
    clientId,
    campaignIds: [campaignId],
  } = await firstClientGrid(app.url, editor);

  const socket = new WebSocket(`${app.url.replace("http", "ws")}/parties/org-hub/${orgId}`, {
    headers: { Origin: app.url, Cookie: watcher },
  });
  const arrivals = new Map();
  let waiting = null;
  socket.on("message", (raw) => {
    const message = JSON.parse(String(raw));
    if (message.t !== "event" || message.event.type !== "metric.saved") return;
    arrivals.set(message.event.data.weekStart + message.event.data.adSpendCents, {
      at: now(),
      version: message.event.data.version,
    });
    waiting?.();
  });
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));

  const sendToArrival = [];
  const ackToArrival = [];
  const acks = [];
  let version;
  // A far-future week, so the edits never collide with seeded numbers.
  const week = "2030-01-07";
  for (let i = 0; i < EDITS + WARMUP; i++) {
    const spend = 100 + i;
    const key = week + spend * 100;
    const arrived = new Promise((resolve) => {
      waiting = () => arrivals.has(key) && resolve();
    });
    const sent = now();
    const response = await saveCell(app.url, editor, clientId, {
      campaignId,
      weekStart: week,
      adSpend: spend,
      sales: spend * 3,
      version,
    });
    const acked = now();
    if (!response.ok) throw new Error(`edit ${i} refused: ${response.status}`);
    await Promise.race([
      arrived,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`edit ${i} never arrived`)), 5000)),
    ]);
    const arrival = arrivals.get(key);
    version = arrival.version;
    if (i >= WARMUP) {
      sendToArrival.push(arrival.at - sent);
      ackToArrival.push(arrival.at - acked);
      acks.push(acked - sent);
    }
  }
  socket.close();
  const rows = [
    ["edit sent → other page receives it", summarize(sendToArrival)],
    ["edit sent → editor's acknowledgement", summarize(acks)],
    ["acknowledgement → other page (negative: before the ack)", summarize(ackToArrival)],
  ].map(([figure, s]) => ({ figure, n: s.n, p50: ms(s.p50), p99: ms(s.p99), max: ms(s.max), unit: "ms" }));
  report("edit-latency", rows, { edits: EDITS });
} finally {
  app.stop();
}
