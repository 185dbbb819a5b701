import { expect, test } from "@playwright/test";
import { freshIpHeaders, freshTrackerOrg, signIn, unique } from "./support";

test.describe("security", () => {
  test("with JavaScript disabled, requesting a link, opening it and pressing Sign in signs in", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: freshIpHeaders() });
    const page = await context.newPage();
    const email = `${unique("nojs")}@e2e.test`;
    await signIn(page, email);
    await page.waitForURL(/\/orgs$/);
    await expect(page.getByRole("heading", { name: "Your organizations" })).toBeVisible();
    await context.close();
  });

  test("static assets carry security headers, and hashed ones are cached for good", async ({ page, request }) => {
    await page.goto("/login");
    const script = await page
      .locator("script[type=module]")
      .first()
      .evaluate((element) => element.textContent ?? "");
    const asset = script.match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    for (const path of ["/favicon.svg", asset!]) {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["content-security-policy"]).toContain("default-src 'none'");
      expect(headers["x-frame-options"]).toBe("DENY");
    }
    expect((await request.get(asset!)).headers()["cache-control"]).toContain("immutable");
  });

  test("pages run their scripts under the nonce CSP without a single violation", async ({ browser }) => {
    const { page, context, slug, clientId } = await freshTrackerOrg(browser);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
        violations.push(message.text());
    });
    for (const path of [`/o/${slug}`, `/o/${slug}/clients/${clientId}`, "/orgs", "/settings/sessions"]) {
      await page.goto(path);
      // Remix's router exists only once the page's module scripts have run.
      await page.waitForFunction(() => "__remixRouter" in window);
    }
    await page.goto(`/o/${slug}/clients/${clientId}`);
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();
  });

  test("signing out everywhere from another tab stops an open grid's live updates at once, and it says so", async ({
    browser,
  }) => {
    const { page, context, gridUrl } = await freshTrackerOrg(browser);
    await page.goto(gridUrl);
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    const other = await context.newPage();
    await other.goto("/settings/sessions");
    const signedOut = await other.request.post("/logout", {
      form: { intent: "everywhere" },
      headers: { Origin: new URL(other.url()).origin },
      maxRedirects: 0,
    });
    expect(signedOut.status()).toBe(302);
    await expect(page.getByRole("status").filter({ hasText: "Signed out — sign in again" })).toBeVisible({
      timeout: 2000,
    });
    await context.close();
  });
});
