import { expect, test } from "@playwright/test";
import { cell, editCell, freshTrackerOrg, signedInContext, unique, WEEKS } from "./support";

// Issue 15: client-level access, the client portal, a week's history and the audit log. The
// fixture: client Acme on Google Ads, campaigns Brand and Generic at 100.00 / 400.00 in the
// first two fixed weeks; a second client, Globex, is added through the API.

/** Accepts the waiting invitation to `org` on /orgs, as the invitee would. */
async function acceptInvitation(page: import("@playwright/test").Page, org: string) {
  await page.goto("/orgs");
  await page.getByRole("button", { name: `Accept the invitation to ${org}` }).click();
}

test("a portal viewer invited to one client sees only that client, read-only", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  await org.api("POST", "/clients", { name: "Globex" });
  const { page } = org;
  await page.goto(`/o/${org.slug}/clients/${org.clientId}`);
  await page.getByRole("link", { name: "Access" }).click();
  const email = `${unique("brand")}@acme-brand.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${email}`);

  const brand = await signedInContext(browser, email);
  await acceptInvitation(brand.page, org.name);
  // Lands on its client, under the agency's name, with no way to change anything.
  await expect(brand.page).toHaveURL(new RegExp(`/o/${org.slug}/clients/${org.clientId}$`));
  await expect(brand.page.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  await expect(brand.page.getByTestId("org-role")).toHaveText("1 client");
  await expect(brand.page.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await expect(brand.page.getByRole("link", { name: "Team" })).toHaveCount(0);
  await brand.page.getByRole("link", { name: "Dashboard" }).click();
  await expect(brand.page.getByRole("link", { name: "Acme" }).first()).toBeVisible();
  await expect(brand.page.getByText("Globex")).toHaveCount(0);
  await brand.page.getByRole("link", { name: "Clients" }).click();
  await expect(brand.page.getByText("Globex")).toHaveCount(0);
  await brand.context.close();
});

test("an account manager limited to one client edits it, and cannot open another", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const globex = await org.api<{ id: string }>("POST", "/clients", { name: "Globex" });
  const { page } = org;
  const email = `${unique("am")}@e2e.test`;
  await page.goto(`/o/${org.slug}/team`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("account_manager");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const teammate = await signedInContext(browser, email);
  await acceptInvitation(teammate.page, org.name);
  await expect(teammate.page).toHaveURL(new RegExp(`/o/${org.slug}$`));

  // The admin limits them to Acme, from their page in Team.
  await page.goto(`/o/${org.slug}/team`);
  await page.getByRole("link", { name: `Client access of ${email}` }).click();
  await page.getByLabel(/^Only the clients chosen below/).check();
  await page.getByLabel("Acme").selectOption("account_manager");
  await page.getByRole("button", { name: "Save access" }).click();
  await expect(page.getByRole("status")).toContainText("Access saved");

  await teammate.page.goto(org.gridUrl);
  await editCell(teammate.page, "Brand", 0, "150", "450");
  await expect(cell(teammate.page, "Brand", 0)).toContainText("$150.00");
  await expect.poll(() => org.stored("Brand", WEEKS[0])).toMatchObject({ adSpend: 150, sales: 450 });
  const other = await teammate.page.goto(`/o/${org.slug}/clients/${globex.id}`);
  expect(other?.status()).toBe(404);
  await teammate.context.close();
});

test("a cell's history shows on a rest over the cell, and an editor restores an earlier value", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  await page.goto(org.gridUrl);
  await editCell(page, "Brand", 0, "150", "450");
  await expect.poll(() => org.stored("Brand", WEEKS[0])).toMatchObject({ adSpend: 150 });
  await cell(page, "Brand", 0).hover();
  const tip = page.getByTestId("cell-history");
  await expect(tip).toContainText("$100.00 → $150.00 spend");
  await tip.getByRole("link", { name: "Open the history" }).click();
  await expect(page.getByRole("heading", { name: /Brand, week of Sep 7: history/ })).toBeVisible();
  const changes = page.getByRole("list", { name: "Changes, newest first" }).getByRole("listitem");
  await expect(changes).toHaveCount(2);
  await changes.nth(1).getByRole("button", { name: "Restore these numbers" }).click();
  await expect(page.getByText(/^Restored\./)).toBeVisible();
  await expect(changes).toHaveCount(3);
  await expect(changes.first()).toContainText("$150.00 → $100.00 spend");
  await expect.poll(() => org.stored("Brand", WEEKS[0])).toMatchObject({ adSpend: 100, sales: 400 });
});

test("the audit log lists every change and filters by what changed", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  await page.goto(org.gridUrl);
  await editCell(page, "Generic", 1, "120", "360");
  await expect.poll(() => org.stored("Generic", WEEKS[1])).toMatchObject({ adSpend: 120 });
  await page.goto(`/o/${org.slug}/settings`);
  await page.getByLabel("Number format").selectOption("1.234,56");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("link", { name: "Audit log" }).click();
  const entries = page.getByRole("list", { name: "Changes, newest first" }).getByRole("listitem");
  await expect(entries.first()).toContainText("Settings changed");
  await expect(entries.filter({ hasText: "Weekly numbers saved" }).first()).toContainText(/spend: .*100.* → .*120/);
  await page.getByLabel("What").selectOption("metric");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/entity=metric/);
  await expect(entries.filter({ hasText: "Settings changed" })).toHaveCount(0);
  await expect(entries.first()).toContainText("Weekly numbers saved");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export as CSV" }).click();
  expect((await download).suggestedFilename()).toBe(`${org.slug}-audit.csv`);
});

test("resting on a cell while offline keeps the grid and its unsaved edit; the card says it cannot load", async ({
  browser,
}) => {
  const org = await freshTrackerOrg(browser);
  const { page, context } = org;
  await page.goto(org.gridUrl);
  await expect(page.getByRole("grid")).toBeVisible();
  // The card's code is fetched once the grid is up; the connection drops after that (a card whose
  // code never arrived shows nothing, which is not what this test is about).
  await page.waitForLoadState("networkidle");
  await context.setOffline(true);
  await editCell(page, "Generic", 3, "555", "2220");
  await expect(page.getByRole("status").filter({ hasText: "1 change is not saved yet" })).toBeVisible();
  // The history of a stored week cannot be fetched offline: the card says so, the grid stays.
  await cell(page, "Brand", 0).hover();
  await expect(page.getByTestId("cell-history")).toContainText("cannot be loaded");
  await expect(page.getByRole("grid")).toBeVisible();
  await expect(cell(page, "Generic", 3)).toContainText("$555.00");
  await context.setOffline(false);
  await expect.poll(() => org.stored("Generic", WEEKS[3])).toMatchObject({ adSpend: 555, sales: 2220 });
});
