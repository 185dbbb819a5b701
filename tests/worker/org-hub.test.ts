import { runInDurableObject, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newId } from "../../db/columns";
import { DEMO_ORG, seedDemoOrg } from "../../seed/demo";
import { controlDb } from "../../db/control/database";
import { getOrgBySlug } from "../../db/control/queries";
import type { OrgHub } from "../../party/org-hub";
import { hubOf, makeCampaignOrg, makeMember, makeOrg } from "./helpers";

const MONDAY = "2026-11-16";

const orgWithCampaign = () => makeCampaignOrg();

describe("OrgHub", () => {
  it("migrates its own SQLite database when first used", async () => {
    const org = await makeOrg();
    const stub = env.ORG_HUB.get(env.ORG_HUB.idFromName(org.id));
    const tables = await runInDurableObject(stub, (_instance: OrgHub, state) =>
      state.storage.sql
        .exec<{ name: string }>("select name from sqlite_master where type = 'table' order by name")
        .toArray()
        .map((r) => r.name),
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        "audit_log",
        "campaign_groups",
        "campaigns",
        "channels",
        "client_channels",
        "imports",
        "clients",
        "events",
        "weekly_metrics",
      ]),
    );
  });

  it("commits a change, numbers it with the next seq, and audits it", async () => {
    const { hub, editor, ids } = await orgWithCampaign();
    const before = (await hub.stats()).seq;
    const result = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: MONDAY, adSpendCents: 12345, salesCents: 49380 },
      ],
    });
    expect(result).toMatchObject({ ok: true, seq: before + 1, replayed: false });
    if (!result.ok) return;
    expect(result.events[0]).toMatchObject({
      type: "metric.saved",
      entity: "metric",
      actor: editor.user.id,
      version: 1,
      data: { campaignId: ids.campaign, weekStart: MONDAY, adSpendCents: 12345, salesCents: 49380, roasMilli: 4000 },
    });
    expect(await hub.listMetrics(ids.campaign, MONDAY, MONDAY)).toHaveLength(1);
    expect((await hub.stats()).auditRows).toBe(before + 1);
  });

  it("derives ROAS in the database, and has none when nothing was spent", async () => {
    const { hub, editor, ids } = await orgWithCampaign();
    await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: "2026-11-09", adSpendCents: 3, salesCents: 10 },
        { kind: "metric.save", campaignId: ids.campaign, weekStart: MONDAY, adSpendCents: 0, salesCents: 500 },
      ],
    });
    const rows = await hub.listMetrics(ids.campaign, "2026-11-09", MONDAY);
    expect(rows!.map((r) => r.roasMilli)).toEqual([3333, null]);
  });

  it("refuses a stale version with the current row, and writes nothing", async () => {
    const { hub, editor, ids } = await orgWithCampaign();
    const save = (adSpendCents: number, version?: number) =>
      hub.mutate(editor.actor, {
        mutations: [
          { kind: "metric.save", campaignId: ids.campaign, weekStart: MONDAY, adSpendCents, salesCents: 100, version },
        ],
      });
    expect((await save(1000)).ok).toBe(true);
    expect((await save(2000, 1)).ok).toBe(true); // version 1 → 2
    const stale = await save(3000, 1);
    expect(stale).toMatchObject({
      ok: false,
      error: { code: "conflict", index: 0, current: { adSpendCents: 2000, version: 2 } },
    });
    const blind = await save(4000); // believed the cell empty
    expect(blind).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect((await hub.listMetrics(ids.campaign, MONDAY, MONDAY))![0]).toMatchObject({ adSpendCents: 2000, version: 2 });
  });

  it("applies a batch all or nothing", async () => {
    const { hub, editor, ids } = await orgWithCampaign();
    const before = await hub.stats();
    const result = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: MONDAY, adSpendCents: 100, salesCents: 100 },
        { kind: "client.create", name: "Globex" },
        { kind: "metric.save", campaignId: "no-such-campaign", weekStart: MONDAY, adSpendCents: 100, salesCents: 100 },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found", index: 2 } });
    expect(await hub.stats()).toEqual(before);
  });

  it("applies a retried mutation once", async () => {
    const { hub, editor, ids } = await orgWithCampaign();
    const batch = {
      mutationId: newId(),
      mutations: [
        {
          kind: "metric.save" as const,
          campaignId: ids.campaign,
          weekStart: MONDAY,
          adSpendCents: 100,
          salesCents: 300,
        },
      ],
    };
    const first = await hub.mutate(editor.actor, batch);
    const retry = await hub.mutate(editor.actor, batch);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(retry).toMatchObject({ ok: true, replayed: true, seq: first.ok ? first.seq : -1 });
    expect((await hub.listMetrics(ids.campaign, MONDAY, MONDAY))![0]?.version).toBe(1);
    expect((await hub.stats()).seq).toBe(first.ok ? first.seq : -1);
  });

  it("re-checks the role itself: a viewer cannot write even if a caller forgets to check", async () => {
    const { org, hub, ids } = await orgWithCampaign();
    const viewer = await makeMember(org.id, "viewer");
    const before = await hub.stats();
    const result = await hub.mutate(viewer.actor, {
      mutations: [{ kind: "client.update", id: ids.client, version: 1, name: "Hacked" }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await hub.stats()).toEqual(before);
  });

  it.each([
    ["a week that does not start on Monday", { weekStart: "2026-11-18" }, "mutations.0.weekStart", /Monday/],
    ["a negative amount", { adSpendCents: -5 }, "mutations.0.adSpendCents", /negative/],
    ["a fractional cent", { salesCents: 1.5 }, "mutations.0.salesCents", /whole number/],
  ])("refuses %s, naming the field", async (_label, override, path, message) => {
    const { hub, editor, ids } = await orgWithCampaign();
    const result = await hub.mutate(editor.actor, {
      mutations: [
        {
          kind: "metric.save",
          campaignId: ids.campaign,
          weekStart: MONDAY,
          adSpendCents: 1,
          salesCents: 1,
          ...override,
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid");
    expect(result.error.issues).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  });

  it("keeps each org's data apart", async () => {
    const a = await orgWithCampaign();
    const b = await makeOrg();
    expect(await (await hubOf(b.id)).listClients()).toEqual([]);
    expect((await a.hub.listClients()).map((c) => c.name)).toEqual(["Acme"]);
  });
});

describe("the demo seed", () => {
  it("creates a realistic demo org once", async () => {
    const first = await seedDemoOrg(env, { now: new Date("2026-11-25T00:00:00Z") });
    const second = await seedDemoOrg(env);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, orgId: first.orgId });
    const org = await getOrgBySlug(controlDb(env.DB), DEMO_ORG.slug);
    expect(org?.state).toBe("ready");
    const hub = await hubOf(first.orgId);
    const stats = await hub.stats();
    expect((await hub.listClients()).map((c) => c.name)).toEqual([
      "Acme Outdoor",
      "Bloom Beauty",
      "Cobalt Electronics",
    ]);
    expect(stats.metrics).toBe(stats.campaigns * 12);
    expect(stats.seq).toBe(first.seq);
  });
});
