import { expect, type Page, test } from "@playwright/test";
import { CELL_LINK, cell, editCell, freshTrackerOrg, signIn, unique } from "./support";

// Issue 17: edits made offline are kept on the device (IndexedDB) and the app opens offline (a
// service worker). The fixture: Acme on Google Ads, campaigns Brand and Generic at 100.00 /
// 400.00 in the first two of the four fixed weeks the grid shows; the last two are empty.

/** The grid, live, once the service worker has kept a copy of it for offline use. */
async function openGridKeptOffline(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("grid", { name: "Weekly numbers of Acme" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async (href) => {
        for (const name of await caches.keys())
          if (name.startsWith("celerity-pages-") && (await (await caches.open(name)).match(href))) return true;
        return false;
      }, page.url()),
    )
    .toBe(true);
}

/**
 * The network returns. A browser says so to the page ("online"); Chromium under Playwright does
 * not to a page that was reloaded while offline (navigator.onLine stays true there), so the event
 * a real browser fires is fired here.
 */
async function backOnline(page: Page) {
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
}

const notSaved = (page: Page) => page.getByRole("status").filter({ hasText: "not saved yet" });

test("three edits made offline survive a reload offline and are stored once when the network returns", async ({
  browser,
}) => {
  const { context, page, gridUrl, stored } = await freshTrackerOrg(browser);
  await openGridKeptOffline(page, gridUrl);

  await context.setOffline(true);
  await editCell(page, "Brand", 2, "120", "480");
  await editCell(page, "Generic", 2, "130", "390");
  await editCell(page, "Generic", 3, "555", "2220");
  await expect(notSaved(page)).toContainText("3 changes are not saved yet");

  // Reloaded with no network: the page opens from the device, says it is a copy and how old,
  // and the three values are there, still waiting.
  await page.reload();
  await expect(page.getByRole("grid", { name: "Weekly numbers of Acme" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toContainText(
    "The numbers here are as of",
  );
  await expect(cell(page, "Brand", 2)).toContainText("$120.00");
  await expect(cell(page, "Generic", 2)).toContainText("$130.00");
  await expect(cell(page, "Generic", 3)).toContainText("$555.00");
  await expect(notSaved(page)).toContainText("3 changes are not saved yet");
  // Its pictures too (the channel's icon), not broken images.
  const icon = page.locator('img[src^="/channels/"]').first();
  expect(await icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The oldest is the one being retried; the others wait their turn behind it.
  await expect(cell(page, "Brand", 2).getByRole("link", CELL_LINK)).toHaveAccessibleName(/not saved yet, retrying/);

  await backOnline(page);
  await expect(notSaved(page)).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "You are offline" })).toBeHidden();
  // Stored once each: the first version of each cell.
  await expect.poll(() => stored("Brand", "2026-09-21")).toMatchObject({ adSpend: 120, sales: 480, version: 1 });
  await expect.poll(() => stored("Generic", "2026-09-21")).toMatchObject({ adSpend: 130, sales: 390, version: 1 });
  await expect.poll(() => stored("Generic", "2026-09-28")).toMatchObject({ adSpend: 555, sales: 2220, version: 1 });

  // A second page sees them, and nothing is left on the device to send again.
  const second = await context.newPage();
  await second.goto(gridUrl);
  await expect(cell(second, "Brand", 2)).toContainText("$120.00");
  await expect(cell(second, "Generic", 3)).toContainText("$555.00");
  await expect(notSaved(second)).toBeHidden();
  await expect.poll(() => stored("Generic", "2026-09-28")).toMatchObject({ version: 1 });
  await context.close();
});

test("an offline edit a teammate overtook shows the conflict when the network returns", async ({ browser }) => {
  const { context, page, gridUrl, api, ids } = await freshTrackerOrg(browser);
  await openGridKeptOffline(page, gridUrl);
  await context.setOffline(true);
  await editCell(page, "Brand", 0, "150", "600");
  await page.reload();
  await expect(cell(page, "Brand", 0)).toContainText("$150.00");
  // Meanwhile a teammate changes the same week (the API is not this browser's network).
  await api("PUT", `/campaigns/${ids.Brand}/metrics/2026-09-07`, { adSpend: 111, sales: 333 });
  await backOnline(page);
  const dialog = page.getByRole("alertdialog", { name: "Conflicting edit" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("theirs-spend")).toHaveText("$111.00");
  await expect(dialog.getByTestId("yours-spend")).toHaveText("150");
  await context.close();
});

test("signing out with edits not yet sent asks first, then leaves nothing of the user on the device", async ({
  browser,
}) => {
  const { context, page, gridUrl } = await freshTrackerOrg(browser);
  await openGridKeptOffline(page, gridUrl);
  // The server cannot be reached for saves: the edit waits on the device.
  await page.route("**/cells", (route) => route.abort("internetdisconnected"));
  await editCell(page, "Generic", 3, "555", "2220");
  await expect(notSaved(page)).toContainText("1 change is not saved yet");

  const openMenu = () => page.getByLabel("Account menu").click();
  await openMenu();
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect.poll(() => asked).toContain("1 change you made has not reached the server yet");
  // Said no: still signed in, the edit still waiting.
  await expect(notSaved(page)).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/o/"));
  // Nothing kept: no offline copies, no unsent edits.
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(0);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).not.toContain(
    "celerity-pending",
  );
  await context.close();
});

test("changes waiting for a client are named on the org's other pages, and sent from its grid", async ({ browser }) => {
  const { context, page, gridUrl, slug, stored } = await freshTrackerOrg(browser);
  await openGridKeptOffline(page, gridUrl);
  await page.route("**/cells", (route) => route.abort("internetdisconnected"));
  await editCell(page, "Generic", 3, "555", "2220");
  await expect(notSaved(page)).toContainText("1 change is not saved yet");
  // The tab is closed; later the dashboard is opened.
  await page.goto(`/o/${slug}?until=2026-09-14`);
  const waiting = page.getByRole("status").filter({ hasText: "Changes wait on this device" });
  await expect(waiting).toContainText("1 change for Acme: open the grid to send them.");
  await page.unroute("**/cells");
  await waiting.getByRole("link", { name: "Acme" }).click();
  await expect.poll(() => stored("Generic", "2026-09-28")).toMatchObject({ adSpend: 555, sales: 2220, version: 1 });
  await page.goto(`/o/${slug}?until=2026-09-14`);
  await expect(page.getByRole("link", { name: "Acme" }).first()).toBeVisible();
  await expect(waiting).toHaveCount(0);
  await context.close();
});

test("another user signing in on the same browser never sees the first one's offline copies", async ({ browser }) => {
  const { context, page, gridUrl } = await freshTrackerOrg(browser);
  await openGridKeptOffline(page, gridUrl);
  // The first user's session ends without a sign-out here (it expired, or was ended elsewhere),
  // and someone else signs in on this browser.
  await context.clearCookies();
  await signIn(page, `${unique("other")}@e2e.test`);
  await page.waitForURL(/\/orgs/);
  await context.setOffline(true);
  await page.goto(gridUrl);
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page.getByText("Acme")).toHaveCount(0);
  await context.close();
});

test("the app can be installed: a manifest with icons, and a service worker in control", async ({ browser }) => {
  const { context, page, slug } = await freshTrackerOrg(browser);
  await page.goto(`/o/${slug}`);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = (await (await page.request.get(href!)).json()) as { display: string; icons: { sizes: string }[] };
  expect(manifest.display).toBe("standalone");
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await context.close();
});
