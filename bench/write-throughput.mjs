#!/usr/bin/env node
// Write throughput of one org: concurrent writers save grid cells through the app's own action
// (session check, Remix action, OrgHub transaction, event, audit, broadcast) for a fixed time;
// then the same edits straight to the org's object from a Worker (what one org can take when the
// Worker part runs elsewhere, as on Cloudflare). Baseline in the same run: the same row writes
// (metric upsert + event + audit row, one transaction each) straight into SQLite with
// better-sqlite3, no runtime in between.
// Usage: node bench/write-throughput.mjs [seconds=60] [writers=16]
import Database from "better-sqlite3";
import { readFileSync, rmSync } from "node:fs";
import {
  firstClientGrid,
  saveCell,
  ms,
  now,
  prepareState,
  report,
  signIn,
  startBundle,
  summarize,
  writeToObject,
} from "./lib.mjs";

const SECONDS = Number(process.argv[2] ?? 60);
const WRITERS = Number(process.argv[3] ?? 16);
const state = ".wrangler/bench-write-state";

prepareState(state);
const app = await startBundle({ port: 8796, persistTo: state });
let ours;
try {
  const cookie = await signIn(app.url, "am@demo.test");
  const { clientId, campaignIds } = await firstClientGrid(app.url, cookie);

  const acks = [];
  let refused = 0;
  const until = now() + SECONDS * 1000;
  const writer = async (w) => {
    // Each writer owns one cell, so the versions it sends are always current.
    const campaignId = campaignIds[w % campaignIds.length];
    const weekStart = new Date(Date.UTC(2032, 0, 5) + Math.floor(w / campaignIds.length) * 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let version;
    for (let i = 0; now() < until; i++) {
      const started = now();
      const response = await saveCell(app.url, cookie, clientId, {
        campaignId,
        weekStart,
        adSpend: 100 + (i % 900),
        sales: 300 + (i % 700),
        version,
      });
      if (response.ok) {
        acks.push(now() - started);
        version = (version ?? 0) + 1;
      } else refused++;
    }
  };
  const started = now();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  ours = { seconds: (now() - started) / 1000, acks: summarize(acks), count: acks.length, refused };
} finally {
  await app.stop();
}

const straight = await writeToObject(state, {
  slug: "demo",
  seconds: Math.min(SECONDS, 20),
  writers: WRITERS,
  userId: "bench",
});
const object = {
  seconds: straight.seconds,
  acks: summarize(straight.acks),
  count: straight.acks.length,
  refused: straight.refused,
};

// ── Baseline: the same writes into SQLite directly ─────────────────────────────────────────────
const file = ".wrangler/bench-baseline.sqlite";
rmSync(file, { force: true });
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
for (const statement of readFileSync("migrations/org/0000_init.sql", "utf8").split("--> statement-breakpoint"))
  db.exec(statement);
db.exec(`insert into channels values ('ch','google-ads','Google Ads',null);
  insert into clients (id,name) values ('c','Acme');
  insert into client_channels (id,client_id,channel_id) values ('cc','c','ch');
  insert into campaign_groups (id,client_channel_id,name) values ('g','cc','G');`);
for (let i = 0; i < WRITERS; i++)
  db.prepare("insert into campaigns (id,campaign_group_id,name) values (?, 'g', ?)").run(`k${i}`, `K${i}`);
const upsert =
  db.prepare(`insert into weekly_metrics (id,campaign_id,week_start,ad_spend_cents,sales_cents) values (?,?,?,?,?)
  on conflict(campaign_id,week_start) do update
  set ad_spend_cents = excluded.ad_spend_cents, sales_cents = excluded.sales_cents, version = version + 1
  returning id, version, roas_milli`);
const event = db.prepare(
  "insert into events (type,entity,entity_id,client_id,data,version,actor,at) " +
    "values ('metric.saved','metric',?, 'c', ?, ?, 'bench', ?) returning seq",
);
const audit = db.prepare(
  "insert into audit_log (at,actor,action,entity,entity_id,before,after) values (?, " +
    "'bench', 'metric.saved', 'metric', ?, null, ?)",
);
const write = db.transaction((i) => {
  const row = upsert.get(crypto.randomUUID(), `k${i % WRITERS}`, "2032-01-05", 100 + (i % 900), 300 + (i % 700));
  const data = JSON.stringify(row);
  event.get(row.id, data, row.version, Date.now());
  audit.run(Date.now(), row.id, data);
});
const baselineSeconds = Math.min(SECONDS, 10);
const baseAcks = [];
const baseStart = now();
for (let i = 0; now() - baseStart < baselineSeconds * 1000; i++) {
  const started = now();
  write(i);
  baseAcks.push(now() - started);
}
const base = { seconds: (now() - baseStart) / 1000, acks: summarize(baseAcks), count: baseAcks.length };
db.close();

const rate = (r) => Math.round(r.count / r.seconds);
report("write-throughput", [
  {
    figure: `app: ${WRITERS} writers through the grid action`,
    seconds: ms(ours.seconds),
    edits: ours.count,
    "edits/s": rate(ours),
    "ack p50": ms(ours.acks.p50),
    "ack p99": ms(ours.acks.p99),
    refused: ours.refused,
  },
  {
    figure: `org object alone: ${WRITERS} writers calling its mutate RPC`,
    seconds: ms(object.seconds),
    edits: object.count,
    "edits/s": rate(object),
    "ack p50": ms(object.acks.p50),
    "ack p99": ms(object.acks.p99),
    refused: object.refused,
  },
  {
    figure: "baseline: the same writes into SQLite (better-sqlite3)",
    seconds: ms(base.seconds),
    edits: base.count,
    "edits/s": rate(base),
    "ack p50": ms(base.acks.p50),
    "ack p99": ms(base.acks.p99),
    refused: 0,
  },
  {
    figure: "overhead ratio (baseline edits/s ÷ app edits/s)",
    seconds: "",
    edits: "",
    "edits/s": Math.round((rate(base) / rate(ours)) * 10) / 10,
    "ack p50": "",
    "ack p99": "",
    refused: "",
  },
  {
    figure: "overhead ratio (baseline edits/s ÷ org object edits/s)",
    seconds: "",
    edits: "",
    "edits/s": Math.round((rate(base) / rate(object)) * 10) / 10,
    "ack p50": "",
    "ack p99": "",
    refused: "",
  },
]);
