#!/usr/bin/env node
// The side-by-side table: each benchmark's headline figures from bench/results/*.json, next to
// its baseline (measured in the same run) and the target it is held to.
// Usage: node bench/summary.mjs   (run by `npm run bench` after the benchmarks)
import { existsSync, readFileSync } from "node:fs";

const results = (name) => {
  const file = `bench/results/${name}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).rows : [];
};
const rows = [];
const add = (benchmark, figure, measured, baseline, target, met) =>
  rows.push({
    benchmark,
    figure,
    measured,
    baseline: baseline ?? "",
    target: target ?? "",
    met: met === undefined ? "" : met ? "yes" : "NO",
  });

for (const r of results("fanout")) {
  const limit = { 100: 50, 1000: 250 }[r.clients];
  add(
    "fan-out",
    `${r.clients} sockets: ack → every socket, p99 ms`,
    r["ack→all p99"],
    r["baseline ack→all p99"],
    limit && `≤ ${limit}`,
    limit && r["ack→all p99"] <= limit,
  );
  add(
    "fan-out",
    `${r.clients} sockets: broadcast spread (first → each socket), p99 ms`,
    r["spread p99"],
    r["baseline spread p99"],
    r.clients === 100 ? "≤ 2× baseline" : "",
    r.clients === 100 ? r["ratio spread p99"] <= 2 : undefined,
  );
}

for (const r of results("presence-flood")) {
  add(
    "presence flood",
    `${r["flood frames"]} frames from one socket: frames to ${r.teammates} teammates`,
    r["frames to teammates"],
    "",
    "≤ 1,000",
    r["frames to teammates"] <= 1000,
  );
  add(
    "presence flood",
    "saves during the flood: send → all teammates, max ms",
    r["save→all max ms"],
    "",
    "≤ 250",
    r["save→all max ms"] <= 250,
  );
}

const [app, object, sqlite] = results("write-throughput");
if (app) {
  add(
    "write throughput",
    "full stack on one local thread: edits/s",
    app["edits/s"],
    sqlite?.["edits/s"],
    "≥ 500",
    app["edits/s"] >= 500,
  );
  add(
    "write throughput",
    "full stack: ack p99 ms",
    app["ack p99"],
    sqlite?.["ack p99"],
    "≤ 100",
    app["ack p99"] <= 100,
  );
}
if (object) {
  add(
    "write throughput",
    "org object alone: edits/s",
    object["edits/s"],
    sqlite?.["edits/s"],
    "≥ 500",
    object["edits/s"] >= 500,
  );
  add(
    "write throughput",
    "org object alone: ack p99 ms",
    object["ack p99"],
    sqlite?.["ack p99"],
    "≤ 100",
    object["ack p99"] <= 100,
  );
}

for (const r of results("page-latency")) {
  const label = `${r.page}, ${Math.round(r.rows / 1000)}k rows`;
  add(
    "page latency",
    `${label}, 1 connection: p50 / p99 ms`,
    `${r["1 conn p50"]} / ${r["1 conn p99"]}`,
    "",
    "≤ 15 / ≤ 50",
    r["1 conn p50"] <= 15 && r["1 conn p99"] <= 50,
  );
  const baseline =
    r["baseline req/s"] === undefined
      ? ""
      : `${r["baseline 10 conn p50"]} / ${r["baseline 10 conn p99"]} (${r["baseline req/s"]} req/s)`;
  add(
    "page latency",
    `${label}, 10 connections: p50 / p99 ms (${r["req/s"]} req/s)`,
    `${r["10 conn p50"]} / ${r["10 conn p99"]}`,
    baseline,
    "≤ 15 / ≤ 50",
    r["10 conn p50"] <= 15 && r["10 conn p99"] <= 50,
  );
}

for (const r of results("slow-network")) {
  const lcp = r.target === "≤ 2500";
  add(
    "slow 4G + 4× CPU",
    `${r.figure}, p50 ms`,
    r.p50,
    "",
    lcp ? "≤ 2500" : "",
    lcp ? r.p50 <= 2500 && r.max <= 2500 : undefined,
  );
}

for (const r of results("cold-start")) add("cold start", `${r.figure}, p50 ms`, r.p50);

const bundle = results("startup").find((r) => r.figure === "Worker bundle, gzipped");
if (bundle) add("budgets", "Worker bundle, gzipped KiB", bundle.value, "", "≤ 1024", bundle.value <= 1024);

console.log("\nsummary: measured on this machine, baseline from the same run");
console.table(rows);
