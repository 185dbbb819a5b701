/** Alerts (issue 16): the rules on hand-built weeks, and the outside check's contract through the API. */
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { controlDb } from "../../db/control/database";
import { controlAudit, organizations } from "../../db/control/schema";
import { roasBelowTarget } from "../../core/alerts";
import { apiTree } from "./api";
import { addClientTree, get, makeCampaignOrg, makeLimitedMember, makeMember, post } from "./helpers";

const week = (weekStart: string, adSpendCents: number, salesCents: number) => ({ weekStart, adSpendCents, salesCents });

describe("ROAS below target, weeks in a row", () => {
  it("holds when the latest two weeks are consecutive and both below target, since the first of them", () => {
    const latestFirst = [
      week("2026-11-16", 1000, 2000),
      week("2026-11-09", 1000, 3000),
      week("2026-11-02", 1000, 9000),
    ];
    expect(roasBelowTarget(latestFirst, 4000)).toEqual({ holds: true, since: "2026-11-09", roas: [3000, 2000] });
  });

  it("does not hold on one week, a gap, a week at target, a week without spend, or no target", () => {
    expect(roasBelowTarget([week("2026-11-16", 1000, 2000)], 4000)).toEqual({ holds: false });
    expect(roasBelowTarget([week("2026-11-16", 1000, 2000), week("2026-11-02", 1000, 2000)], 4000)).toEqual({
      holds: false,
    });
    expect(roasBelowTarget([week("2026-11-16", 1000, 4000), week("2026-11-09", 1000, 2000)], 4000)).toEqual({
      holds: false,
    });
    expect(roasBelowTarget([week("2026-11-16", 0, 0), week("2026-11-09", 1000, 2000)], 4000)).toEqual({ holds: false });
    expect(roasBelowTarget([week("2026-11-16", 1000, 2000), week("2026-11-09", 1000, 2000)], null)).toEqual({
      holds: false,
    });
  });

  it("counts the weeks asked for", () => {
    const latestFirst = [
      week("2026-11-16", 1000, 2000),
      week("2026-11-09", 1000, 2000),
      week("2026-11-02", 1000, 9000),
    ];
    expect(roasBelowTarget(latestFirst, 4000, 3)).toEqual({ holds: false });
    expect(roasBelowTarget(latestFirst, 4000, 1)).toMatchObject({ holds: true, since: "2026-11-16" });
  });
});

describe("GET /api/v1/alerts (the outside check's contract)", () => {
  it("lists a roas_below_target alert after two weeks below target, and not once they are corrected", async () => {
    const { json, client, clientChannel, group, campaign } = await apiTree(); // target 4.25×
    for (const weekStart of ["2026-11-09", "2026-11-16"])
      expect(
        (await json("PUT", `/campaigns/${campaign.id}/metrics/${weekStart}`, { adSpend: 100, sales: 200 })).status,
      ).toBe(201);
    const open = await json("GET", "/alerts?status=open");
    expect(open.status).toBe(200);
    // The group's spend is far under its budget too: that is its own alert (pacing_off), tested below.
    const roas = (body: { kind: string }[]) => body.filter((a) => a.kind === "roas_below_target");
    expect(roas(open.body)).toEqual([
      {
        id: expect.any(String),
        kind: "roas_below_target",
        status: "open",
        clientId: client.id,
        clientChannelId: clientChannel.id,
        campaignGroupId: group.id,
        campaignId: campaign.id,
        since: "2026-11-09",
        message: "Brand: ROAS below its 4.25× target for 2 weeks in a row (2.00×, 2.00×) since the week of 2026-11-09.",
      },
    ]);
    // A second save that still misses changes nothing but the message: one alert per condition.
    await json("PUT", `/campaigns/${campaign.id}/metrics/2026-11-16`, { adSpend: 100, sales: 300 });
    expect(roas((await json("GET", "/alerts")).body)).toHaveLength(1);
    // Corrected above target: resolved, no longer open.
    await json("PUT", `/campaigns/${campaign.id}/metrics/2026-11-16`, { adSpend: 100, sales: 500 });
    expect(roas((await json("GET", "/alerts?status=open")).body)).toEqual([]);
    expect(roas((await json("GET", "/alerts?status=resolved")).body)).toMatchObject([{ campaignId: campaign.id }]);
    expect((await json("GET", "/alerts?status=bogus")).status).toBe(422);
  });
});

describe("the alerts inbox", () => {
  it("lists the open alerts of the clients a member may see, with the place to act", async () => {
    const fixture = await makeCampaignOrg({ clientName: "Brand A" });
    const { org, hub, editor, ids: a } = fixture;
    const b = await addClientTree(hub, editor.actor, { clientName: "Brand B" });
    const miss = (campaignId: string) =>
      hub.mutate(editor.actor, {
        mutations: ["2026-11-09", "2026-11-16"].map((weekStart) => ({
          kind: "metric.save" as const,
          campaignId,
          weekStart,
          adSpendCents: 10_000,
          salesCents: 10_000,
        })),
      });
    await miss(a.campaign);
    await miss(b.campaign);
    const everyone = await (await get(`/o/${org.slug}/alerts`, editor.cookie)).text();
    expect(everyone).toContain("Brand A");
    expect(everyone).toContain("Brand B");
    expect(everyone).toContain(`/o/${org.slug}/clients/${a.client}`);
    const limited = await makeLimitedMember(org.id, { [a.client]: "viewer" });
    const theirs = await (await get(`/o/${org.slug}/alerts`, limited.cookie)).text();
    expect(theirs).toContain("Brand A");
    expect(theirs).not.toContain("Brand B");
    const resolved = await (await get(`/o/${org.slug}/alerts?status=resolved`, editor.cookie)).text();
    expect(resolved).toContain("No resolved alerts.");
  });
});

describe("the org's time zone (for its alerts and summary)", () => {
  it("is UTC until an admin chooses another, audited; a made-up zone is refused by field", async () => {
    const { org } = await makeCampaignOrg();
    const admin = await makeMember(org.id, "admin");
    const page = await (await get(`/o/${org.slug}/settings`, admin.cookie)).text();
    expect(page).toContain('<option value="UTC" selected="">UTC</option>');
    const refused = await post(
      `/o/${org.slug}/settings`,
      { numberFormat: "1,234.56", timeZone: "Mars/Olympus" },
      {
        cookie: admin.cookie,
      },
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Choose a time zone from the list");
    const saved = await post(
      `/o/${org.slug}/settings`,
      { numberFormat: "1,234.56", timeZone: "Europe/Berlin" },
      {
        cookie: admin.cookie,
      },
    );
    expect(saved.status).toBe(200);
    const row = await controlDb(env.DB).select().from(organizations).where(eq(organizations.id, org.id)).get();
    expect(row?.timeZone).toBe("Europe/Berlin");
    const audit = await controlDb(env.DB).select().from(controlAudit).where(eq(controlAudit.orgId, org.id)).all();
    expect(audit.filter((r) => r.action === "org.settings_changed").at(-1)).toMatchObject({
      before: { numberFormat: "1,234.56", timeZone: "UTC" },
      after: { numberFormat: "1,234.56", timeZone: "Europe/Berlin" },
    });
  });
});
