/** A client's charts (issue 14): the series for the client, a group or a campaign, and the page. */
import { describe, expect, it } from "vitest";
import { shiftWeek } from "../../core/weeks";
import { newId } from "../../db/columns";
import { chartScope, chartSeries } from "../../app/server/charts.server";
import { get, makeCampaignOrg, post } from "./helpers";

const W = "2026-09-07";

/** The campaign fixture (Brand: target 4×, 100/400 in W; group budget 500) and a second group. */
async function chartsOrg() {
  const fixture = await makeCampaignOrg({ week: W });
  const { hub, editor, ids } = fixture;
  const more = { group: newId(), campaign: newId(), untargeted: newId() };
  const saved = await hub.mutate(editor.actor, {
    mutations: [
      { kind: "campaign.create", id: more.untargeted, campaignGroupId: ids.group, name: "Generic" },
      {
        kind: "campaignGroup.create",
        id: more.group,
        clientChannelId: ids.clientChannel,
        name: "Video",
        weeklyBudgetCents: 30_000,
      },
      { kind: "campaign.create", id: more.campaign, campaignGroupId: more.group, name: "Reach", targetRoasMilli: 2000 },
      { kind: "metric.save", campaignId: more.untargeted, weekStart: W, adSpendCents: 20_000, salesCents: 20_000 },
      { kind: "metric.save", campaignId: more.campaign, weekStart: W, adSpendCents: 30_000, salesCents: 30_000 },
      {
        kind: "metric.save",
        campaignId: more.campaign,
        weekStart: shiftWeek(W, 1),
        adSpendCents: 10_000,
        salesCents: 40_000,
      },
      { kind: "annotation.create", entity: "campaign", entityId: more.campaign, weekStart: W, text: "New creative" },
    ],
  });
  expect(saved.ok).toBe(true);
  const grid = (await hub.clientGrid(ids.client, W, shiftWeek(W, 1)))!;
  return { ...fixture, more, grid };
}

describe("a client's charts", () => {
  it("sum the client's, a group's or a campaign's weeks against the weighted target and the budgets", async () => {
    const { ids, more, grid } = await chartsOrg();
    const weeks = [W, shiftWeek(W, 1)];
    const client = chartSeries(grid, weeks, chartScope(null))!;
    expect(client.weeks).toEqual([
      { week: W, roasMilli: 1500, spendCents: 60_000 }, // (400 + 200 + 300) / (100 + 200 + 300)
      { week: weeks[1], roasMilli: 4000, spendCents: 10_000 },
    ]);
    // Targets weigh by the spend of campaigns that have one: (4 × 100 + 2 × (300 + 100)) / 500 = 2.4.
    expect(client.targetMilli).toBe(2400);
    expect(client.budgetCents).toBe(80_000);
    expect(client.notes).toMatchObject([{ week: W, text: "New creative", version: 1 }]);

    const search = chartSeries(grid, weeks, chartScope(`group:${ids.group}`))!;
    expect(search).toMatchObject({ title: "Search", targetMilli: 4000, budgetCents: 50_000, notes: [] });
    expect(search.weeks[0]).toEqual({ week: W, roasMilli: 2000, spendCents: 30_000 });
    expect(search.weeks[1]).toEqual({ week: weeks[1], roasMilli: null, spendCents: null });

    const reach = chartSeries(grid, weeks, chartScope(`campaign:${more.campaign}`))!;
    expect(reach).toMatchObject({ title: "Reach", targetMilli: 2000, budgetCents: null });
    expect(reach.notes).toHaveLength(1);
    expect(chartSeries(grid, weeks, chartScope("campaign:someone-elses"))).toBeNull();
  });

  it("is a page any member may open, and 404 for a group that is not the client's", async () => {
    const { org, viewer, ids } = await chartsOrg();
    const page = await get(
      `/o/${org.slug}/clients/${ids.client}/charts?until=${shiftWeek(W, 1)}&weeks=8`,
      viewer.cookie,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("ROAS vs target");
    expect(html).toContain("Spend vs budget");
    expect(html).toContain("Note: New creative");
    const other = await makeCampaignOrg();
    const foreign = await get(`/o/${org.slug}/clients/${ids.client}/charts?of=group:${other.ids.group}`, viewer.cookie);
    expect(foreign.status).toBe(404);
  });

  it("the grid totals each campaign over the weeks shown, and each week over the campaigns", async () => {
    const { org, viewer, ids } = await chartsOrg();
    const html = await (
      await get(`/o/${org.slug}/clients/${ids.client}?weeks=4&until=${shiftWeek(W, 1)}`, viewer.cookie)
    )
      .text()
      .then((page) => page.split("window.__remixContext")[0]!);
    const row = (name: string) => html.slice(html.indexOf(name), html.indexOf("</tr>", html.indexOf(name)));
    // Reach: 300.00 + 100.00 spent, 300.00 + 400.00 sold over the 4 weeks shown.
    expect(row(">Reach<")).toContain("$400.00");
    expect(row(">Reach<")).toContain("ROAS 1.75");
    // All campaigns: the week of W, 600.00 at ROAS 1.50; the 4 weeks, 700.00 at 1.86.
    const totals = row("All campaigns");
    expect(totals).toContain("ROAS 1.50");
    expect(totals).toContain("$700.00");
    expect(totals).toContain("ROAS 1.86");
  });

  it("takes a note on what it shows: a group's week; refused to viewers and for another client's group", async () => {
    const { org, editor, viewer, hub, ids } = await chartsOrg();
    const path = `/o/${org.slug}/clients/${ids.client}/charts`;
    const note = { intent: "note", of: `group:${ids.group}`, weekStart: W, text: "Paused the brand terms" };
    expect((await post(path, note, { cookie: editor.cookie })).status).toBe(200);
    const [created] = (await hub.clientGrid(ids.client, W, W))!.annotations.filter((a) => a.text === note.text);
    expect(created).toMatchObject({ entity: "campaignGroup", entityId: ids.group, weekStart: W });
    expect((await post(path, note, { cookie: viewer.cookie })).status).toBe(403);
    const other = await makeCampaignOrg();
    const foreign = await post(path, { ...note, of: `group:${other.ids.group}` }, { cookie: editor.cookie });
    expect(foreign.status).toBe(404);
    const removed = await post(
      path,
      { intent: "note-delete", of: "", id: created!.id, version: "1" },
      { cookie: editor.cookie },
    );
    expect(removed.status).toBe(200);
    expect((await hub.clientGrid(ids.client, W, W))!.annotations.some((a) => a.id === created!.id)).toBe(false);
  });

  it("paces a group's spend against its budget for the week and the month, with the projection", async () => {
    const { org, viewer, ids } = await chartsOrg(); // Search: 500.00 a week; 300.00 spent on Sep 7
    const html = await (
      await get(
        `/o/${org.slug}/clients/${ids.client}/charts?of=group:${ids.group}&until=${shiftWeek(W, 1)}`,
        viewer.cookie,
      )
    ).text();
    const shown = html.split("window.__remixContext")[0]!.replace(/<!-- -->/g, "");
    expect(shown).toContain("This week: $0.00 of $500.00 — <strong>Under pace</strong>");
    // September's weeks so far: Sep 7 and Sep 14 (of four): 300.00 of 1,000 and, at that rate, 600.00 of 2,000.
    expect(shown).toContain(
      "Month to date: $300.00 of $1,000 — <strong>Under pace</strong>; projected $600.00 of $2,000",
    );
  });
});
