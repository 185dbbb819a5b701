import { expect, type Page, test } from "@playwright/test";
import { CELL_LINK, cell, freshTrackerOrg } from "./support";

// Issue 17: the grid, the dashboard and the setup page on a 390×844 phone, under Chrome
// DevTools' "Slow 4G" (562.5 ms per request, 1.44 Mbps down) with a 4× slower CPU. The fixture:
// Acme on Google Ads, Brand and Generic at 100.00 / 400.00 in the first two fixed weeks.

const PHONE = { width: 390, height: 844 };
const SLOW = { timeout: 20_000 };

async function onASlowPhone(page: Page) {
  await page.setViewportSize(PHONE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150 * 3.75,
    downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
    uploadThroughput: ((750 * 1000) / 8) * 0.9,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
}

/** A box a thumb can press: at least 44 px tall and 24 px wide. */
async function expectThumbSized(locator: ReturnType<Page["locator"]>) {
  const box = (await locator.boundingBox())!;
  expect(box.height, await locator.evaluate((e) => e.outerHTML.slice(0, 120))).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(24);
}

test("on a slow phone a tap on the latest week edits it with Save and Cancel buttons a thumb can press", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page, gridUrl, stored } = await freshTrackerOrg(browser);
  await onASlowPhone(page);
  await page.goto(gridUrl);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible(SLOW);

  const latest = cell(page, "Generic", 3);
  await latest.getByRole("link", CELL_LINK).click();
  await latest.getByLabel(/^Ad spend/).fill("250");
  await latest.getByLabel(/^Sales/).fill("1000");
  const save = latest.getByRole("button", { name: "Save" });
  await expectThumbSized(save);
  await expectThumbSized(latest.getByRole("button", { name: "Cancel" }));
  await expectThumbSized(latest.getByLabel(/^Sales/));
  await save.click();
  await expect(latest).toContainText("$250.00", SLOW);
  await expect.poll(() => stored("Generic", "2026-09-28"), SLOW).toMatchObject({ adSpend: 250, sales: 1000 });

  // Cancel leaves the week as it was.
  const other = cell(page, "Brand", 3);
  await other.getByRole("link", CELL_LINK).click();
  await other.getByLabel(/^Ad spend/).fill("999");
  await other.getByLabel(/^Sales/).fill("999");
  await other.getByRole("button", { name: "Cancel" }).click();
  await expect(other.getByLabel(/^Ad spend/)).toHaveCount(0);
  await expect(other).not.toContainText("999");
  expect(await stored("Brand", "2026-09-28")).toBeNull();
  await context.close();
});

test("on a slow phone the dashboard fits: each client's figures show without scrolling sideways", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page, slug } = await freshTrackerOrg(browser);
  await onASlowPhone(page);
  await page.goto(`/o/${slug}?until=2026-09-14`);
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "Acme" })).toBeVisible(SLOW);
  // Each figure on the screen, under its column's name (the header row is for screen readers there).
  for (const figure of [/^ROAS vs target 4\.00× \/ 4\.00×/, /^Spend \$200\.00/, /^Sales \$800\.00/]) {
    const shown = table.getByRole("cell", { name: figure });
    await expect(shown).toBeVisible();
    const box = (await shown.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await context.close();
});

test("on a phone the setup page's controls are all large enough for a thumb", async ({ browser }) => {
  test.setTimeout(90_000);
  const { context, page, slug, clientId } = await freshTrackerOrg(browser);
  await page.setViewportSize(PHONE);
  await page.goto(`/o/${slug}/clients/${clientId}/setup`);
  const main = page.getByRole("main");
  const controls = main.locator(
    "button:visible, input:visible, select:visible, a:visible, label:has(input[type=checkbox])",
  );
  expect(await controls.count()).toBeGreaterThan(10);
  for (const control of await controls.all()) {
    // A checkbox counts through its label, which a tap anywhere on toggles it.
    if (await control.evaluate((e) => e instanceof HTMLInputElement && e.type === "checkbox")) continue;
    await expectThumbSized(control);
  }
  await context.close();
});
