import { expect, type Page, test } from "@playwright/test";
import { cell, editCell, freshTrackerOrg, CELL_LINK } from "./support";

/** The grid of a fresh org, live. */
async function openGrid(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("grid", { name: "Weekly numbers of Acme" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

test.describe("numbers typed in the grid are never lost or misread", () => {
  test("a decimal comma is read as the org writes numbers: 300,5 is 300.50 in a 1.234,56 org", async ({ browser }) => {
    const { context, page, gridUrl, stored } = await freshTrackerOrg(browser, { format: "1.234,56" });
    await openGrid(page, gridUrl);
    await editCell(page, "Brand", 2, "300,5", "1.202,25 €");
    await expect(cell(page, "Brand", 2)).toContainText("300,50 $");
    await expect(cell(page, "Brand", 2)).toContainText("4,00×");
    await expect.poll(() => stored("Brand", "2026-09-21")).toMatchObject({ adSpend: 300.5, sales: 1202.25 });
    await context.close();
  });

  test("in a 1,234.56 org 300,5 is refused with how to write it, nothing is stored; Escape closes the message", async ({
    browser,
  }) => {
    const { context, page, gridUrl, stored } = await freshTrackerOrg(browser);
    await openGrid(page, gridUrl);
    await editCell(page, "Brand", 2, "300,5", "1");
    const alert = cell(page, "Brand", 2).getByRole("alert");
    await expect(alert).toContainText("did you mean 300.50?");
    await page.keyboard.press("Escape");
    await expect(alert).toBeHidden();
    await expect(cell(page, "Brand", 2).getByRole("link", CELL_LINK)).toBeFocused();
    expect(await stored("Brand", "2026-09-21")).toBeNull();
    // Enter edits what was typed again; a corrected value saves.
    await page.keyboard.press("Enter");
    await expect(cell(page, "Brand", 2).getByLabel(/^Ad spend/)).toHaveValue("300,5");
    await page.keyboard.type("300.50");
    await page.keyboard.press("Enter");
    await expect.poll(() => stored("Brand", "2026-09-21")).toMatchObject({ adSpend: 300.5, sales: 1 });
    await context.close();
  });

  test("a pasted block with currency formatting is read in the org's format; a malformed one is refused whole", async ({
    browser,
  }) => {
    const { context, page, gridUrl, stored } = await freshTrackerOrg(browser, { format: "1.234,56" });
    await openGrid(page, gridUrl);
    const paste = (text: string) =>
      cell(page, "Brand", 2)
        .getByRole("link", CELL_LINK)
        .evaluate((link, text) => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          link.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }, text);
    await cell(page, "Brand", 2).getByRole("link", CELL_LINK).focus();
    await paste("300.5\t1\n1\t1\n");
    await expect(page.getByRole("alert").filter({ hasText: "Row 1, week 1" })).toContainText("did you mean 300,50?");
    expect(await stored("Brand", "2026-09-21")).toBeNull();
    await page.getByRole("button", { name: "Dismiss" }).click();
    await cell(page, "Brand", 2).getByRole("link", CELL_LINK).focus();
    await paste("1.000,50 €\t4.002,00 €\n300,5\t1.202,25\n");
    await expect(page.getByRole("status").filter({ hasText: "Pasted 2 cells." })).toBeVisible();
    await expect(cell(page, "Generic", 2)).toContainText("300,50 $");
    await expect.poll(() => stored("Brand", "2026-09-21")).toMatchObject({ adSpend: 1000.5, sales: 4002 });
    await expect.poll(() => stored("Generic", "2026-09-21")).toMatchObject({ adSpend: 300.5, sales: 1202.25 });
    await context.close();
  });

  test("an edit made offline is kept, shown as not saved, and stored once when the network returns", async ({
    browser,
  }) => {
    const { context, page, gridUrl, stored } = await freshTrackerOrg(browser);
    await openGrid(page, gridUrl);
    await context.setOffline(true);
    await editCell(page, "Generic", 3, "555", "2220");
    // No error page: the grid stays, the value is shown and marked as not saved yet.
    await expect(page.getByRole("grid")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "1 change is not saved yet" })).toBeVisible();
    await expect(cell(page, "Generic", 3)).toContainText("$555.00");
    await expect(cell(page, "Generic", 3).getByRole("link", CELL_LINK)).toHaveAccessibleName(/not saved yet, retrying/);
    await page.waitForTimeout(1500); // a retry or two fail while offline
    await context.setOffline(false);
    await expect(page.getByRole("status").filter({ hasText: "not saved yet" })).toBeHidden();
    await expect.poll(() => stored("Generic", "2026-09-28")).toMatchObject({ adSpend: 555, sales: 2220, version: 1 });
    await page.reload();
    await expect(cell(page, "Generic", 3)).toContainText("$555.00");
    await context.close();
  });

  test("like a spreadsheet: a click away saves, typing replaces, Enter selects the value, Delete clears", async ({
    browser,
  }) => {
    const { context, page, gridUrl, stored } = await freshTrackerOrg(browser);
    await openGrid(page, gridUrl);

    // Click away: the typed value is saved, not discarded.
    const first = cell(page, "Brand", 2);
    await first.getByRole("link", CELL_LINK).click();
    await first.getByLabel(/^Ad spend/).fill("120");
    await first.getByLabel(/^Sales/).fill("480");
    await cell(page, "Generic", 2).getByRole("link", CELL_LINK).click();
    await expect(cell(page, "Generic", 2).getByLabel(/^Ad spend/)).toBeFocused();
    await page.keyboard.press("Escape");
    await expect.poll(() => stored("Brand", "2026-09-21")).toMatchObject({ adSpend: 120, sales: 480 });

    // Enter edits with the old value selected: typing replaces it instead of appending.
    await cell(page, "Brand", 0).getByRole("link", CELL_LINK).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type("250");
    await page.keyboard.press("Enter");
    await expect.poll(() => stored("Brand", "2026-09-07")).toMatchObject({ adSpend: 250, sales: 400, version: 2 });

    // Typing on a selected cell starts editing with what is typed.
    await cell(page, "Brand", 1).getByRole("link", CELL_LINK).focus();
    await page.keyboard.type("7");
    await expect(cell(page, "Brand", 1).getByLabel(/^Ad spend/)).toHaveValue("7");
    await page.keyboard.press("Enter");
    await expect.poll(() => stored("Brand", "2026-09-14")).toMatchObject({ adSpend: 7, sales: 400 });

    // Delete on a selected cell clears its week.
    await cell(page, "Generic", 1).getByRole("link", CELL_LINK).focus();
    await page.keyboard.press("Delete");
    await expect(cell(page, "Generic", 1).getByRole("link", CELL_LINK)).toHaveAccessibleName(/empty$/);
    await expect.poll(() => stored("Generic", "2026-09-14")).toBeNull();
    await page.reload();
    await expect(cell(page, "Generic", 1).getByRole("link", CELL_LINK)).toHaveAccessibleName(/empty$/);
    await context.close();
  });
});
