// Helpers shared by the benchmark scripts: timing, percentiles, the local server, reporting.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

export const now = () => performance.now();

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Starts `wrangler dev` on the built app with its own state; resolves once it answers. */
export async function startApp({ port, persistTo, timeoutMs = 60_000, probe = "/" }) {
  const started = now();
  const child = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      persistTo,
      "--env-file",
      ".dev.vars.example",
      "--var",
      `APP_ORIGIN:http://127.0.0.1:${port}`,
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  let firstResponseMs = 0;
  for (;;) {
    if (now() - started > timeoutMs) throw new Error("the app did not start in time");
    try {
      const requested = now();
      const response = await fetch(`${url}${probe}`);
      if (response.ok) {
        await response.text();
        firstResponseMs = now() - requested;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    readyMs: now() - started,
    /** How long the first successful request itself took (a fresh isolate). */
    firstResponseMs,
    stop: () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

export function report(name, rows, extra = {}) {
  console.log(`\n${name}`);
  console.table(rows);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    `bench/results/${name}.json`,
    JSON.stringify({ name, at: new Date().toISOString(), rows, ...extra }, null, 2),
  );
}

export const ms = (value) => Math.round(value * 10) / 10;

/** A fresh local state: migrated D1 and the seeded demo org. */
export function prepareState(persistTo) {
  rmSync(persistTo, { recursive: true, force: true });
  execFileSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    stdio: "ignore",
    env: { ...process.env, CI: "true" },
  });
  execFileSync(process.execPath, ["scripts/seed.mjs", "--persist-to", persistTo], { stdio: "ignore" });
}

/** Signs in through the real magic-link flow (dev mailbox), returning the session cookie. */
export async function signIn(url, email, ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`) {
  const headers = { Origin: url, "CF-Connecting-IP": ip, "Content-Type": "application/x-www-form-urlencoded" };
  await (await fetch(`${url}/login`, { method: "POST", headers, body: new URLSearchParams({ email }) })).text();
  const mails = await (await fetch(`${url}/dev/mailbox.json`)).json();
  const link = mails.find((m) => m.to === email).text.match(/https?:\/\/\S+/)[0];
  const token = new URL(link).searchParams.get("token");
  const response = await fetch(`${url}/login/verify`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: new URLSearchParams({ token }),
  });
  return response.headers.get("set-cookie").split(";")[0];
}

/**
 * `count` members of an org (role `role`), each with one session, written straight into the local
 * D1 before the app starts: enough distinct people for a thousand sockets within the per-session
 * and per-user socket caps, without a thousand sign-ins. Returns their session cookies.
 */
export function seedSessions(persistTo, orgSlug, count, role = "viewer") {
  const now = Date.now();
  const run = `${now.toString(36)}`;
  const cookies = [];
  const statements = [];
  for (let i = 0; i < count; i++) {
    const userId = randomUUID();
    const secret = randomBytes(32).toString("base64url");
    const idHash = createHash("sha256").update(secret).digest("hex");
    statements.push(
      `insert into users (id, email, name) values ('${userId}', 'bench-${run}-${i}@demo.test', 'Bench ${i}');`,
      `insert into team_members (org_id, user_id, role)
        select id, '${userId}', '${role}' from organizations where slug = '${orgSlug}';`,
      `insert into sessions (id_hash, user_id, last_seen_at, expires_at)
        values ('${idHash}', '${userId}', ${now}, ${now + 86_400_000});`,
    );
    cookies.push(`celerity_session=${secret}`);
  }
  const file = `${persistTo}/bench-sessions.sql`;
  writeFileSync(file, statements.join("\n"));
  execFileSync("npx", ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", file], {
    stdio: "ignore",
    env: { ...process.env, CI: "true" },
  });
  return cookies;
}

/**
 * The demo org on the bundle, on a fresh state, with `members` extra people signed in (one
 * session each), an account manager signed in as the writer, and the first client's grid.
 */
export async function startDemo({ state, port, members }) {
  prepareState(state);
  const cookies = seedSessions(state, "demo", members);
  const [{ id: orgId }] = queryD1(state, "select id from organizations where slug = 'demo'");
  const app = await startBundle({ port, persistTo: state });
  const writer = await signIn(app.url, "am@demo.test");
  const grid = await firstClientGrid(app.url, writer);
  return { app, orgId, cookies, writer, clientId: grid.clientId, campaignId: grid.campaignIds[0] };
}

/** The local D1's answer to one SQL query. */
export function queryD1(persistTo, sql) {
  const out = execFileSync(
    "npx",
    ["wrangler", "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql],
    { encoding: "utf8" },
  );
  return JSON.parse(out)[0].results;
}

/** Runs `use(worker)` with bench/bulk.worker.ts started on the given state (see that file). */
async function withBenchWorker(persistTo, use) {
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config: "wrangler.toml",
    entrypoint: "bench/bulk.worker.ts",
    dev: { server: { port: 0 }, inspector: false, watch: false, persist: persistTo, logLevel: "warn" },
  });
  try {
    await worker.ready;
    return await use(worker);
  } finally {
    await worker.dispose();
  }
}

async function postJson(worker, path, body) {
  const response = await worker.fetch(`http://localhost${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path} failed: ${await response.text()}`);
  return response.json();
}

/** Creates large orgs on the given state, written straight into their objects. */
export function bulkLoad(persistTo, orgs) {
  return withBenchWorker(persistTo, async (worker) => {
    const results = [];
    for (const org of orgs) results.push({ slug: org.slug, ...(await postJson(worker, "/", org)) });
    return results;
  });
}

/** Concurrent edits sent straight to an org's object from a Worker: { seconds, acks, refused }. */
export function writeToObject(persistTo, input) {
  return withBenchWorker(persistTo, (worker) => postJson(worker, "/writes", input));
}

/** Writes the deployable bundle to dist/ (what `wrangler deploy` would upload). */
export function buildBundle() {
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "dist"], { stdio: "ignore" });
}

/**
 * The deployable bundle (`wrangler deploy --dry-run --outdir dist`) on workerd through Miniflare,
 * without `wrangler dev`'s local proxy, on the same local state. Closer to what Cloudflare runs.
 */
export async function startBundle({ port, persistTo, inspectorPort, bundle = true }) {
  const { Miniflare } = await import("miniflare");
  const { readdirSync } = await import("node:fs");
  if (bundle) buildBundle();
  const mf = new Miniflare({
    name: "celerity",
    host: "127.0.0.1",
    port,
    modulesRoot: "dist",
    modules: [
      { type: "ESModule", path: "dist/index.js" },
      ...readdirSync("dist")
        .filter((file) => file.endsWith(".sql"))
        .map((file) => ({ type: "Text", path: `dist/${file}` })),
    ],
    compatibilityDate: "2026-04-20",
    compatibilityFlags: ["nodejs_compat"],
    bindings: {
      MAIL_FROM: "celerity@example.com",
      PLATFORM_ADMINS: "admin@demo.test",
      DEV_MAILBOX: "1",
      PLATFORM_ADMIN_TOKEN: "dev-platform-admin-token",
      APP_ORIGIN: `http://127.0.0.1:${port}`,
    },
    d1Databases: { DB: "00000000-0000-4000-8000-000000000000" },
    d1Persist: `${persistTo}/v3/d1`,
    durableObjects: { ORG_HUB: { className: "OrgHub", useSQLite: true } },
    durableObjectsPersist: `${persistTo}/v3/do`,
    email: { send_email: [{ name: "EMAIL" }] },
    assets: {
      directory: "build/client",
      binding: "ASSETS",
      workerName: "celerity",
      routerConfig: { has_user_worker: true },
    },
    ...(inspectorPort ? { inspectorPort } : {}),
  });
  const url = (await mf.ready).origin;
  return { url, stop: () => mf.dispose() };
}

/** The first client of an org (by name) and the campaign ids its grid shows, read off the pages. */
export async function firstClientGrid(url, cookie, slug = "demo") {
  const clients = await (await fetch(`${url}/o/${slug}/clients`, { headers: { Cookie: cookie } })).text();
  const clientId = clients.match(/href="\/o\/[^/]+\/clients\/([0-9a-f-]{36})"/)[1];
  const grid = await (await fetch(`${url}/o/${slug}/clients/${clientId}`, { headers: { Cookie: cookie } })).text();
  const campaignIds = [...new Set([...grid.matchAll(/data-cell="([0-9a-f-]{36}):/g)].map((m) => m[1]))];
  return { clientId, campaignIds, gridPath: `/o/${slug}/clients/${clientId}` };
}

/**
 * Saves one grid cell the way the grid's save queue does: JSON to the client's `cells` endpoint,
 * with a fresh idempotency key. Resolves to the response (its body read).
 */
export async function saveCell(
  url,
  cookie,
  clientId,
  { campaignId, weekStart, adSpend, sales, version },
  slug = "demo",
) {
  const response = await fetch(`${url}/o/${slug}/clients/${clientId}/cells`, {
    method: "POST",
    headers: { Origin: url, Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify({
      mutationId: crypto.randomUUID(),
      cells: [{ campaignId, weekStart, adSpend: String(adSpend), sales: String(sales), version }],
    }),
  });
  await response.arrayBuffer();
  return response;
}
