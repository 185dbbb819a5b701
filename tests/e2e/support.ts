import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

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
  const mail = page.getByTestId("mail").filter({ hasText: `To ${email}` }).first();
  await mail.getByRole("link").click();
  await expect(page.getByText(`Continue as ${email}`)).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A new browser (own cookies, own address) signed in as `email`. */
export async function signedInContext(browser: Browser, email: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ extraHTTPHeaders: freshIpHeaders(), ...options });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL(/\/(o\/|orgs)/);
  return { context, page };
}

export type Signed = { context: BrowserContext; page: Page };
