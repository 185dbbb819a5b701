#!/usr/bin/env node
// Page latency under load: the org dashboard and one client's grid of orgs with about 10k, 100k
// and 1M weekly rows (N clients × 4 channels × 10 campaigns × 52 weeks), signed in as an admin,
// with autocannon: one connection for 5 s (each request's own time) and 10 concurrent connections
// for 10 s (under load). Baseline in the same run: a minimal Node HTTP server, in its own process,
// answering with the same page's bytes (the least a response of that size costs here).
// Usage: node bench/page-latency.mjs [sizes=5,50,500]   (clients per org)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { subWeeks } from "date-fns";
import { bulkLoad, firstClientGrid, ms, prepareState, report, signIn, startBundle } from "./lib.mjs";

const CLIENTS = (process.argv[2] ?? "5,50,500").split(",").map(Number);
const DURATION = 10;
const state = ".wrangler/bench-pages-state";

// The Monday of last week, in UTC: what the dashboard calls "last week".
const lastMonday = (() => {
  const date = subWeeks(new Date(), 1);
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
})();

/** Serves `body` from a bare Node HTTP server in a child process, under the same 10-connection load. */
async function staticBaseline(body) {
  const file = `${state}-page.html`;
  writeFileSync(file, body);
  const server = spawn(
    process.execPath,
    [
      "-e",
      `const b = require("fs").readFileSync(${JSON.stringify(file)});
      require("http")
        .createServer((q, r) => { r.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }); r.end(b); })
        .listen(0, "127.0.0.1", function () { console.log(this.address().port); });`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise((resolve) => server.stdout.once("data", (data) => resolve(Number(String(data)))));
  try {
    return await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: 5 });
  } finally {
    server.kill();
  }
}

prepareState(state);
const orgs = await bulkLoad(
  state,
  CLIENTS.map((clients) => ({
    slug: `bench-${clients}`,
    clients,
    channels: 4,
    campaigns: 10,
    weeks: 52,
    lastWeek: lastMonday,
    adminEmail: "admin@demo.test",
  })),
);

const app = await startBundle({ port: 8797, persistTo: state });
const rows = [];
try {
  const cookie = await signIn(app.url, "admin@demo.test");
  for (const org of orgs) {
    const { gridPath } = await firstClientGrid(app.url, cookie, org.slug);
    for (const [page, path] of [
      ["dashboard", `/o/${org.slug}`],
      ["client grid (8 weeks)", gridPath],
    ]) {
      const html = await (await fetch(app.url + path, { headers: { Cookie: cookie } })).text(); // warm
      const load = async (connections, duration) => {
        const result = await autocannon({ url: app.url + path, connections, duration, headers: { Cookie: cookie } });
        if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
        return result;
      };
      const alone = await load(1, 5);
      const loaded = await load(10, DURATION);
      const base = await staticBaseline(html);
      rows.push({
        rows: org.rows,
        page,
        "1 conn p50": ms(alone.latency.p50),
        "1 conn p99": ms(alone.latency.p99),
        "10 conn p50": ms(loaded.latency.p50),
        "10 conn p99": ms(loaded.latency.p99),
        "req/s": Math.round(loaded.requests.average),
        "baseline 10 conn p50": ms(base.latency.p50),
        "baseline 10 conn p99": ms(base.latency.p99),
        "baseline req/s": Math.round(base.requests.average),
        "ratio req/s": Math.round((base.requests.average / loaded.requests.average) * 10) / 10,
      });
    }
  }
} finally {
  await app.stop();
}
report("page-latency", rows);
