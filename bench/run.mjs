#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another; each prints its table and writes JSON
// under bench/results/; then the side-by-side summary of all of them.
import { execFileSync } from "node:child_process";

const BENCHMARKS = [
  "bench/startup.mjs",
  "bench/cold-start.mjs",
  "bench/edit-latency.mjs",
  "bench/fanout.mjs",
  "bench/presence-flood.mjs",
  "bench/write-throughput.mjs",
  "bench/csv-import.mjs",
  "bench/page-latency.mjs",
  "bench/slow-network.mjs",
  "bench/summary.mjs",
];

for (const script of BENCHMARKS) {
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
