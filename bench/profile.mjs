#!/usr/bin/env node
// Where a page's server time goes: loads one path on the bundle under autocannon while the V8
// profiler of workerd samples, then prints the functions with the most self time, summed by
// function and by source module. Needs the state page-latency.mjs leaves behind.
// Usage: node bench/profile.mjs <path> [seconds=5] [method=GET]
import autocannon from "autocannon";
import { writeFileSync } from "node:fs";
import WebSocket from "ws";
import { signIn, startBundle } from "./lib.mjs";

const path = process.argv[2] ?? "/o/bench-5";
const seconds = Number(process.argv[3] ?? 5);
const state = ".wrangler/bench-pages-state";
const inspectorPort = 9339;

const app = await startBundle({ port: 8798, persistTo: state, inspectorPort });
try {
  const cookie = await signIn(app.url, "admin@demo.test");
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json();
  const target = targets.find((t) => t.title?.includes("celerity")) ?? targets[0];
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve) => socket.once("open", resolve));
  let id = 0;
  const pending = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    pending.get(message.id)?.(message.result);
  });
  const send = (method, params = {}) => new Promise((resolve) => { pending.set(++id, resolve); socket.send(JSON.stringify({ id, method, params })); });
  for (let i = 0; i < 50; i++) await (await fetch(app.url + path, { headers: { Cookie: cookie } })).text();
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 100 });
  await send("Profiler.start");
  const result = await autocannon({ url: app.url + path, connections: 10, duration: seconds, headers: { Cookie: cookie } });
  const { profile } = await send("Profiler.stop");
  socket.close();
  writeFileSync("bench/results/profile.cpuprofile", JSON.stringify(profile));
  const total = profile.samples.length;
  const selfByNode = new Map();
  for (const sample of profile.samples) selfByNode.set(sample, (selfByNode.get(sample) ?? 0) + 1);
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const count = selfByNode.get(node.id) ?? 0;
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`${path}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms; ${total} samples`);
  for (const [key, count] of top) console.log(`${((count / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
} finally {
  await app.stop();
}
