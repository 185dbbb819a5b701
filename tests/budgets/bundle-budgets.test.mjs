// Size budgets, checked on the build (deterministic, unlike timings): what a phone downloads
// before a page works, and what Cloudflare deploys. Run after `npm run build` and
// `wrangler deploy --dry-run --outdir dist` (the `test:budgets` script does both).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

const KB = 1024;
const BUDGETS = {
  "routes/o.$slug._index": 120 * KB, // the org dashboard
  "routes/o.$slug.clients.$clientId._index": 120 * KB, // the client grid
  "routes/o.$slug.pocs.$clientChannelId": 120 * KB, // a POC: verdict, charts, criteria
  "routes/o.$slug.portfolio": 120 * KB, // every POC of the org
  "routes/o.$slug.clients.$clientId.charts": 120 * KB, // a client's, group's or campaign's charts
};
const WORKER_BUDGET = 1024 * KB;

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

function remixManifest() {
  const file = readdirSync("build/client/assets").find((name) => /^manifest-.*\.js$/.test(name));
  assert.ok(file, "build/client has no Remix manifest: run the build first");
  const source = readFileSync(`build/client/assets/${file}`, "utf8");
  return {
    file: `/assets/${file}`,
    manifest: JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)),
  };
}

/**
 * Whether the build discovers routes lazily (Remix's v3_lazyRouteDiscovery): then the browser never
 * loads the manifest file; the page's HTML carries the entries of the routes it matched instead.
 */
function lazyRouteDiscovery() {
  const file = readdirSync("build/server/assets").find((name) => /^server-build-.*\.js$/.test(name));
  assert.ok(file, "build/server has no server build: run the build first");
  return /"v3_lazyRouteDiscovery": true/.test(readFileSync(`build/server/assets/${file}`, "utf8"));
}

/**
 * Every piece of JavaScript a first visit to the route loads: the entry, the route chain with its
 * imports, and the manifest — the whole file, or (discovered lazily) the chain's entries the HTML
 * inlines, measured as that JSON.
 */
function firstLoadFiles(routeId) {
  const { file, manifest } = remixManifest();
  const lazy = lazyRouteDiscovery();
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  const inlined = {};
  for (let id = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    assert.ok(route, `no route ${id} in the manifest`);
    inlined[id] = route;
    files.add(route.module);
    for (const path of route.imports ?? []) files.add(path);
  }
  const manifestPiece = lazy
    ? {
        path: "(the matched routes' manifest, inline in the HTML)",
        bytes: gzipSync(JSON.stringify({ entry: manifest.entry, routes: inlined }), { level: 9 }).length,
      }
    : { path: file, bytes: gz(`build/client${file}`) };
  return [manifestPiece, ...[...files].map((path) => ({ path, bytes: gz(`build/client${path}`) }))];
}

for (const [routeId, budget] of Object.entries(BUDGETS)) {
  test(`first-load JavaScript of ${routeId} stays within ${budget / KB} KB gzipped`, () => {
    const sizes = firstLoadFiles(routeId);
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    const detail = sizes
      .sort((a, b) => b.bytes - a.bytes)
      .map((s) => `${(s.bytes / KB).toFixed(1)} KB ${s.path}`)
      .join("\n");
    console.log(`${routeId}: ${(total / KB).toFixed(1)} KB gzipped\n${detail}`);
    assert.ok(
      total <= budget,
      `${routeId} loads ${(total / KB).toFixed(1)} KB gzipped, over its ${budget / KB} KB budget:\n${detail}`,
    );
  });
}

test(`the Worker bundle stays within ${WORKER_BUDGET / KB} KB gzipped`, () => {
  const bytes = gz("dist/index.js");
  console.log(`Worker bundle: ${(bytes / KB).toFixed(1)} KB gzipped`);
  assert.ok(
    bytes <= WORKER_BUDGET,
    `dist/index.js is ${(bytes / KB).toFixed(1)} KB gzipped, over the ${WORKER_BUDGET / KB} KB budget`,
  );
});
