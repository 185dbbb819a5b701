#!/usr/bin/env node
// Slow network, real browser: Debian's Chromium with Lighthouse's "Slow 4G" (150 ms RTT,
// 1.6 Mbps down, 750 kbps up) and a 4× CPU slowdown, empty cache. Largest Contentful Paint of
// sign-in, dashboard and grid, and on the grid the time until tapping a cell opens its editor
// (the page has hydrated: an edit can be made and submitted).
// Usage: node bench/slow-network.mjs [runs=3]   (writes bench/results/slow-network.json)
import { chromium } from "playwright-core";
import { CHROMIUM } from "../scripts/chromium.mjs";
import { firstClientGrid, ms, prepareState, report, signIn, startApp, summarize } from "./lib.mjs";

const RUNS = Number(process.argv[2] ?? 3);
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const state = ".wrangler/bench-slow-state";

prepareState(state);
const app = await startApp({ port: 8799, persistTo: state });
const browser = await chromium.launch(CHROMIUM);
const results = { signIn: [], dashboard: [], grid: [], editable: [] };
try {
  const cookie = await signIn(app.url, "am@demo.test");
  const [name, value] = cookie.split("=");
  const { gridPath } = await firstClientGrid(app.url, cookie);

  /** Opens a page on a fresh, throttled browser context and returns its LCP in ms. */
  async function visit(path, signedIn, then) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
    if (signedIn) await context.addCookies([{ name, value, url: app.url }]);
    await context.addInitScript(() => {
      window.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(app.url + path, { waitUntil: "load" });
    const extra = then ? await then(page) : null;
    await page.waitForTimeout(300);
    const lcp = await page.evaluate(() => window.__lcp);
    await context.close();
    return { lcp, extra };
  }

  for (let run = 0; run < RUNS; run++) {
    results.signIn.push((await visit("/login", false)).lcp);
    results.dashboard.push((await visit("/o/demo", true)).lcp);
    const grid = await visit(gridPath, true, async (page) => {
      // Tap the newest week of the first campaign until its editor opens (the page is live).
      const cell = page.locator("td a[data-cell]").last();
      for (;;) {
        await cell.tap({ timeout: 30_000 });
        if (await page.locator("input[name=adSpend]").count()) break;
        await page.waitForTimeout(50);
      }
      return page.evaluate(() => performance.now());
    });
    results.grid.push(grid.lcp);
    results.editable.push(grid.extra);
  }
} finally {
  await browser.close();
  app.stop();
}
const row = (figure, values, target) => {
  const s = summarize(values);
  return { figure, runs: s.n, p50: ms(s.p50), max: ms(s.max), target, unit: "ms" };
};
report("slow-network", [
  row("sign-in page LCP", results.signIn, "≤ 2500"),
  row("dashboard LCP (signed in)", results.dashboard, "≤ 2500"),
  row("client grid LCP (signed in)", results.grid, "≤ 2500"),
  row("client grid: a cell can be edited (from navigation start)", results.editable, ""),
]);
