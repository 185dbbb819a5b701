#!/usr/bin/env node
// Fan-out: N sockets of one org (N = 10, 100, 1,000) on the local runtime (the deployable bundle);
// one writer saves grid cells; each edit's arrival at every socket is timed from the writer's
// acknowledgement, from sending, and from its first arrival anywhere (the broadcast's own spread).
// Baseline in the same run: a minimal Node `ws` broadcast server, same N, same payload.
// Usage: node bench/fanout.mjs [sizes=10,100,1000]   (writes bench/results/fanout.json)
import { createServer } from "node:http";
import WebSocket, { WebSocketServer } from "ws";
import { ms, now, report, saveCell, startDemo, summarize } from "./lib.mjs";

const SIZES = (process.argv[2] ?? "10,100,1000").split(",").map(Number);
const EDITS = { 10: 50, 100: 40, 1000: 20 };
const state = ".wrangler/bench-fanout-state";

/** `n` sockets; `headersOf(i)` gives the i-th one's headers (its own session, as one person each). */
async function openAll(n, url, headersOf) {
  const sockets = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => {
      const ws = new WebSocket(url, { headers: headersOf(i + j) });
      ws.received = new Map();
      ws.on("message", (raw) => {
        const at = now();
        const message = JSON.parse(String(raw));
        if (message.t === "event") ws.received.set(message.event.data.adSpendCents ?? message.event.data.spend, at);
      });
      return new Promise((resolve, reject) => ws.once("open", () => resolve(ws)).once("error", reject));
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Sends `edits` writes one after another; each waits until every socket has it. */
async function measure(sockets, edits, write) {
  const fromAck = [];
  const fromSend = [];
  const spread = [];
  for (let i = 0; i < edits; i++) {
    const key = 100_000 + i * 100 + Math.floor(Math.random() * 50);
    const sent = now();
    await write(key);
    const acked = now();
    const deadline = acked + 10_000;
    while (sockets.some((ws) => !ws.received.has(key))) {
      if (now() > deadline) throw new Error(`edit ${i} did not reach every socket`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const first = Math.min(...sockets.map((ws) => ws.received.get(key)));
    for (const ws of sockets) {
      fromAck.push(ws.received.get(key) - acked);
      fromSend.push(ws.received.get(key) - sent);
      spread.push(ws.received.get(key) - first);
      ws.received.delete(key);
    }
  }
  return { fromAck: summarize(fromAck), fromSend: summarize(fromSend), spread: summarize(spread) };
}

// ── The baseline: the least a broadcast can cost here ─────────────────────────────────────────
async function baseline(n, edits, payloadOf) {
  const server = createServer((req, res) => {
    let body = "";
    req
      .on("data", (chunk) => (body += chunk))
      .on("end", () => {
        const message = payloadOf(Number(new URLSearchParams(body).get("key")));
        for (const client of wss.clients) client.send(message);
        res.end("ok");
      });
  });
  const wss = new WebSocketServer({ server });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  const sockets = await openAll(n, `ws://127.0.0.1:${port}`, () => ({}));
  const result = await measure(sockets, edits, async (key) => {
    await (
      await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: new URLSearchParams({ key: String(key) }) })
    ).text();
  });
  for (const ws of sockets) ws.terminate();
  wss.close();
  server.close();
  return result;
}

// One person per socket, as on a real Monday: a session or a person may hold only a few sockets.
const {
  app,
  orgId,
  cookies: watchers,
  writer,
  clientId,
  campaignId,
} = await startDemo({ state, port: 8794, members: Math.max(...SIZES) });
const rows = [];
try {
  let version;
  let sample = "";
  const write = async (key) => {
    const response = await saveCell(app.url, writer, clientId, {
      campaignId,
      weekStart: "2031-01-06",
      adSpend: (key / 100).toFixed(2),
      sales: "1000",
      version,
    });
    if (!response.ok) throw new Error(`write refused: ${response.status}`);
    version = (version ?? 0) + 1;
  };

  for (const n of SIZES) {
    const sockets = await openAll(n, `${app.url.replace("http", "ws")}/parties/org-hub/${orgId}`, (i) => ({
      Origin: app.url,
      Cookie: watchers[i],
    }));
    // The baseline copies one of our event messages (not the socket's other messages, like presence).
    const keepSample = (raw) => {
      if (JSON.parse(String(raw)).t !== "event") return;
      sample ||= String(raw);
      sockets[0].off("message", keepSample);
    };
    sockets[0].on("message", keepSample);
    const ours = await measure(sockets, EDITS[n] ?? 20, write);
    for (const ws of sockets) ws.terminate();
    // The baseline sends a message of the same size and shape as our event.
    const template = sample || JSON.stringify({ t: "event", event: { data: { adSpendCents: 0 } } });
    const base = await baseline(n, EDITS[n] ?? 20, (key) =>
      template.replace(/"adSpendCents":\d+/, `"adSpendCents":${key}`),
    );
    rows.push({
      clients: n,
      edits: EDITS[n] ?? 20,
      "ack→all p50": ms(ours.fromAck.p50),
      "ack→all p99": ms(ours.fromAck.p99),
      "ack→all max": ms(ours.fromAck.max),
      "send→all p99": ms(ours.fromSend.p99),
      "spread p99": ms(ours.spread.p99),
      "baseline ack→all p99": ms(base.fromAck.p99),
      "baseline send→all p99": ms(base.fromSend.p99),
      "baseline spread p99": ms(base.spread.p99),
      "ratio spread p99": Math.round((ours.spread.p99 / base.spread.p99) * 10) / 10,
    });
  }
} finally {
  await app.stop();
}
report("fanout", rows, {
  payloadNote: "baseline messages copy an event message of ours, byte for byte but the amount",
});
