#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another; each prints its table and writes JSON
// under bench/results/.
import { execFileSync } from "node:child_process";

const BENCHMARKS = [
  "bench/startup.mjs",
  "bench/cold-start.mjs",
  "bench/edit-latency.mjs",
  "bench/fanout.mjs",
  "bench/write-throughput.mjs",
  "bench/csv-import.mjs",
  "bench/page-latency.mjs",
  "bench/slow-network.mjs",
];

for (const script of BENCHMARKS) {
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
