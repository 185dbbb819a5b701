#!/usr/bin/env node
// CSV import rate: a 50,000-row file for one client (100 campaigns × 500 weeks), imported
// (1) through the import page's server path in one upload, and (2) as the page does in the
// browser, in JSON chunks of 1,000 rows; then the same file again, which must change nothing.
// Usage: node bench/csv-import.mjs [rows=50000]   (writes bench/results/csv-import.json)
import { ms, now, prepareState, report, signIn, startApp } from "./lib.mjs";

const ROWS = Number(process.argv[2] ?? 50_000);
const CAMPAIGNS = 100;
const WEEKS = Math.ceil(ROWS / CAMPAIGNS);
const state = ".wrangler/bench-csv-state";

prepareState(state);
const app = await startApp({ port: 8792, persistTo: state });
try {
  const cookie = await signIn(app.url, "admin@demo.test");
  const form = (body) =>
    fetch(`${app.url}${body.path}`, {
      method: "POST",
      headers: { Origin: app.url, Cookie: cookie, ...(body.json ? { "Content-Type": "application/json" } : {}) },
      body: body.json ? JSON.stringify(body.json) : body.form,
    });
  // A client of its own, built through the API with an operator-minted write token.
  const token = (
    await (
      await fetch(`${app.url}/api/admin/orgs/demo/tokens`, {
        method: "POST",
        headers: { Authorization: "Bearer dev-platform-admin-token", "Content-Type": "application/json" },
        body: JSON.stringify({ name: "bench", scope: "write" }),
      })
    ).json()
  ).token;
  const api = async (method, path, json) =>
    (
      await fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(json),
      })
    ).json();
  const client = await api("POST", "/clients", { name: "Bench Client" });
  const channel = await api("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" });
  const group = await api("POST", `/client-channels/${channel.id}/campaign-groups`, { name: "Bulk" });
  const campaigns = [];
  for (let i = 0; i < CAMPAIGNS; i++)
    campaigns.push(
      (await api("POST", `/campaign-groups/${group.id}/campaigns`, { name: `Campaign ${i}`, targetRoas: 3 })).id,
    );

  const monday = (i) => new Date(Date.UTC(2000, 0, 3) + i * 7 * 86_400_000).toISOString().slice(0, 10);
  const lines = ["campaign_id,week,spend,sales"];
  for (let w = 0; w < WEEKS; w++)
    for (const id of campaigns)
      if (lines.length <= ROWS) lines.push(`${id},${monday(w)},${100 + (w % 50)}.25,${400 + (w % 70)}.50`);
  const csv = lines.join("\n");

  const importPath = `/o/demo/clients/${client.id}/import`;
  const upload = async () => {
    const body = new FormData();
    body.set("csv", csv);
    body.set("mode", "all");
    const started = now();
    const response = await form({ path: importPath, form: body });
    const html = await response.text();
    const summary = html.match(/Import finished: [^<]*/)?.[0] ?? `HTTP ${response.status}: ${html.slice(0, 160)}`;
    return { seconds: (now() - started) / 1000, summary };
  };
  const chunked = async (rows) => {
    const started = now();
    let created = 0;
    let unchanged = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const result = await (
        await form({ path: `${importPath}/rows`, json: { rows: rows.slice(start, start + 1000) } })
      ).json();
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      created += result.created + result.updated;
      unchanged += result.unchanged;
    }
    return { seconds: (now() - started) / 1000, summary: `${created} written, ${unchanged} unchanged` };
  };

  const first = await upload();
  const again = await upload();
  // The browser path on the same number of other weeks (520 weeks later, still Mondays): new rows.
  const rows = lines.slice(1).map((line) => {
    const [campaignId, week, spend, sales] = line.split(",");
    const later = new Date(Date.parse(week) + 520 * 7 * 86_400_000).toISOString().slice(0, 10);
    return {
      campaignId,
      weekStart: later,
      adSpendCents: Math.round(Number(spend) * 100),
      salesCents: Math.round(Number(sales) * 100),
    };
  });
  const browserFirst = await chunked(rows);
  const browserAgain = await chunked(rows);
  const row = (figure, run) => ({
    figure,
    rows: ROWS,
    seconds: ms(run.seconds),
    rowsPerSecond: Math.round(ROWS / run.seconds),
    result: run.summary,
  });
  report("csv-import", [
    row("one upload, server path (new rows)", first),
    row("same file again (nothing to change)", again),
    row("browser path, 1,000-row JSON chunks (new rows)", browserFirst),
    row("browser path again (nothing to change)", browserAgain),
  ]);
} finally {
  app.stop();
}
