/**
 * Alerts (issue 16): the rules on fixed clocks and hand-built weeks — pacing, numbers due on
 * Tuesday noon in the org's zone (across daylight-saving changes), verdicts, an admin's
 * thresholds, muting — and the open count the header's badge hears on the socket.
 */
import { describe, expect, it } from "vitest";
import { pacingOff, scheduleAt, weekDue, zonedParts } from "../../core/alerts";
import { pace } from "../../core/pacing";
import { addClientTree, get, makeCampaignOrg, makeLimitedMember, makeMember, openSocket, post } from "./helpers";

const utc = (iso: string) => new Date(`${iso}Z`);

describe("time in the org's zone", () => {
  it("reads the local day, hour and week of an instant, on both sides of a daylight-saving change", () => {
    // Berlin left summer time on Sunday 2026-10-25: 06:00 UTC was 08:00 the Monday before, 07:00 after.
    expect(zonedParts(utc("2026-10-19T06:00:00"), "Europe/Berlin")).toEqual({
      date: "2026-10-19",
      hour: 8,
      weekday: 0,
      monday: "2026-10-19",
    });
    expect(zonedParts(utc("2026-10-26T06:00:00"), "Europe/Berlin")).toMatchObject({ date: "2026-10-26", hour: 7 });
    // Late Sunday in UTC is already Monday in Auckland.
    expect(zonedParts(utc("2026-11-22T20:00:00"), "Pacific/Auckland")).toMatchObject({
      date: "2026-11-23",
      weekday: 0,
      monday: "2026-11-23",
    });
  });

  it("makes last week's numbers due from Tuesday 12:00 local, whatever the offset that day", () => {
    // Tuesday 2026-10-27 in Berlin (UTC+1 since Sunday): noon is 11:00 UTC.
    expect(weekDue(utc("2026-10-27T10:59:00"), "Europe/Berlin")).toBe("2026-10-12");
    expect(weekDue(utc("2026-10-27T11:00:00"), "Europe/Berlin")).toBe("2026-10-19");
    // The Tuesday before (UTC+2): noon is 10:00 UTC.
    expect(weekDue(utc("2026-10-20T10:00:00"), "Europe/Berlin")).toBe("2026-10-12");
    // New York left summer time on 2026-11-01: Tuesday noon is 17:00 UTC after, 16:00 before.
    expect(weekDue(utc("2026-11-03T16:30:00"), "America/New_York")).toBe("2026-10-19");
    expect(weekDue(utc("2026-11-03T17:00:00"), "America/New_York")).toBe("2026-10-26");
    expect(weekDue(utc("2026-10-27T16:00:00"), "America/New_York")).toBe("2026-10-19");
    // Any later day of the week, last week is due.
    expect(weekDue(utc("2026-10-31T23:00:00"), "UTC")).toBe("2026-10-19");
  });

  it("owes the digest from 08:00 local each day and the summary from 08:00 local on Monday", () => {
    expect(scheduleAt(utc("2026-10-19T05:00:00"), "Europe/Berlin")).toMatchObject({ digest: null, summary: null });
    expect(scheduleAt(utc("2026-10-19T06:00:00"), "Europe/Berlin")).toMatchObject({
      digest: "2026-10-19",
      summary: "2026-10-19",
    });
    expect(scheduleAt(utc("2026-10-26T06:00:00"), "Europe/Berlin")).toMatchObject({ digest: null, summary: null });
    expect(scheduleAt(utc("2026-10-26T07:00:00"), "Europe/Berlin")).toMatchObject({
      digest: "2026-10-26",
      summary: "2026-10-26",
    });
    expect(scheduleAt(utc("2026-10-27T07:00:00"), "Europe/Berlin")).toMatchObject({
      digest: "2026-10-27",
      summary: null,
    });
  });
});

describe("pacing off", () => {
  const pacing = (spendCents: number) =>
    pace({ weeklyBudgetCents: 100_000, weeks: [{ weekStart: "2026-11-02", spendCents }], asOf: "2026-11-02" });

  it("holds beyond the allowed share either way, and never without spend or a budget", () => {
    expect(pacingOff(pacing(100_000))).toEqual({ holds: false });
    expect(pacingOff(pacing(120_000))).toEqual({ holds: false }); // exactly 20% over is allowed
    expect(pacingOff(pacing(120_100))).toMatchObject({ holds: true });
    expect(pacingOff(pacing(79_000))).toMatchObject({ holds: true });
    expect(pacingOff(pacing(79_000), 25)).toEqual({ holds: false });
    expect(pacingOff(pacing(0))).toEqual({ holds: false });
    expect(
      pacingOff(
        pace({ weeklyBudgetCents: null, weeks: [{ weekStart: "2026-11-02", spendCents: 5 }], asOf: "2026-11-02" }),
      ),
    ).toEqual({ holds: false });
  });
});

const save = (campaignId: string, weekStart: string, adSpendCents: number, salesCents: number) =>
  ({ kind: "metric.save", campaignId, weekStart, adSpendCents, salesCents, overwrite: true }) as const;

describe("alerts inside the org's object", () => {
  it("opens pacing_off for a group far from its budget, and resolves it when the spend is back on pace", async () => {
    const { hub, editor, ids } = await makeCampaignOrg(); // budget 500.00 a week
    // 2026-11-02 is November's first Monday: one week into the month, its budget 500.00.
    await hub.mutate(editor.actor, { mutations: [save(ids.campaign, "2026-11-02", 90_000, 400_000)] });
    const open = (await hub.alerts("open")).filter((a) => a.kind === "pacing_off");
    expect(open).toMatchObject([{ campaignGroupId: ids.group, clientId: ids.client, since: "2026-11-02" }]);
    expect(open[0]!.message).toBe(
      "Search: spent $900.00 of $500.00 budgeted this month to the week of 2026-11-02 (180%, 20% either way allowed).",
    );
    await hub.mutate(editor.actor, { mutations: [save(ids.campaign, "2026-11-02", 52_000, 400_000)] });
    expect((await hub.alerts("open")).filter((a) => a.kind === "pacing_off")).toEqual([]);
    expect((await hub.alerts("resolved")).filter((a) => a.kind === "pacing_off")).toHaveLength(1);
  });

  it("opens missing_numbers per client from Tuesday 12:00 org time, resolved once the week is entered", async () => {
    const { hub, editor, ids } = await makeCampaignOrg({ week: "2026-10-12" });
    const berlin = "Europe/Berlin";
    await hub.runAlerts(utc("2026-10-27T10:00:00").getTime(), berlin); // 11:00 in Berlin: 10-12 is due, and there
    expect((await hub.alerts("open")).filter((a) => a.kind === "missing_numbers")).toEqual([]);
    await hub.runAlerts(utc("2026-10-27T11:00:00").getTime(), berlin); // noon: 10-19 is due, and missing
    const [missing, ...more] = (await hub.alerts("open")).filter((a) => a.kind === "missing_numbers");
    expect(more).toEqual([]);
    expect(missing).toMatchObject({
      clientId: ids.client,
      since: "2026-10-19",
      message: "Acme: no numbers for the week of 2026-10-19 yet.",
    });
    // A second run in the same hour changes nothing: the same alert, not another.
    await hub.runAlerts(utc("2026-10-27T11:30:00").getTime(), berlin);
    expect((await hub.alerts("open")).filter((a) => a.kind === "missing_numbers")).toEqual([missing]);
    await hub.mutate(editor.actor, { mutations: [save(ids.campaign, "2026-10-19", 10_000, 40_000)] });
    expect((await hub.alerts("open")).filter((a) => a.kind === "missing_numbers")).toEqual([]);
  });

  it("opens verdict_changed when a POC's verdict turns to Stop or Graduate, one alert per turn", async () => {
    const { hub, editor, ids } = await makeCampaignOrg(); // target 4.00×
    const weeks = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"];
    // Four steady weeks at 1.00×: the band's top is far under the target.
    await hub.mutate(editor.actor, { mutations: weeks.map((w) => save(ids.campaign, w, 50_000, 50_000)) });
    const at = utc("2026-10-06T12:00:00").getTime(); // last week: 2026-09-28
    await hub.runAlerts(at, "UTC");
    const stop = (await hub.alerts("open")).filter((a) => a.kind === "verdict_changed");
    expect(stop).toMatchObject([{ clientChannelId: ids.clientChannel, since: "2026-09-28" }]);
    expect(stop[0]!.message).toMatch(/^Acme on .+: the POC's verdict is now Stop\. /);
    // The same numbers corrected to a steady 5.00×: Stop resolves, Graduate opens.
    await hub.mutate(editor.actor, { mutations: weeks.map((w) => save(ids.campaign, w, 50_000, 250_000)) });
    await hub.runAlerts(at, "UTC");
    const open = (await hub.alerts("open")).filter((a) => a.kind === "verdict_changed");
    expect(open).toHaveLength(1);
    expect(open[0]!.message).toContain("the POC's verdict is now Graduate.");
  });
});

describe("an admin's alert rules", () => {
  it("turns a rule off (its alerts resolve) and changes a threshold (alerts judged again), audited", async () => {
    const { org, hub, editor, ids } = await makeCampaignOrg();
    const admin = await makeMember(org.id, "admin");
    await hub.mutate(editor.actor, {
      mutations: ["2026-11-09", "2026-11-16"].map((w) => save(ids.campaign, w, 10_000, 10_000)),
    });
    const kinds = async () => (await hub.alerts("open")).map((a) => a.kind).sort();
    expect(await kinds()).toEqual(["pacing_off", "roas_below_target"]);
    // Missing numbers is turned off too: whether last week's are missing depends on today's date.
    const form = { roasEnabled: "on", roasWeeks: "3", pacingPercent: "20", verdictEnabled: "on" };
    // Three weeks in a row are asked for, two are below: no ROAS alert; pacing turned off: none either.
    const saved = await post(`/o/${org.slug}/settings/alerts`, form, { cookie: admin.cookie });
    expect(saved.status).toBe(200);
    expect(await kinds()).toEqual([]);
    expect(await hub.alertRules()).toEqual({
      roas_below_target: { enabled: true, weeks: 3 },
      pacing_off: { enabled: false, percent: 20 },
      missing_numbers: { enabled: false },
      verdict_changed: { enabled: true },
    });
    const audit = await hub.audit({ entity: "alertRules" }, null, 10);
    expect(audit[0]).toMatchObject({ action: "alertRules.updated", actor: admin.user.id });
    // Refused by field, not saved: a threshold out of range.
    const refused = await post(`/o/${org.slug}/settings/alerts`, { ...form, roasWeeks: "0" }, { cookie: admin.cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("At least 1 week");
    // Only admins.
    expect((await post(`/o/${org.slug}/settings/alerts`, form, { cookie: editor.cookie })).status).toBe(403);
  });
});

describe("muting", () => {
  it("mutes an open alert for everyone until the day chosen, then it is open again; viewers may not", async () => {
    const { org, hub, editor, viewer, ids } = await makeCampaignOrg();
    await hub.mutate(editor.actor, {
      mutations: ["2026-11-09", "2026-11-16"].map((w) => save(ids.campaign, w, 50_000, 50_000)),
    });
    const alert = (await hub.alerts("open")).find((a) => a.kind === "roas_below_target")!;
    const mute = { intent: "mute", alertId: alert.id, days: "7" };
    expect((await post(`/o/${org.slug}/alerts`, mute, { cookie: viewer.cookie })).status).toBe(403);
    expect((await post(`/o/${org.slug}/alerts`, { ...mute, days: "3" }, { cookie: editor.cookie })).status).toBe(422);
    expect((await post(`/o/${org.slug}/alerts`, mute, { cookie: editor.cookie })).status).toBe(200);
    const muted = (await hub.alerts("muted")).find((a) => a.id === alert.id)!;
    expect(muted.mutedUntil! - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect((await hub.alerts("open")).some((a) => a.id === alert.id)).toBe(false);
    // A mute that has run out reads as open at once, before any run writes it down.
    await hub.muteAlert(editor.actor, alert.id, Date.now() - 1);
    expect((await hub.alerts("open")).find((a) => a.id === alert.id)).toMatchObject({
      status: "open",
      mutedUntil: null,
    });
    expect((await hub.alerts("muted")).some((a) => a.id === alert.id)).toBe(false);
    expect(await hub.openAlertCount()).toBe((await hub.alerts("open")).length);
    await hub.muteAlert(editor.actor, alert.id, muted.mutedUntil);
    // The hourly run after the mute ends finds it open again.
    await hub.runAlerts(muted.mutedUntil! + 1, "UTC");
    expect((await hub.alerts("open")).some((a) => a.id === alert.id)).toBe(true);
    // Another org's alert id is not found.
    const other = await makeCampaignOrg();
    const stranger = await post(`/o/${other.org.slug}/alerts`, mute, { cookie: other.editor.cookie });
    expect(stranger.status).toBe(404);
  });
});

describe("the header's badge", () => {
  it("counts the open alerts a member may see, and a teammate's socket hears the count change", async () => {
    const { org, hub, editor, ids } = await makeCampaignOrg({ clientName: "Brand A" });
    const teammate = await makeMember(org.id, "viewer");
    const socket = await openSocket(org.id, teammate.cookie);
    await socket.until((all) => all.some((m) => m.t === "synced"), "synced");
    await hub.mutate(editor.actor, {
      mutations: ["2026-11-09", "2026-11-16"].map((w) => save(ids.campaign, w, 50_000, 50_000)),
    });
    const open = (await hub.alerts("open")).length;
    expect(open).toBeGreaterThan(0);
    await socket.until((all) => all.some((m) => m.t === "alerts" && m.open === open), "the open count");
    const page = await (await get(`/o/${org.slug}`, teammate.cookie)).text();
    expect(page).toMatch(new RegExp(`data-testid="open-alerts"[^>]*>${open}<span class="sr-only"> open</span>`));
    socket.close();
    // A member limited to a client without alerts sees no badge.
    const b = await addClientTree(hub, editor.actor, { clientName: "Brand B" });
    const limited = await makeLimitedMember(org.id, { [b.client]: "viewer" });
    expect(await (await get(`/o/${org.slug}`, limited.cookie)).text()).not.toContain('data-testid="open-alerts"');
  });
});

describe("the currency an org shows", () => {
  it("labels its amounts on pages and in alert messages, converts nothing, and refuses an unknown one", async () => {
    const { org, hub, editor, ids } = await makeCampaignOrg(); // budget 500.00 a week
    const admin = await makeMember(org.id, "admin");
    await hub.mutate(editor.actor, { mutations: [save(ids.campaign, "2026-11-02", 90_000, 400_000)] });
    const pacing = async () => (await hub.alerts("open")).find((a) => a.kind === "pacing_off")!.message;
    expect(await pacing()).toContain("spent $900.00 of $500.00");
    const settings = { numberFormat: "1.234,56", timeZone: "UTC", currency: "EUR" };
    expect((await post(`/o/${org.slug}/settings`, settings, { cookie: admin.cookie })).status).toBe(200);
    expect(await pacing()).toContain("spent 900,00\u00a0€ of 500,00\u00a0€");
    const grid = await get(`/o/${org.slug}/clients/${ids.client}?weeks=1&until=2026-11-02`, editor.cookie);
    expect(await grid.text()).toContain("900,00\u00a0€");
    // Only the label changed: the stored amounts are the same cents.
    expect(await hub.listMetrics(ids.campaign, "2026-11-02", "2026-11-02")).toMatchObject([
      { adSpendCents: 90_000, salesCents: 400_000 },
    ]);
    const refused = await post(`/o/${org.slug}/settings`, { ...settings, currency: "XYZ" }, { cookie: admin.cookie });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Choose a currency from the list");
  });
});
