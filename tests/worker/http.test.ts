import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ORIGIN } from "./helpers";

describe("the Worker's HTTP surface", () => {
  it("reports health with the version and D1 reachability", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      ok: true,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      d1Reachable: true,
    });
  });

  it("answers unknown API paths with a JSON 404, not the app's HTML", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("server-renders the home page with security headers and a request id", async () => {
    const response = await SELF.fetch(`${ORIGIN}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain("Know which proof of concept is winning.");
    expect(html).toContain('data-theme="system"');
  });

  it("renders the remembered theme on the server, so the first paint is right", async () => {
    const response = await SELF.fetch(`${ORIGIN}/`, { headers: { Cookie: "celerity_theme=dark" } });
    const html = await response.text();
    expect(html).toContain('data-theme="dark"');
    expect(html).toMatch(/value="dark" aria-pressed="true"/);
  });

  it("falls back to the system theme when the cookie holds nonsense", async () => {
    const html = await (await SELF.fetch(`${ORIGIN}/`, { headers: { Cookie: "celerity_theme=<script>" } })).text();
    expect(html).toContain('data-theme="system"');
  });

  it("remembers a theme chosen with a plain form post and goes back to the page", async () => {
    const response = await SELF.fetch(`${ORIGIN}/resources/theme`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ theme: "dark", redirectTo: "/?from=test" }),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/?from=test");
    expect(response.headers.get("set-cookie")).toMatch(/^celerity_theme=dark; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });

  it("never redirects a theme switch to another site", async () => {
    const response = await SELF.fetch(`${ORIGIN}/resources/theme`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ theme: "light", redirectTo: "//evil.example/phish" }),
    });
    expect(response.headers.get("location")).toBe("/");
  });

  it("refuses an unknown theme with a field-level message", async () => {
    const response = await SELF.fetch(`${ORIGIN}/resources/theme`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: new URLSearchParams({ theme: "purple" }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { field: "theme", message: "Choose light, dark or system" } });
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it.each([
    ["no Origin", {}],
    ["a foreign Origin", { Origin: "https://evil.example" }],
  ])("refuses a write with %s (CSRF defence)", async (_label, headers) => {
    const response = await SELF.fetch(`${ORIGIN}/resources/theme`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ theme: "dark" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("shows a friendly 404 page without internals", async () => {
    const response = await SELF.fetch(`${ORIGIN}/no/such/page`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    // No stack trace, source path or module name reaches the visitor.
    expect(html).not.toMatch(/at \w+ \(|node_modules|\.tsx?:\d+/);
  });
});
