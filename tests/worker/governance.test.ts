/**
 * Governance (issue 15): members and tokens limited to chosen clients see and change only those,
 * on every surface; every change is audited in its own transaction; each week keeps its history.
 */
import { env, SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeAccess } from "../../app/server/team.server";
import { updateOrgSettings } from "../../app/server/orgs.server";
import { newIdempotencyKey } from "../../core/idempotency";
import { controlDb } from "../../db/control/database";
import { controlAudit, invitations, teamMembers } from "../../db/control/schema";
import {
  addClientTree,
  collect,
  eventsIn,
  get,
  makeCampaignOrg,
  mailbox,
  makeLimitedMember,
  makeMember,
  mintToken,
  openSocket,
  ORIGIN,
  post,
  signInViaLink,
  TEST_AUDIT_ACTOR,
} from "./helpers";

const WEEK = "2026-11-16";
/** A 1×1 PNG. */
const PNG_LOGO =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw" +
  "AAAABJRU5ErkJggg==";

/** Org with clients A and B (each a whole tree with a week of numbers), and a token limited to A. */
async function twoClients() {
  const fixture = await makeCampaignOrg({ week: WEEK, clientName: "Brand A" });
  const b = await addClientTree(fixture.hub, fixture.editor.actor, { week: WEEK, clientName: "Brand B" });
  return { ...fixture, a: fixture.ids, b };
}

/** The API as an outside program calls it. */
async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await SELF.fetch(`${ORIGIN}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the tests probe JSON shapes
  return { status: response.status, body: (response.status === 204 ? null : await response.json()) as any };
}

describe("a token minted with clients: [A] (the outside check's contract)", () => {
  it("lists only A, answers 404 for B and every id below B, and writes only A", async () => {
    const { org, a, b } = await twoClients();
    const { token } = await mintToken(org, { name: "brand A feed", scope: "write", clients: [a.client] });
    const clients = await api(token, "GET", "/clients");
    expect(clients).toEqual({ status: 200, body: [{ id: a.client, name: "Brand A", isActive: true }] });
    for (const path of [
      `/clients/${b.client}`,
      `/clients/${b.client}/channels`,
      `/client-channels/${b.clientChannel}/campaign-groups`,
      `/client-channels/${b.clientChannel}/poc`,
      `/campaign-groups/${b.group}/campaigns`,
      `/campaigns/${b.campaign}/metrics`,
      `/campaigns/${b.campaign}/metrics/${WEEK}/history`,
    ]) {
      expect((await api(token, "GET", path)).status, path).toBe(404);
    }
    expect((await api(token, "PUT", `/campaigns/${b.campaign}/metrics/${WEEK}`, { adSpend: 1, sales: 2 })).status).toBe(
      404,
    );
    expect((await api(token, "PATCH", `/clients/${b.client}`, { name: "Renamed" })).status).toBe(404);
    // A is its own: readable and writable below.
    expect((await api(token, "GET", `/campaigns/${a.campaign}/metrics`)).status).toBe(200);
    expect((await api(token, "PUT", `/campaigns/${a.campaign}/metrics/${WEEK}`, { adSpend: 1, sales: 2 })).status).toBe(
      200,
    );
    // Nothing org-wide: no new client, no audit log; the portfolio holds only A.
    expect((await api(token, "POST", "/clients", { name: "Brand C" })).status).toBe(403);
    expect((await api(token, "GET", "/audit")).status).toBe(403);
    const portfolio = await api(token, "GET", `/portfolio?week=${WEEK}`);
    expect(portfolio.status).toBe(200);
    expect(JSON.stringify(portfolio.body)).not.toContain(b.clientChannel);
    expect(JSON.stringify(portfolio.body)).toContain(a.clientChannel);
  });

  it("receives no event of B on its events socket", async () => {
    const { org, a, b } = await twoClients();
    const limited = await mintToken(org, { name: "A only", scope: "read", clients: [a.client] });
    const writer = await mintToken(org, { name: "writer", scope: "write" });
    const socket = await collect(
      await SELF.fetch(`${ORIGIN}/api/v1/events?access_token=${limited.token}`, { headers: { Upgrade: "websocket" } }),
    );
    await socket.until((all) => all.some((m) => m.t === "synced"), "synced");
    await api(writer.token, "PUT", `/campaigns/${b.campaign}/metrics/${WEEK}`, { adSpend: 11, sales: 22 });
    await api(writer.token, "PUT", `/campaigns/${a.campaign}/metrics/${WEEK}`, { adSpend: 33, sales: 44 });
    await socket.until((all) => eventsIn(all).length > 0, "A's event");
    const events = eventsIn(socket.messages);
    expect(events.map((e) => (e.data as { campaignId: string }).campaignId)).toEqual([a.campaign]);
    expect(JSON.stringify(socket.messages)).not.toContain(b.campaign);
    socket.close();
  });

  it("after three saves of one week, its history lists three versions, newest first, with their values", async () => {
    const fixture = await makeCampaignOrg({ clientName: "Brand A" });
    const { token } = await mintToken(fixture.org, { name: "w", scope: "write", clients: [fixture.ids.client] });
    for (const [adSpend, sales] of [
      [100, 300],
      [150.5, 420.25],
      [90, 0],
    ]) {
      expect(
        (await api(token, "PUT", `/campaigns/${fixture.ids.campaign}/metrics/${WEEK}`, { adSpend, sales })).status,
      ).toBeLessThan(300);
    }
    const history = await api(token, "GET", `/campaigns/${fixture.ids.campaign}/metrics/${WEEK}/history`);
    expect(history.status).toBe(200);
    const actor = { kind: "token", id: expect.any(String), label: "Token “w”" };
    expect(history.body).toEqual([
      { version: 3, adSpend: 90, sales: 0, roas: 0, at: expect.any(String), actor },
      { version: 2, adSpend: 150.5, sales: 420.25, roas: 2.792, at: expect.any(String), actor },
      { version: 1, adSpend: 100, sales: 300, roas: 3, at: expect.any(String), actor },
    ]);
  });
});

describe("a member limited to clients", () => {
  it("sees only their clients: dashboard (and its totals), clients list, exports and portfolio", async () => {
    const { org, a, b } = await twoClients();
    const member = await makeLimitedMember(org.id, { [a.client]: "viewer" });
    const dashboard = await get(`/o/${org.slug}?until=${WEEK}`, member.cookie);
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain("Brand A");
    expect(html).not.toContain("Brand B");
    // The org's header sums A's week alone: spend 100.00, not 200.00.
    // Each client spent 100.00 that week: the org's total over both (20000 cents) is never sent.
    expect(html).not.toContain(b.client);
    expect(html).toContain("10000");
    expect(html).not.toContain("20000");
    const clients = await (await get(`/o/${org.slug}/clients`, member.cookie)).text();
    expect(clients).toContain("Brand A");
    expect(clients).not.toContain("Brand B");
    const csv = await (await get(`/o/${org.slug}/export.csv?from=${WEEK}&to=${WEEK}`, member.cookie)).text();
    expect(csv).toContain("Brand A");
    expect(csv).not.toContain("Brand B");
    const asked = await (
      await get(`/o/${org.slug}/export.csv?from=${WEEK}&to=${WEEK}&client=${b.client}`, member.cookie)
    ).text();
    expect(asked).not.toContain("Brand B");
    const portfolio = await (await get(`/o/${org.slug}/portfolio.csv?week=${WEEK}`, member.cookie)).text();
    expect(portfolio).toContain("Brand A");
    expect(portfolio).not.toContain("Brand B");
    expect((await get(`/o/${org.slug}/clients/${b.client}`, member.cookie)).status).toBe(404);
    expect((await get(`/o/${org.slug}/pocs/${b.clientChannel}`, member.cookie)).status).toBe(404);
    expect((await get(`/o/${org.slug}/team`, member.cookie)).status).toBe(403);
  });

  it("as account manager of A edits A and not B; as viewer of A edits nothing", async () => {
    const { org, a, b, hub } = await twoClients();
    const manager = await makeLimitedMember(org.id, { [a.client]: "account_manager", [b.client]: "viewer" });
    const save = (cookie: string, client: string, campaign: string, spend: string) =>
      SELF.fetch(`${ORIGIN}/o/${org.slug}/clients/${client}/cells`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: cookie, Origin: ORIGIN },
        body: JSON.stringify({
          mutationId: newIdempotencyKey(),
          cells: [{ campaignId: campaign, weekStart: WEEK, adSpend: spend, sales: "1", version: 1 }],
        }),
      });
    const first = await save(manager.cookie, a.client, a.campaign, "777");
    expect(first.status, await first.clone().text()).toBe(200);
    expect((await save(manager.cookie, b.client, b.campaign, "888")).status).toBe(403);
    // B's campaign through A's URL: the object judges the campaign's own client.
    expect((await save(manager.cookie, a.client, b.campaign, "999")).status).toBe(403);
    const stranger = await makeLimitedMember(org.id, { [a.client]: "account_manager" });
    expect((await save(stranger.cookie, a.client, b.campaign, "999")).status).toBe(404);
    const viewer = await makeLimitedMember(org.id, { [a.client]: "viewer" });
    expect((await save(viewer.cookie, a.client, a.campaign, "555")).status).toBe(403);
    const week = (await hub.listMetrics(b.campaign, WEEK, WEEK))!;
    expect(week[0]!.adSpendCents).toBe(10_000);
  });

  it("hears only their clients' events and presence; a change of access applies to open sockets at once", async () => {
    const { org, a, b, hub, editor } = await twoClients();
    const member = await makeLimitedMember(org.id, { [a.client]: "viewer" });
    const socket = await openSocket(org.id, member.cookie);
    await socket.until((all) => all.some((m) => m.t === "synced"), "synced");
    const save = (campaign: string, spend: number) =>
      hub.mutate(editor.actor, {
        mutations: [
          {
            kind: "metric.save",
            campaignId: campaign,
            weekStart: WEEK,
            adSpendCents: spend,
            salesCents: 1,
            overwrite: true,
          },
        ],
      });
    await save(b.campaign, 101);
    await save(a.campaign, 102);
    await socket.until((all) => eventsIn(all).length > 0, "A's event");
    expect(JSON.stringify(socket.messages)).not.toContain(b.campaign);
    // Presence about B (a page the member may not see) is ignored, not echoed to B's viewers.
    const teammate = await openSocket(org.id, editor.cookie);
    teammate.ws.send(JSON.stringify({ t: "presence", clientId: b.client, cell: null }));
    socket.ws.send(JSON.stringify({ t: "presence", clientId: b.client, cell: null }));
    socket.ws.send(JSON.stringify({ t: "presence", clientId: a.client, cell: null }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const presenceOnB = teammate.messages.filter((m) => m.t === "presence" && m.clientId === b.client);
    expect(presenceOnB.every((m) => m.t === "presence" && m.viewers.every((v) => v.userId !== member.user.id))).toBe(
      true,
    );
    // The admin gives B and takes A: the open socket reloads, then hears B and no longer A.
    const result = await changeAccess(
      env,
      org,
      member.user.id,
      { role: "viewer", clients: { [b.client]: "viewer" } },
      TEST_AUDIT_ACTOR,
    );
    expect(result.ok).toBe(true);
    await socket.until((all) => all.some((m) => m.t === "reload"), "a reload");
    const before = socket.messages.length;
    await save(a.campaign, 103);
    await save(b.campaign, 104);
    await socket.until((all) => eventsIn(all.slice(before)).length > 0, "B's event");
    const after = eventsIn(socket.messages.slice(before)).map((e) => (e.data as { campaignId: string }).campaignId);
    expect(after).toEqual([b.campaign]);
    socket.close();
    teammate.close();
  });
});

describe("the audit log", () => {
  it("writes a control-plane change and its audit row in one transaction: no row, no change", async () => {
    const { org, viewer } = await makeCampaignOrg();
    const db = controlDb(env.DB);
    // The audit insert fails: the role change must not stay either.
    await env.DB.exec(
      "CREATE TRIGGER kill_audit BEFORE INSERT ON control_audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
    );
    try {
      await expect(
        changeAccess(env, org, viewer.user.id, { role: "account_manager", clients: null }, TEST_AUDIT_ACTOR),
      ).rejects.toThrow();
    } finally {
      await env.DB.exec("DROP TRIGGER kill_audit");
    }
    const member = await db
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, viewer.user.id)))
      .get();
    expect(member?.role).toBe("viewer");
    // And when it succeeds, exactly one row says who changed what, from what to what.
    expect(
      (await changeAccess(env, org, viewer.user.id, { role: "account_manager", clients: null }, TEST_AUDIT_ACTOR)).ok,
    ).toBe(true);
    const rows = await db.select().from(controlAudit).where(eq(controlAudit.orgId, org.id)).all();
    expect(rows.filter((r) => r.action === "member.access_changed")).toEqual([
      expect.objectContaining({
        entityId: viewer.user.id,
        before: { role: "viewer", clients: null },
        after: { role: "account_manager", clients: null },
        actorLabel: "Test",
      }),
    ]);
  });
});

describe("a week's history", () => {
  it("shows who changed it, when, old → new, and restores an earlier value as a new audited change", async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: WEEK, clientName: "Brand A" });
    const save = async (adSpendCents: number, salesCents: number) => {
      const current = (await hub.listMetrics(ids.campaign, WEEK, WEEK))![0]!;
      const result = await hub.mutate(
        { ...editor.actor, label: "Ana Lima" },
        {
          mutations: [
            {
              kind: "metric.save",
              campaignId: ids.campaign,
              weekStart: WEEK,
              adSpendCents,
              salesCents,
              version: current.version,
            },
          ],
        },
      );
      expect(result.ok).toBe(true);
    };
    await save(15_000, 45_000);
    await save(20_000, 10_000);
    const path = `/o/${org.slug}/clients/${ids.client}/history/${ids.campaign}/${WEEK}`;
    const page = await (await get(path, editor.cookie)).text();
    expect(page).toContain("$150.00 → $200.00 spend");
    expect(page).toContain("Ana Lima");
    const history = (await hub.cellHistory(ids.campaign, WEEK))!;
    expect(history.changes.map((c) => c.adSpendCents)).toEqual([20_000, 15_000, 10_000]);
    // Restore the first version (100.00 / 400.00), as the page's form does.
    const first = history.changes.at(-1)!;
    const restored = await post(path, { change: String(first.id), expected: "3" }, { cookie: editor.cookie });
    expect(restored.status).toBe(200);
    const after = (await hub.cellHistory(ids.campaign, WEEK))!;
    expect(after.current).toMatchObject({ adSpendCents: 10_000, salesCents: 40_000, version: 4 });
    expect(after.changes).toHaveLength(4);
    // A restore against a week changed meanwhile is a conflict: nothing is overwritten.
    const stale = await post(path, { change: String(first.id), expected: "3" }, { cookie: editor.cookie });
    expect(stale.status).toBe(409);
    expect((await hub.cellHistory(ids.campaign, WEEK))!.changes).toHaveLength(4);
  });
});

describe("undoing an import", () => {
  it("puts every week back as one change, keeps a week someone changed since, and cannot run twice", async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: WEEK, clientName: "Brand A" });
    const admin = await makeMember(org.id, "admin");
    const importId = newIdempotencyKey();
    const NEXT = "2026-11-23";
    const LATER = "2026-11-30";
    // Two chunks of one file: the existing week overwritten, two new weeks created.
    const chunk = (rows: { weekStart: string; adSpendCents: number; salesCents: number }[]) =>
      hub.importMetrics(editor.actor, { importId, rows: rows.map((r) => ({ campaignId: ids.campaign, ...r })) });
    expect((await chunk([{ weekStart: WEEK, adSpendCents: 1, salesCents: 2 }])).ok).toBe(true);
    expect(
      (
        await chunk([
          { weekStart: NEXT, adSpendCents: 3, salesCents: 4 },
          { weekStart: LATER, adSpendCents: 5, salesCents: 6 },
        ])
      ).ok,
    ).toBe(true);
    // Someone corrects one imported week by hand afterwards.
    const later = (await hub.listMetrics(ids.campaign, LATER, LATER))![0]!;
    await hub.mutate(editor.actor, {
      mutations: [
        {
          kind: "metric.save",
          campaignId: ids.campaign,
          weekStart: LATER,
          adSpendCents: 700,
          salesCents: 800,
          version: later.version,
        },
      ],
    });
    const socket = await openSocket(org.id, editor.cookie);
    await socket.until((all) => all.some((m) => m.t === "synced"), "synced");
    const page = `/o/${org.slug}/clients/${ids.client}/imports`;
    // An account manager may not undo; an admin may.
    expect((await post(page, { importId }, { cookie: editor.cookie })).status).toBe(403);
    const undone = await post(page, { importId }, { cookie: admin.cookie });
    expect(undone.status).toBe(200);
    const weeks = (await hub.listMetrics(ids.campaign, WEEK, LATER))!;
    expect(weeks.map((w) => [w.weekStart, w.adSpendCents, w.salesCents])).toEqual([
      [WEEK, 10_000, 40_000],
      [LATER, 700, 800],
    ]);
    expect(await undone.text()).toContain("week of");
    await socket.until((all) => all.some((m) => m.t === "reload"), "one reload");
    expect(eventsIn(socket.messages)).toEqual([]);
    socket.close();
    expect((await hub.imports(ids.client))[0]).toMatchObject({ id: importId, undoneBy: admin.user.id });
    expect((await post(page, { importId }, { cookie: admin.cookie })).status).toBe(409);
  });
});

describe("the audit page", () => {
  it("lists changes with who, before → after, filters by entity and client, pages, and exports CSV", async () => {
    const { org, a, b, hub, editor } = await twoClients();
    const admin = await makeMember(org.id, "admin");
    for (let i = 1; i <= 60; i++) {
      const current = (await hub.listMetrics(a.campaign, WEEK, WEEK))![0]!;
      await hub.mutate(
        { ...editor.actor, label: "Ana Lima" },
        {
          mutations: [
            {
              kind: "metric.save",
              campaignId: a.campaign,
              weekStart: WEEK,
              adSpendCents: 10_000 + i,
              salesCents: 1,
              version: current.version,
            },
          ],
        },
      );
    }
    await changeAccess(
      env,
      org,
      editor.user.id,
      { role: "viewer", clients: { [b.client]: "viewer" } },
      TEST_AUDIT_ACTOR,
    );
    expect((await get(`/o/${org.slug}/audit`, editor.cookie)).status).toBe(403);
    const all = await (await get(`/o/${org.slug}/audit`, admin.cookie)).text();
    expect(all).toContain("Member access changed");
    expect(all).toContain("Weekly numbers saved");
    expect(all).toContain("spend: $100.59 → $100.60");
    expect(all).toContain("Older →");
    const onlyA = await (await get(`/o/${org.slug}/audit?entity=metric&clientId=${a.client}`, admin.cookie)).text();
    expect(onlyA).not.toContain("Member access changed");
    const onlyB = await (await get(`/o/${org.slug}/audit?clientId=${b.client}`, admin.cookie)).text();
    expect(onlyB).not.toContain("spend: $100.59");
    const csv = await (await get(`/o/${org.slug}/audit.csv?entity=metric&clientId=${a.client}`, admin.cookie)).text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      "at,actor_kind,actor_id,actor,action,entity,entity_id,client,before,after,country,user_agent",
    );
    // The 60 saves here, and the fixture's first one.
    expect(lines.filter((line) => line.includes("metric.saved")).length).toBe(61);
  });

  it("pages through both logs with the API's cursor, newest first, without gaps or repeats", async () => {
    const { org, a, hub, editor, viewer } = await twoClients();
    const { token } = await mintToken(org, { name: "auditor", scope: "read" });
    for (let i = 1; i <= 60; i++) {
      const current = (await hub.listMetrics(a.campaign, WEEK, WEEK))![0]!;
      await hub.mutate(editor.actor, {
        mutations: [
          {
            kind: "metric.save",
            campaignId: a.campaign,
            weekStart: WEEK,
            adSpendCents: i,
            salesCents: 1,
            version: current.version,
          },
        ],
      });
      if (i % 10 === 0)
        await changeAccess(
          env,
          org,
          viewer.user.id,
          { role: i % 20 ? "account_manager" : "viewer", clients: null },
          TEST_AUDIT_ACTOR,
        );
    }
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page = await api(token, "GET", `/audit${cursor ? `?cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      for (const entry of page.body.entries) seen.push(`${entry.at}|${entry.action}|${JSON.stringify(entry.after)}`);
      cursor = page.body.nextCursor;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => s.includes("metric.saved")).length).toBe(62); // 2 at setup, 60 here
    expect(seen.filter((s) => s.includes("member.access_changed")).length).toBe(6);
    const times = seen.map((s) => s.split("|")[0]!);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await api(token, "GET", "/audit?from=not-a-date")).status).toBe(422);
  });
});

describe("the client portal", () => {
  it("invites a brand's person to one client, who lands on it read-only under the agency's name and logo", async () => {
    const { org, a, b } = await twoClients();
    const admin = await makeMember(org.id, "admin");
    await updateOrgSettings(env, org.id, { logo: PNG_LOGO }, TEST_AUDIT_ACTOR);
    const email = `${crypto.randomUUID()}@brand-a.test`;
    const invited = await post(
      `/o/${org.slug}/clients/${a.client}/access`,
      { intent: "portal", email },
      { cookie: admin.cookie },
    );
    expect(invited.status).toBe(200);
    const mail = (await mailbox()).find((m) => m.to === email)!;
    expect(mail.text).toContain("invites you to follow Brand A");
    const { cookie } = await signInViaLink(email);
    const invitation = (await controlDb(env.DB).select().from(invitations).where(eq(invitations.email, email)).get())!;
    const accepted = await post("/orgs", { intent: "accept", invitationId: invitation.id }, { cookie });
    expect(accepted.headers.get("Location")).toBe(`/o/${org.slug}/clients/${a.client}`);
    const grid = await (await get(`/o/${org.slug}/clients/${a.client}`, cookie)).text();
    expect(grid).toContain("Brand A");
    expect(grid).toContain(`/o/${org.slug}/logo`);
    expect(grid).toContain("1 client");
    expect(grid).not.toContain("Import CSV");
    expect((await get(`/o/${org.slug}/logo`, cookie)).headers.get("Content-Type")).toBe("image/png");
    expect((await get(`/o/${org.slug}/clients/${b.client}`, cookie)).status).toBe(404);
    const dashboard = await (await get(`/o/${org.slug}?until=${WEEK}`, cookie)).text();
    expect(dashboard).not.toContain("Brand B");
    expect(dashboard).not.toContain(">Team<");
  });

  it("refuses a logo that is not a PNG, JPEG or WebP, or is too large, naming the field", async () => {
    const { org } = await makeCampaignOrg();
    const admin = await makeMember(org.id, "admin");
    const upload = (bytes: Uint8Array<ArrayBuffer>, type: string) => {
      const form = new FormData();
      form.set("intent", "logo");
      form.set("logo", new File([bytes as Uint8Array<ArrayBuffer>], "logo", { type }));
      return SELF.fetch(`${ORIGIN}/o/${org.slug}/settings`, {
        method: "POST",
        headers: { Cookie: admin.cookie, Origin: ORIGIN, Host: new URL(ORIGIN).host },
        body: form,
      });
    };
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await upload(svg, "image/png");
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Use a PNG, JPEG or WebP image");
    const big = new Uint8Array(70_000);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await upload(big, "image/png")).status).toBe(422);
    expect((await get(`/o/${org.slug}/logo`, admin.cookie)).status).toBe(404);
    const png = await upload(
      Uint8Array.from(atob(PNG_LOGO.split(",")[1]!), (c) => c.charCodeAt(0)),
      "image/png",
    );
    expect(png.status).toBe(200);
    expect((await get(`/o/${org.slug}/logo`, admin.cookie)).status).toBe(200);
  });
});
