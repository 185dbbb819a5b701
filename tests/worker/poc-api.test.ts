/** The POC endpoints (issue 14): criteria, verdict, the portfolio, through the API with tokens. */
import { describe, expect, it } from "vitest";
import { shiftWeek, lastCompleteWeek } from "../../core/weeks";
import { apiTree } from "./api";

const S = "2026-06-01";
const CRITERIA = { startWeek: S, minWeeks: 4, maxWeeks: 12, minSpend: 2000, targetRoas: 3 };

/** The outside check's setup: criteria set, then `count` weeks of numbers from S, through the API. */
async function pocWith(count: number, spend: number, sales: number) {
  const api = await apiTree();
  expect((await api.json("PUT", `/client-channels/${api.clientChannel.id}/poc`, CRITERIA)).status).toBe(200);
  for (let i = 0; i < count; i++) {
    const put = await api.json("PUT", `/campaigns/${api.campaign.id}/metrics/${shiftWeek(S, i)}`, {
      adSpend: spend,
      sales,
    });
    expect(put.status).toBe(201);
  }
  const poc = (week: string) => api.json("GET", `/client-channels/${api.clientChannel.id}/poc?week=${week}`);
  return { ...api, poc };
}

describe("POC API", () => {
  it("graduates 8 steady weeks at ROAS 5 against a target of 3, with the numbers", async () => {
    const { poc } = await pocWith(8, 1000, 5000);
    expect(await poc(shiftWeek(S, 7))).toEqual({
      status: 200,
      body: {
        criteria: { startWeek: S, minWeeks: 4, maxWeeks: 12, minSpend: 2000, targetRoas: 3, weeklyBudget: null },
        verdict: "graduate",
        reason: "ROAS 5.00× vs 3.00× target over 8 weeks; spend $8,000 ≥ $2,000; 90% band 5.00–5.00×.",
        weeks: 8,
        spend: 8000,
        sales: 40000,
        roas: 5,
        roasLow: 5,
        roasHigh: 5,
      },
    });
  });

  it("stops the same POC at sales of 300 a week, and is too early after 2 weeks", async () => {
    expect((await (await pocWith(8, 1000, 300)).poc(shiftWeek(S, 7))).body.verdict).toBe("stop");
    const early = (await (await pocWith(2, 1000, 5000)).poc(shiftWeek(S, 1))).body;
    expect(early).toMatchObject({ verdict: "too_early", weeks: 2, spend: 2000 });
    expect(early.reason).toBe("Week 2 of at least 4; spend $2,000 ≥ $2,000 minimum.");
  });

  it("without criteria: the defaults, the campaigns' target, as of the last full week by default", async () => {
    const api = await apiTree(); // its campaign's target is 4.25
    await api.json("PUT", `/campaigns/${api.campaign.id}/metrics/${S}`, { adSpend: 100, sales: 500 });
    const poc = await api.json("GET", `/client-channels/${api.clientChannel.id}/poc?week=${shiftWeek(S, 1)}`);
    expect(poc.body.criteria).toEqual({
      startWeek: S,
      minWeeks: 4,
      maxWeeks: 12,
      minSpend: 0,
      targetRoas: 4.25,
      weeklyBudget: null,
    });
    expect(poc.body).toMatchObject({ verdict: "too_early", weeks: 2, roasLow: null, roasHigh: null });
    const byDefault = await api.json("GET", `/client-channels/${api.clientChannel.id}/poc`);
    const lastWeek = await api.json("GET", `/client-channels/${api.clientChannel.id}/poc?week=${lastCompleteWeek()}`);
    expect(byDefault).toEqual(lastWeek);
  });

  it("refuses invalid criteria by field, a read token, and another org's POC", async () => {
    const api = await apiTree();
    const path = `/client-channels/${api.clientChannel.id}/poc`;
    for (const [body, field] of [
      [{ ...CRITERIA, startWeek: "2026-06-02" }, "startWeek"],
      [{ ...CRITERIA, minWeeks: 0 }, "minWeeks"],
      [{ ...CRITERIA, minWeeks: 6, maxWeeks: 5 }, "maxWeeks"],
      [{ ...CRITERIA, minSpend: -1 }, "minSpend"],
      [{ ...CRITERIA, targetRoas: 1000 }, "targetRoas"],
      [{ ...CRITERIA, weeklyBudget: 0.001 }, "weeklyBudget"],
      [{ minWeeks: 4 }, "startWeek"],
    ] as const) {
      const refused = await api.json("PUT", path, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    }
    // Nothing was stored: the POC is still judged by the defaults.
    expect((await api.json("GET", `${path}?week=${S}`)).body.criteria.minWeeks).toBe(4);
    expect((await api.json("GET", `${path}?week=2026-06-03`)).status).toBe(422);
    expect((await api.json("PUT", path, CRITERIA, api.read)).status).toBe(403);
    const other = await apiTree();
    expect((await other.json("GET", path)).status).toBe(404);
    expect((await other.json("PUT", path, CRITERIA)).status).toBe(404);
  });

  it("lists every POC of the org in the portfolio, and none of another org's", async () => {
    const graduating = await pocWith(8, 1000, 5000);
    const second = await graduating.json("POST", `/clients/${graduating.client.id}/channels`, {
      channelSlug: "meta-ads",
    });
    await apiTree(); // another org's POC
    const portfolio = await graduating.json("GET", `/portfolio?week=${shiftWeek(S, 7)}`);
    expect(portfolio).toEqual({
      status: 200,
      body: [
        {
          clientId: graduating.client.id,
          clientName: "Acme",
          clientChannelId: graduating.clientChannel.id,
          channel: { slug: "google-ads", name: "Google Ads" },
          verdict: "graduate",
          roas: 5,
          targetRoas: 3,
          spend: 8000,
        },
        {
          clientId: graduating.client.id,
          clientName: "Acme",
          clientChannelId: second.body.id,
          channel: { slug: "meta-ads", name: "Meta Ads" },
          verdict: "too_early",
          roas: null,
          targetRoas: null,
          spend: 0,
        },
      ],
    });
  });

  it("judges an ended POC on its own weeks when asked about a week long after", async () => {
    const api = await apiTree(); // no criteria: 4 to 12 weeks from its first numbers, target 4.25
    for (let i = 0; i < 12; i++) {
      await api.json("PUT", `/campaigns/${api.campaign.id}/metrics/${shiftWeek(S, i)}`, { adSpend: 1000, sales: 5000 });
    }
    const late = shiftWeek(S, 30);
    await api.json("PUT", `/campaigns/${api.campaign.id}/metrics/${late}`, { adSpend: 999, sales: 1 });
    const poc = (await api.json("GET", `/client-channels/${api.clientChannel.id}/poc?week=${late}`)).body;
    expect(poc).toMatchObject({ verdict: "graduate", weeks: 12, spend: 12_000, sales: 60_000, roas: 5 });
    const [row] = (await api.json("GET", `/portfolio?week=${late}`)).body;
    expect(row).toMatchObject({ verdict: "graduate", spend: 12_000, targetRoas: 4.25 });
  });
});
