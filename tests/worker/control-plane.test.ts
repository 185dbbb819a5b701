import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { provisionOrg } from "../../app/server/orgs.server";
import { getSession, SESSION_TTL_MS } from "../../app/server/session.server";
import { sha256Hex } from "../../core/crypto";
import { controlDb } from "../../db/control/database";
import { DEFAULT_CHANNELS } from "../../db/control/channels";
import { listMemberships } from "../../db/control/queries";
import { organizations, sessions } from "../../db/control/schema";
import { createSession } from "../../app/server/session.server";
import { hubOf, makeMember, makeOrg, ORIGIN, unique } from "./helpers";
import { createUser } from "../../seed/factories";

const db = () => controlDb(env.DB);
const getSessionUser = async (...args: Parameters<typeof getSession>) => (await getSession(...args))?.user ?? null;

describe("organizations", () => {
  it("are provisioned on demand: row in D1, then the org's own database, then ready", async () => {
    const slug = unique("acme");
    const result = await provisionOrg(env, { name: "Acme Agency", slug, regionHint: "weur" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.org).toMatchObject({ slug, name: "Acme Agency", state: "ready", regionHint: "weur" });
    expect(result.provisioningMs).toBeGreaterThanOrEqual(0);
    // The org's database exists, is migrated, and mirrors the channel lookup.
    const hub = await hubOf(result.org.id);
    expect((await hub.listChannels()).map((c) => c.slug).sort()).toEqual(DEFAULT_CHANNELS.map((c) => c.slug).sort());
    expect(await hub.stats()).toMatchObject({ clients: 0, seq: 0 });
  });

  it("never creates two orgs for one slug", async () => {
    const slug = unique("twice");
    const [first, second] = await Promise.all([
      provisionOrg(env, { name: "One", slug }),
      provisionOrg(env, { name: "Two", slug }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const rows = await db().select().from(organizations).where(eq(organizations.slug, slug)).all();
    expect(rows).toHaveLength(1);
  });

  it("get random, non-sequential ids", async () => {
    const [a, b] = [await makeOrg(), await makeOrg()];
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
  });

  it("know each member's role, and nobody else's", async () => {
    const org = await makeOrg();
    const other = await makeOrg();
    const { user } = await makeMember(org.id, "account_manager");
    const memberships = await listMemberships(db(), user.id);
    expect(memberships.map((m) => [m.id, m.role])).toEqual([[org.id, "account_manager"]]);
    expect(memberships.some((m) => m.id === other.id)).toBe(false);
  });
});

describe("sessions", () => {
  it("find the user from the cookie and store only a hash of its secret", async () => {
    const user = await createUser(env, `${unique("s")}@example.test`);
    const { secret } = await createSession(db(), user.id, "vitest");
    const request = new Request(`${ORIGIN}/`, { headers: { Cookie: `celerity_session=${secret}` } });
    expect(await getSessionUser(db(), request)).toMatchObject({ id: user.id, email: user.email });
    const stored = await db().select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.idHash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it("are refused once expired, and slide forward when used", async () => {
    const user = await createUser(env, `${unique("s")}@example.test`);
    const start = new Date("2026-01-01T00:00:00Z");
    const { secret } = await createSession(db(), user.id, null, start);
    const request = new Request(`${ORIGIN}/`, { headers: { Cookie: `celerity_session=${secret}` } });
    const later = new Date(start.getTime() + SESSION_TTL_MS - 1000);
    expect(await getSessionUser(db(), request, later)).not.toBeNull();
    // Using it renewed it, so it is still valid past the first expiry...
    expect(await getSessionUser(db(), request, new Date(start.getTime() + SESSION_TTL_MS + 1000))).not.toBeNull();
    // ...but not 30 days after its last use.
    expect(await getSessionUser(db(), request, new Date(later.getTime() + SESSION_TTL_MS + 1000))).toBeNull();
  });

  it("ignore a made-up cookie", async () => {
    const request = new Request(`${ORIGIN}/`, { headers: { Cookie: "celerity_session=forged" } });
    expect(await getSessionUser(db(), request)).toBeNull();
  });
});

describe("the org socket's gate", () => {
  it.each([
    ["without a session", "none", ORIGIN, 401],
    ["from another site", "member", "https://evil.example", 403],
    ["for a non-member", "stranger", ORIGIN, 404],
  ] as const)("refuses a socket %s", async (_label, who, origin, status) => {
    const org = await makeOrg();
    const member = await makeMember(org.id, "viewer");
    const stranger = await makeMember((await makeOrg()).id, "admin");
    const cookie = who === "member" ? member.cookie : who === "stranger" ? stranger.cookie : "";
    const response = await SELF.fetch(`${ORIGIN}/parties/org-hub/${org.id}`, {
      headers: { Upgrade: "websocket", Origin: origin, Cookie: cookie },
    });
    expect(response.status).toBe(status);
    expect(response.webSocket).toBeNull();
  });
});
