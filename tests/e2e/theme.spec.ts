import { expect, test } from "@playwright/test";

const backgroundOf = (page: import("@playwright/test").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe("theme", () => {
  test("follows the system by default, switches at once, and is remembered", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Know which proof of concept is winning.");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-theme", "system");
    const light = await backgroundOf(page);

    // The page turns dark at once; the choice is saved in the background.
    const saved = page.waitForResponse((r) => r.url().includes("/resources/theme") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Dark" }).click();
    await expect(html).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    const dark = await backgroundOf(page);
    expect(dark).not.toBe(light);
    await saved;

    // Remembered by the server: the reloaded page is dark from its first byte.
    const response = await page.reload();
    expect(await response?.text()).toContain('data-theme="dark"');
    await expect(html).toHaveAttribute("data-theme", "dark");
    expect(await backgroundOf(page)).toBe(dark);
  });

  test("'system' follows the operating system's preference with no script", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await page.getByRole("button", { name: "System" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
    const darkOs = await backgroundOf(page);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await backgroundOf(page)).not.toBe(darkOs);
  });

  test("works before JavaScript loads: the switch is a plain form", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Dark" }).click();
    await page.waitForURL("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await context.close();
  });

  test("is usable on a phone-sized screen", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Dark" }).tap();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
