#!/usr/bin/env node
// Cold start: a new wrangler dev process each run (a new isolate, every org object on disk only,
// none in memory). Times the first request of each kind, then the same request warm.
// Usage: node bench/cold-start.mjs [runs=5]   (writes bench/results/cold-start.json)
import { ms, now, prepareState, report, signIn, startApp, summarize } from "./lib.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const state = ".wrangler/bench-cold-state";
prepareState(state);

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
  const app = await startApp({ port: 8795, persistTo: state, probe: "/api/health" });
  try {
    samples.start.push(app.readyMs);
    samples.first.push(app.firstResponseMs);
    samples.health.push(await timed(`${app.url}/api/health`));
    cookie ??= await signIn(app.url, "admin@demo.test");
    samples.dashboardCold.push(await timed(`${app.url}/o/demo`, { Cookie: cookie }));
    samples.dashboardWarm.push(await timed(`${app.url}/o/demo`, { Cookie: cookie }));
  } finally {
    app.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const row = (figure, values) => {
  const s = summarize(values);
  return { figure, runs: s.n, p50: ms(s.p50), max: ms(s.max), unit: "ms" };
};
report("cold-start", [
  row("wrangler dev process start → ready (tooling, not the Worker)", samples.start),
  row("first request to a new isolate (GET /api/health)", samples.first),
  row("GET /api/health again (warm isolate)", samples.health),
  row("first org dashboard (object created from disk, migrations checked)", samples.dashboardCold),
  row("the same dashboard again (warm)", samples.dashboardWarm),
]);
