/** What works offline: shared by the service worker (app/sw/), the Worker that labels pages, and the pages. */

/** The response header naming whose copy a page is (set by the Worker on signed-in answers). */
export const PARTITION_HEADER = "Celerity-Offline-Partition";

export const PAGES_CACHE_PREFIX = "celerity-pages-";

/** Set on the root element of a page served from the device, to when the copy was kept (ms). */
export const OFFLINE_COPY_ATTRIBUTE = "data-offline-copy";

/** Org pages are the ones worth opening offline: the dashboard, grids, POCs, alerts. */
export const isOfflinePage = (pathname: string) => pathname.startsWith("/o/");

/** A window event: something was heard from the server (the org socket synced), so a page copy can refresh. */
export const SERVER_REACHED_EVENT = "celerity:server-reached";
