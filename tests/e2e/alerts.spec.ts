import { expect, test } from "@playwright/test";
import { editCell, freshTrackerOrg, signedInContext, unique } from "./support";

// Issue 16: alerts appear live in a teammate's inbox; the Monday summary renders in the dev
// mailbox. The fixture: Acme on Google Ads, campaigns Brand and Generic at 100.00 / 400.00
// (4.00×, their target) in the first two fixed weeks.

test("an edit that breaks a target makes the alert appear live in a teammate's inbox", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  const email = `${unique("teammate")}@e2e.test`;
  await page.goto(`/o/${org.slug}/team`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const teammate = await signedInContext(browser, email);
  await teammate.page.goto("/orgs");
  await teammate.page.getByRole("button", { name: `Accept the invitation to ${org.name}` }).click();
  // Joined only once the answer has landed: going on before it could cancel the accepting request.
  await expect(teammate.page).toHaveURL(new RegExp(`/o/${org.slug}$`));
  await teammate.page.goto(`/o/${org.slug}/alerts`);
  await expect(teammate.page.getByText("Live", { exact: true })).toBeVisible();
  const roasAlert = teammate.page.getByText(/Brand: ROAS below its 4\.00× target for 2 weeks in a row/);
  await expect(roasAlert).toHaveCount(0);
  const badge = teammate.page.getByTestId("open-alerts");
  const before = (await badge.count()) === 0 ? 0 : Number((await badge.textContent())?.match(/\d+/)?.[0]);

  // The admin, on the grid, enters two weeks of Brand at 1.00×: under its 4.00× target twice in a row.
  await page.goto(org.gridUrl);
  await editCell(page, "Brand", 0, "100", "100");
  await editCell(page, "Brand", 1, "100", "100");

  // The teammate's inbox shows it without a reload, with the place to act and a higher count.
  await expect(roasAlert).toBeVisible();
  await expect(badge).toHaveText(`${before + 1} open`);
  await expect(
    teammate.page.getByRole("listitem").filter({ has: roasAlert }).getByRole("link", { name: "Act on it" }),
  ).toHaveAttribute("href", `/o/${org.slug}/clients/${org.clientId}`);
  await teammate.context.close();
});

test("the Monday summary renders in the dev mailbox, as HTML and as text", async ({ browser }) => {
  const org = await freshTrackerOrg(browser);
  const { page } = org;
  // The hourly run, as the Cron Trigger makes it, at 08:00 on Monday 2026-09-21 (the org is on UTC).
  const run = await page.request.get("/dev/scheduled?time=2026-09-21T08:00:00Z");
  expect(run.status()).toBe(200);
  await page.goto("/dev/mailbox");
  const mail = page
    .getByTestId("mail")
    .filter({ hasText: `Monday summary · ${org.name} · week of 2026-09-14` })
    .first();
  await expect(mail).toContainText("POC verdicts");
  await expect(mail).toContainText("- Acme: spend $200.00, sales $800.00, ROAS 4.00× vs 4.00× target: On target");
  await mail.getByText("As HTML").click();
  const html = mail.frameLocator("iframe");
  await expect(html.getByRole("heading", { name: `Monday summary: ${org.name}, week of 2026-09-14` })).toBeVisible();
  await expect(html.getByRole("cell", { name: "On target" })).toBeVisible();
  await expect(html.getByRole("link", { name: "Open the dashboard" })).toHaveAttribute(
    "href",
    new RegExp(`/o/${org.slug}$`),
  );
});
