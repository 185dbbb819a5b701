#!/usr/bin/env node
// Cold start of the deployable bundle: each run starts a new workerd (Miniflare) on it, so a new
// isolate, with every org object on disk only, none in memory. Times the runtime's start (process,
// script compiled and its top level run), the first request of each kind, then the same warm.
// Usage: node bench/cold-start.mjs [runs=5]   (writes bench/results/cold-start.json)
import { buildBundle, ms, now, prepareState, report, signIn, startBundle, summarize } from "./lib.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const state = ".wrangler/bench-cold-state";
prepareState(state);
buildBundle();

const timed = async (url, headers = {}) => {
  const started = now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return now() - started;
};

const samples = { start: [], first: [], health: [], dashboardCold: [], dashboardWarm: [] };
let cookie;
for (let run = 0; run < RUNS; run++) {
  const started = now();
  const app = await startBundle({ port: 8795, persistTo: state, bundle: false });
  samples.start.push(now() - started);
  try {
    samples.first.push(await timed(`${app.url}/api/health`));
    samples.health.push(await timed(`${app.url}/api/health`));
    cookie ??= await signIn(app.url, "admin@demo.test");
    samples.dashboardCold.push(await timed(`${app.url}/o/demo`, { Cookie: cookie }));
    samples.dashboardWarm.push(await timed(`${app.url}/o/demo`, { Cookie: cookie }));
  } finally {
    await app.stop();
  }
}
const row = (figure, values) => {
  const s = summarize(values);
  return { figure, runs: s.n, p50: ms(s.p50), max: ms(s.max), unit: "ms" };
};
report("cold-start", [
  row("workerd start → ready (new process, bundle compiled, top level run)", samples.start),
  row("first request to the new isolate (GET /api/health)", samples.first),
  row("GET /api/health again (warm isolate)", samples.health),
  row("first org dashboard (object created from disk, migrations checked)", samples.dashboardCold),
  row("the same dashboard again (warm)", samples.dashboardWarm),
]);
