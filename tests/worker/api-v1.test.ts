import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../app/server/rate-limit.server";
import { addChannel } from "../../db/control/channels";
import { controlDb } from "../../db/control/database";
import { apiTokens } from "../../db/control/schema";
import { parseServerMessage } from "../../core/protocol";
import { apiOrg, apiTree } from "./api";
import { makeOrg, mintToken, ORIGIN } from "./helpers";

describe("API v1", () => {
  it("tells the token's organization and the channels", async () => {
    const { org, json } = await apiOrg();
    expect(await json("GET", "/org")).toEqual({
      status: 200,
      body: { id: org.id, slug: org.slug, name: "API Agency" },
    });
    const channels = await json("GET", "/channels");
    expect(channels.status).toBe(200);
    expect(channels.body).toContainEqual({ id: expect.any(String), slug: "meta-ads", name: "Meta Ads" });
  });

  it("creates, reads, updates and deletes clients", async () => {
    const { json } = await apiOrg();
    const created = await json("POST", "/clients", { name: "Globex" });
    expect(created).toEqual({ status: 201, body: { id: expect.any(String), name: "Globex", isActive: true } });
    const id = created.body.id;
    expect(await json("GET", "/clients")).toEqual({ status: 200, body: [created.body] });
    expect(await json("GET", `/clients/${id}`)).toEqual({ status: 200, body: created.body });
    expect(await json("PATCH", `/clients/${id}`, { name: "Globex Corp", isActive: false })).toEqual({
      status: 200,
      body: { id, name: "Globex Corp", isActive: false },
    });
    expect((await json("DELETE", `/clients/${id}`)).status).toBe(204);
    expect((await json("GET", `/clients/${id}`)).status).toBe(404);
  });

  it("builds the client → channel → group → campaign tree with decimal money", async () => {
    const { json, client, clientChannel, group, campaign } = await apiTree();
    expect(clientChannel).toEqual({
      id: expect.any(String),
      clientId: client.id,
      channel: { slug: "google-ads", name: "Google Ads" },
      isActive: true,
    });
    expect(group).toEqual({ id: expect.any(String), name: "Search", weeklyBudget: 2500.5 });
    expect(campaign).toEqual({ id: expect.any(String), name: "Brand", targetRoas: 4.25 });
    expect((await json("GET", `/clients/${client.id}/channels`)).body).toEqual([clientChannel]);
    expect((await json("GET", `/client-channels/${clientChannel.id}/campaign-groups`)).body).toEqual([group]);
    expect((await json("GET", `/campaign-groups/${group.id}/campaigns`)).body).toEqual([campaign]);
  });

  it("lists and enables a channel an operator added after the organization was created", async () => {
    const { json } = await apiOrg();
    await addChannel(controlDb(env.DB), { name: "Reddit Ads", slug: "reddit-ads", iconUrl: null });
    expect((await json("GET", "/channels")).body).toContainEqual({
      id: expect.any(String),
      slug: "reddit-ads",
      name: "Reddit Ads",
    });
    const client = (await json("POST", "/clients", { name: "Acme" })).body;
    const enabled = await json("POST", `/clients/${client.id}/channels`, { channelSlug: "reddit-ads" });
    expect(enabled).toEqual({
      status: 201,
      body: {
        id: expect.any(String),
        clientId: client.id,
        channel: { slug: "reddit-ads", name: "Reddit Ads" },
        isActive: true,
      },
    });
  });

  it("puts weekly metrics: 201 then 200, ROAS computed, 409 on a stale version with the current row", async () => {
    const { json, campaign } = await apiTree();
    const path = `/campaigns/${campaign.id}/metrics/2026-11-16`;
    const created = await json("PUT", path, { adSpend: 1000.1, sales: 4000.4 });
    expect(created).toEqual({
      status: 201,
      body: { weekStart: "2026-11-16", adSpend: 1000.1, sales: 4000.4, roas: 4, version: 1 },
    });
    const updated = await json("PUT", path, { adSpend: 0, sales: 50, version: 1 });
    expect(updated).toEqual({
      status: 200,
      body: { weekStart: "2026-11-16", adSpend: 0, sales: 50, roas: null, version: 2 },
    });
    const stale = await json("PUT", path, { adSpend: 1, sales: 1, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", current: { adSpend: 0, sales: 50, version: 2 } });
    await json("PUT", `/campaigns/${campaign.id}/metrics/2026-11-09`, { adSpend: 10, sales: 30 });
    expect((await json("GET", `/campaigns/${campaign.id}/metrics?from=2026-11-09&to=2026-11-09`)).body).toEqual([
      { weekStart: "2026-11-09", adSpend: 10, sales: 30, roas: 3, version: 1 },
    ]);
    expect(
      (await json("GET", `/campaigns/${campaign.id}/metrics`)).body.map((m: { weekStart: string }) => m.weekStart),
    ).toEqual(["2026-11-09", "2026-11-16"]);
  });

  it("puts a week without a version over whatever is there, as a sync script does", async () => {
    const { json, campaign } = await apiTree();
    const path = `/campaigns/${campaign.id}/metrics/2026-11-16`;
    expect((await json("PUT", path, { adSpend: 10, sales: 20 })).status).toBe(201);
    await json("PUT", path, { adSpend: 11, sales: 22, version: 1 });
    expect(await json("PUT", path, { adSpend: 12, sales: 60 })).toEqual({
      status: 200,
      body: { weekStart: "2026-11-16", adSpend: 12, sales: 60, roas: 5, version: 3 },
    });
  });

  it.each([
    ["a week that is not a Monday", "2026-11-17", { adSpend: 1, sales: 1 }, "weekStart"],
    ["a negative amount", "2026-11-16", { adSpend: -1, sales: 1 }, "adSpend"],
    ["a non-numeric amount", "2026-11-16", { adSpend: "12", sales: 1 }, "adSpend"],
    ["a fraction of a cent", "2026-11-16", { adSpend: 1.005, sales: 1 }, "adSpend"],
    // Within a float's rounding of a whole cent: never silently stored as 1.00.
    ["a billionth of a unit", "2026-11-16", { adSpend: 1.000000001, sales: 1 }, "adSpend"],
    ["sales a ten-billionth over a whole unit", "2026-11-16", { adSpend: 1, sales: 2.0000000001 }, "sales"],
  ])("answers 422 to %s, naming the field", async (_label, week, body, path) => {
    const { json, campaign } = await apiTree();
    const response = await json("PUT", `/campaigns/${campaign.id}/metrics/${week}`, body);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("invalid");
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { call } = await apiOrg();
    const response = await call("POST", "/clients", "{nope");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message: "The body must be valid JSON" } });
  });

  it("answers 401 without a token or with a revoked or expired one", async () => {
    const { org, write } = await apiOrg();
    expect((await SELF.fetch(`${ORIGIN}/api/v1/org`)).status).toBe(401);
    expect(
      (await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: "Bearer cel_made_up" } })).status,
    ).toBe(401);
    const expired = await mintToken(org, {
      name: "old",
      scope: "read",
      createdBy: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(
      (await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: `Bearer ${expired.token}` } })).status,
    ).toBe(401);
    await controlDb(env.DB).update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.orgId, org.id));
    const revoked = await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: `Bearer ${write}` } });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("answers 403 when a read token writes, and changes nothing", async () => {
    const { json, read } = await apiOrg();
    expect((await json("GET", "/clients", undefined, read)).status).toBe(200);
    const refused = await json("POST", "/clients", { name: "Nope" }, read);
    expect(refused).toEqual({
      status: 403,
      body: { error: { code: "forbidden", message: expect.stringContaining("read-only") } },
    });
    expect((await json("GET", "/clients", undefined, read)).body).toEqual([]);
    // Refused for who it is before what it sent is judged: an invalid body is still 403, not 422.
    for (const body of [{}, { name: "" }, { name: 42 }]) {
      expect((await json("POST", "/clients", body, read)).status).toBe(403);
    }
  });

  it("answers 404 for any id of another organization", async () => {
    const mine = await apiTree();
    const other = await apiOrg();
    for (const path of [
      `/clients/${mine.client.id}`,
      `/clients/${mine.client.id}/channels`,
      `/client-channels/${mine.clientChannel.id}/campaign-groups`,
      `/campaign-groups/${mine.group.id}/campaigns`,
      `/campaigns/${mine.campaign.id}/metrics`,
    ]) {
      expect((await other.json("GET", path)).status, path).toBe(404);
    }
    expect(
      (await other.json("PUT", `/campaigns/${mine.campaign.id}/metrics/2026-11-16`, { adSpend: 1, sales: 1 })).status,
    ).toBe(404);
    expect((await other.json("PATCH", `/clients/${mine.client.id}`, { name: "Hijacked" })).status).toBe(404);
    expect((await other.json("DELETE", `/clients/${mine.client.id}`)).status).toBe(404);
    expect((await mine.json("GET", `/clients/${mine.client.id}`)).body.name).toBe("Acme");
  });

  it("answers 409 to deleting numbers without confirmation, and to enabling a channel twice", async () => {
    const { json, client, campaign } = await apiTree();
    await json("PUT", `/campaigns/${campaign.id}/metrics/2026-11-16`, { adSpend: 1, sales: 1 });
    const refused = await json("DELETE", `/clients/${client.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("needs_confirmation");
    expect((await json("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" })).status).toBe(409);
    expect((await json("DELETE", `/clients/${client.id}?confirm=true`)).status).toBe(204);
  });

  it("limits each token, with Retry-After", async () => {
    const { org } = await apiOrg();
    const { token } = await mintToken(org, { name: "busy", scope: "read", createdBy: null });
    const { hitRateLimit } = await import("../../app/server/rate-limit.server");
    const row = await controlDb(env.DB).select().from(apiTokens).where(eq(apiTokens.name, "busy")).get();
    // Use up the window directly rather than with 600 requests.
    for (let i = 0; i < RATE_LIMITS.apiPerToken.limit; i++)
      await hitRateLimit(env, `api:${row!.id}`, RATE_LIMITS.apiPerToken);
    const limited = await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: `Bearer ${token}` } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("records when a token was last used", async () => {
    const { org, json } = await apiOrg();
    await json("GET", "/org");
    const rows = await controlDb(env.DB).select().from(apiTokens).where(eq(apiTokens.orgId, org.id)).all();
    expect(rows.find((r) => r.name === "writer")?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("streams the org's change events over a WebSocket, with the token as a query parameter", async () => {
    const { json, read } = await apiOrg();
    const response = await SELF.fetch(`${ORIGIN}/api/v1/events?since=0&access_token=${read}`, {
      headers: { Upgrade: "websocket" },
    });
    const ws = response.webSocket!;
    expect(ws).toBeTruthy();
    ws.accept();
    const received: string[] = [];
    ws.addEventListener("message", (event) => {
      const message = parseServerMessage(String(event.data));
      if (message?.t === "event") received.push(message.event.type);
    });
    await json("POST", "/clients", { name: "Live" });
    for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(received).toEqual(["client.created"]);
    ws.close();
    expect((await SELF.fetch(`${ORIGIN}/api/v1/events`, { headers: { Upgrade: "websocket" } })).status).toBe(401);
  });

  it("publishes an OpenAPI 3.1 document generated from the handlers' schemas, and a reference page", async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/alerts",
      "/audit",
      "/campaign-groups/{id}/campaigns",
      "/campaigns/{id}/metrics",
      "/campaigns/{id}/metrics/{weekStart}",
      "/campaigns/{id}/metrics/{weekStart}/history",
      "/channels",
      "/client-channels/{id}/campaign-groups",
      "/client-channels/{id}/poc",
      "/clients",
      "/clients/{id}",
      "/clients/{id}/channels",
      "/events",
      "/org",
      "/portfolio",
    ]);
    expect(Object.keys(doc.paths["/clients/{id}"]!).sort()).toEqual(["delete", "get", "patch"]);
    expect(Object.keys(doc.components.schemas.WeeklyMetricPut!.properties!)).toEqual(["adSpend", "sales", "version"]);
    const page = await SELF.fetch(`${ORIGIN}/api/v1/reference`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/v1/campaigns/{id}/metrics/{weekStart}");
  });
});

describe("API tokens page", () => {
  it("lets an admin create a token shown once, list it with its last use, and revoke it", async () => {
    const { makeMember, post, get } = await import("./helpers");
    const org = await makeOrg();
    const admin = await makeMember(org.id, "admin");
    const page = `/o/${org.slug}/settings/api-tokens`;
    const created = await post(
      page,
      { intent: "create", name: "Sync", scope: "write", expiresInDays: "30" },
      { cookie: admin.cookie },
    );
    expect(created.status).toBe(200);
    const token = (await created.text()).match(/cel_[\w-]{43}/)![0];
    expect((await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    const listing = await (await get(page, admin.cookie)).text();
    expect(listing).toContain("Sync");
    expect(listing).toContain("Last used");
    expect(listing).not.toContain(token);
    const row = await controlDb(env.DB).select().from(apiTokens).where(eq(apiTokens.orgId, org.id)).get();
    expect(row?.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await post(page, { intent: "revoke", id: row!.id }, { cookie: admin.cookie })).status).toBe(200);
    expect((await SELF.fetch(`${ORIGIN}/api/v1/org`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });

  it("is for admins only", async () => {
    const { makeMember, post, get } = await import("./helpers");
    const org = await makeOrg();
    const manager = await makeMember(org.id, "account_manager");
    const page = `/o/${org.slug}/settings/api-tokens`;
    expect((await get(page, manager.cookie)).status).toBe(403);
    expect((await post(page, { intent: "create", name: "x", scope: "write" }, { cookie: manager.cookie })).status).toBe(
      403,
    );
    expect(await controlDb(env.DB).select().from(apiTokens).where(eq(apiTokens.orgId, org.id)).all()).toEqual([]);
  });
});
