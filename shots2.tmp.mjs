import { chromium } from "playwright-core";
import { CHROMIUM } from "/work/main/scripts/chromium.mjs";
const base = "http://localhost:8790";
const browser = await chromium.launch(CHROMIUM);
const ctx = await browser.newContext({ baseURL: base, extraHTTPHeaders: { "CF-Connecting-IP": "198.51.100.78" } });
const page = await ctx.newPage();
await page.goto("/login");
await page.getByLabel("Work email").fill("admin@demo.test");
await page.getByRole("button", { name: "Email me a sign-in link" }).click();
await page.getByRole("link", { name: "dev mailbox" }).click();
await page.getByTestId("mail").filter({ hasText: "To admin@demo.test" }).first().getByRole("link").click();
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/\/o\//);
const cookies = await ctx.cookies();
const list = process.argv.slice(2);
for (const spec of list) {
  const [name, url, device, scheme] = spec.split("|");
  const viewport = device === "phone" ? { width: 390, height: 844 } : { width: 1280, height: 900 };
  const c = await browser.newContext({ baseURL: base, viewport, colorScheme: scheme });
  await c.addCookies(cookies);
  const p = await c.newPage();
  await p.goto(url);
  await p.screenshot({ path: `/tmp/shots/v-${name}-${device}-${scheme}.png` });
  await c.close();
}
await browser.close();
