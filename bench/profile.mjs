#!/usr/bin/env node
// Where the server's time goes: loads one page on the bundle under autocannon (10 connections), or
// saves grid cells with 16 concurrent writers (`edits`), while workerd's V8 profiler samples; then
// prints self time by package or source file and by function, mapped to the sources through the
// bundle's source map. Writes bench/results/profile.cpuprofile (open it in Chrome DevTools).
// Needs the state page-latency.mjs leaves behind (orgs bench-5, bench-50, bench-500, and demo).
// Usage: node bench/profile.mjs <path | edits> [seconds=5]
import autocannon from "autocannon";
import { readFileSync, writeFileSync } from "node:fs";
import { SourceMapConsumer } from "source-map-js";
import WebSocket from "ws";
import { firstClientGrid, saveCell, now, signIn, startBundle } from "./lib.mjs";

const target = process.argv[2] ?? "/o/bench-50";
const seconds = Number(process.argv[3] ?? 5);
const inspectorPort = 9339;

/** Talks to workerd's inspector (Chrome DevTools protocol) over its WebSocket. */
async function inspector() {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json();
  const target = targets.find((t) => t.title?.includes("celerity"));
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve) => socket.once("open", resolve));
  let id = 0;
  const pending = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    pending.get(message.id)?.(message.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

const app = await startBundle({ port: 8798, persistTo: ".wrangler/bench-pages-state", inspectorPort });
/** Loads a page: returns what to print about the load. */
async function loadPage(cookie) {
  for (let i = 0; i < 50; i++) await (await fetch(app.url + target, { headers: { Cookie: cookie } })).text(); // warm
  return async () => {
    const result = await autocannon({
      url: app.url + target,
      connections: 10,
      duration: seconds,
      headers: { Cookie: cookie },
    });
    return `${target}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms`;
  };
}

/** Saves grid cells of the demo org, each writer its own cell of a week nobody else uses. */
async function loadEdits(cookie) {
  const { clientId, campaignIds } = await firstClientGrid(app.url, cookie);
  const week = new Date(Date.UTC(2030, 0, 7) + (Date.now() % 500) * 7 * 86_400_000).toISOString().slice(0, 10);
  return async () => {
    let saved = 0;
    const until = now() + seconds * 1000;
    const writer = async (campaignId) => {
      for (let version; now() < until; ) {
        const response = await saveCell(app.url, cookie, clientId, {
          campaignId,
          weekStart: week,
          adSpend: "100",
          sales: String(200 + saved),
          version,
        });
        if (!response.ok) throw new Error(`edit refused: ${response.status}`);
        version = (version ?? 0) + 1;
        saved++;
      }
    };
    await Promise.all(campaignIds.slice(0, 16).map(writer));
    return `grid edits: ${Math.round(saved / seconds)} edits/s`;
  };
}

let profile;
let outcome;
try {
  const cookie = await signIn(app.url, target === "edits" ? "am@demo.test" : "admin@demo.test");
  const load = target === "edits" ? await loadEdits(cookie) : await loadPage(cookie);
  const v8 = await inspector();
  await v8.send("Profiler.enable");
  await v8.send("Profiler.setSamplingInterval", { interval: 100 });
  await v8.send("Profiler.start");
  outcome = await load();
  ({ profile } = await v8.send("Profiler.stop"));
  v8.close();
} finally {
  await app.stop();
}
writeFileSync("bench/results/profile.cpuprofile", JSON.stringify(profile));

// Self time per sample node, named by the source it maps to.
const sourceMap = new SourceMapConsumer(JSON.parse(readFileSync("dist/index.js.map", "utf8")));
const hits = new Map();
for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);
const byModule = new Map();
const byFunction = new Map();
const add = (map, key, count) => map.set(key, (map.get(key) ?? 0) + count);
for (const node of profile.nodes) {
  const count = hits.get(node.id);
  if (!count) continue;
  const { url, lineNumber, columnNumber, functionName } = node.callFrame;
  if (!url.endsWith("index.js")) {
    add(byModule, "(runtime: native, GC, idle)", count);
    add(byFunction, `${functionName || "(anonymous)"} (native)`, count);
    continue;
  }
  const at = sourceMap.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  const source = at.source ?? "(unmapped)";
  // drizzle-orm's own source maps point one directory up, so its files map to node_modules/src/.
  const inPackage = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  const module = inPackage === "src" ? "drizzle-orm" : (inPackage ?? source.replace(/^(\.\.\/)+/, ""));
  add(byModule, module, count);
  add(
    byFunction,
    `${at.name ?? (functionName || "(anonymous)")} ${source.replace(/^.*node_modules\//, "")}:${at.line}`,
    count,
  );
}
const total = profile.samples.length;
const print = (title, map, rows) => {
  console.log(`\n${title}`);
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${((count / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
};
console.log(`${outcome} under the profiler; ${total} samples`);
print("self time by package or source file", byModule, 15);
print("self time by function", byFunction, 25);
