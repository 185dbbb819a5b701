import { expect, test } from "@playwright/test";
import { freshTrackerOrg } from "./support";

test("a pasted block is previewed row by row, imported with a summary; importing it again changes nothing", async ({
  browser,
}) => {
  const { context, page, gridUrl } = await freshTrackerOrg(browser, { campaigns: ["Headphones", "Chargers"] });
  await page.goto(gridUrl);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import weekly numbers into Acme" })).toBeVisible();

  const block = [
    "Campaign\tWeek\tCost\tRevenue",
    "Headphones\t2026-W39\t1200\t6000",
    "Chargers\t2026-09-21\t800.50\t$4,002.50",
    "Unknown\t2026-09-21\t1\t1",
    "Chargers\t2026-09-22\t1\t1",
  ].join("\n");
  await page.getByLabel("…or paste rows here").fill(block);
  await expect(page.getByRole("status").filter({ hasText: "4 rows" })).toContainText("2 valid, 2 with errors");
  await expect(page.getByText('No campaign "Unknown" in this client')).toBeVisible();
  await expect(page.getByText('"2026-09-22" is not a Monday')).toBeVisible();
  // The preview shows each amount as it will be stored.
  await expect(page.getByRole("cell", { name: "$4,002.50" })).toBeVisible();
  // Every row must be valid unless the user chooses otherwise.
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();
  await page.getByLabel("Import the valid rows, skip the others").check();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished: 2 created, 0 updated, 0 unchanged, 2 refused.")).toBeVisible();

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished: 0 created, 0 updated, 2 unchanged, 2 refused.")).toBeVisible();

  await page.goto(gridUrl);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Chargers/ }) });
  await expect(row.getByRole("gridcell").nth(2)).toContainText("$800.50");
  await expect(row.getByRole("gridcell").nth(2)).toContainText("5.00×");
  await context.close();
});

test("a semicolon CSV with decimal commas is read as written in a 1.234,56 organization, never multiplied", async ({
  browser,
}) => {
  const { context, page, gridUrl, stored } = await freshTrackerOrg(browser, {
    format: "1.234,56",
    campaigns: ["Brand broad"],
  });
  await page.goto(gridUrl);
  await page.getByRole("link", { name: "Import CSV" }).click();
  await page
    .getByLabel("…or paste rows here")
    .fill(["campaign;week;spend;sales", "Brand broad;2026-09-14;1000,50;3500,00"].join("\n"));
  await expect(page.getByRole("status").filter({ hasText: "1 rows" })).toContainText("1 valid");
  await expect(page.getByRole("cell", { name: /^1\.000,50\s\$$/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^3\.500,00\s\$$/ })).toBeVisible();
  // Read in the other format, the same file is refused, with what it would mean there.
  await page.getByLabel("Numbers in this file are written like").selectOption("1,234.56");
  await expect(page.getByText(/did you mean 1,000\.50\?/)).toBeVisible();
  await page.getByLabel("Numbers in this file are written like").selectOption("1.234,56");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished: 0 created, 1 updated, 0 unchanged, 0 refused.")).toBeVisible();
  expect(await stored("Brand broad", "2026-09-14")).toMatchObject({ adSpend: 1000.5, sales: 3500 });
  await context.close();
});
