/**
 * The service worker (ADR 022): the app opens without a network. Hashed assets are kept for good;
 * org pages are fetched from the network first and kept as the last copy this browser saw, served
 * only when the network fails. Copies are held per signed-in user ("partition", a response header
 * the Worker sets): a page answered for nobody or for someone else drops every copy before it, so
 * no one sees another user's numbers, and an org's copy is only ever served at that org's URL.
 * Sign-out clears them all (Clear-Site-Data).
 */
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope;

import { isOfflinePage, OFFLINE_COPY_ATTRIBUTE, PAGES_CACHE_PREFIX, PARTITION_HEADER } from "../../core/offline";

const ASSETS_CACHE = "celerity-assets-v1";
const KEPT_AT_HEADER = "Celerity-Kept-At";
const REFRESH_MS = 5 * 60_000;
/** Copies kept per user: the oldest go first (each week, range and filter is its own URL). */
const MAX_PAGES = 60;
/** Files of the app kept: several releases' worth (a release is about 70 files; each brings only what changed). */
const MAX_ASSETS = 500;

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) event.respondWith(fromCacheFirst(request));
  // The app's own pictures (its mark, the channels' icons): fresh when online, kept for offline.
  // An org's logo (under /o/) is the org's, and stays out of a cache every user shares.
  else if (request.destination === "image" && !isOfflinePage(url.pathname))
    event.respondWith(pictureFromNetworkFirst(request));
  else if (request.mode === "navigate" && isOfflinePage(url.pathname)) event.respondWith(fromNetworkFirst(request));
  // Other pages are not kept, but say who is signed in: a page for nobody drops every copy.
  else if (request.mode === "navigate") event.respondWith(fetch(request).then(noteWhoFor));
});

/**
 * The page asks to keep what it loaded before this worker controlled it, and the pages it reached
 * without a navigation (Remix moves between pages by fetching data only): fetched again in the
 * background unless a copy younger than REFRESH_MS is kept, so moving around costs little.
 */
self.addEventListener("message", (event) => {
  const data = event.data as { type?: string; assets?: unknown; pages?: unknown } | null;
  if (data?.type !== "keep") return;
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((u): u is string => typeof u === "string") : [];
  const samePage = (href: string) => new URL(href, self.location.href).origin === self.location.origin;
  event.waitUntil(
    Promise.all([
      ...strings(data.assets)
        .filter(samePage)
        .map((href) => fromCacheFirst(new Request(href)).catch(() => null)),
      ...strings(data.pages)
        .filter((href) => samePage(href) && isOfflinePage(new URL(href, self.location.href).pathname))
        .map(async (href) => {
          const kept = await keptCopy(new Request(href));
          const at = Number(kept?.headers.get(KEPT_AT_HEADER));
          if (kept && Date.now() - at < REFRESH_MS) return;
          await fromNetworkFirst(new Request(href)).catch(() => null);
        }),
    ]),
  );
});

async function fromCacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await keepAsset(cache, request, response.clone());
  return response;
}

/**
 * Each release brings new hashed files and never asks for the old ones again: past MAX_ASSETS the
 * oldest kept go, so a phone's storage does not grow release after release.
 */
async function keepAsset(cache: Cache, request: Request, response: Response): Promise<void> {
  await cache.delete(request); // kept again at the end: the order is the age
  await cache.put(request, response);
  const kept = await cache.keys();
  for (const old of kept.slice(0, Math.max(0, kept.length - MAX_ASSETS))) await cache.delete(old);
}

async function fromNetworkFirst(request: Request): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch {
    const kept = await keptCopy(request);
    return kept ? markedAsCopy(kept) : offlinePage();
  }
  await keepCopy(request, response.clone());
  return response;
}

async function pictureFromNetworkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(ASSETS_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await keepAsset(cache, request, response.clone());
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}

async function pageCaches(): Promise<string[]> {
  return (await caches.keys()).filter((name) => name.startsWith(PAGES_CACHE_PREFIX));
}

async function keptCopy(request: Request): Promise<Response | undefined> {
  const [name] = await pageCaches();
  return name ? (await caches.open(name)).match(request.url) : undefined;
}

/**
 * The cache of whom this answer is for, once every other user's copies are gone; null for an
 * answer that says nothing (a redirect, a server error) or is for nobody (copies all gone then).
 */
async function pagesCacheFor(response: Response): Promise<string | null> {
  if (response.type === "opaqueredirect" || response.status >= 300) return null;
  const partition = response.headers.get(PARTITION_HEADER);
  const current = partition ? PAGES_CACHE_PREFIX + partition : null;
  for (const name of await pageCaches()) if (name !== current) await caches.delete(name);
  return current;
}

async function noteWhoFor(response: Response): Promise<Response> {
  await pagesCacheFor(response);
  return response;
}

async function keepCopy(request: Request, response: Response): Promise<void> {
  // A page this user may no longer see (404, 403) loses its copy.
  if (response.status === 403 || response.status === 404) {
    const [name] = await pageCaches();
    if (name) await (await caches.open(name)).delete(request.url);
    return;
  }
  const name = await pagesCacheFor(response);
  if (!name || !(response.headers.get("Content-Type") ?? "").startsWith("text/html")) return;
  const headers = new Headers(response.headers);
  headers.set(KEPT_AT_HEADER, String(Date.now()));
  const copy = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  const cache = await caches.open(name);
  await cache.delete(request.url); // kept again at the end: the order is the age
  await cache.put(request.url, copy);
  const kept = await cache.keys();
  for (const old of kept.slice(0, Math.max(0, kept.length - MAX_PAGES))) await cache.delete(old);
}

/** The page learns it is a copy from its root element (app/components/offline-notice.tsx). */
async function markedAsCopy(kept: Response): Promise<Response> {
  const html = (await kept.text()).replace(
    "<html",
    `<html ${OFFLINE_COPY_ATTRIBUTE}="${kept.headers.get(KEPT_AT_HEADER)}"`,
  );
  return new Response(html, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
}

const OFFLINE_PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline · Celerity</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#fff;color:#111}
main{max-width:32rem;margin:auto}
@media (prefers-color-scheme:dark){body{background:#0b0b0f;color:#eee}}</style>
</head><body><main><h1>You are offline</h1>
<p>This page was not opened on this device before, so there is no copy of it here. Pages you opened while online
open offline with the numbers they last showed.</p>
<p>Go back to the page you were on, or open this one again when you are online.</p></main></body></html>`;

function offlinePage(): Response {
  return new Response(OFFLINE_PAGE_HTML, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
