import { describe, expect, it } from "vitest";
import { newId } from "../../db/columns";
import type { Mutation } from "../../core/mutations";
import { SELF } from "cloudflare:test";
import { newIdempotencyKey } from "../../core/idempotency";
import { shiftWeek } from "../../core/weeks";
import { eventsIn, get, makeCampaignOrg, makeMember, makeOrg, openSocket, ORIGIN, post } from "./helpers";

const WEEK = "2026-11-16";

/** The campaign fixture with numbers for WEEK and a note on the client's WEEK. */
async function trackerOrg() {
  const fixture = await makeCampaignOrg({ week: WEEK });
  const note = newId();
  const noted = await fixture.hub.mutate(fixture.editor.actor, {
    mutations: [
      {
        kind: "annotation.create",
        id: note,
        entity: "client",
        entityId: fixture.ids.client,
        weekStart: WEEK,
        text: "Launch",
      },
    ],
  });
  if (!noted.ok) throw new Error(noted.error.message);
  return { ...fixture, ids: { ...fixture.ids, note } };
}

type Ids = Awaited<ReturnType<typeof trackerOrg>>["ids"];
type Case = {
  valid: (ids: Ids) => Mutation;
  /** The same mutation with one field wrong, and the path the refusal names. */
  invalid: (ids: Ids) => [Mutation, string];
  /** For writes to existing rows: the mutation naming a version that is no longer current. */
  stale?: (ids: Ids) => Mutation;
  event: string;
};

const poc = (ids: Ids) =>
  ({
    kind: "poc.set",
    clientChannelId: ids.clientChannel,
    startWeek: WEEK,
    minWeeks: 4,
    maxWeeks: 12,
    minSpendCents: 200_000,
    targetRoasMilli: 3000,
    weeklyBudgetCents: null,
  }) as const;

const CASES: Record<Mutation["kind"], Case> = {
  "client.create": {
    valid: () => ({ kind: "client.create", name: "Globex" }),
    invalid: () => [{ kind: "client.create", name: "  " }, "mutations.0.name"],
    event: "client.created",
  },
  "client.update": {
    valid: (ids) => ({ kind: "client.update", id: ids.client, version: 1, name: "Acme Inc." }),
    invalid: (ids) => [
      { kind: "client.update", id: ids.client, version: 1, name: "x".repeat(121) },
      "mutations.0.name",
    ],
    stale: (ids) => ({ kind: "client.update", id: ids.client, version: 7, isActive: false }),
    event: "client.updated",
  },
  "client.delete": {
    valid: (ids) => ({ kind: "client.delete", id: ids.client, version: 1, confirm: true }),
    invalid: (ids) => [{ kind: "client.delete", id: ids.client, version: -1 }, "mutations.0.version"],
    stale: (ids) => ({ kind: "client.delete", id: ids.client, version: 2, confirm: true }),
    event: "client.deleted",
  },
  "clientChannel.create": {
    valid: (ids) => ({ kind: "clientChannel.create", clientId: ids.client, channelId: ids.otherChannel }),
    invalid: (ids) => [
      { kind: "clientChannel.create", clientId: "", channelId: ids.otherChannel },
      "mutations.0.clientId",
    ],
    event: "clientChannel.created",
  },
  "clientChannel.update": {
    valid: (ids) => ({ kind: "clientChannel.update", id: ids.clientChannel, version: 1, isActive: false }),
    invalid: (ids) => [
      { kind: "clientChannel.update", id: ids.clientChannel, version: 1, isActive: "no" as unknown as boolean },
      "mutations.0.isActive",
    ],
    stale: (ids) => ({ kind: "clientChannel.update", id: ids.clientChannel, version: 3, isActive: false }),
    event: "clientChannel.updated",
  },
  "campaignGroup.create": {
    valid: (ids) => ({
      kind: "campaignGroup.create",
      clientChannelId: ids.clientChannel,
      name: "Shopping",
      weeklyBudgetCents: null,
    }),
    invalid: (ids) => [
      { kind: "campaignGroup.create", clientChannelId: ids.clientChannel, name: "Shopping", weeklyBudgetCents: -1 },
      "mutations.0.weeklyBudgetCents",
    ],
    event: "campaignGroup.created",
  },
  "campaignGroup.update": {
    valid: (ids) => ({
      kind: "campaignGroup.update",
      id: ids.group,
      version: 1,
      weeklyBudgetCents: 70_000,
      archived: true,
    }),
    invalid: (ids) => [{ kind: "campaignGroup.update", id: ids.group, version: 1, name: "" }, "mutations.0.name"],
    stale: (ids) => ({ kind: "campaignGroup.update", id: ids.group, version: 2, name: "Late" }),
    event: "campaignGroup.updated",
  },
  "campaignGroup.delete": {
    valid: (ids) => ({ kind: "campaignGroup.delete", id: ids.group, version: 1, confirm: true }),
    invalid: (ids) => [{ kind: "campaignGroup.delete", id: ids.group, version: 0 }, "mutations.0.version"],
    stale: (ids) => ({ kind: "campaignGroup.delete", id: ids.group, version: 5, confirm: true }),
    event: "campaignGroup.deleted",
  },
  "campaign.create": {
    valid: (ids) => ({ kind: "campaign.create", campaignGroupId: ids.group, name: "Generic", targetRoasMilli: 2500 }),
    invalid: (ids) => [
      { kind: "campaign.create", campaignGroupId: ids.group, name: "Generic", targetRoasMilli: -100 },
      "mutations.0.targetRoasMilli",
    ],
    event: "campaign.created",
  },
  "campaign.update": {
    valid: (ids) => ({ kind: "campaign.update", id: ids.campaign, version: 1, targetRoasMilli: null }),
    invalid: (ids) => [{ kind: "campaign.update", id: ids.campaign, version: 1.5 }, "mutations.0.version"],
    stale: (ids) => ({ kind: "campaign.update", id: ids.campaign, version: 9, name: "Late" }),
    event: "campaign.updated",
  },
  "campaign.delete": {
    valid: (ids) => ({ kind: "campaign.delete", id: ids.campaign, version: 1, confirm: true }),
    invalid: () => [{ kind: "campaign.delete", id: "", version: 1 }, "mutations.0.id"],
    stale: (ids) => ({ kind: "campaign.delete", id: ids.campaign, version: 2, confirm: true }),
    event: "campaign.deleted",
  },
  "metric.save": {
    valid: (ids) => ({
      kind: "metric.save",
      campaignId: ids.campaign,
      weekStart: WEEK,
      adSpendCents: 20_000,
      salesCents: 50_000,
      version: 1,
    }),
    invalid: (ids) => [
      { kind: "metric.save", campaignId: ids.campaign, weekStart: "2026-11-17", adSpendCents: 1, salesCents: 1 },
      "mutations.0.weekStart",
    ],
    stale: (ids) => ({
      kind: "metric.save",
      campaignId: ids.campaign,
      weekStart: WEEK,
      adSpendCents: 1,
      salesCents: 1,
      version: 4,
    }),
    event: "metric.saved",
  },
  "metric.delete": {
    valid: (ids) => ({ kind: "metric.delete", campaignId: ids.campaign, weekStart: WEEK, version: 1 }),
    invalid: (ids) => [
      { kind: "metric.delete", campaignId: ids.campaign, weekStart: "2026-11-18", version: 1 },
      "mutations.0.weekStart",
    ],
    stale: (ids) => ({ kind: "metric.delete", campaignId: ids.campaign, weekStart: WEEK, version: 3 }),
    event: "metric.deleted",
  },
  "annotation.create": {
    valid: (ids) => ({
      kind: "annotation.create",
      entity: "campaign",
      entityId: ids.campaign,
      weekStart: WEEK,
      text: "Raised bids 20%",
    }),
    invalid: (ids) => [
      { kind: "annotation.create", entity: "campaign", entityId: ids.campaign, weekStart: WEEK, text: "x".repeat(281) },
      "mutations.0.text",
    ],
    event: "annotation.created",
  },
  "annotation.delete": {
    valid: (ids) => ({ kind: "annotation.delete", id: ids.note, version: 1 }),
    invalid: (ids) => [{ kind: "annotation.delete", id: ids.note, version: 0 }, "mutations.0.version"],
    stale: (ids) => ({ kind: "annotation.delete", id: ids.note, version: 2 }),
    event: "annotation.deleted",
  },
  "poc.set": {
    valid: (ids) => ({ ...poc(ids), version: undefined }),
    invalid: (ids) => [{ ...poc(ids), minWeeks: 6, maxWeeks: 5 }, "mutations.0.maxWeeks"],
    event: "poc.saved",
  },
};

describe.each(Object.entries(CASES))("mutation %s", (_kind, c) => {
  it("commits, is broadcast with the next seq, and audited", async () => {
    const { org, editor, viewer, hub, ids } = await trackerOrg();
    const socket = await openSocket(org.id, viewer.cookie);
    await socket.until((m) => m.some((x) => x.t === "synced"));
    const before = await hub.stats();
    const result = await hub.mutate(editor.actor, { mutations: [c.valid(ids)] });
    expect(result).toMatchObject({ ok: true, seq: before.seq + 1 });
    const [event] = eventsIn(await socket.until((m) => eventsIn(m).length === 1, c.event));
    expect(event).toMatchObject({ seq: before.seq + 1, type: c.event, actor: editor.user.id });
    expect((await hub.stats()).auditRows).toBe(before.auditRows + 1);
    socket.close();
  });

  it("refuses an invalid value, naming the field, and changes nothing", async () => {
    const { editor, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    const [mutation, path] = c.invalid(ids);
    const result = await hub.mutate(editor.actor, { mutations: [mutation] });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(!result.ok && result.error.issues?.map((i) => i.path)).toContain(path);
    expect(await hub.stats()).toEqual(before);
  });

  it("refuses a viewer", async () => {
    const { viewer, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    expect(await hub.mutate(viewer.actor, { mutations: [c.valid(ids)] })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await hub.stats()).toEqual(before);
  });

  it("applies a retry with the same mutation id once", async () => {
    const { editor, hub, ids } = await trackerOrg();
    const batch = { mutationId: newId(), mutations: [c.valid(ids)] };
    const first = await hub.mutate(editor.actor, batch);
    const again = await hub.mutate(editor.actor, batch);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toMatchObject({ ok: true, replayed: true, seq: first.ok ? first.seq : -1 });
    expect((await hub.stats()).seq).toBe(first.ok ? first.seq : -1);
  });
});

const WRITES_TO_EXISTING_ROWS = Object.entries(CASES).flatMap(([kind, c]) =>
  c.stale ? [[kind, c.stale] as const] : [],
);

describe.each(WRITES_TO_EXISTING_ROWS)("mutation %s on a row changed meanwhile", (_kind, stale) => {
  it("is refused as a conflict carrying the current row, and changes nothing", async () => {
    const { editor, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    const result = await hub.mutate(editor.actor, { mutations: [stale(ids)] });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", current: { version: 1 } } });
    expect(await hub.stats()).toEqual(before);
  });
});

describe("deleting", () => {
  it("asks for confirmation when weekly numbers would go, and the audit log keeps the row", async () => {
    const { editor, hub, ids } = await trackerOrg();
    const unconfirmed = await hub.mutate(editor.actor, {
      mutations: [{ kind: "campaign.delete", id: ids.campaign, version: 1 }],
    });
    expect(unconfirmed).toMatchObject({
      ok: false,
      error: { code: "needs_confirmation", message: expect.stringContaining("1 weeks of numbers") },
    });
    expect((await hub.stats()).metrics).toBe(1);
    const confirmed = await hub.mutate(editor.actor, {
      mutations: [{ kind: "campaign.delete", id: ids.campaign, version: 1, confirm: true }],
    });
    expect(confirmed.ok).toBe(true);
    expect(await hub.stats()).toMatchObject({ campaigns: 0, metrics: 0 });
  });

  it("needs no confirmation for an empty campaign", async () => {
    const { editor, hub, ids } = await trackerOrg();
    const id = newId();
    await hub.mutate(editor.actor, {
      mutations: [{ kind: "campaign.create", id, campaignGroupId: ids.group, name: "Empty" }],
    });
    expect(await hub.mutate(editor.actor, { mutations: [{ kind: "campaign.delete", id, version: 1 }] })).toMatchObject({
      ok: true,
    });
  });
});

describe("the grid's HTTP actions", () => {
  const gridPath = (slug: string, clientId: string) => `/o/${slug}/clients/${clientId}`;
  const saveCells = (slug: string, clientId: string, cookie: string, cells: unknown[]) =>
    SELF.fetch(`${ORIGIN}${gridPath(slug, clientId)}/cells`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
      body: JSON.stringify({ mutationId: newIdempotencyKey(), cells }),
    });

  it("save a cell for an editor, decimals to cents, and show it on the next load", async () => {
    const { org, editor, ids } = await trackerOrg();
    const response = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: "2026-11-09", adSpend: "1,000.50", sales: "4002" },
    ]);
    expect(response.status).toBe(200);
    const page = await (await get(`${gridPath(org.slug, ids.client)}?weeks=4&until=2026-11-16`, editor.cookie)).text();
    expect(page).toContain("$1,001");
    expect(page).toContain("4.00×");
  });

  it("refuse a viewer's forged cell edit with 403, changing nothing", async () => {
    const { org, viewer, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    const response = await saveCells(org.slug, ids.client, viewer.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: "1", sales: "1", version: 1 },
    ]);
    expect(response.status).toBe(403);
    expect(await hub.stats()).toEqual(before);
  });

  it("answer a bad amount or a Tuesday with 422 and the field's reason", async () => {
    const { org, editor, ids } = await trackerOrg();
    const bad = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: "2026-11-17", adSpend: "-3", sales: "x" },
    ]);
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain("A week starts on a Monday");
    expect(text).toContain("Must not be negative");
    expect(text).toContain("cells.0.sales");
  });

  it("answer a stale edit with 409 and the current numbers", async () => {
    const { org, editor, ids } = await trackerOrg();
    const stale = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: "5", sales: "5" },
    ]);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringContaining("Someone changed this week"),
        current: { adSpendCents: 10_000 },
      },
    });
  });

  it("paste a block in one transaction: one bad cell and nothing is written", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    const cells = [
      { campaignId: ids.campaign, weekStart: "2026-11-02", adSpend: "100", sales: "400" },
      { campaignId: ids.campaign, weekStart: "2026-11-04", adSpend: "100", sales: "400" },
    ];
    const refused = await saveCells(org.slug, ids.client, editor.cookie, cells);
    expect(refused.status).toBe(422);
    expect(await hub.stats()).toEqual(before);
    cells[1]!.weekStart = "2026-11-09";
    const pasted = await saveCells(org.slug, ids.client, editor.cookie, cells);
    expect(pasted.status).toBe(200);
    expect((await hub.stats()).metrics).toBe(before.metrics + 2);
  });

  it("save a whole week from the plain form (no JavaScript) and go back to the grid", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const response = await post(
      `${gridPath(org.slug, ids.client)}/week/${WEEK}`,
      { campaignId: ids.campaign, adSpend: "250", sales: "1000", version: "1" },
      { cookie: editor.cookie },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`${gridPath(org.slug, ids.client)}?saved=${WEEK}`);
    expect(await hub.listMetrics(ids.campaign, WEEK, WEEK)).toMatchObject([
      { adSpendCents: 25_000, salesCents: 100_000, roasMilli: 4000, version: 2 },
    ]);
  });

  it("show another org's client as not found", async () => {
    const { ids } = await trackerOrg();
    const stranger = await trackerOrg();
    expect((await get(gridPath(stranger.org.slug, ids.client), stranger.editor.cookie)).status).toBe(404);
    expect(
      (await get(gridPath(stranger.org.slug, ids.client), (await makeMember((await makeOrg()).id, "admin")).cookie))
        .status,
    ).toBe(404);
  });

  it("keep the setup page from viewers", async () => {
    const { org, viewer, ids } = await trackerOrg();
    expect((await get(`${gridPath(org.slug, ids.client)}/setup`, viewer.cookie)).status).toBe(403);
  });
});

describe("the dashboard", () => {
  it("sums last week per client against the spend-weighted target", async () => {
    const { org, editor, ids, hub } = await trackerOrg();
    const last = WEEK;
    const other = newId();
    const saved = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "campaign.create", id: other, campaignGroupId: ids.group, name: "Generic", targetRoasMilli: 2000 },
        {
          kind: "metric.save",
          campaignId: ids.campaign,
          weekStart: last,
          adSpendCents: 30_000,
          salesCents: 120_000,
          version: 1,
        },
        { kind: "metric.save", campaignId: other, weekStart: last, adSpendCents: 10_000, salesCents: 10_000 },
      ],
    });
    expect(saved.ok).toBe(true);
    const html = await (await get(`/o/${org.slug}?until=${WEEK}`, editor.cookie)).text();
    // 1,300 sales on 400 spend = 3.25; target (4 × 300 + 2 × 100) / 400 = 3.50.
    expect(html).toContain("3.25×");
    expect(html).toContain("3.50×");
    expect(html).toContain("$400.00");
  });

  it("narrowed to one channel, sums only that channel's campaigns, for the clients and the org", async () => {
    const { org, editor, ids, hub } = await trackerOrg();
    const last = WEEK;
    const channels = await hub.listChannels();
    const search = channels.find((c) => c.id !== ids.otherChannel)!;
    const social = channels.find((c) => c.id === ids.otherChannel)!;
    const [clientChannel, group, campaign] = [newId(), newId(), newId()];
    const saved = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "clientChannel.create", id: clientChannel, clientId: ids.client, channelId: social.id },
        {
          kind: "campaignGroup.create",
          id: group,
          clientChannelId: clientChannel,
          name: "Reels",
          weeklyBudgetCents: null,
        },
        { kind: "campaign.create", id: campaign, campaignGroupId: group, name: "Prospecting", targetRoasMilli: null },
        {
          kind: "metric.save",
          campaignId: ids.campaign,
          weekStart: last,
          adSpendCents: 12_300,
          salesCents: 50_000,
          version: 1,
        },
        { kind: "metric.save", campaignId: campaign, weekStart: last, adSpendCents: 45_600, salesCents: 50_000 },
      ],
    });
    expect(saved.ok).toBe(true);
    const page = async (channel?: string) =>
      (await get(`/o/${org.slug}?until=${WEEK}${channel ? `&channel=${channel}` : ""}`, editor.cookie)).text();
    // The client's row and the org's header show the same sum: both must follow the filter.
    // Read in what is shown, without the POCs' reasons (in their links' tooltips and the page's
    // data), which name each POC's own spend, not a total.
    const shown = (html: string) => html.split("window.__remixContext")[0]!.replace(/title="[^"]*"/g, "");
    const spend = (html: string) => [...shown(html).matchAll(/\$(123\.00|456\.00|579\.00)/g)].map((m) => m[1]);
    expect(new Set(spend(await page()))).toEqual(new Set(["579.00"]));
    expect(new Set(spend(await page(search.slug)))).toEqual(new Set(["123.00"]));
    expect(new Set(spend(await page(social.slug)))).toEqual(new Set(["456.00"]));
  });
});

describe("the dashboard's weekly totals", () => {
  /** The totals table against a fresh sum over weekly_metrics. */
  async function totalsMatchRows(orgId: string) {
    const { env, runInDurableObject } = await import("cloudflare:test");
    return runInDurableObject(env.ORG_HUB.get(env.ORG_HUB.idFromName(orgId)), (_hub, state) => {
      const read = (query: string) => JSON.stringify(state.storage.sql.exec(query).toArray());
      const kept = read(
        "select client_id, channel_id, week_start, ad_spend_cents, sales_cents, " +
          "target_weighted, target_spend_cents from client_week_totals order by 1, 2, 3",
      );
      const fresh = read(`select cc.client_id, cc.channel_id, wm.week_start,
          sum(wm.ad_spend_cents) as ad_spend_cents, sum(wm.sales_cents) as sales_cents,
          coalesce(sum(c.target_roas_milli * wm.ad_spend_cents), 0) as target_weighted,
          coalesce(sum(case when c.target_roas_milli is not null then wm.ad_spend_cents end), 0) as target_spend_cents
        from weekly_metrics wm join campaigns c on c.id = wm.campaign_id
        join campaign_groups g on g.id = c.campaign_group_id
        join client_channels cc on cc.id = g.client_channel_id group by 1, 2, 3 order by 1, 2, 3`);
      return { kept, fresh };
    });
  }

  it("stay equal to the sum of the weekly rows through saves, target changes, imports and deletes", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const other = newId();
    const steps: (() => Promise<unknown>)[] = [
      () =>
        hub.mutate(editor.actor, {
          mutations: [
            { kind: "campaign.create", id: other, campaignGroupId: ids.group, name: "Generic", targetRoasMilli: null },
          ],
        }),
      () =>
        hub.mutate(editor.actor, {
          mutations: [
            { kind: "metric.save", campaignId: other, weekStart: WEEK, adSpendCents: 7000, salesCents: 9000 },
          ],
        }),
      () =>
        hub.mutate(editor.actor, {
          mutations: [
            {
              kind: "metric.save",
              campaignId: ids.campaign,
              weekStart: WEEK,
              adSpendCents: 1,
              salesCents: 2,
              version: 1,
            },
          ],
        }),
      () =>
        hub.mutate(editor.actor, {
          mutations: [{ kind: "campaign.update", id: other, version: 1, targetRoasMilli: 2500 }],
        }),
      () =>
        hub.importMetrics(editor.actor, {
          rows: [{ campaignId: other, weekStart: "2026-11-09", adSpendCents: 500, salesCents: 100 }],
        }),
      () =>
        hub.mutate(editor.actor, {
          mutations: [{ kind: "campaign.delete", id: ids.campaign, version: 1, confirm: true }],
        }),
      () =>
        hub.mutate(editor.actor, { mutations: [{ kind: "client.delete", id: ids.client, version: 1, confirm: true }] }),
    ];
    for (const [i, step] of steps.entries()) {
      const result = (await step()) as { ok: boolean };
      expect(result.ok, `step ${i}`).toBe(true);
      const { kept, fresh } = await totalsMatchRows(org.id);
      expect(kept, `after step ${i}`).toBe(fresh);
    }
    expect((await totalsMatchRows(org.id)).kept).toBe("[]");
  });
});

describe("the dashboard's pages", () => {
  it("shows fifty active clients a page, by name, with the org's totals over all of them", async () => {
    const { org, editor, hub } = await trackerOrg();
    const names = Array.from({ length: 51 }, (_, i) => `Client ${String(i).padStart(2, "0")}`);
    expect(
      (await hub.mutate(editor.actor, { mutations: names.map((name) => ({ kind: "client.create" as const, name })) }))
        .ok,
    ).toBe(true);
    const first = await (await get(`/o/${org.slug}`, editor.cookie)).text();
    expect(first).toContain("Clients 1–50 of 52");
    // "Acme" (the test org's own client) sorts first, so page 1 ends at Client 48.
    expect(first).toContain(">Acme<");
    expect(first).toContain("Client 48");
    expect(first).not.toContain("Client 49");
    const second = await (await get(`/o/${org.slug}?page=2`, editor.cookie)).text();
    expect(second).toContain("Clients 51–52 of 52");
    expect(second).toContain("Client 49");
    expect(second).toContain("Client 50");
    expect(second).not.toContain("Client 48");
  });

  it("says what changed since the week before, in words and arrows", async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: WEEK }); // 100.00 spent, 400.00 sold
    const before = shiftWeek(WEEK, -1);
    const saved = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: before, adSpendCents: 10_000, salesCents: 30_000 },
      ],
    });
    expect(saved.ok).toBe(true);
    const shown = (html: string) => html.split("window.__remixContext")[0]!;
    const page = shown(await (await get(`/o/${org.slug}?until=${WEEK}`, editor.cookie)).text());
    expect(page).toContain("▲ 1.00× on the week before"); // ROAS 4.00× after 3.00×
    expect(page).toContain("= the week before"); // the same spend
    // The week after has no numbers: nothing is said rather than a change from nothing.
    const next = shown(await (await get(`/o/${org.slug}?until=${shiftWeek(WEEK, 1)}`, editor.cookie)).text());
    expect(next).not.toContain("on the week before");
  });
});
