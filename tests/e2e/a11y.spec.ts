import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { freshTrackerOrg, signedInContext, WEEKS } from "./support";

// Issue 17 (WCAG 2.2 AA): axe-core finds no serious or critical violation on the pages people
// open first, in both themes (the contract), and no violation at all on every main page, on a
// desktop and on a phone.

/** What axe finds against WCAG 2.2 AA, of the given impacts (serious and critical unless said). */
async function axeViolations(page: Page, impacts = ["serious", "critical"]) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations
    .filter((v) => impacts.includes(v.impact ?? ""))
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
    expect(await axeViolations(login)).toEqual([]);
    await anonymous.close();

    const { page, context } = await signedInContext(browser, "viewer@demo.test", { colorScheme });
    await page.goto("/o/demo");
    await expect(page.getByRole("main")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto("/o/demo/clients");
    await page.getByRole("link", { name: "Acme Outdoor" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every main page passes axe, with no violation at all, in the ${colorScheme} theme`, async ({ browser }) => {
    test.setTimeout(120_000);
    const org = await freshTrackerOrg(browser);
    const { page, slug, clientId, clientChannelId, ids } = org;
    await page.emulateMedia({ colorScheme });
    const client = `/o/${slug}/clients/${clientId}`;
    const pages = [
      "/orgs",
      "/settings/sessions",
      `/o/${slug}?until=${WEEKS[1]}`,
      `/o/${slug}/clients`,
      org.gridUrl,
      `${client}/charts?until=${WEEKS[1]}`,
      `${client}/setup`,
      `${client}/import`,
      `${client}/week/${WEEKS[0]}`,
      `${client}/history/${ids.Brand}/${WEEKS[0]}`,
      `${client}/access`,
      `/o/${slug}/pocs/${clientChannelId}?week=${WEEKS[1]}`,
      `/o/${slug}/portfolio`,
      `/o/${slug}/alerts`,
      `/o/${slug}/team`,
      `/o/${slug}/audit`,
      `/o/${slug}/settings`,
      `/o/${slug}/settings/alerts`,
      `/o/${slug}/settings/mail`,
      `/o/${slug}/settings/api-tokens`,
    ];
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      for (const violation of await axeViolations(page, ["minor", "moderate", "serious", "critical"]))
        found.push(`${path}: ${violation}`);
    }
    // And on a phone, where the grid, the dashboard and the editor change their layout.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/o/${slug}?until=${WEEKS[1]}`, org.gridUrl, `${client}/setup`]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      for (const violation of await axeViolations(page, ["minor", "moderate", "serious", "critical"]))
        found.push(`${path} (phone): ${violation}`);
    }
    expect(found).toEqual([]);
    await org.context.close();
  });
}
