#!/usr/bin/env node
// Presence flood: one viewer's socket sends 30,000 presence frames in about 3 s, each moving its
// cursor, while 10 teammates have the same client's grid open and an account manager saves 10
// cells. Counts the frames the flood costs the teammates, times each save's arrival at all of
// them, and tells how the flooding socket ended (issue 11, item 4).
// Usage: node bench/presence-flood.mjs   (writes bench/results/presence-flood.json)
import WebSocket from "ws";
import { ms, now, report, saveCell, startDemo, summarize } from "./lib.mjs";

const TEAMMATES = 10;
const FRAMES = 30_000;
const FLOOD_MS = 3_000;
const EDITS = 10;
const state = ".wrangler/bench-presence-state";

const { app, orgId, cookies, writer, clientId, campaignId } = await startDemo({
  state,
  port: 8797,
  members: TEAMMATES + 1,
});
const [flooderCookie, ...teammateCookies] = cookies;
try {
  const socketUrl = `${app.url.replace("http", "ws")}/parties/org-hub/${orgId}`;
  const open = (cookie) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(socketUrl, { headers: { Origin: app.url, Cookie: cookie } });
      ws.frames = 0;
      ws.arrivals = new Map();
      ws.on("message", (raw) => {
        ws.frames++;
        const message = JSON.parse(String(raw));
        if (message.t === "event") ws.arrivals.set(message.event.data.adSpendCents, now());
      });
      ws.once("open", () => resolve(ws)).once("error", reject);
    });
  const teammates = await Promise.all(teammateCookies.map(open));
  for (const ws of teammates) ws.send(JSON.stringify({ t: "presence", clientId, cell: null }));
  const flooder = await open(flooderCookie);
  let closed = "stayed open";
  flooder.on("close", (code) => (closed = `closed ${code}`));
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const ws of teammates) ws.frames = 0;

  const flood = (async () => {
    const perTick = FRAMES / (FLOOD_MS / 10);
    for (let sent = 0; sent < FRAMES && flooder.readyState === WebSocket.OPEN; ) {
      for (let i = 0; i < perTick && sent < FRAMES; i++, sent++) {
        flooder.send(JSON.stringify({ t: "presence", clientId, cell: `${campaignId}:${sent}` }));
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  const latencies = [];
  let failed = 0;
  let version;
  for (let i = 0; i < EDITS; i++) {
    await new Promise((resolve) => setTimeout(resolve, FLOOD_MS / EDITS));
    const cents = 700_000 + i;
    const sent = now();
    const response = await saveCell(app.url, writer, clientId, {
      campaignId,
      weekStart: "2031-02-03",
      adSpend: (cents / 100).toFixed(2),
      sales: "1000",
      version,
    });
    if (!response.ok) {
      failed++;
      continue;
    }
    version = (version ?? 0) + 1;
    const deadline = now() + 15_000;
    while (teammates.some((ws) => !ws.arrivals.has(cents)) && now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 1));
    if (teammates.some((ws) => !ws.arrivals.has(cents))) failed++;
    else latencies.push(Math.max(...teammates.map((ws) => ws.arrivals.get(cents))) - sent);
  }
  await flood;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const edits = summarize(latencies);
  const frames = teammates.reduce((sum, ws) => sum + ws.frames, 0);
  report("presence-flood", [
    {
      teammates: TEAMMATES,
      "flood frames": FRAMES,
      "frames to teammates": frames,
      flooder: closed,
      "save→all p50 ms": ms(edits.p50),
      "save→all max ms": ms(edits.max),
      "saves lost or late": failed,
    },
  ]);
  for (const ws of [...teammates, flooder]) ws.terminate();
} finally {
  await app.stop();
}
