/**
 * The org's alerts: evaluated inside the commit that can change them (so an alert and the numbers
 * it is about never disagree), one row per condition, read for the API and the inbox.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { type AlertStatus, roasBelowTarget, roasBelowTargetMessage } from "../../core/alerts";
import { newId } from "../columns";
import type { OrgSql } from "./database";
import { getCampaign, getCampaignGroup } from "./queries";
import { alerts, weeklyMetrics } from "./schema";

export type AlertRow = typeof alerts.$inferSelect;

/** Opens the alert of `key` (or refreshes its message) when `holds`, resolves it otherwise. */
function settle(
  db: OrgSql,
  key: string,
  at: number,
  condition:
    | { holds: false }
    | { holds: true; row: Omit<AlertRow, "id" | "key" | "status" | "openedAt" | "resolvedAt" | "mutedUntil"> },
): void {
  const current = db.select().from(alerts).where(eq(alerts.key, key)).get();
  if (!condition.holds) {
    if (current && current.status !== "resolved")
      db.update(alerts).set({ status: "resolved", resolvedAt: at }).where(eq(alerts.id, current.id)).run();
    return;
  }
  if (!current) {
    db.insert(alerts)
      .values({ id: newId(), key, status: "open", openedAt: at, ...condition.row })
      .run();
  } else if (current.status === "resolved") {
    db.update(alerts)
      .set({ status: "open", openedAt: at, resolvedAt: null, mutedUntil: null, ...condition.row })
      .where(eq(alerts.id, current.id))
      .run();
  } else {
    // Still holding (open or muted): the message follows the numbers, the state stays.
    db.update(alerts).set(condition.row).where(eq(alerts.id, current.id)).run();
  }
}

/** A campaign's ROAS below its target for weeks in a row (ALERT_DEFAULTS.roasWeeks). */
export function evaluateRoasAlerts(db: OrgSql, campaignIds: Iterable<string>, at: number): void {
  for (const campaignId of campaignIds) {
    const key = `roas_below_target:${campaignId}`;
    const campaign = getCampaign(db, campaignId);
    if (!campaign) continue; // deleted: its alert went with it (cascade)
    const latest = db
      .select({
        weekStart: weeklyMetrics.weekStart,
        adSpendCents: weeklyMetrics.adSpendCents,
        salesCents: weeklyMetrics.salesCents,
      })
      .from(weeklyMetrics)
      .where(eq(weeklyMetrics.campaignId, campaignId))
      .orderBy(desc(weeklyMetrics.weekStart))
      .limit(8)
      .all();
    const result = campaign.archived ? ({ holds: false } as const) : roasBelowTarget(latest, campaign.targetRoasMilli);
    if (!result.holds) {
      settle(db, key, at, { holds: false });
      continue;
    }
    const group = getCampaignGroup(db, campaign.campaignGroupId)!;
    settle(db, key, at, {
      holds: true,
      row: {
        kind: "roas_below_target",
        clientId: campaign.clientId,
        clientChannelId: group.clientChannelId,
        campaignGroupId: group.id,
        campaignId,
        since: result.since,
        message: roasBelowTargetMessage(campaign.name, campaign.targetRoasMilli!, result.since, result.roas),
      },
    });
  }
}

/** Alerts in one state, newest first; only `clientIds`' when given (a scope limited to clients). */
export function listAlerts(db: OrgSql, status: AlertStatus, clientIds: string[] | null): AlertRow[] {
  return db
    .select()
    .from(alerts)
    .where(and(eq(alerts.status, status), clientIds ? inArray(alerts.clientId, clientIds) : undefined))
    .orderBy(desc(alerts.openedAt))
    .all();
}
