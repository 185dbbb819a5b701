import { type BrowserContext, expect, test } from "@playwright/test";
import { freshIpHeaders, signIn, unique } from "./support";

test.use({ extraHTTPHeaders: freshIpHeaders() });

test.describe("identity and tenancy", () => {
  let teammate: BrowserContext;
  test.afterEach(async () => teammate?.close());

  test("sign in, create an org, invite a viewer who sees it without edit controls and cannot forge edits", async ({
    page,
    browser,
  }) => {
    const adminEmail = `${unique("boss")}@agency.test`;
    await signIn(page, adminEmail);
    await expect(page).toHaveURL("/orgs");
    await expect(page.getByText("You are not in any organization yet")).toBeVisible();

    const name = `Agency ${unique("e2e")}`;
    await page.getByLabel("Agency name").fill(name);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const slug = new URL(page.url()).pathname.split("/")[2]!;
    await expect(page.getByTestId("org-role")).toHaveText("Admin");

    await page.getByRole("link", { name: "Team" }).click();
    const viewerEmail = `${unique("viewer")}@agency.test`;
    await page.getByLabel("Email").fill(viewerEmail);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status")).toHaveText(`Invitation sent to ${viewerEmail}`);
    await expect(page.getByText(viewerEmail, { exact: true })).toBeVisible();

    teammate = await browser.newContext({ extraHTTPHeaders: freshIpHeaders() });
    const viewer = await teammate.newPage();
    await signIn(viewer, viewerEmail);
    // The invitation is asked, not accepted on the invitee's behalf.
    await expect(viewer).toHaveURL("/orgs");
    await viewer.getByRole("button", { name: `Accept the invitation to ${name}` }).click();
    await expect(viewer).toHaveURL(`/o/${slug}`);
    await expect(viewer.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(viewer.getByTestId("org-role")).toHaveText("Viewer");

    await viewer.getByRole("link", { name: "Team" }).click();
    await expect(viewer.getByRole("heading", { name: /Members/ })).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Save role" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: /Remove/ })).toHaveCount(0);
    await expect(viewer.getByText("Invite a teammate")).toHaveCount(0);

    // A forged edit from the viewer's own signed-in browser: refused, and nothing changes.
    const forged = await viewer.request.post(`/o/${slug}/team`, {
      form: { intent: "invite", email: `${unique("intruder")}@evil.test`, role: "admin" },
      headers: { Origin: new URL(viewer.url()).origin },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    await page.reload();
    await expect(page.getByText("@evil.test")).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: `Role of ${viewerEmail}` })).toHaveValue("viewer");
  });

  test("a link cannot be used twice", async ({ page, browser }) => {
    const email = `${unique("twice")}@agency.test`;
    await signIn(page, email);
    await expect(page).toHaveURL("/orgs");
    const mails = (await (await page.request.get("/dev/mailbox.json")).json()) as { to: string; text: string }[];
    const link = mails.find((m) => m.to === email)!.text.match(/https?:\/\/\S+/)![0];
    const other = await browser.newContext({ extraHTTPHeaders: freshIpHeaders() });
    const second = await other.newPage();
    await second.goto(link);
    await expect(second.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
    await other.close();
  });
});
