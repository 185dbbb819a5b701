import { expect, test } from "@playwright/test";
import { freshIpHeaders, signIn, unique } from "./support";

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
});
