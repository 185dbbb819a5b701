/**
 * The org's alerts: evaluated inside the commit that can change them (so an alert and the numbers
 * it is about never disagree) and by the hourly run for the ones time moves; one row per
 * condition (`key`), opened when it starts to hold and resolved when it clears.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, notInArray, sql } from "drizzle-orm";
import {
  ALERTING_VERDICTS,
  ALERT_DEFAULTS,
  type AlertRules,
  type AlertStatus,
  missingNumbersMessage,
  pacingOff,
  pacingOffMessage,
  roasBelowTarget,
  roasBelowTargetMessage,
  verdictMessage,
} from "../../core/alerts";
import { alertRulesSchema } from "../../core/alert-forms";
import { DEFAULT_DISPLAY, type Display } from "../../core/money";
import { pace } from "../../core/pacing";
import { reportPoc } from "../../core/poc";
import { newId } from "../columns";
import type { OrgSql } from "./database";
import { portfolioData } from "./poc";
import { getCampaign, getCampaignGroup } from "./queries";
import {
  alertRules,
  alerts,
  orgDisplay,
  campaignGroups,
  campaigns,
  clientChannels,
  clients,
  weeklyMetrics,
} from "./schema";

export type AlertRow = typeof alerts.$inferSelect;

type Condition =
  | { holds: false }
  | {
      holds: true;
      row: Omit<AlertRow, "id" | "key" | "status" | "openedAt" | "resolvedAt" | "mutedUntil" | "notifiedAt">;
    };

/**
 * One evaluation: the org's database, its moment and rules, and what it changed (the clients
 * whose alerts opened or resolved, for the sockets; how many opened, for the "at once" mail).
 */
export type AlertRun = {
  db: OrgSql;
  at: number;
  rules: AlertRules;
  /** How the org writes amounts, for the messages. */
  display: Display;
  changed: Set<string>;
  opened: number;
};

export function alertRun(db: OrgSql, at: number): AlertRun {
  return { db, at, rules: readAlertRules(db), display: readDisplay(db), changed: new Set(), opened: 0 };
}

/** The org's number format and currency as the Worker last told the object (the defaults before). */
export function readDisplay(db: OrgSql): Display {
  const row = db.select().from(orgDisplay).where(eq(orgDisplay.id, 1)).get();
  return row ? { format: row.numberFormat, currency: row.currency } : DEFAULT_DISPLAY;
}

export function writeDisplay(db: OrgSql, display: Display): void {
  const values = { numberFormat: display.format, currency: display.currency };
  db.insert(orgDisplay)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: orgDisplay.id, set: values })
    .run();
}

/** Opens the alert of `key` (or refreshes its message) when it holds, resolves it otherwise. */
function settle(run: AlertRun, key: string, condition: Condition): void {
  const { db, at } = run;
  const current = db.select().from(alerts).where(eq(alerts.key, key)).get();
  if (!condition.holds) {
    if (current && current.status !== "resolved") {
      db.update(alerts).set({ status: "resolved", resolvedAt: at }).where(eq(alerts.id, current.id)).run();
      run.changed.add(current.clientId);
    }
    return;
  }
  if (!current || current.status === "resolved") {
    run.changed.add(condition.row.clientId);
    run.opened++;
  }
  if (!current) {
    db.insert(alerts)
      .values({ id: newId(), key, status: "open", openedAt: at, ...condition.row })
      .run();
  } else if (current.status === "resolved") {
    // Holding again is news again: a new "at once" mail, a new place in the inbox.
    db.update(alerts)
      .set({ status: "open", openedAt: at, resolvedAt: null, mutedUntil: null, notifiedAt: null, ...condition.row })
      .where(eq(alerts.id, current.id))
      .run();
  } else {
    // Still holding (open or muted): the message follows the numbers, the state stays.
    db.update(alerts).set(condition.row).where(eq(alerts.id, current.id)).run();
  }
}

/** Resolves every alert of a kind that is not resolved (its rule was turned off). */
function resolveKind(run: AlertRun, kind: AlertRow["kind"]): void {
  for (const row of run.db
    .select({ key: alerts.key })
    .from(alerts)
    .where(and(eq(alerts.kind, kind), ne(alerts.status, "resolved")))
    .all())
    settle(run, row.key, { holds: false });
}

// ── Rules ─────────────────────────────────────────────────────────────────────────────────

/** The org's rules; the defaults until an admin saves others. */
export function readAlertRules(db: OrgSql): AlertRules {
  const row = db.select().from(alertRules).where(eq(alertRules.id, 1)).get();
  const parsed = alertRulesSchema.safeParse(row?.rules);
  return parsed.success ? parsed.data : ALERT_DEFAULTS;
}

export function writeAlertRules(db: OrgSql, rules: AlertRules, at: number): void {
  db.insert(alertRules)
    .values({ id: 1, rules, updatedAt: at })
    .onConflictDoUpdate({ target: alertRules.id, set: { rules, updatedAt: at } })
    .run();
}

// ── ROAS below target, per campaign ───────────────────────────────────────────────────────

function evaluateRoas(run: AlertRun, campaignIds: Iterable<string>): void {
  const { db, rules } = run;
  const rule = rules.roas_below_target;
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
      .limit(rule.weeks)
      .all();
    const result =
      !rule.enabled || campaign.archived
        ? ({ holds: false } as const)
        : roasBelowTarget(latest, campaign.targetRoasMilli, rule.weeks);
    if (!result.holds) {
      settle(run, key, { holds: false });
      continue;
    }
    const group = getCampaignGroup(db, campaign.campaignGroupId)!;
    settle(run, key, {
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

// ── Pacing off, per campaign group ────────────────────────────────────────────────────────

/** A group's spend per week of the month of its latest week with numbers (none: no weeks). */
function groupMonth(db: OrgSql, groupId: string): { asOf: string; weeks: { weekStart: string; spendCents: number }[] } {
  const spendByWeek = (from: string, to: string) =>
    db
      .select({ weekStart: weeklyMetrics.weekStart, spendCents: sql<number>`sum(${weeklyMetrics.adSpendCents})` })
      .from(weeklyMetrics)
      .innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId))
      .where(
        and(
          eq(campaigns.campaignGroupId, groupId),
          isNull(campaigns.archivedAt),
          gte(weeklyMetrics.weekStart, from),
          lte(weeklyMetrics.weekStart, to),
        ),
      )
      .groupBy(weeklyMetrics.weekStart)
      .orderBy(asc(weeklyMetrics.weekStart))
      .all();
  const latest = spendByWeek("0000-00-00", "9999-99-99").at(-1);
  if (!latest) return { asOf: "", weeks: [] };
  return { asOf: latest.weekStart, weeks: spendByWeek(`${latest.weekStart.slice(0, 7)}-01`, latest.weekStart) };
}

function evaluatePacing(run: AlertRun, groupIds: Iterable<string>): void {
  const { db, rules } = run;
  const rule = rules.pacing_off;
  for (const groupId of groupIds) {
    const key = `pacing_off:${groupId}`;
    const group = getCampaignGroup(db, groupId);
    if (!group) continue;
    if (!rule.enabled || group.archived || group.weeklyBudgetCents === null) {
      settle(run, key, { holds: false });
      continue;
    }
    const { asOf, weeks } = groupMonth(db, groupId);
    const pacing = asOf ? pace({ weeklyBudgetCents: group.weeklyBudgetCents, weeks, asOf }) : null;
    const off = pacing ? pacingOff(pacing, rule.percent) : ({ holds: false } as const);
    settle(
      run,
      key,
      off.holds && pacing
        ? {
            holds: true,
            row: {
              kind: "pacing_off",
              clientId: group.clientId,
              clientChannelId: group.clientChannelId,
              campaignGroupId: group.id,
              campaignId: null,
              since: asOf,
              message: pacingOffMessage(group.name, pacing, asOf, rule.percent, run.display),
            },
          }
        : { holds: false },
    );
  }
}

// ── A POC's verdict turning to graduate or stop, per client channel ───────────────────────

function evaluateVerdicts(run: AlertRun, clientIds: string[] | null, asOf: string): void {
  const { db, rules } = run;
  const pocs = portfolioData(db, asOf, clientIds ?? undefined);
  for (const poc of pocs) {
    const { clientChannel } = poc;
    const { verdict, reason } = reportPoc(poc, asOf, run.display.format, run.display.currency).assessment;
    for (const alerting of ALERTING_VERDICTS) {
      settle(
        run,
        `verdict_changed:${clientChannel.id}:${alerting}`,
        rules.verdict_changed.enabled && verdict === alerting
          ? {
              holds: true,
              row: {
                kind: "verdict_changed",
                clientId: clientChannel.clientId,
                clientChannelId: clientChannel.id,
                campaignGroupId: null,
                campaignId: null,
                since: asOf,
                message: verdictMessage(
                  `${clientChannel.clientName} on ${clientChannel.channel.name}`,
                  alerting,
                  reason,
                ),
              },
            }
          : { holds: false },
      );
    }
  }
  // A POC no longer listed (its client or channel made inactive) has no verdict to act on.
  const listed = pocs.map((p) => p.clientChannel.id);
  const stale = db
    .select({ key: alerts.key })
    .from(alerts)
    .where(
      and(
        eq(alerts.kind, "verdict_changed"),
        ne(alerts.status, "resolved"),
        clientIds ? inArray(alerts.clientId, clientIds) : undefined,
        listed.length > 0 ? notInArray(alerts.clientChannelId, listed) : undefined,
      ),
    )
    .all();
  for (const row of stale) settle(run, row.key, { holds: false });
}

// ── No numbers for the week due, per client ───────────────────────────────────────────────

/** Active clients with at least one live campaign: the ones whose numbers are expected. */
function clientsExpectingNumbers(db: OrgSql, clientIds: string[] | null) {
  return db
    .selectDistinct({ id: clients.id, name: clients.name })
    .from(clients)
    .innerJoin(clientChannels, and(eq(clientChannels.clientId, clients.id), eq(clientChannels.isActive, true)))
    .innerJoin(
      campaignGroups,
      and(eq(campaignGroups.clientChannelId, clientChannels.id), isNull(campaignGroups.archivedAt)),
    )
    .innerJoin(campaigns, and(eq(campaigns.campaignGroupId, campaignGroups.id), isNull(campaigns.archivedAt)))
    .where(and(eq(clients.isActive, true), clientIds ? inArray(clients.id, clientIds) : undefined))
    .all();
}

function hasNumbers(db: OrgSql, clientId: string, week: string): boolean {
  const row = db
    .select({ n: count() })
    .from(weeklyMetrics)
    .innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId))
    .innerJoin(campaignGroups, eq(campaignGroups.id, campaigns.campaignGroupId))
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
    .where(and(eq(clientChannels.clientId, clientId), eq(weeklyMetrics.weekStart, week)))
    .get();
  return (row?.n ?? 0) > 0;
}

/** The hourly run: a client without numbers for the week due opens (or moves) its alert. */
function evaluateMissing(run: AlertRun, weekDue: string): void {
  const { db, rules } = run;
  if (!rules.missing_numbers.enabled) {
    resolveKind(run, "missing_numbers");
    return;
  }
  const expecting = clientsExpectingNumbers(db, null);
  const expected = new Set(expecting.map((c) => c.id));
  for (const client of expecting) {
    settle(
      run,
      `missing_numbers:${client.id}`,
      hasNumbers(db, client.id, weekDue)
        ? { holds: false }
        : {
            holds: true,
            row: {
              kind: "missing_numbers",
              clientId: client.id,
              clientChannelId: null,
              campaignGroupId: null,
              campaignId: null,
              since: weekDue,
              message: missingNumbersMessage(client.name, weekDue),
            },
          },
    );
  }
  // A client no longer expecting numbers (made inactive, its campaigns archived) is not missing any.
  for (const row of db
    .select({ clientId: alerts.clientId })
    .from(alerts)
    .where(and(eq(alerts.kind, "missing_numbers"), ne(alerts.status, "resolved")))
    .all())
    if (!expected.has(row.clientId)) settle(run, `missing_numbers:${row.clientId}`, { holds: false });
}

/** A commit's numbers for the week an alert says is missing resolve it at once (not an hour later). */
function resolveMissingFilled(run: AlertRun, clientIds: Iterable<string>): void {
  const { db } = run;
  for (const clientId of clientIds) {
    const key = `missing_numbers:${clientId}`;
    const current = db.select().from(alerts).where(eq(alerts.key, key)).get();
    if (current && current.status !== "resolved" && hasNumbers(db, clientId, current.since))
      settle(run, key, { holds: false });
  }
}

// ── Entry points ──────────────────────────────────────────────────────────────────────────

/** What a commit touched that alerts are about. */
export type AlertScope = { campaigns: Set<string>; groups: Set<string>; clients: Set<string> };

/**
 * After a commit (inside its transaction): the alerts its changes can open or resolve. `asOf` is
 * the week verdicts are judged at (last week, as the pages show them).
 */
export function evaluateAlerts(run: AlertRun, touched: AlertScope, asOf: string): AlertRun {
  if (touched.campaigns.size + touched.groups.size + touched.clients.size === 0) return run;
  const groups = new Set(touched.groups);
  for (const campaignId of touched.campaigns) {
    const campaign = getCampaign(run.db, campaignId);
    if (campaign) groups.add(campaign.campaignGroupId);
  }
  evaluateRoas(run, touched.campaigns);
  evaluatePacing(run, groups);
  if (touched.clients.size > 0) {
    evaluateVerdicts(run, [...touched.clients], asOf);
    resolveMissingFilled(run, touched.clients);
  }
  return run;
}

/**
 * Every rule over the whole org: after the rules change, and each hour (verdicts move with the
 * weeks; the week due for numbers moves on Tuesday at noon in the org's zone).
 */
export function evaluateAllAlerts(run: AlertRun, asOf: string, weekDue: string): AlertRun {
  const { db } = run;
  evaluateRoas(
    run,
    db
      .select({ id: campaigns.id })
      .from(campaigns)
      .all()
      .map((c) => c.id),
  );
  evaluatePacing(
    run,
    db
      .select({ id: campaignGroups.id })
      .from(campaignGroups)
      .all()
      .map((g) => g.id),
  );
  evaluateVerdicts(run, null, asOf);
  evaluateMissing(run, weekDue);
  return run;
}

// ── Reads and the inbox's actions ─────────────────────────────────────────────────────────

/** A mute that has run out is open again (checked before every read and each hour); the clients it was of. */
export function unmuteExpired(db: OrgSql, at: number): string[] {
  return db
    .update(alerts)
    .set({ status: "open", mutedUntil: null })
    .where(and(eq(alerts.status, "muted"), lte(alerts.mutedUntil, at)))
    .returning({ clientId: alerts.clientId })
    .all()
    .map((row) => row.clientId);
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

/** How many alerts are open, of the clients given (null: all): the header's badge. */
export function countOpenAlerts(db: OrgSql, clientIds: string[] | null): number {
  return (
    db
      .select({ n: count() })
      .from(alerts)
      .where(and(eq(alerts.status, "open"), clientIds ? inArray(alerts.clientId, clientIds) : undefined))
      .get()?.n ?? 0
  );
}

export function getAlert(db: OrgSql, id: string): AlertRow | undefined {
  return db.select().from(alerts).where(eq(alerts.id, id)).get();
}

/** Mutes an open alert until `until`, or (null) unmutes a muted one; a resolved one stays resolved. */
export function setMuted(db: OrgSql, id: string, until: number | null): AlertRow | undefined {
  db.update(alerts)
    .set(until === null ? { status: "open", mutedUntil: null } : { status: "muted", mutedUntil: until })
    .where(and(eq(alerts.id, id), ne(alerts.status, "resolved")))
    .run();
  return getAlert(db, id);
}

/** Open alerts whose "at once" mail has not gone out, marked as sent: the caller mails them. */
export function claimUnnotified(db: OrgSql, at: number): AlertRow[] {
  const due = db
    .select()
    .from(alerts)
    .where(and(eq(alerts.status, "open"), isNull(alerts.notifiedAt)))
    .all();
  if (due.length > 0)
    db.update(alerts)
      .set({ notifiedAt: at })
      .where(
        inArray(
          alerts.id,
          due.map((a) => a.id),
        ),
      )
      .run();
  return due;
}
