#!/usr/bin/env node
// Page latency under load: the org dashboard and one client's grid of orgs with about 10k, 100k
// and 1M weekly rows (N clients × 4 channels × 10 campaigns × 52 weeks), 10 concurrent
// connections for 10 s each with autocannon, signed in as an admin.
// Usage: node bench/page-latency.mjs [sizes=5,50,500]   (clients per org)
import autocannon from "autocannon";
import { subWeeks } from "date-fns";
import { bulkLoad, firstClientGrid, ms, prepareState, report, signIn, startBundle } from "./lib.mjs";

const CLIENTS = (process.argv[2] ?? "5,50,500").split(",").map(Number);
const DURATION = 10;
const state = ".wrangler/bench-pages-state";

// The Monday of last week, in UTC: what the dashboard calls "last week".
const lastMonday = (() => {
  const date = subWeeks(new Date(), 1);
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day)).toISOString().slice(0, 10);
})();

prepareState(state);
const orgs = await bulkLoad(
  state,
  CLIENTS.map((clients) => ({ slug: `bench-${clients}`, clients, channels: 4, campaigns: 10, weeks: 52, lastWeek: lastMonday, adminEmail: "admin@demo.test" })),
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
      await (await fetch(app.url + path, { headers: { Cookie: cookie } })).text(); // warm
      const result = await autocannon({ url: app.url + path, connections: 10, duration: DURATION, headers: { Cookie: cookie } });
      if (result.non2xx > 0) throw new Error(`${path}: ${result.non2xx} non-2xx answers`);
      rows.push({ rows: org.rows, page, p50: ms(result.latency.p50), p99: ms(result.latency.p99), "req/s": Math.round(result.requests.average) });
    }
  }
} finally {
  await app.stop();
}
report("page-latency", rows);
