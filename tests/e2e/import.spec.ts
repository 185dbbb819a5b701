import { expect, test } from "@playwright/test";
import { signedInContext } from "./support";

test("a pasted spreadsheet block is previewed row by row, then imported with a summary; importing it again changes nothing", async ({ browser }) => {
  const { context, page } = await signedInContext(browser, "am@demo.test");
  await page.goto("/o/demo/clients");
  await page.getByRole("link", { name: "Cobalt Electronics" }).click();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import weekly numbers into Cobalt Electronics" })).toBeVisible();

  const block = ["Campaign\tWeek\tCost\tRevenue", "Headphones\t2027-W02\t1200\t6000", "Chargers\t2027-01-11\t800.50\t4002.50", "Unknown\t2027-01-11\t1\t1", "Chargers\t2027-01-12\t1\t1"].join("\n");
  await page.getByLabel("…or paste rows here").fill(block);
  await expect(page.getByRole("status").filter({ hasText: "4 rows" })).toContainText("2 valid, 2 with errors");
  await expect(page.getByText('No campaign "Unknown" in this client')).toBeVisible();
  await expect(page.getByText('"2027-01-12" is not a Monday')).toBeVisible();
  // Every row must be valid unless the user chooses otherwise.
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();
  await page.getByLabel("Import the valid rows, skip the others").check();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished: 2 created, 0 updated, 0 unchanged, 2 refused.")).toBeVisible();

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished: 0 created, 0 updated, 2 unchanged, 2 refused.")).toBeVisible();

  await page.getByRole("link", { name: "See the grid" }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]+$/);
  await page.goto(`${page.url()}?weeks=4&until=2027-01-11`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Chargers/ }) });
  await expect(row.getByRole("gridcell").last()).toContainText("$800.50");
  await expect(row.getByRole("gridcell").last()).toContainText("5.00×");
  await context.close();
});
