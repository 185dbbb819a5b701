#!/usr/bin/env node
// `npm run soak`: a bounded soak on loopback (issue 13). Five orgs on the deployable bundle, 200
// sockets that drop at random and resume from their last seq, and 20,000 edits, half through the
// API and half through the grid's save path, each retried with its key when a call fails. Then
// every socket's picture of the grid is compared with the database, and every acknowledged edit
// is looked for. Last line: `soak: <edits> edits, <disconnects> disconnects, <resyncs> resyncs,
// <mismatches> mismatches, <lost> lost`; exits 1 on any mismatch or loss.
// Usage: npm run soak   (SOAK_EDITS=2000 npm run soak for a short one)
import WebSocket from "ws";
import { prepareState, signIn, startBundle } from "../bench/lib.mjs";

const ORGS = 5;
const SOCKETS_PER_ORG = 40;
const EDITS = Number(process.env.SOAK_EDITS ?? 20_000);
const CAMPAIGNS = 10;
const WEEKS = Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10));
const WRITERS_PER_ORG = 8;
const ADMIN = { Authorization: "Bearer dev-platform-admin-token", "Content-Type": "application/json" };
const state = ".wrangler/soak-state";

const random = (n) => Math.floor(Math.random() * n);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => crypto.randomUUID().replaceAll("-", "");
const cents = () => 100 + random(10_000_000);
const decimal = (value) => (value / 100).toFixed(2);

/** An org with a client, a channel, a group and ten campaigns, a write token and two admin sessions. */
async function makeOrg(url, n) {
  const slug = `soak-${n}-${Date.now().toString(36)}`;
  const adminEmail = `${slug}@soak.test`;
  const created = await (
    await fetch(`${url}/api/admin/orgs`, {
      method: "POST",
      headers: ADMIN,
      body: JSON.stringify({ name: `Soak ${n}`, slug, adminEmail }),
    })
  ).json();
  // A token for the setup and the checks, and one per API writer: each token has its own rate limit.
  const mint = async (name) =>
    (
      await (
        await fetch(`${url}/api/admin/orgs/${slug}/tokens`, {
          method: "POST",
          headers: ADMIN,
          body: JSON.stringify({ name, scope: "write" }),
        })
      ).json()
    ).token;
  const token = await mint("soak");
  const writerTokens = [];
  for (let w = 0; w < WRITERS_PER_ORG / 2; w++) writerTokens.push(await mint(`soak writer ${w}`));
  const api = async (method, path, body) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body && JSON.stringify(body),
    });
    return response.json();
  };
  const client = await api("POST", "/clients", { name: "Soak client" });
  const channel = await api("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" });
  const group = await api("POST", `/client-channels/${channel.id}/campaign-groups`, { name: "Group" });
  const campaigns = [];
  for (let i = 0; i < CAMPAIGNS; i++) {
    campaigns.push((await api("POST", `/campaign-groups/${group.id}/campaigns`, { name: `Campaign ${i}` })).id);
  }
  // The first admin accepts the invitation on /orgs, then signs in once more (a second device).
  const first = await signIn(url, adminEmail);
  const orgsPage = await (await fetch(`${url}/orgs`, { headers: { Cookie: first } })).text();
  const invitationId = orgsPage.match(/name="invitationId" value="([^"]+)"/)[1];
  await fetch(`${url}/orgs`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: first, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "accept", invitationId }),
  });
  const second = await signIn(url, adminEmail);
  return {
    id: created.org.id,
    slug,
    token,
    writerTokens,
    clientId: client.id,
    campaigns,
    cookies: [first, second],
    api,
  };
}

/** A socket as a page holds it: applies events in seq order, resumes from its last seq. */
function openClient(url, org, cookie, counters) {
  const client = { org, cells: new Map(), seq: 0, synced: false, stopped: false, ws: null };
  const connect = (since) => {
    const query = since === null ? "" : `?since=${since}`;
    const ws = new WebSocket(`${url.replace("http", "ws")}/parties/org-hub/${org.id}${query}`, {
      headers: { Origin: url, Cookie: cookie },
    });
    client.ws = ws;
    ws.on("message", (raw) => {
      const message = JSON.parse(String(raw));
      if (message.t === "synced") {
        if (since !== null && !client.synced) counters.resyncs++;
        client.synced = true;
        client.seq = Math.max(client.seq, message.seq);
      } else if (message.t === "reload") {
        // A gap the log no longer holds: this picture would be stale, and the comparison says so.
        counters.reloads++;
        client.seq = message.seq;
      } else if (message.t === "event" && message.event.seq > client.seq) {
        client.seq = message.event.seq;
        const { entity, type, data } = message.event;
        if (entity !== "metric") return;
        const cell = `${data.campaignId}:${data.weekStart}`;
        if (type === "metric.deleted") client.cells.delete(cell);
        else client.cells.set(cell, `${data.adSpendCents}/${data.salesCents}`);
      }
    });
    ws.on("error", () => {});
    ws.on("close", () => {
      if (client.stopped) return;
      client.synced = false;
      setTimeout(() => connect(client.seq), 20 + random(200));
    });
  };
  connect(null);
  return client;
}

/** Where the org's log stands, from a fresh events socket (the API token's, outside the sessions' caps). */
function latestSeq(url, org) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/events?access_token=${org.token}`);
    ws.on("message", (raw) => {
      const message = JSON.parse(String(raw));
      if (message.t !== "synced") return;
      ws.close();
      resolve(message.seq);
    });
    ws.on("error", reject);
  });
}

/** One writer owning a quarter of an org's cells: edits them one after another until its share is done. */
async function write(url, org, writer, share, lastAcked, counters) {
  const owned = [];
  for (const [c, campaignId] of org.campaigns.entries()) {
    for (const [w, week] of WEEKS.entries())
      if ((c * WEEKS.length + w) % WRITERS_PER_ORG === writer) owned.push([campaignId, week]);
  }
  const versions = new Map();
  const viaApi = writer < WRITERS_PER_ORG / 2;
  for (let i = 0; i < share; i++) {
    const [campaignId, week] = owned[random(owned.length)];
    const cell = `${campaignId}:${week}`;
    const [spend, sales] = [cents(), cents()];
    const mutationId = key();
    for (let attempt = 0; ; attempt++) {
      try {
        let version;
        if (viaApi) {
          const response = await fetch(`${url}/api/v1/campaigns/${campaignId}/metrics/${week}`, {
            method: "PUT",
            headers: { Authorization: `Bearer ${org.writerTokens[writer]}`, "Content-Type": "application/json" },
            body: JSON.stringify({ adSpend: spend / 100, sales: sales / 100 }),
          });
          if (response.status === 429) {
            // The token's limit: wait as told, then send the same edit again.
            await sleep(Number(response.headers.get("Retry-After") ?? 1) * 1000);
            attempt--;
            continue;
          }
          const body = await response.json();
          if (!response.ok) throw Object.assign(new Error(`refused ${response.status}`), { final: true, body });
          version = body.version;
        } else {
          const response = await fetch(`${url}/o/${org.slug}/clients/${org.clientId}/cells`, {
            method: "POST",
            headers: { Origin: url, Cookie: org.cookies[writer % 2], "Content-Type": "application/json" },
            body: JSON.stringify({
              mutationId,
              cells: [
                {
                  campaignId,
                  weekStart: week,
                  adSpend: decimal(spend),
                  sales: decimal(sales),
                  version: versions.get(cell),
                },
              ],
            }),
          });
          const body = await response.json();
          if (!body.ok) throw Object.assign(new Error(`refused ${response.status}`), { final: true, body });
          version = body.events[0].data.version;
        }
        versions.set(cell, version);
        lastAcked.set(cell, `${spend}/${sales}`);
        counters.edits++;
        break;
      } catch (error) {
        if (error.final || attempt > 50) {
          counters.refused++;
          console.error(`edit refused: ${error.message} ${JSON.stringify(error.body ?? "")}`);
          break;
        }
        await sleep(50);
      }
    }
  }
}

prepareState(state);
const app = await startBundle({ port: 8802, persistTo: state });
const counters = { edits: 0, refused: 0, disconnects: 0, resyncs: 0, reloads: 0 };
let exitCode = 1;
try {
  const orgs = [];
  for (let n = 0; n < ORGS; n++) orgs.push(await makeOrg(app.url, n));
  const clients = orgs.flatMap((org) =>
    Array.from({ length: SOCKETS_PER_ORG }, (_, i) => openClient(app.url, org, org.cookies[i % 2], counters)),
  );
  while (clients.some((c) => !c.synced)) await sleep(50);

  // Random disconnects while the edits run: a socket dropped every 50 ms.
  let writing = true;
  const chaos = (async () => {
    while (writing) {
      await sleep(50);
      const victim = clients[random(clients.length)];
      if (victim.synced) {
        counters.disconnects++;
        victim.ws.terminate();
      }
    }
  })();
  const started = performance.now();
  const lastAcked = new Map();
  const share = Math.ceil(EDITS / (ORGS * WRITERS_PER_ORG));
  await Promise.all(
    orgs.flatMap((org) =>
      Array.from({ length: WRITERS_PER_ORG }, (_, w) => write(app.url, org, w, share, lastAcked, counters)),
    ),
  );
  writing = false;
  await chaos;
  console.log(`${counters.edits} edits in ${Math.round((performance.now() - started) / 1000)} s`);

  // Every socket catches up; then each one's picture is compared with the database.
  const deadline = Date.now() + 30_000;
  const latest = new Map();
  for (const org of orgs) latest.set(org.id, await latestSeq(app.url, org));
  while (clients.some((c) => c.seq < latest.get(c.org.id) || !c.synced) && Date.now() < deadline) await sleep(50);

  let mismatches = 0;
  let lost = 0;
  for (const org of orgs) {
    const stored = new Map();
    for (const campaignId of org.campaigns) {
      for (const m of await org.api("GET", `/campaigns/${campaignId}/metrics`)) {
        stored.set(`${campaignId}:${m.weekStart}`, `${Math.round(m.adSpend * 100)}/${Math.round(m.sales * 100)}`);
      }
    }
    for (const [cell, value] of lastAcked) {
      if (org.campaigns.some((id) => cell.startsWith(id)) && stored.get(cell) !== value) lost++;
    }
    for (const client of clients.filter((c) => c.org === org)) {
      const cells = new Set([...stored.keys(), ...client.cells.keys()]);
      for (const cell of cells) if (stored.get(cell) !== client.cells.get(cell)) mismatches++;
    }
  }
  for (const client of clients) {
    client.stopped = true;
    client.ws.terminate();
  }
  if (counters.refused > 0) console.error(`${counters.refused} edits refused`);
  exitCode = mismatches === 0 && lost === 0 && counters.refused === 0 ? 0 : 1;
  const { edits, disconnects, resyncs } = counters;
  console.log(
    `soak: ${edits} edits, ${disconnects} disconnects, ${resyncs} resyncs, ${mismatches} mismatches, ${lost} lost`,
  );
} finally {
  await app.stop();
}
process.exit(exitCode);
