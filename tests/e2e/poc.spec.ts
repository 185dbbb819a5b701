import { expect, test } from "@playwright/test";
import { freshTrackerOrg, WEEKS } from "./support";

// Issue 14: a POC's page (verdict, reason, charts and their tables, criteria) and the portfolio.
// The fixture: one client on Google Ads, two campaigns (target 4×) at 100.00 spend and 400.00
// sales in each of the first two fixed weeks, a group budget of 1,000.00 a week.

test("criteria set on a POC's page change its verdict, live in a teammate's page too", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const url = `/o/${org.slug}/pocs/${org.clientChannelId}?week=${WEEKS[1]}`;
  const { page } = org;
  const teammate = await org.context.newPage();
  await teammate.goto(url);
  await page.goto(url);
  await expect(page.getByTestId("poc-reason")).toHaveText(
    /^Week 2 of at least 4; spend \$400\.00 ≥ \$0\.00 minimum\.$/,
  );
  await expect(page.getByText(/^…\s*Too early$/)).toBeVisible();

  await page.getByLabel("Minimum weeks").fill("2");
  await page.getByLabel("Target ROAS").fill("3");
  await page.getByRole("button", { name: "Save criteria" }).click();
  const graduated = "ROAS 4.00× vs 3.00× target over 2 weeks; spend $400.00 ≥ $0.00; 90% band 4.00–4.00×.";
  await expect(page.getByTestId("poc-reason")).toHaveText(graduated);
  await expect(page.getByText(/^✓\s*Graduate$/)).toBeVisible();
  // The teammate's open page follows without a reload.
  await expect(teammate.getByTestId("poc-reason")).toHaveText(graduated);

  // Refused criteria name their field and change nothing.
  await page.getByLabel("Maximum weeks").fill("1");
  await page.getByRole("button", { name: "Save criteria" }).click();
  await expect(page.getByText("At least the minimum weeks")).toBeVisible();
  await expect(page.getByTestId("poc-reason")).toHaveText(graduated);
});

test("a POC's charts: each week reachable by keyboard, the same numbers as a table", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  await page.goto(`/o/${org.slug}/pocs/${org.clientChannelId}?week=${WEEKS[1]}`);
  const roas = page.getByRole("figure", { name: "ROAS vs target" });
  const first = roas.getByRole("img", { name: /^Week of Sep 7: 4\.00×, target 4\.00×$/ });
  await first.focus();
  await expect(first).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(roas.getByRole("img", { name: /^Week of Sep 14: 4\.00×/ })).toBeFocused();
  await roas.getByText("Show as a table").click();
  const table = roas.getByRole("table", { name: "ROAS vs target, by week" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText("4.00×");
  const spend = page.getByRole("figure", { name: "Spend vs budget" });
  await spend.getByText("Show as a table").click();
  await expect(spend.getByRole("table").getByRole("row").nth(2)).toContainText("$200.00");
  await expect(spend.getByRole("table").getByRole("row").nth(2)).toContainText("$1,000");
});

test("the portfolio shows each POC's verdict, filters by verdict, and exports what it shows", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  await page.goto(`/o/${org.slug}`);
  await page.getByRole("link", { name: "Portfolio" }).click();
  // The dashboard has a week picker and a Show button too: act once the portfolio is there.
  await expect(page.getByRole("heading", { name: /^Portfolio, week of/ })).toBeVisible();
  await page.getByLabel("Week", { exact: true }).fill(WEEKS[1]);
  await page.getByRole("button", { name: "Show" }).click();
  const row = page.getByRole("row").filter({ hasText: "Google Ads" });
  await expect(row).toContainText("Too early");
  await expect(row).toContainText("Under pace"); // 200.00 of a 1,000.00 weekly budget
  await page.getByLabel("Verdict").selectOption("graduate");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("No POC matches these filters.")).toBeVisible();
  await page.getByLabel("Verdict").selectOption("");
  await page.getByRole("button", { name: "Show" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export as CSV" }).click();
  const csv = await (await download)
    .path()
    .then((path) => import("node:fs").then((fs) => fs.readFileSync(path!, "utf8")));
  expect(csv.split("\r\n")[1]).toMatch(/^Acme,Google Ads,too_early,2,400\.00,1600\.00,4\.00,4\.00,4\.00,4\.00,under,/);
  // The channel links to its POC's page.
  await row.getByRole("link", { name: "Google Ads" }).click();
  await expect(page.getByRole("heading", { name: /Acme · Google Ads POC/ })).toBeVisible();
});

test("a note added on a POC's page appears live on a teammate's grid and chart", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  const teammateGrid = await org.context.newPage();
  await teammateGrid.goto(org.gridUrl);
  const teammatePoc = await org.context.newPage();
  const url = `/o/${org.slug}/pocs/${org.clientChannelId}?week=${WEEKS[1]}`;
  await teammatePoc.goto(url);
  await page.goto(url);
  await page.getByLabel("Week", { exact: true }).selectOption(WEEKS[0]);
  await page.getByLabel("Note").fill("Raised bids 20%");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("list", { name: "Notes on weeks" })).toContainText("Sep 7:Raised bids 20%");

  // The grid's Sep 7 column says so, without a reload; so does the chart's week.
  await expect(teammateGrid.getByTestId("week-notes")).toHaveAttribute("title", "Raised bids 20%");
  await expect(
    teammatePoc.getByRole("figure", { name: "ROAS vs target" }).getByRole("img", { name: /Note: Raised bids 20%$/ }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Delete the note “Raised bids 20%”" }).click();
  await expect(page.getByText("No notes yet on these weeks.")).toBeVisible();
  await expect(teammateGrid.getByTestId("week-notes")).toHaveCount(0);
});
