/**
 * The page's side of the installable app (ADR 022): registers the service worker (app/sw/) and
 * tells it what to keep for offline use — on a first visit what loaded before it ran, and after
 * each move between pages that Remix made without a navigation (the worker sees only those) —
 * and asks before a sign-out drops edits still waiting on this device.
 */
import { isOfflinePage } from "../../core/offline";

const worker = () => ("serviceWorker" in navigator ? navigator.serviceWorker : null);

export function startOfflineApp(): void {
  document.addEventListener("submit", confirmSignOut);
  const workers = worker();
  if (!workers) return;
  const controlled = Boolean(workers.controller);
  workers
    .register("/sw.js")
    .then(() => workers.ready)
    .then((registration) => {
      if (controlled) return;
      // The app's code and its own pictures (not an org's logo, under /o/).
      const assets = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((entry) => {
          const path = new URL(entry.name).pathname;
          return path.startsWith("/assets/") || (entry.initiatorType === "img" && !isOfflinePage(path));
        })
        .map((entry) => entry.name);
      registration.active?.postMessage({ type: "keep", assets, pages: pagesToKeep(location.href) });
    })
    .catch(() => {}); // no worker (private window, a browser that refuses): the app works online as before
}

const pagesToKeep = (href: string) => (isOfflinePage(new URL(href).pathname) ? [href] : []);

/** After a move between pages without a navigation: the worker keeps a copy of the page now shown. */
export function keepPageForOffline(href: string): void {
  const pages = pagesToKeep(href);
  if (pages.length > 0) worker()?.controller?.postMessage({ type: "keep", pages });
}

/**
 * Signing out (a form marked `data-sign-out`) clears the site's storage on this device, edits not
 * yet sent included (the answer's Clear-Site-Data): when there are any, the user says so first.
 */
async function confirmSignOut(event: SubmitEvent): Promise<void> {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !("signOut" in form.dataset) || form.dataset.confirmed) return;
  event.preventDefault();
  const cells = await import("./pending-saves").then((kept) => kept.pendingCellCount()).catch(() => 0);
  const message =
    `${cells === 1 ? "1 change you made has" : `${cells} changes you made have`} not reached the server yet. ` +
    "Signing out deletes them from this device. Sign out anyway?";
  if (cells > 0 && !window.confirm(message)) return;
  form.dataset.confirmed = "true";
  form.requestSubmit(event.submitter);
}
