/**
 * Numbers an agency can trust (issue 10): every entry path reads amounts in the org's number
 * format, saves are applied once and never mistaken for someone else's, resync never skips,
 * and no value within the documented limits can make the app answer 5xx.
 */
import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { newIdempotencyKey } from "../../core/idempotency";
import { updateOrgSettings } from "../../app/server/orgs.server";
import { newId } from "../../db/columns";
import { EVENT_LOG_KEEP } from "../../party/commit";
import {
  eventsIn,
  get,
  makeCampaignOrg,
  makeMember,
  mintToken,
  openSocket,
  ORIGIN,
  post,
  TEST_AUDIT_ACTOR,
} from "./helpers";

const WEEK = "2026-11-16";

async function trackerOrg(format?: "1,234.56" | "1.234,56" | "1 234,56") {
  const fixture = await makeCampaignOrg({ week: WEEK });
  if (format) await updateOrgSettings(env, fixture.org.id, { numberFormat: format }, TEST_AUDIT_ACTOR);
  return fixture;
}

const gridPath = (slug: string, clientId: string) => `/o/${slug}/clients/${clientId}`;

/** The grid's save endpoint, as the browser's save queue calls it. */
function saveCells(slug: string, clientId: string, cookie: string, cells: unknown[], mutationId = newIdempotencyKey()) {
  return SELF.fetch(`${ORIGIN}${gridPath(slug, clientId)}/cells`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
    body: JSON.stringify({ mutationId, cells }),
  });
}

const weekForm = (slug: string, clientId: string, cookie: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return SELF.fetch(`${ORIGIN}${gridPath(slug, clientId)}/week/${WEEK}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      Cookie: cookie,
      Host: new URL(ORIGIN).host,
    },
    body,
  });
};

/** The hidden key a freshly loaded week form carries. */
async function formKey(slug: string, clientId: string, cookie: string) {
  const html = await (await get(`${gridPath(slug, clientId)}/week/${WEEK}`, cookie)).text();
  return html.match(/name="mutationId" value="([^"]+)"/)![1]!;
}

describe("amounts in the org's number format, through every entry path", () => {
  it("a grid cell: 300,5 is refused under 1,234.56, saved as 300.50 under 1.234,56; $1,234.50 is 1234.50", async () => {
    const en = await trackerOrg();
    const refused = await saveCells(en.org.slug, en.ids.client, en.editor.cookie, [
      { campaignId: en.ids.campaign, weekStart: "2026-11-09", adSpend: "300,5", sales: "1" },
    ]);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain("did you mean 300.50?");
    expect(await en.hub.listMetrics(en.ids.campaign, "2026-11-09", "2026-11-09")).toEqual([]);
    const dollars = await saveCells(en.org.slug, en.ids.client, en.editor.cookie, [
      { campaignId: en.ids.campaign, weekStart: "2026-11-09", adSpend: "$1,234.50", sales: "USD 2,500" },
    ]);
    expect(dollars.status).toBe(200);
    expect(await en.hub.listMetrics(en.ids.campaign, "2026-11-09", "2026-11-09")).toMatchObject([
      { adSpendCents: 123_450, salesCents: 250_000 },
    ]);

    const de = await trackerOrg("1.234,56");
    expect(
      (
        await saveCells(de.org.slug, de.ids.client, de.editor.cookie, [
          { campaignId: de.ids.campaign, weekStart: "2026-11-09", adSpend: "300,5", sales: "1.000,50 €" },
        ])
      ).status,
    ).toBe(200);
    expect(await de.hub.listMetrics(de.ids.campaign, "2026-11-09", "2026-11-09")).toMatchObject([
      { adSpendCents: 30_050, salesCents: 100_050 },
    ]);
  });

  it("a pasted block: currency-formatted cells are read, one bad cell refuses the block", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const cells = [
      { campaignId: ids.campaign, weekStart: "2026-11-02", adSpend: "$1,000.00", sales: "$4,000.50" },
      { campaignId: ids.campaign, weekStart: "2026-11-09", adSpend: "1000,5", sales: "1" },
    ];
    const refused = await saveCells(org.slug, ids.client, editor.cookie, cells);
    expect(refused.status).toBe(422);
    expect(await hub.listMetrics(ids.campaign, "2026-11-02", "2026-11-09")).toEqual([]);
    cells[1]!.adSpend = "1,000.5";
    expect((await saveCells(org.slug, ids.client, editor.cookie, cells)).status).toBe(200);
    expect(await hub.listMetrics(ids.campaign, "2026-11-02", "2026-11-09")).toMatchObject([
      { adSpendCents: 100_000, salesCents: 400_050 },
      { adSpendCents: 100_050, salesCents: 100 },
    ]);
  });

  it("the week form: 300,5 is refused (4xx, nothing stored) and $1,234.50 stores 1234.50 under 1,234.56", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const refused = await weekForm(org.slug, ids.client, editor.cookie, {
      mutationId: await formKey(org.slug, ids.client, editor.cookie),
      campaignId: ids.campaign,
      adSpend: "300,5",
      sales: "1",
      version: "1",
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("did you mean 300.50?");
    expect(await hub.listMetrics(ids.campaign, WEEK, WEEK)).toMatchObject([{ adSpendCents: 10_000, version: 1 }]);
    const saved = await weekForm(org.slug, ids.client, editor.cookie, {
      mutationId: await formKey(org.slug, ids.client, editor.cookie),
      campaignId: ids.campaign,
      adSpend: "$1,234.50",
      sales: "4,938",
      version: "1",
    });
    expect(saved.status).toBe(302);
    expect(await hub.listMetrics(ids.campaign, WEEK, WEEK)).toMatchObject([
      { adSpendCents: 123_450, salesCents: 493_800, version: 2 },
    ]);
  });

  it("setup: a budget of $2,500 and a target of 3,5 in a 1.234,56 org", async () => {
    const { org, editor, hub, ids } = await trackerOrg("1.234,56");
    const response = await post(
      `${gridPath(org.slug, ids.client)}/setup`,
      { intent: "group", clientChannelId: ids.clientChannel, name: "Shopping", weeklyBudget: "$2.500" },
      { cookie: editor.cookie },
    );
    expect(response.status).toBe(200);
    const group = (await hub.campaignGroups(ids.clientChannel))!.find((g) => g.name === "Shopping")!;
    expect(group.weeklyBudgetCents).toBe(250_000);
    await post(
      `${gridPath(org.slug, ids.client)}/setup`,
      { intent: "campaign", campaignGroupId: group.id, name: "Generic", targetRoas: "3,5" },
      { cookie: editor.cookie },
    );
    expect((await hub.campaigns(group.id))!.find((c) => c.name === "Generic")!.targetRoasMilli).toBe(3500);
    // In this org a point is a thousands separator: "2.5" is refused, not read as 2,5 or 25.
    const refused = await post(
      `${gridPath(org.slug, ids.client)}/setup`,
      { intent: "group", clientChannelId: ids.clientChannel, name: "Display", weeklyBudget: "2.5" },
      { cookie: editor.cookie },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("did you mean 2,50?");
  });

  it("CSV import without JavaScript: decimal commas read in a 1.234,56 org, refused in a 1,234.56 org", async () => {
    for (const [format, status, stored] of [
      ["1.234,56", 200, [{ adSpendCents: 100_050, salesCents: 350_000 }]],
      ["1,234.56", 422, []],
    ] as const) {
      const { org, editor, hub, ids } = await trackerOrg(format);
      const body = new FormData();
      body.set("csv", ["campaign;week;spend;sales", "Brand;2026-09-14;1000,50;3500,00"].join("\n"));
      const response = await SELF.fetch(`${ORIGIN}${gridPath(org.slug, ids.client)}/import`, {
        method: "POST",
        headers: { Origin: ORIGIN, Cookie: editor.cookie, Host: new URL(ORIGIN).host },
        body,
      });
      expect(response.status, format).toBe(status);
      expect(await hub.listMetrics(ids.campaign, "2026-09-14", "2026-09-14")).toMatchObject(stored);
    }
  });

  it("an admin changes the org's format on the settings page; other roles may not", async () => {
    const { org, editor } = await trackerOrg();
    const admin = await makeMember(org.id, "admin");
    expect((await get(`/o/${org.slug}/settings`, admin.cookie)).status).toBe(200);
    expect((await get(`/o/${org.slug}/settings`, editor.cookie)).status).toBe(403);
    expect(
      (await post(`/o/${org.slug}/settings`, { numberFormat: "1 234,56" }, { cookie: editor.cookie })).status,
    ).toBe(403);
    expect((await post(`/o/${org.slug}/settings`, { numberFormat: "1;234" }, { cookie: admin.cookie })).status).toBe(
      422,
    );
    expect((await post(`/o/${org.slug}/settings`, { numberFormat: "1 234,56" }, { cookie: admin.cookie })).status).toBe(
      200,
    );
    expect(await (await get(`/o/${org.slug}/settings`, admin.cookie)).text()).toMatch(
      /<option value="1 234,56" selected="">/,
    );
  });

  it("a new org's format is pre-selected from the browser's language", async () => {
    const { cookie } = await makeMember((await trackerOrg()).org.id, "viewer");
    const html = await (
      await SELF.fetch(`${ORIGIN}/orgs`, { headers: { Cookie: cookie, "Accept-Language": "de-DE,de;q=0.9" } })
    ).text();
    expect(html).toMatch(/<option value="1.234,56" selected="">/);
  });
});

describe("idempotency keys", () => {
  const save = (adSpendCents: number, ids: { campaign: string }) => [
    { kind: "metric.save" as const, campaignId: ids.campaign, weekStart: "2026-11-09", adSpendCents, salesCents: 1 },
  ];

  it("a replay (same actor and payload) gets the original answer; another use of the key stores nothing", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const other = await makeMember(org.id, "account_manager");
    const key = newIdempotencyKey();
    const first = await hub.mutate(editor.actor, { mutationId: key, mutations: save(100, ids) });
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(await hub.mutate(editor.actor, { mutationId: key, mutations: save(100, ids) })).toEqual({
      ...first,
      replayed: true,
    });
    const before = await hub.stats();
    expect(await hub.mutate(editor.actor, { mutationId: key, mutations: save(200, ids) })).toMatchObject({
      ok: false,
      error: { code: "key_reused" },
    });
    expect(await hub.mutate(other.actor, { mutationId: key, mutations: save(100, ids) })).toMatchObject({
      ok: false,
      error: { code: "key_reused" },
    });
    expect(await hub.stats()).toEqual(before);
    expect(await hub.listMetrics(ids.campaign, "2026-11-09", "2026-11-09")).toMatchObject([
      { adSpendCents: 100, version: 1 },
    ]);
  });

  it("over HTTP, a reused key answers 409, never a replayed 200", async () => {
    const { org, editor, ids } = await trackerOrg();
    const key = newIdempotencyKey();
    const cell = (adSpend: string) => [{ campaignId: ids.campaign, weekStart: "2026-11-09", adSpend, sales: "1" }];
    expect((await saveCells(org.slug, ids.client, editor.cookie, cell("1"), key)).status).toBe(200);
    expect((await saveCells(org.slug, ids.client, editor.cookie, cell("1"), key)).status).toBe(200);
    const reused = await saveCells(org.slug, ids.client, editor.cookie, cell("2"), key);
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ ok: false, error: { code: "key_reused" } });
  });

  it("two editors of the same week form: the second is told of the conflict and shown both", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const second = await makeMember(org.id, "account_manager");
    const [keyA, keyB] = [
      await formKey(org.slug, ids.client, editor.cookie),
      await formKey(org.slug, ids.client, second.cookie),
    ];
    expect(keyA).not.toBe(keyB);
    const first = await weekForm(org.slug, ids.client, editor.cookie, {
      mutationId: keyA,
      campaignId: ids.campaign,
      adSpend: "111",
      sales: "222",
      version: "1",
    });
    expect(first.status).toBe(302);
    const late = await weekForm(org.slug, ids.client, second.cookie, {
      mutationId: keyB,
      campaignId: ids.campaign,
      adSpend: "333",
      sales: "444",
      version: "1",
    });
    expect(late.status).toBe(409);
    const page = await late.text();
    expect(page).toContain("Someone saved this week while you were editing");
    expect(page).toContain("Saved meanwhile by someone else: spend $111.00, sales $222.00");
    expect(page).toContain('value="333"'); // what they typed is kept
    expect(await hub.listMetrics(ids.campaign, WEEK, WEEK)).toMatchObject([
      { adSpendCents: 11_100, salesCents: 22_200, version: 2 },
    ]);
  });

  it("a row the second editor left alone is neither a conflict nor written over a teammate's number", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const other = newId();
    await hub.mutate(editor.actor, {
      mutations: [{ kind: "campaign.create", id: other, campaignGroupId: ids.group, name: "Generic" }],
    });
    const second = await makeMember(org.id, "account_manager");
    const key = await formKey(org.slug, ids.client, second.cookie);
    // Meanwhile a teammate changes Brand, the row the second editor will not touch.
    await hub.mutate(editor.actor, {
      mutations: [
        {
          kind: "metric.save",
          campaignId: ids.campaign,
          weekStart: WEEK,
          adSpendCents: 11_100,
          salesCents: 22_200,
          version: 1,
        },
      ],
    });
    const response = await weekForm(org.slug, ids.client, second.cookie, {
      mutationId: key,
      campaignId: [ids.campaign, other],
      adSpend: ["100.00", "50"],
      sales: ["400.00", "200"],
      version: ["1", ""],
      loadedSpend: ["100.00", ""],
      loadedSales: ["400.00", ""],
    });
    expect(response.status).toBe(302);
    expect(await hub.listMetrics(ids.campaign, WEEK, WEEK)).toMatchObject([
      { adSpendCents: 11_100, salesCents: 22_200, version: 2 },
    ]);
    expect(await hub.listMetrics(other, WEEK, WEEK)).toMatchObject([{ adSpendCents: 5_000, salesCents: 20_000 }]);
  });

  it("a week form sent back unchanged saves nothing and does not claim to have saved", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const before = await hub.stats();
    const response = await weekForm(org.slug, ids.client, editor.cookie, {
      mutationId: await formKey(org.slug, ids.client, editor.cookie),
      campaignId: ids.campaign,
      adSpend: "100",
      sales: "400.00",
      version: "1",
      loadedSpend: "100.00",
      loadedSales: "400.00",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Nothing was changed, so nothing was saved.");
    expect(await hub.stats()).toEqual(before);
  });

  it("a week form with 12 campaigns saves", async () => {
    const { org, editor, hub, ids } = await trackerOrg();
    const campaigns = Array.from({ length: 11 }, () => newId());
    await hub.mutate(editor.actor, {
      mutations: campaigns.map((id, i) => ({
        kind: "campaign.create" as const,
        id,
        campaignGroupId: ids.group,
        name: `Campaign ${i}`,
      })),
    });
    const all = [ids.campaign, ...campaigns];
    const response = await weekForm(org.slug, ids.client, editor.cookie, {
      mutationId: await formKey(org.slug, ids.client, editor.cookie),
      campaignId: all,
      adSpend: all.map((_, i) => `${i + 1}00`),
      sales: all.map(() => "1,000"),
      version: all.map((id) => (id === ids.campaign ? "1" : "")),
    });
    expect(response.status).toBe(302);
    expect((await hub.stats()).metrics).toBe(12);
  });
});

describe("clearing a cell", () => {
  it("deletes the week's row through the mutation path (audited, broadcast); a stale clear conflicts", async () => {
    const { org, editor, viewer, hub, ids } = await trackerOrg();
    const socket = await openSocket(org.id, viewer.cookie);
    await socket.until((m) => m.some((x) => x.t === "synced"));
    const before = await hub.stats();
    const stale = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: null, sales: null, version: 5 },
    ]);
    expect(stale.status).toBe(409);
    const cleared = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: null, sales: null, version: 1 },
    ]);
    expect(cleared.status).toBe(200);
    const [event] = eventsIn(await socket.until((m) => eventsIn(m).length === 1));
    expect(event).toMatchObject({ type: "metric.deleted", data: { campaignId: ids.campaign, weekStart: WEEK } });
    expect(await hub.stats()).toMatchObject({ metrics: before.metrics - 1, auditRows: before.auditRows + 1 });
    const half = await saveCells(org.slug, ids.client, editor.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: "5", sales: null },
    ]);
    expect(half.status).toBe(422);
    expect(JSON.stringify(await half.json())).toContain("Enter both spend and sales");
    socket.close();
  });

  it("is refused to a viewer", async () => {
    const { org, viewer, hub, ids } = await trackerOrg();
    const response = await saveCells(org.slug, ids.client, viewer.cookie, [
      { campaignId: ids.campaign, weekStart: WEEK, adSpend: null, sales: null, version: 1 },
    ]);
    expect(response.status).toBe(403);
    expect((await hub.stats()).metrics).toBe(1);
  });
});

describe("resync", () => {
  it("trims the log by count at every commit; a socket further behind gets reload, never synced", async () => {
    const { org, editor, viewer, hub, ids } = await trackerOrg();
    const rows = Array.from({ length: EVENT_LOG_KEEP }, (_, i) => ({
      campaignId: ids.campaign,
      weekStart: new Date(Date.UTC(1990, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10),
      adSpendCents: 100,
      salesCents: 100,
    }));
    expect((await hub.importMetrics(editor.actor, { rows })).ok).toBe(true);
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "After the import" }] });
    const latest = (await hub.stats()).seq;
    const oldest = await runInDurableObject(env.ORG_HUB.get(env.ORG_HUB.idFromName(org.id)), (_hub, state) =>
      state.storage.sql.exec("select min(seq) as s, count(*) as n from events").one(),
    );
    expect(oldest).toEqual({ s: latest - EVENT_LOG_KEEP + 1, n: EVENT_LOG_KEEP });

    const behind = await openSocket(org.id, viewer.cookie, 2);
    const messages = await behind.until((m) => m.some((x) => x.t === "reload" || x.t === "synced"));
    expect(messages).toEqual([{ t: "reload", seq: latest }]);
    behind.close();
  });

  it("replays all after since=0 when the log has it all; reloads a socket claiming an unknown seq", async () => {
    const { org, viewer, hub } = await trackerOrg();
    const latest = (await hub.stats()).seq;
    const fromStart = await openSocket(org.id, viewer.cookie, 0);
    const replay = await fromStart.until((m) => m.some((x) => x.t === "synced"));
    expect(eventsIn(replay).map((e) => e.seq)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    fromStart.close();
    const ahead = await openSocket(org.id, viewer.cookie, latest + 5);
    expect(await ahead.until((m) => m.length > 0)).toEqual([{ t: "reload", seq: latest }]);
    ahead.close();
  });

  it("through the API's events socket too: contiguous replay, or reload", async () => {
    const { org, editor, hub } = await trackerOrg();
    await hub.mutate(editor.actor, { mutations: [{ kind: "client.create", name: "Globex" }] });
    const token = (await mintToken(org, { name: "reader", scope: "read", createdBy: null })).token;
    const response = await SELF.fetch(`${ORIGIN}/api/v1/events?since=2&access_token=${token}`, {
      headers: { Upgrade: "websocket" },
    });
    const ws = response.webSocket!;
    ws.accept();
    const seqs: (number | string)[] = [];
    const done = new Promise<void>((resolve) =>
      ws.addEventListener("message", (event) => {
        const message = JSON.parse(String(event.data)) as { t: string; event?: { seq: number } };
        seqs.push(message.event?.seq ?? message.t);
        if (message.t !== "event") resolve();
      }),
    );
    await done;
    const latest = (await hub.stats()).seq;
    expect(seqs).toEqual([...Array.from({ length: latest - 2 }, (_, i) => i + 3), "synced"]);
    ws.close();
  });
});

describe("presence", () => {
  it("shows each socket the others, never itself; the same person's other tab is one of the others", async () => {
    const { org, editor, viewer, ids } = await trackerOrg();
    const tabs = [
      await openSocket(org.id, editor.cookie),
      await openSocket(org.id, editor.cookie),
      await openSocket(org.id, viewer.cookie),
    ];
    for (const tab of tabs) await tab.until((m) => m.some((x) => x.t === "synced"));
    for (const tab of tabs) tab.ws.send(JSON.stringify({ t: "presence", clientId: ids.client, cell: null }));
    const lists = await Promise.all(
      tabs.map(async (tab) => {
        const all = await tab.until((m) => m.some((x) => x.t === "presence" && x.viewers.length === 2), "two others");
        const last = all.filter((x) => x.t === "presence").at(-1)!;
        return last.t === "presence" ? last.viewers.map((v) => v.userId).sort() : [];
      }),
    );
    expect(lists).toEqual([
      [editor.user.id, viewer.user.id].sort(),
      [editor.user.id, viewer.user.id].sort(),
      [editor.user.id, editor.user.id],
    ]);
    for (const tab of tabs) tab.close();
  });
});

describe("limits that make overflow impossible", () => {
  it("refuses values past the maxima with 422 naming the field; the dashboard still answers", async () => {
    const { org, editor } = await trackerOrg();
    const token = (await mintToken(org, { name: "writer", scope: "write", createdBy: null })).token;
    const api = (method: string, path: string, body: unknown) =>
      SELF.fetch(`${ORIGIN}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const client = (await (await api("POST", "/clients", { name: "Big spender" })).json()) as { id: string };
    const channel = (await (
      await api("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" })
    ).json()) as { id: string };
    const group = (await (
      await api("POST", `/client-channels/${channel.id}/campaign-groups`, { name: "Max" })
    ).json()) as { id: string };
    const tooHighTarget = await api("POST", `/campaign-groups/${group.id}/campaigns`, { name: "A", targetRoas: 1000 });
    expect(tooHighTarget.status).toBe(422);
    expect(await tooHighTarget.json()).toMatchObject({
      error: { code: "invalid", issues: [{ path: "targetRoas", message: "At most 100" }] },
    });
    const ids: string[] = [];
    for (const name of ["A", "B"])
      ids.push(
        (
          (await (await api("POST", `/campaign-groups/${group.id}/campaigns`, { name, targetRoas: 100 })).json()) as {
            id: string;
          }
        ).id,
      );
    for (const id of ids) {
      const over = await api("PUT", `/campaigns/${id}/metrics/${WEEK}`, { adSpend: 5e10, sales: 1 });
      expect(over.status).toBe(422);
      expect(await over.json()).toMatchObject({ error: { issues: [{ path: "adSpend" }] } });
      const atMax = await api("PUT", `/campaigns/${id}/metrics/${WEEK}`, { adSpend: 10_000_000, sales: 1_000_000_000 });
      expect(atMax.status).toBe(201);
    }
    const dashboard = await get(`/o/${org.slug}?until=${WEEK}`, editor.cookie);
    expect(dashboard.status).toBe(200);
    // Two campaigns at the maxima, plus the fixture's: $20,000,100.00 spent that week.
    expect(await dashboard.text()).toContain("$20,000,100");
  });
});
