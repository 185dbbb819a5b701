import { expect, type Page, test } from "@playwright/test";
import { cell, editCell, type Signed, signedInContext, CELL_LINK } from "./support";

/** The demo org's first client, as the seed makes it. */
async function openAcmeGrid(page: Page) {
  await page.goto("/o/demo/clients");
  await page.getByRole("link", { name: "Acme Outdoor" }).click();
  await expect(page.getByRole("grid", { name: "Weekly numbers of Acme Outdoor" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

test.describe("the live weekly grid", () => {
  let am: Signed;
  let admin: Signed;
  test.beforeAll(async ({ browser }) => {
    am = await signedInContext(browser, "am@demo.test");
    admin = await signedInContext(browser, "admin@demo.test");
  });
  test.afterAll(async () => {
    await am.context.close();
    await admin.context.close();
  });

  test("an edit in one page appears in the other without reload, with presence", async () => {
    await openAcmeGrid(am.page);
    await openAcmeGrid(admin.page);
    await expect(admin.page.getByTestId("viewers")).toContainText("Max Manager");

    await editCell(am.page, "Brand exact", 7, "1500", "9000.50");
    const mirrored = cell(admin.page, "Brand exact", 7);
    await expect(mirrored).toContainText("$1,500");
    await expect(mirrored).toContainText("$9,001");
    await expect(mirrored).toContainText("6.00×");
    // The sender sees the committed value too, colored against the 8.00 target (miss), with a sign
    // that says so without the colour.
    await expect(cell(am.page, "Brand exact", 7).locator(".text-danger")).toHaveText("↓ 6.00×");
  });

  test("a conflicting edit shows both values and lets the user keep theirs", async () => {
    await openAcmeGrid(am.page);
    await openAcmeGrid(admin.page);
    // The admin starts editing, then the account manager saves the same week first.
    const adminCell = cell(admin.page, "Brand phrase", 6);
    await adminCell.getByRole("link", CELL_LINK).click();
    await adminCell.getByLabel(/^Ad spend/).fill("2222");
    await adminCell.getByLabel(/^Sales/).fill("4444");
    await editCell(am.page, "Brand phrase", 6, "1111", "3333");
    await expect(cell(admin.page, "Brand phrase", 6)).toBeVisible();
    await adminCell.getByLabel(/^Sales/).press("Enter");

    const dialog = admin.page.getByRole("alertdialog", { name: "Conflicting edit" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId("theirs-spend")).toHaveText("$1,111");
    await expect(dialog.getByTestId("yours-spend")).toHaveText("2222");
    await dialog.getByRole("button", { name: "Keep mine" }).click();
    await expect(dialog).toBeHidden();
    await expect(cell(am.page, "Brand phrase", 6)).toContainText("$2,222");
    await expect(cell(admin.page, "Brand phrase", 6)).toContainText("$2,222");
  });

  test("works by keyboard alone: arrows move, Enter edits, Tab saves and moves, Escape cancels", async () => {
    await openAcmeGrid(am.page);
    const page = am.page;
    await cell(page, "Backpacks", 0).getByRole("link", CELL_LINK).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(cell(page, "Backpacks", 2).getByRole("link", CELL_LINK)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(cell(page, "Footwear", 2).getByRole("link", CELL_LINK)).toBeFocused();

    // Escape leaves the value as it was.
    const before = await cell(page, "Footwear", 2).innerText();
    await page.keyboard.press("Enter");
    await page.keyboard.type("77777");
    await page.keyboard.press("Escape");
    await expect(cell(page, "Footwear", 2).getByRole("link", CELL_LINK)).toBeFocused();
    expect(await cell(page, "Footwear", 2).innerText()).toBe(before);

    await page.keyboard.press("Enter");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("1000");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("3500");
    await page.keyboard.press("Tab"); // saves, and moves to the next week
    await expect(cell(page, "Footwear", 2)).toContainText("$1,000");
    await expect(cell(page, "Footwear", 2)).toContainText("3.50×");
    await expect(cell(page, "Footwear", 3).getByRole("link", CELL_LINK)).toBeFocused();
    // Shown at once while saving (dimmed); reload only once the save has landed.
    await expect(cell(page, "Footwear", 2).getByRole("link", CELL_LINK)).not.toHaveClass(/opacity-60/);
    await page.reload();
    await expect(cell(page, "Footwear", 2)).toContainText("$3,500");
  });

  test("a refused value says why, keeps what was typed, and changes nothing", async () => {
    await openAcmeGrid(am.page);
    const before = await cell(am.page, "Backpacks", 5).innerText();
    await editCell(am.page, "Backpacks", 5, "twelve", "100");
    const alert = cell(am.page, "Backpacks", 5).getByRole("alert");
    await expect(alert).toContainText(
      'Not saved: "twelve" is not a number in this organization\'s format: write it like 1,234.56',
    );
    await alert.getByRole("button", { name: "Edit again" }).click();
    await expect(cell(am.page, "Backpacks", 5).getByLabel(/^Ad spend/)).toHaveValue("twelve");
    await cell(am.page, "Backpacks", 5)
      .getByLabel(/^Ad spend/)
      .press("Escape");
    await am.page.reload();
    expect(await cell(am.page, "Backpacks", 5).innerText()).toBe(before);
  });

  test("a first visit to the grid loads no route manifest file (the size budget counts what it loads)", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      storageState: await am.context.storageState(),
      extraHTTPHeaders: { "CF-Connecting-IP": "198.51.100.249" },
    });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto("/o/demo/clients");
    await page.getByRole("link", { name: "Acme Outdoor" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    // Lazy route discovery: the page inlines the routes it matched; tests/budgets counts those instead.
    expect(scripts.some((path) => path.includes("/assets/entry.client-"))).toBe(true);
    expect(scripts.filter((path) => /\/assets\/manifest-/.test(path))).toEqual([]);
    await context.close();
  });

  test("a week can be edited with a plain form, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await am.context.storageState(),
      extraHTTPHeaders: { "CF-Connecting-IP": "198.51.100.250" },
    });
    const page = await context.newPage();
    await page.goto("/o/demo/clients");
    await page.getByRole("link", { name: "Acme Outdoor" }).click();
    // Each week's header leads to that week's form.
    await page
      .getByRole("columnheader")
      .filter({ has: page.getByRole("link") })
      .last()
      .getByRole("link")
      .click();
    await expect(page.getByRole("heading", { name: /Acme Outdoor · week of/ })).toBeVisible();
    const row = page
      .locator("div")
      .filter({ has: page.getByText("Tents & shelters", { exact: true }) })
      .filter({ has: page.getByLabel("Spend") })
      .last();
    await row.getByLabel("Spend").fill("1234.56");
    await row.getByLabel("Sales").fill("6172.80");
    await page.getByRole("button", { name: "Save the week" }).click();
    await expect(page.getByRole("grid")).toBeVisible();
    await expect(cell(page, "Tents & shelters", 7)).toContainText("$1,235");
    await expect(cell(page, "Tents & shelters", 7)).toContainText("5.00×");

    // A wrong amount is refused by row, and nothing is saved.
    await page
      .getByRole("columnheader")
      .filter({ has: page.getByRole("link") })
      .last()
      .getByRole("link")
      .click();
    await row.getByLabel("Spend").fill("12,34,5x");
    await page.getByRole("button", { name: "Save the week" }).click();
    await expect(page.getByText("Some rows are not valid; nothing was saved")).toBeVisible();
    await expect(row.getByRole("alert")).toContainText("write it like 1,234.56");
    await context.close();
  });

  test("a viewer sees the numbers but no editing", async ({ browser }) => {
    const viewer = await signedInContext(browser, "viewer@demo.test");
    await openAcmeGrid(viewer.page);
    await expect(viewer.page.getByRole("link", { name: "Channels & campaigns" })).toHaveCount(0);
    const target = cell(viewer.page, "Brand exact", 5);
    await target.getByRole("link", CELL_LINK).click();
    await viewer.page.keyboard.press("Enter");
    await expect(viewer.page.getByLabel(/^Ad spend/)).toHaveCount(0);
    await viewer.page.goto("/o/demo/clients");
    await expect(viewer.page.getByRole("button", { name: "Add client" })).toHaveCount(0);
    await viewer.context.close();
  });
});

test("on a 390×844 phone the grid shows the latest week's numbers without scrolling sideways", async ({ browser }) => {
  const { page, context } = await signedInContext(browser, "viewer@demo.test", {
    viewport: { width: 390, height: 844 },
  });
  await page.goto("/o/demo/clients");
  await page.getByRole("link", { name: "Acme Outdoor" }).click();
  const grid = page.getByRole("grid", { name: "Weekly numbers of Acme Outdoor" });
  await expect(grid).toBeVisible();
  const headers = grid.getByRole("columnheader");
  const latest = headers.nth((await headers.count()) - 2); // the last column is the weeks' total
  const campaign = grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Tents & shelters/ }) });
  const cells = campaign.getByRole("gridcell");
  const latestCell = cells.nth((await cells.count()) - 2);
  for (const shown of [latest, latestCell]) {
    const box = (await shown.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Not hidden under the campaigns' column, which stays on the left.
  const names = (await grid.getByRole("columnheader", { name: "Campaign" }).boundingBox())!;
  expect((await latest.boundingBox())!.x).toBeGreaterThanOrEqual(names.x + names.width - 1);
  await expect(latestCell).toContainText("×");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
