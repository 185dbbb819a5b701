import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let lastIp = Math.floor(Math.random() * 200);
/**
 * A client address of its own for each browser context: the sign-in limit counts per address
 * (Cloudflare sets this header at the edge; locally wrangler passes it through).
 */
export const freshIpHeaders = () => ({ "CF-Connecting-IP": `198.51.100.${(lastIp++ % 250) + 1}` });

/** Asks for a sign-in link, opens it from the dev mailbox like a person would, and signs in. */
export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.getByRole("link", { name: "dev mailbox" }).click();
  const mail = page
    .getByTestId("mail")
    .filter({ hasText: `To ${email}` })
    .first();
  await mail.getByRole("link").click();
  await expect(page.getByText(`Continue as ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A new browser (own cookies, own address) signed in as `email`. */
export async function signedInContext(
  browser: Browser,
  email: string,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext({ extraHTTPHeaders: freshIpHeaders(), ...options });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL(/\/(o\/|orgs)/);
  return { context, page };
}

export type Signed = { context: BrowserContext; page: Page };

/** The fixed weeks a fresh org's numbers are placed in: tests never depend on today's date. */
export const WEEKS = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"] as const;

/** The platform operators' token of local development (.dev.vars.example). */
const PLATFORM_ADMIN_TOKEN = "dev-platform-admin-token";

/**
 * A new organization of its own for one spec: its admin signs in and creates it (with the given
 * number format), then its client, channel, group and campaigns are built through the API, and
 * each campaign gets numbers in the first two fixed weeks (spend 100.00, sales 400.00).
 */
export async function freshTrackerOrg(
  browser: Browser,
  { format = "1,234.56", campaigns = ["Brand", "Generic"] } = {},
) {
  const email = `${unique("owner")}@e2e.test`;
  const signed = await signedInContext(browser, email);
  const { page, context } = signed;
  await page.goto("/orgs");
  const name = unique("Agency");
  await page.getByLabel("Agency name").fill(name);
  await page.getByLabel("Number format").selectOption(format);
  await page.getByRole("button", { name: "Create organization" }).click();
  await page.waitForURL(/\/o\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  const minted = await context.request.post(`/api/admin/orgs/${slug}/tokens`, {
    headers: { Authorization: `Bearer ${PLATFORM_ADMIN_TOKEN}` },
    data: { name: "e2e fixture", scope: "write" },
  });
  const { token } = (await minted.json()) as { token: string };
  const api = async <T>(method: "POST" | "PUT", path: string, data: unknown): Promise<T> => {
    const response = await context.request.fetch(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
      data,
    });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const client = await api<{ id: string }>("POST", "/clients", { name: "Acme" });
  const channel = await api<{ id: string }>("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" });
  const group = await api<{ id: string }>("POST", `/client-channels/${channel.id}/campaign-groups`, {
    name: "Search",
    weeklyBudget: 1000,
  });
  const ids: Record<string, string> = {};
  for (const campaign of campaigns) {
    ids[campaign] = (
      await api<{ id: string }>("POST", `/campaign-groups/${group.id}/campaigns`, { name: campaign, targetRoas: 4 })
    ).id;
    for (const week of WEEKS.slice(0, 2))
      await api("PUT", `/campaigns/${ids[campaign]}/metrics/${week}`, { adSpend: 100, sales: 400 });
  }
  const gridUrl = `/o/${slug}/clients/${client.id}?weeks=4&until=${WEEKS.at(-1)}`;
  /** The stored numbers of one campaign's week, read through the API. */
  const stored = async (campaign: string, week: string) => {
    const response = await context.request.get(`/api/v1/campaigns/${ids[campaign]}/metrics?from=${week}&to=${week}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as { adSpend: number; sales: number; version: number }[])[0] ?? null;
  };
  return { ...signed, name, slug, clientId: client.id, clientChannelId: channel.id, ids, gridUrl, stored, api };
}

/** A cell's own link, by its name ("Brand, week of …"): a cell may also show its last changes, with a link. */
export const CELL_LINK = { name: /, week of / };

/** A campaign's cell in the grid, by the campaign's name and the week's column (0 = oldest shown). */
export const cell = (page: Page, campaign: string, nth: number) =>
  page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${campaign}`) }) })
    .getByRole("gridcell")
    .nth(nth);

/** Opens the editor of a cell, types both amounts and saves with Enter. */
export async function editCell(page: Page, campaign: string, nth: number, spend: string, sales: string) {
  const target = cell(page, campaign, nth);
  await target.getByRole("link", CELL_LINK).click(); // a click (or tap) opens the cell's editor
  await target.getByLabel(/^Ad spend/).fill(spend);
  await target.getByLabel(/^Sales/).fill(sales);
  await target.getByLabel(/^Sales/).press("Enter");
}
