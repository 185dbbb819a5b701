/** The portfolio page and its CSV (issue 14): every POC's verdict, filtered, sorted, exported. */
import { describe, expect, it } from "vitest";
import { shiftWeek } from "../../core/weeks";
import { newId } from "../../db/columns";
import { get, makeCampaignOrg } from "./helpers";

const S = "2026-06-01";

/** Two POCs of one client: Amazon Ads graduating (ROAS 5 vs 3), Google Ads stopping (0.3 vs 3). */
async function portfolioOrg(clientName = "Acme") {
  const fixture = await makeCampaignOrg({ clientName });
  const { hub, editor, ids } = fixture;
  const second = { clientChannel: newId(), group: newId(), campaign: newId() };
  const poc = (clientChannelId: string) => ({
    kind: "poc.set" as const,
    clientChannelId,
    startWeek: S,
    minWeeks: 4,
    maxWeeks: 12,
    minSpendCents: 200_000,
    targetRoasMilli: 3000,
    weeklyBudgetCents: 100_000,
  });
  const week = (campaignId: string, i: number, salesCents: number) => ({
    kind: "metric.save" as const,
    campaignId,
    weekStart: shiftWeek(S, i),
    adSpendCents: 100_000,
    salesCents,
  });
  const result = await hub.mutate(editor.actor, {
    mutations: [
      { kind: "clientChannel.create", id: second.clientChannel, clientId: ids.client, channelId: ids.otherChannel },
      { kind: "campaignGroup.create", id: second.group, clientChannelId: second.clientChannel, name: "Prospecting" },
      { kind: "campaign.create", id: second.campaign, campaignGroupId: second.group, name: "Broad" },
      poc(ids.clientChannel),
      poc(second.clientChannel),
      ...Array.from({ length: 8 }, (_, i) => week(ids.campaign, i, 500_000)),
      ...Array.from({ length: 8 }, (_, i) => week(second.campaign, i, 30_000)),
    ],
  });
  expect(result.ok).toBe(true);
  return fixture;
}

describe("the portfolio", () => {
  it("shows each POC's verdict in words with its reason, to any member", async () => {
    const { org, viewer } = await portfolioOrg();
    const response = await get(`/o/${org.slug}/portfolio?week=${shiftWeek(S, 7)}`, viewer.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Graduate");
    expect(html).toContain("ROAS 5.00× vs 3.00× target over 8 weeks; spend $8,000 ≥ $2,000; 90% band 5.00–5.00×.");
    expect(html).toContain("Stop");
    expect(html).toContain("On pace");
  });

  it("filters by verdict and by channel", async () => {
    const { org, viewer } = await portfolioOrg();
    const page = (query: string) => get(`/o/${org.slug}/portfolio?week=${shiftWeek(S, 7)}&${query}`, viewer.cookie);
    const graduates = await (await page("verdict=graduate")).text();
    expect(graduates).toContain("✓");
    expect(graduates).not.toContain("ROAS 0.30×");
    const google = await (await page("channel=google-ads")).text();
    expect(google).toContain("ROAS 0.30×");
    expect(google).not.toContain("ROAS 5.00× vs");
    const none = await (await page("verdict=extend")).text();
    expect(none).toContain("No POC matches these filters.");
  });

  it("exports the rows it shows as CSV, sorted as asked, formulas disarmed", async () => {
    const { org, viewer } = await portfolioOrg("=HYPERLINK(1)");
    const response = await get(`/o/${org.slug}/portfolio.csv?week=${shiftWeek(S, 7)}&sort=verdict`, viewer.cookie);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe(
      "client,channel,verdict,weeks,spend,sales,roas,target_roas,roas_low,roas_high,pacing_this_week,reason",
    );
    expect(lines[1]).toMatch(
      /^"'=HYPERLINK\(1\)",Amazon Ads,graduate,8,8000\.00,40000\.00,5\.00,3\.00,5\.00,5\.00,on_pace,/,
    );
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(1\)",Google Ads,stop,8,8000\.00,2400\.00,0\.30,3\.00,/);
  });
});
