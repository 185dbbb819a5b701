#!/usr/bin/env node
// Foundation figures: build time, Worker bundle size (gzipped, as deployed), time from
// `wrangler dev` to the first server-rendered page, and steady-state response times.
// Usage: node bench/startup.mjs   (writes bench/results/startup.json)
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { ms, now, report, startApp, summarize } from "./lib.mjs";

const REQUESTS = 200;
const rows = [];

let t = now();
execFileSync("npx", ["remix", "vite:build"], { stdio: "ignore" });
rows.push({ figure: "build (remix vite:build)", value: ms(now() - t), unit: "ms" });

t = now();
execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "dist"], { stdio: "ignore" });
rows.push({ figure: "bundle (wrangler deploy --dry-run)", value: ms(now() - t), unit: "ms" });
const worker = readFileSync("dist/index.js");
rows.push({ figure: "Worker bundle, raw", value: Math.round(worker.length / 1024), unit: "KiB" });
rows.push({
  figure: "Worker bundle, gzipped",
  value: Math.round(gzipSync(worker, { level: 9 }).length / 1024),
  unit: "KiB",
});

const state = ".wrangler/bench-state";
rmSync(state, { recursive: true, force: true });
const app = await startApp({ port: 8790, persistTo: state });
rows.push({ figure: "wrangler dev start → first SSR response", value: ms(app.readyMs), unit: "ms" });
try {
  for (const path of ["/", "/api/health"]) {
    const samples = [];
    for (let i = 0; i < REQUESTS; i++) {
      const start = now();
      const response = await fetch(app.url + path);
      await response.arrayBuffer();
      samples.push(now() - start);
    }
    const { p50, p99 } = summarize(samples);
    rows.push({ figure: `GET ${path} p50 (${REQUESTS} sequential)`, value: ms(p50), unit: "ms" });
    rows.push({ figure: `GET ${path} p99 (${REQUESTS} sequential)`, value: ms(p99), unit: "ms" });
  }
} finally {
  app.stop();
}

report("startup", rows);
