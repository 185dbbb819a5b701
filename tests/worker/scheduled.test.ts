/**
 * The hourly Cron Trigger inside workerd (issue 16): it sends what is due once — "at once" alert
 * mail, daily digests, the Monday summary at 08:00 org time — a second run sends nothing, and
 * 08:00 stays 08:00 across a daylight-saving change. Every mail is kept as sent.
 */
import { createScheduledController, env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { controlDb } from "../../db/control/database";
import { organizations, sentMail, teamMembers } from "../../db/control/schema";
import worker from "../../worker/index";
import { addClientTree, get, makeCampaignOrg, makeLimitedMember, makeMember, post } from "./helpers";

/** Runs the Worker's scheduled handler as the Cron Trigger would, at `iso` (UTC). */
async function cron(iso: string) {
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(`${iso}Z`), cron: "0 * * * *" }), env);
}

const mailOf = (orgId: string) =>
  controlDb(env.DB).select().from(sentMail).where(eq(sentMail.orgId, orgId)).orderBy(sentMail.id).all();

async function berlinOrg() {
  const fixture = await makeCampaignOrg({ clientName: "Brand A" });
  await controlDb(env.DB)
    .update(organizations)
    .set({ timeZone: "Europe/Berlin" })
    .where(eq(organizations.id, fixture.org.id));
  return fixture;
}

const choose = (
  orgId: string,
  userId: string,
  set: { alertMail?: "instant" | "daily" | "off"; summaryMail?: boolean },
) =>
  controlDb(env.DB)
    .update(teamMembers)
    .set(set)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)));

describe("the Monday summary", () => {
  it("goes at 08:00 Berlin time on both sides of the clock change, once a week, to who wants it", async () => {
    const { org, editor, viewer } = await berlinOrg();
    await choose(org.id, viewer.user.id, { summaryMail: false });
    const summaries = async () => (await mailOf(org.id)).filter((m) => m.kind === "summary");

    // Summer time (UTC+2): 08:00 is 06:00 UTC.
    await cron("2026-10-19T05:00:00");
    expect(await summaries()).toEqual([]);
    await cron("2026-10-19T06:00:00");
    expect((await summaries()).map((m) => [m.to, m.period])).toEqual([[editor.user.email, "2026-10-19"]]);
    // Winter time (UTC+1) from Sunday 2026-10-25: 06:00 UTC is 07:00, too early; 07:00 UTC is 08:00.
    await cron("2026-10-26T06:00:00");
    expect(await summaries()).toHaveLength(1);
    await cron("2026-10-26T07:00:00");
    expect((await summaries()).map((m) => m.period)).toEqual(["2026-10-19", "2026-10-26"]);
    // The same hour again, and the hours after: nothing twice.
    await cron("2026-10-26T07:00:00");
    await cron("2026-10-26T08:00:00");
    expect(await summaries()).toHaveLength(2);
  });

  it("says the verdicts, last week against target per client, pacing and open alerts, as HTML and text", async () => {
    const { org, hub, editor, ids } = await berlinOrg();
    await hub.mutate(editor.actor, {
      mutations: ["2026-10-12", "2026-10-19"].map((weekStart) => ({
        kind: "metric.save" as const,
        campaignId: ids.campaign,
        weekStart,
        adSpendCents: 40_000,
        salesCents: 60_000,
      })),
    });
    const limitedToB = await makeLimitedMember(org.id, {
      [(await addClientTree(hub, editor.actor, { clientName: "Brand B" })).client]: "viewer",
    });
    await cron("2026-10-26T07:00:00");
    const [mail] = (await mailOf(org.id)).filter((m) => m.kind === "summary" && m.to === editor.user.email);
    expect(mail!.subject).toBe(`Monday summary · ${org.name} · week of 2026-10-19`);
    for (const part of [mail!.text, mail!.html]) {
      expect(part).toContain("POC verdicts");
      expect(part).toContain("Last week (2026-10-19) against target");
      expect(part).toContain("Pacing, month to date");
      expect(part).toContain("Open alerts");
      expect(part).toContain("Brand A");
      expect(part).toContain(`http://localhost/o/${org.slug}/clients/${ids.client}`);
    }
    // Last week: spend 400.00, sales 600.00, 1.50× against a 4.00× target, said in words.
    expect(mail!.text).toContain("- Brand A: spend $400.00, sales $600.00, ROAS 1.50× vs 4.00× target: Below target");
    expect(mail!.text).toContain("[ROAS below target] Brand A");
    expect(mail!.html).toMatch(/^<!doctype html>/);
    expect(mail!.html).toContain('<table role="presentation"');
    expect(mail!.html).not.toMatch(/<script|<style|class=/);
    // A member limited to Brand B hears nothing of Brand A.
    const [theirs] = (await mailOf(org.id)).filter((m) => m.kind === "summary" && m.to === limitedToB.user.email);
    expect(theirs!.text).toContain("Brand B");
    expect(theirs!.text).not.toContain("Brand A");
    expect(theirs!.html).not.toContain("Brand A");
  });
});

describe("alert mail", () => {
  it("mails a new alert at once to who chose so, once; the daily digest at 08:00 to who chose that", async () => {
    const { org, editor, viewer, ids } = await berlinOrg();
    const admin = await makeMember(org.id, "admin");
    await choose(org.id, editor.user.id, { alertMail: "instant" });
    await choose(org.id, admin.user.id, { alertMail: "off" });
    // Through the page, as a person would: two weeks below target.
    for (const week of ["2026-11-09", "2026-11-16"]) {
      const saved = await post(
        `/o/${org.slug}/clients/${ids.client}/week/${week}`,
        { campaignId: ids.campaign, adSpend: "500", sales: "500", version: "" },
        { cookie: editor.cookie },
      );
      expect(saved.status).toBeLessThan(400);
    }
    // The first week opened a pacing alert (500.00 of a 1,000.00 month so far), the second the ROAS one;
    // each mail goes once the answer has.
    const alertMail = async () => (await mailOf(org.id)).filter((m) => m.kind === "alert");
    const deadline = Date.now() + 2000;
    while ((await alertMail()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const alerts = await alertMail();
    expect(alerts.map((m) => m.to)).toEqual([editor.user.email, editor.user.email]);
    expect(alerts[0]!.subject).toMatch(
      /^Alert: Search: spent \$500\.00 of \$1,000 budgeted this month to the week of 2026-11-09 \(50%/,
    );
    expect(alerts[1]!.text).toContain("Brand: ROAS below its 4.00× target for 2 weeks in a row");
    // The hourly run does not mail them again; what it opens itself (04:00 on Tuesday in Berlin: the
    // week of 2026-11-02 is due and has no numbers) it mails at once.
    await cron("2026-11-17T03:00:00");
    const after = await alertMail();
    expect(after.slice(0, 2)).toEqual(alerts);
    expect(after.slice(2).map((m) => m.subject)).toEqual([
      `Alert: Brand A: no numbers for the week of 2026-11-02 yet. · ${org.name}`,
    ]);
    // 08:00 in Berlin: the viewer (daily, the default) gets the digest; the editor (at once) and admin (off) do not.
    await cron("2026-11-17T07:00:00");
    await cron("2026-11-17T07:00:00");
    const digests = (await mailOf(org.id)).filter((m) => m.kind === "digest");
    expect(digests.map((m) => [m.to, m.period])).toEqual([[viewer.user.email, "2026-11-17"]]);
    expect(digests[0]!.text).toContain("[ROAS below target] Brand A");
  });

  it("lets a member choose their mail on the inbox page, and an admin open each mail as sent", async () => {
    const { org, viewer } = await berlinOrg();
    const admin = await makeMember(org.id, "admin");
    const saved = await post(`/o/${org.slug}/alerts`, { intent: "mail", alertMail: "off" }, { cookie: viewer.cookie });
    expect(saved.status).toBe(200);
    const row = await controlDb(env.DB)
      .select({ alertMail: teamMembers.alertMail, summaryMail: teamMembers.summaryMail })
      .from(teamMembers)
      .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, viewer.user.id)))
      .get();
    expect(row).toEqual({ alertMail: "off", summaryMail: false });
    const bad = await post(`/o/${org.slug}/alerts`, { intent: "mail", alertMail: "hourly" }, { cookie: viewer.cookie });
    expect(bad.status).toBe(422);
    await cron("2026-10-26T07:00:00");
    const [first] = await mailOf(org.id);
    const list = await (await get(`/o/${org.slug}/settings/mail`, admin.cookie)).text();
    expect(list).toContain(first!.subject.replaceAll("&", "&amp;"));
    const one = await get(`/o/${org.slug}/settings/mail/${first!.id}`, admin.cookie);
    expect(one.status).toBe(200);
    expect(await one.text()).toMatch(
      /<iframe title="The mail &quot;[^"]+&quot; as HTML" srcDoc="&lt;!doctype html&gt;/,
    );
    expect((await get(`/o/${org.slug}/settings/mail/${first!.id}`, viewer.cookie)).status).toBe(403);
    const other = await makeCampaignOrg();
    const otherAdmin = await makeMember(other.org.id, "admin");
    expect((await get(`/o/${other.org.slug}/settings/mail/${first!.id}`, otherAdmin.cookie)).status).toBe(404);
  });
});
