import { env, runInDurableObject, SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../core/crypto";
import { controlDb } from "../../db/control/database";
import { apiTokens, invitations, organizations, teamMembers, users } from "../../db/control/schema";
import { createUser } from "../../seed/factories";
import type { Actor, OrgHub } from "../../party/org-hub";
import { get, latestLink, makeMember, makeOrg, openSocket, ORIGIN, post, signInViaLink, unique } from "./helpers";

const db = () => controlDb(env.DB);
const newEmail = () => `${unique("person")}@example.test`;

async function orgWithAdmin() {
  const org = await makeOrg("Northwind");
  const admin = await makeMember(org.id, "admin");
  return { org, admin };
}

describe("organizations, self-service", () => {
  it("a signed-in user creates one and becomes its admin", async () => {
    const { cookie } = await signInViaLink(newEmail());
    const slug = unique("agency");
    const response = await post("/orgs", { name: "My Agency", slug }, { cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/o/${slug}`);
    const org = await db().select().from(organizations).where(eq(organizations.slug, slug)).get();
    expect(org).toMatchObject({ name: "My Agency", state: "ready" });
    const page = await (await get(`/o/${slug}`, cookie)).text();
    expect(page).toContain("My Agency");
    expect(page).toContain("Admin");
  });

  it("derives the address from the name, and refuses a taken one by field", async () => {
    const { cookie } = await signInViaLink(newEmail());
    const name = `Agency ${unique("x")}`;
    const first = await post("/orgs", { name, slug: "" }, { cookie });
    expect(first.headers.get("Location")).toMatch(/^\/o\/agency-/);
    const taken = first.headers.get("Location")!.slice(3);
    const second = await post("/orgs", { name: "Other", slug: taken }, { cookie });
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("That address is taken");
    const bad = await post("/orgs", { name: "Other", slug: "Not A Slug!" }, { cookie });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Use lowercase letters, digits and single dashes");
  });
});

describe("tenant isolation", () => {
  it("answers 404 to a non-member on every org page and action, as for an org that does not exist", async () => {
    const { org } = await orgWithAdmin();
    const outsider = await makeMember((await makeOrg()).id, "admin");
    for (const path of [`/o/${org.slug}`, `/o/${org.slug}/team`, `/o/no-such-org`, `/o/no-such-org/team`]) {
      expect((await get(path, outsider.cookie)).status, path).toBe(404);
    }
    const forged = await post(
      `/o/${org.slug}/team`,
      { intent: "invite", email: newEmail(), role: "admin" },
      { cookie: outsider.cookie },
    );
    expect(forged.status).toBe(404);
    expect(await db().select().from(invitations).where(eq(invitations.orgId, org.id)).all()).toEqual([]);
  });

  it("lets each member see only their own organizations", async () => {
    const { org, admin } = await orgWithAdmin();
    const other = await makeOrg("Secret Agency");
    const page = await (await get("/orgs", admin.cookie)).text();
    expect(page).toContain(`/o/${org.slug}`);
    expect(page).not.toContain(other.slug);
  });
});

describe("team", () => {
  it("an admin invites by email; the invitee signs in and sees the org with the given role", async () => {
    const { org, admin } = await orgWithAdmin();
    const email = newEmail();
    const invited = await post(
      `/o/${org.slug}/team`,
      { intent: "invite", email, role: "account_manager" },
      { cookie: admin.cookie },
    );
    expect(invited.status).toBe(200);
    const link = new URL(await latestLink(email));
    expect(link.pathname).toBe("/login");
    expect(link.searchParams.get("redirectTo")).toBe("/orgs");

    const { cookie, location } = await signInViaLink(email);
    expect(location).toBe("/orgs");
    // Asked on /orgs, not joined by signing in or by loading the page.
    const orgs = await (await get("/orgs", cookie)).text();
    expect(orgs).toContain(`Accept the invitation to ${org.name}`);
    expect((await get(`/o/${org.slug}`, cookie)).status).toBe(404);

    const invitation = (await db().select().from(invitations).where(eq(invitations.email, email)).get())!;
    const accepted = await post("/orgs", { intent: "accept", invitationId: invitation.id }, { cookie });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/o/${org.slug}`);
    const page = await (await get(`/o/${org.slug}/team`, cookie)).text();
    expect(page).toContain("Account manager");
    expect(await db().select().from(invitations).where(eq(invitations.email, email)).get()).toMatchObject({
      acceptedAt: expect.any(Date),
    });
  });

  it("an invitee may decline; the admin sees it and may ask again; nobody else can answer it", async () => {
    const { org, admin } = await orgWithAdmin();
    const email = newEmail();
    await post(`/o/${org.slug}/team`, { intent: "invite", email, role: "viewer" }, { cookie: admin.cookie });
    const invitation = (await db().select().from(invitations).where(eq(invitations.email, email)).get())!;

    const stranger = await signInViaLink(newEmail());
    expect(
      (await post("/orgs", { intent: "accept", invitationId: invitation.id }, { cookie: stranger.cookie })).status,
    ).toBe(409);
    expect((await get(`/o/${org.slug}`, stranger.cookie)).status).toBe(404);

    const { cookie } = await signInViaLink(email);
    const declined = await post("/orgs", { intent: "decline", invitationId: invitation.id }, { cookie });
    expect(declined.headers.get("Location")).toBe("/orgs");
    expect(await (await get("/orgs", cookie)).text()).not.toContain(`invitation to ${org.name}`);
    expect((await get(`/o/${org.slug}`, cookie)).status).toBe(404);
    expect(await (await get(`/o/${org.slug}/team`, admin.cookie)).text()).toContain("declined — resend to ask again");

    expect(
      (await post(`/o/${org.slug}/team`, { intent: "resend", invitationId: invitation.id }, { cookie: admin.cookie }))
        .status,
    ).toBe(200);
    expect(await (await get("/orgs", cookie)).text()).toContain(`Accept the invitation to ${org.name}`);
  });

  it("refuses a second open invitation to the same person, and can resend or revoke it", async () => {
    const { org, admin } = await orgWithAdmin();
    const email = newEmail();
    await post(`/o/${org.slug}/team`, { intent: "invite", email, role: "viewer" }, { cookie: admin.cookie });
    const again = await post(
      `/o/${org.slug}/team`,
      { intent: "invite", email, role: "viewer" },
      { cookie: admin.cookie },
    );
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already invited");
    const invitation = (await db().select().from(invitations).where(eq(invitations.email, email)).get())!;
    expect(
      (await post(`/o/${org.slug}/team`, { intent: "resend", invitationId: invitation.id }, { cookie: admin.cookie }))
        .status,
    ).toBe(200);
    expect(
      (await post(`/o/${org.slug}/team`, { intent: "revoke", invitationId: invitation.id }, { cookie: admin.cookie }))
        .status,
    ).toBe(200);
    // A revoked invitation does not let anyone in.
    const { cookie } = await signInViaLink(email);
    expect((await get(`/o/${org.slug}`, cookie)).status).toBe(404);
  });

  it("hides every management control from a viewer, and refuses a forged management post with 403", async () => {
    const { org } = await orgWithAdmin();
    const viewer = await makeMember(org.id, "viewer");
    const page = await (await get(`/o/${org.slug}/team`, viewer.cookie)).text();
    expect(page).not.toContain("Invite a teammate");
    expect(page).not.toContain("Save role");
    expect(page).not.toContain(">Remove<");
    const before = await db().select().from(teamMembers).where(eq(teamMembers.orgId, org.id)).all();
    const forged = await post(
      `/o/${org.slug}/team`,
      { intent: "role", userId: viewer.user.id, role: "admin" },
      { cookie: viewer.cookie },
    );
    expect(forged.status).toBe(403);
    expect(await db().select().from(teamMembers).where(eq(teamMembers.orgId, org.id)).all()).toEqual(before);
  });

  it("never leaves an org without an admin", async () => {
    const { org, admin } = await orgWithAdmin();
    const demote = await post(
      `/o/${org.slug}/team`,
      { intent: "role", userId: admin.user.id, role: "viewer" },
      { cookie: admin.cookie },
    );
    expect(demote.status).toBe(409);
    expect(await demote.text()).toContain("at least one admin");
    expect(
      (await post(`/o/${org.slug}/team`, { intent: "remove", userId: admin.user.id }, { cookie: admin.cookie })).status,
    ).toBe(409);

    const second = await makeMember(org.id, "admin");
    expect(
      (
        await post(
          `/o/${org.slug}/team`,
          { intent: "role", userId: admin.user.id, role: "viewer" },
          { cookie: second.cookie },
        )
      ).status,
    ).toBe(200);
    // Now `second` is the last admin.
    expect(
      (await post(`/o/${org.slug}/team`, { intent: "remove", userId: second.user.id }, { cookie: second.cookie }))
        .status,
    ).toBe(409);
    const roles = await db()
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(eq(teamMembers.orgId, org.id))
      .all();
    expect(roles.filter((r) => r.role === "admin")).toHaveLength(1);
  });

  it("a role change reaches the member's open socket at once; removal closes it", async () => {
    const { org, admin } = await orgWithAdmin();
    const member = await makeMember(org.id, "account_manager");
    const socket = await openSocket(org.id, member.cookie);
    await socket.until((m) => m.length > 0);

    expect(
      (
        await post(
          `/o/${org.slug}/team`,
          { intent: "role", userId: member.user.id, role: "viewer" },
          { cookie: admin.cookie },
        )
      ).status,
    ).toBe(200);
    // The open socket was re-scoped to the new role, without reconnecting.
    const roles = await runInDurableObject(env.ORG_HUB.get(env.ORG_HUB.idFromName(org.id)), (instance: OrgHub) =>
      [...instance.getConnections<Actor>(`user:${member.user.id}`)].map((c) => c.state?.role),
    );
    expect(roles).toEqual(["viewer"]);

    const closed = new Promise<number>((resolve) =>
      socket.ws.addEventListener("close", (event) => resolve(event.code)),
    );
    const started = Date.now();
    expect(
      (await post(`/o/${org.slug}/team`, { intent: "remove", userId: member.user.id }, { cookie: admin.cookie }))
        .status,
    ).toBe(200);
    expect(await closed).toBe(4403);
    expect(Date.now() - started).toBeLessThan(1000);
    // And the member cannot come back in.
    const retry = await SELF.fetch(`${ORIGIN}/parties/org-hub/${org.id}`, {
      headers: { Upgrade: "websocket", Origin: ORIGIN, Cookie: member.cookie },
    });
    expect(retry.status).toBe(404);
  });
});

describe("platform operators", () => {
  const api = (path: string, body: unknown, token: string | null = "test-platform-admin-token") =>
    SELF.fetch(`${ORIGIN}/api/admin${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it("create an org through the API, once per slug, and its first admin is invited", async () => {
    const slug = unique("api-org");
    const adminEmail = newEmail();
    const response = await api("/orgs", { name: "API Agency", slug, adminEmail, region: "weur" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      org: { id: expect.any(String), slug, name: "API Agency", state: "ready" },
      provisioningMs: expect.any(Number),
    });
    expect((await latestLink(adminEmail)).length).toBeGreaterThan(0);
    const again = await api("/orgs", { name: "API Agency", slug, adminEmail });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "conflict" } });
    expect(await db().select().from(organizations).where(eq(organizations.slug, slug)).all()).toHaveLength(1);
  });

  it("refuse the API without a valid token, and bad input by field", async () => {
    expect((await api("/orgs", {}, null)).status).toBe(401);
    expect((await api("/orgs", {}, "wrong")).status).toBe(403);
    const invalid = await api("/orgs", { name: "A", slug: "Bad Slug", adminEmail: "nope" });
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(["adminEmail", "name", "slug"]);
    const notJson = await SELF.fetch(`${ORIGIN}/api/admin/orgs`, {
      method: "POST",
      headers: { Authorization: "Bearer test-platform-admin-token" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
  });

  it("mint an org API token, shown once and stored hashed", async () => {
    const org = await makeOrg();
    const response = await api(`/orgs/${org.slug}/tokens`, { scope: "read", name: "Reporting script" });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    expect(token).toMatch(/^cel_[\w-]{43}$/);
    const row = await db()
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.orgId, org.id), eq(apiTokens.name, "Reporting script")))
      .get();
    expect(row).toMatchObject({ scope: "read", tokenHash: await sha256Hex(token) });
    expect((await api(`/orgs/no-such-org/tokens`, { scope: "read", name: "x" })).status).toBe(404);
    expect((await api(`/orgs/${org.slug}/tokens`, { scope: "admin", name: "x" })).status).toBe(422);
  });

  it("see every org at /admin/orgs; nobody else does", async () => {
    const operator = await createUser(env, "ops@celerity.test");
    const { sessionCookieFor } = await import("../../seed/factories");
    const opsCookie = await sessionCookieFor(env, operator.id);
    const org = await makeOrg("Listed Agency");
    const page = await get("/admin/orgs", opsCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(org.slug);
    const { cookie } = await signInViaLink(newEmail());
    expect((await get("/admin/orgs", cookie)).status).toBe(404);
    expect(
      (
        await post(
          "/admin/orgs",
          { intent: "create", name: "X", slug: unique("x"), adminEmail: newEmail() },
          { cookie },
        )
      ).status,
    ).toBe(404);
  });

  it("add an ad channel to the shared lookup, which a client can then enable", async () => {
    const operator = await createUser(env, "ops@celerity.test");
    const { sessionCookieFor } = await import("../../seed/factories");
    const cookie = await sessionCookieFor(env, operator.id);
    const slug = unique("reddit-ads");
    const added = await post("/admin/channels", { name: "Reddit Ads", slug, iconUrl: "" }, { cookie });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain("Added Reddit Ads.");
    expect((await post("/admin/channels", { name: "Reddit Ads", slug, iconUrl: "" }, { cookie })).status).toBe(409);
    expect(
      (await post("/admin/channels", { name: "Bad", slug: "Bad Slug", iconUrl: "javascript:alert(1)" }, { cookie }))
        .status,
    ).toBe(422);

    // An org created before the channel existed can still enable it for a client.
    const org = await makeOrg();
    const admin = await makeMember(org.id, "admin");
    const hub = await (await import("./helpers")).hubOf(org.id);
    const created = await hub.mutate(admin.actor, { mutations: [{ kind: "client.create", name: "Acme" }] });
    const clientId = created.ok ? created.events[0]!.id : "";
    const channelId = (await env.DB.prepare("select id from channels where slug = ?")
      .bind(slug)
      .first<{ id: string }>())!.id;
    const enabled = await post(
      `/o/${org.slug}/clients/${clientId}/setup`,
      { intent: "channel", channelId, enable: "true" },
      { cookie: admin.cookie },
    );
    expect(enabled.status).toBe(200);
    expect((await hub.listChannels()).map((c) => c.slug)).toContain(slug);
    const { cookie: someone } = await signInViaLink(newEmail());
    expect((await get("/admin/channels", someone)).status).toBe(404);
  });

  it("create an org from the admin page", async () => {
    const operator = await createUser(env, "ops@celerity.test");
    const { sessionCookieFor } = await import("../../seed/factories");
    const cookie = await sessionCookieFor(env, operator.id);
    const slug = unique("ui-org");
    const response = await post(
      "/admin/orgs",
      { intent: "create", name: "UI Agency", slug, adminEmail: newEmail(), region: "" },
      { cookie },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/Created UI Agency \(database ready in \d+ ms\)/);
    expect(await db().select().from(users).where(eq(users.email, "ops@celerity.test")).get()).toBeDefined();
  });
});
