import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signedInContext } from "./support";

// Issue 17 (WCAG 2.2 AA): axe-core finds no serious or critical violation on the pages people
// open first, in both themes.

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sign-in page, the dashboard and a client grid pass axe in the ${colorScheme} theme`, async ({
    browser,
  }) => {
    const anonymous = await browser.newContext({ colorScheme });
    const login = await anonymous.newPage();
    await login.goto("/login");
    expect(await seriousViolations(login)).toEqual([]);
    await anonymous.close();

    const { page, context } = await signedInContext(browser, "viewer@demo.test", { colorScheme });
    await page.goto("/o/demo");
    await expect(page.getByRole("main")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/o/demo/clients");
    await page.getByRole("link", { name: "Acme Outdoor" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}
