import { describe, expect, it } from "vitest";
import { checkRows, EXPORT_COLUMNS, formatOfFile, guessMapping, parseTable, parseWeek } from "../../core/csv";
import { newId } from "../../db/columns";
import { get, hubOf, makeMember, makeOrg, ORIGIN } from "./helpers";
import { SELF } from "cloudflare:test";

describe("CSV rows", () => {
  const campaigns = [
    { id: "c-1", name: "Brand exact" },
    { id: "c-2", name: "Shopping" },
  ];

  it("reads CSV and tab-separated paste alike, and guesses the columns by name", () => {
    for (const text of [
      "Campaign,Week,Spend,Sales\nBrand exact,2026-11-16,10,40",
      "Campaign\tWeek\tSpend\tSales\nBrand exact\t2026-11-16\t10\t40",
    ]) {
      const table = parseTable(text);
      expect(table).toEqual({
        headers: ["Campaign", "Week", "Spend", "Sales"],
        rows: [["Brand exact", "2026-11-16", "10", "40"]],
      });
      expect(guessMapping(table.headers)).toEqual({ campaign: 0, week: 1, spend: 2, sales: 3 });
    }
    expect(
      guessMapping([
        "client",
        "channel",
        "campaign_group",
        "campaign",
        "campaign_id",
        "week",
        "spend",
        "sales",
        "roas",
      ]),
    ).toEqual({ campaign: 4, week: 5, spend: 6, sales: 7 });
  });

  it("takes Mondays and ISO weeks, nothing else", () => {
    expect(parseWeek("2026-11-16")).toBe("2026-11-16");
    expect(parseWeek("2026-W47")).toBe("2026-11-16");
    expect(parseWeek("2026-11-18")).toBeNull();
    expect(parseWeek("16/11/2026")).toBeNull();
  });

  it("marks each row valid or with its reason and line", () => {
    const table = parseTable(
      [
        "campaign,week,spend,sales",
        "brand EXACT,2026-11-16,1000.5,4000",
        "c-2,2026-W47,10,0",
        "Nope,2026-11-16,1,1",
        "Shopping,2026-11-17,1,1",
        "Shopping,2026-11-09,-1,1",
        "Brand exact,2026-11-16,2,2",
      ].join("\n"),
    );
    const checks = checkRows(table, guessMapping(table.headers), campaigns, "1,234.56");
    expect(checks.map((c) => [c.line, c.error ?? "ok"])).toEqual([
      [2, "ok"],
      [3, "ok"],
      [4, 'No campaign "Nope" in this client'],
      [5, '"2026-11-17" is not a Monday (YYYY-MM-DD) or an ISO week (2026-W47)'],
      [6, "Spend: Must not be negative"],
      [7, "Same campaign and week as line 2"],
    ]);
    expect(checks[0]!.row).toEqual({
      campaignId: "c-1",
      weekStart: "2026-11-16",
      adSpendCents: 100050,
      salesCents: 400000,
    });
  });

  it("reads a semicolon file with decimal commas in that format, refuses it in 1,234.56 (never multiplies)", () => {
    const table = parseTable(["campaign;week;spend;sales", "Shopping;2026-09-14;1000,50;3500,00"].join("\n"));
    const [row] = checkRows(table, guessMapping(table.headers), campaigns, "1.234,56");
    expect(row!.row).toEqual({ campaignId: "c-2", weekStart: "2026-09-14", adSpendCents: 100050, salesCents: 350000 });
    const [refused] = checkRows(table, guessMapping(table.headers), campaigns, "1,234.56");
    expect(refused!.row).toBeUndefined();
    expect(refused!.error).toMatch(
      /^Spend: "1000,50" is not a number in this organization's format.*did you mean 1,000\.50\?/,
    );
  });

  it("reads a Celerity export's plain amounts whatever the org's format", () => {
    expect(formatOfFile([...EXPORT_COLUMNS], "1.234,56")).toBe("1,234.56");
    expect(formatOfFile(["campaign", "week", "spend", "sales"], "1.234,56")).toBe("1.234,56");
  });
});

async function clientWithNumbers() {
  const org = await makeOrg();
  const editor = await makeMember(org.id, "account_manager");
  const hub = await hubOf(org.id);
  const [channel] = await hub.listChannels();
  const ids = { client: newId(), cc: newId(), group: newId(), a: newId(), b: newId() };
  const mutations = [
    { kind: "client.create" as const, id: ids.client, name: "Acme" },
    { kind: "clientChannel.create" as const, id: ids.cc, clientId: ids.client, channelId: channel!.id },
    { kind: "campaignGroup.create" as const, id: ids.group, clientChannelId: ids.cc, name: "Search, brand" },
    { kind: "campaign.create" as const, id: ids.a, campaignGroupId: ids.group, name: 'Brand "exact"' },
    { kind: "campaign.create" as const, id: ids.b, campaignGroupId: ids.group, name: "Generic" },
    ...["2026-11-02", "2026-11-09", "2026-11-16"].flatMap((weekStart, i) => [
      { kind: "metric.save" as const, campaignId: ids.a, weekStart, adSpendCents: 10_000 + i, salesCents: 40_050 },
      { kind: "metric.save" as const, campaignId: ids.b, weekStart, adSpendCents: 0, salesCents: 999 },
    ]),
  ];
  expect((await hub.mutate(editor.actor, { mutations })).ok).toBe(true);
  return { org, editor, hub, ids };
}

function importForm(slug: string, clientId: string, csv: string, cookie: string, mode = "all") {
  const form = new FormData();
  form.set("csv", csv);
  form.set("mode", mode);
  return SELF.fetch(`${ORIGIN}/o/${slug}/clients/${clientId}/import`, {
    method: "POST",
    headers: { Origin: ORIGIN, Host: "localhost", Cookie: cookie },
    body: form,
  });
}

describe("CSV export and import", () => {
  it("exports a client's weeks, quoting what needs it; re-importing the file changes no row", async () => {
    const { org, editor, hub, ids } = await clientWithNumbers();
    const exported = await get(
      `/o/${org.slug}/export.csv?client=${ids.client}&from=2026-11-02&to=2026-11-16`,
      editor.cookie,
    );
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const csv = await exported.text();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe("client,channel,campaign_group,campaign,campaign_id,week,spend,sales,roas");
    expect(lines).toHaveLength(7);
    expect(csv).toContain(`"Search, brand","Brand ""exact""",${ids.a},2026-11-16,100.02,400.50,4.00`);
    expect(csv).toContain(`,${ids.b},2026-11-16,0.00,9.99,`);

    const before = await hub.stats();
    const again = await importForm(org.slug, ids.client, csv, editor.cookie);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Import finished: 0 created, 0 updated, 6 unchanged, 0 refused.");
    expect(await hub.stats()).toEqual(before);
  });

  it("imports nothing when a row is wrong, unless told to import the valid ones", async () => {
    const { org, editor, hub, ids } = await clientWithNumbers();
    const csv = "campaign,week,spend,sales\nGeneric,2026-11-23,5,20\nGeneric,2026-11-24,5,20\nGeneric,2026-11-16,1,2";
    const before = await hub.stats();
    const refused = await importForm(org.slug, ids.client, csv, editor.cookie);
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain("1 of 3 rows are not valid; nothing was imported");
    expect(page).toContain("Line 3:");
    expect(await hub.stats()).toEqual(before);

    const partial = await importForm(org.slug, ids.client, csv, editor.cookie, "valid");
    expect(await partial.text()).toContain("Import finished: 1 created, 1 updated, 0 unchanged, 1 refused.");
    expect(
      (await hub.listMetrics(ids.b, "2026-11-16", "2026-11-23"))!.map((m) => [m.weekStart, m.adSpendCents]),
    ).toEqual([
      ["2026-11-16", 100],
      ["2026-11-23", 500],
    ]);
  });

  it("takes chunks of rows as JSON from the import page, and refuses viewers", async () => {
    const { org, editor, hub, ids } = await clientWithNumbers();
    const viewer = await makeMember(org.id, "viewer");
    const rows = [{ campaignId: ids.a, weekStart: "2026-11-23", adSpendCents: 100, salesCents: 300 }];
    const send = (cookie: string) =>
      SELF.fetch(`${ORIGIN}/o/${org.slug}/clients/${ids.client}/import/rows`, {
        method: "POST",
        headers: { Origin: ORIGIN, Host: "localhost", Cookie: cookie, "Content-Type": "application/json" },
        body: JSON.stringify({ rows }),
      });
    expect((await send(viewer.cookie)).status).toBe(403);
    const first = await send(editor.cookie);
    expect(await first.json()).toMatchObject({ ok: true, created: 1, updated: 0, unchanged: 0 });
    expect(await (await send(editor.cookie)).json()).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1 });
    expect((await hub.stats()).metrics).toBe(7);
  });
});
