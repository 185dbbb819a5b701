/**
 * The org's alerts: evaluated inside the commit that can change them (so an alert and the numbers
 * it is about never disagree) and by the hourly run for the ones time moves; one row per
 * condition (`key`), opened when it starts to hold and resolved when it clears.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
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
import { p, preparedQuery } from "../prepared";
import type { OrgSql } from "./database";
import { pocsData, portfolioData } from "./poc";
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
  const cache = kept(db);
  if (!cache.display) {
    const row = db.select().from(orgDisplay).where(eq(orgDisplay.id, 1)).get();
    cache.display = row ? { format: row.numberFormat, currency: row.currency } : DEFAULT_DISPLAY;
  }
  return cache.display;
}

export function writeDisplay(db: OrgSql, display: Display): void {
  const values = { numberFormat: display.format, currency: display.currency };
  db.insert(orgDisplay)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: orgDisplay.id, set: values })
    .run();
  kept(db).display = undefined;
}

// Every commit runs these (ADR 010: building a query costs more than running it).
const alertByKey = preparedQuery((db: OrgSql) =>
  db
    .select()
    .from(alerts)
    .where(eq(alerts.key, p("key")))
    .prepare(),
);
const resolveAlert = preparedQuery((db: OrgSql) =>
  db
    .update(alerts)
    .set({ status: "resolved", resolvedAt: sql`${p("at")}` })
    .where(eq(alerts.id, p("id")))
    .prepare(),
);
const rowFields = {
  kind: sql`${p("kind")}`,
  clientId: sql`${p("clientId")}`,
  clientChannelId: sql`${p("clientChannelId")}`,
  campaignGroupId: sql`${p("campaignGroupId")}`,
  campaignId: sql`${p("campaignId")}`,
  since: sql`${p("since")}`,
  message: sql`${p("message")}`,
};
const insertAlert = preparedQuery((db: OrgSql) =>
  db
    .insert(alerts)
    .values({ id: sql`${p("id")}`, key: sql`${p("key")}`, status: "open", openedAt: sql`${p("at")}`, ...rowFields })
    .prepare(),
);
const reopenAlert = preparedQuery((db: OrgSql) =>
  db
    .update(alerts)
    .set({
      status: "open",
      openedAt: sql`${p("at")}`,
      resolvedAt: null,
      mutedUntil: null,
      notifiedAt: null,
      ...rowFields,
    })
    .where(eq(alerts.id, p("id")))
    .prepare(),
);
const refreshAlert = preparedQuery((db: OrgSql) =>
  db
    .update(alerts)
    .set(rowFields)
    .where(eq(alerts.id, p("id")))
    .prepare(),
);

/** Opens the alert of `key` (or refreshes its message) when it holds, resolves it otherwise. */
function settle(run: AlertRun, key: string, condition: Condition): void {
  const { db, at } = run;
  const current = alertByKey(db).get({ key });
  if (!condition.holds) {
    if (current && current.status !== "resolved") {
      resolveAlert(db).run({ id: current.id, at });
      run.changed.add(current.clientId);
    }
    return;
  }
  const row = condition.row;
  if (!current) {
    insertAlert(db).run({ id: newId(), key, at, ...row });
  } else if (current.status === "resolved") {
    // Holding again is news again: a new "at once" mail, a new place in the inbox.
    reopenAlert(db).run({ id: current.id, at, ...row });
  } else {
    // Still holding (open or muted): the message follows the numbers, the state stays; a write
    // only when it moved, so a commit that changes nothing here writes nothing.
    if (current.message !== row.message || current.since !== row.since)
      refreshAlert(db).run({ id: current.id, ...row });
    return;
  }
  run.changed.add(row.clientId);
  run.opened++;
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

/**
 * The org's rules and how it writes amounts, read once per object and kept (every commit asks):
 * the object is their only writer, and a write replaces the kept copy.
 */
const settingsKept = new WeakMap<OrgSql, { rules?: AlertRules; display?: Display }>();
const kept = (db: OrgSql) => {
  let found = settingsKept.get(db);
  if (!found) {
    found = {};
    settingsKept.set(db, found);
  }
  return found;
};

/** The org's rules; the defaults until an admin saves others. */
export function readAlertRules(db: OrgSql): AlertRules {
  const cache = kept(db);
  if (!cache.rules) {
    const row = db.select().from(alertRules).where(eq(alertRules.id, 1)).get();
    const parsed = alertRulesSchema.safeParse(row?.rules);
    cache.rules = parsed.success ? parsed.data : ALERT_DEFAULTS;
  }
  return cache.rules;
}

export function writeAlertRules(db: OrgSql, rules: AlertRules, at: number): void {
  db.insert(alertRules)
    .values({ id: 1, rules, updatedAt: at })
    .onConflictDoUpdate({ target: alertRules.id, set: { rules, updatedAt: at } })
    .run();
  kept(db).rules = undefined; // read back after the transaction, as stored
}

// ── ROAS below target, per campaign ───────────────────────────────────────────────────────

function evaluateRoas(run: AlertRun, campaignIds: Iterable<string>): void {
  const { db, rules } = run;
  const rule = rules.roas_below_target;
  for (const campaignId of campaignIds) {
    const key = `roas_below_target:${campaignId}`;
    const campaign = getCampaign(db, campaignId);
    if (!campaign) continue; // deleted: its alert went with it (cascade)
    const latest = latestWeeks(db).all({ campaignId, limit: rule.weeks });
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

const latestWeeks = preparedQuery((db: OrgSql) =>
  db
    .select({
      weekStart: weeklyMetrics.weekStart,
      adSpendCents: weeklyMetrics.adSpendCents,
      salesCents: weeklyMetrics.salesCents,
    })
    .from(weeklyMetrics)
    .where(eq(weeklyMetrics.campaignId, p("campaignId")))
    .orderBy(desc(weeklyMetrics.weekStart))
    .limit(p("limit"))
    .prepare(),
);

// ── Pacing off, per campaign group ────────────────────────────────────────────────────────

const groupCampaigns = and(eq(campaigns.campaignGroupId, p("groupId")), isNull(campaigns.archivedAt));

/** The latest week any live campaign of a group has numbers for. */
const groupLatestWeek = preparedQuery((db: OrgSql) =>
  db
    .select({ week: sql<string | null>`max(${weeklyMetrics.weekStart})` })
    .from(weeklyMetrics)
    .innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId))
    .where(and(eq(campaigns.campaignGroupId, p("groupId")), isNull(campaigns.archivedAt)))
    .prepare(),
);

const groupSpendByWeek = preparedQuery((db: OrgSql) =>
  db
    .select({ weekStart: weeklyMetrics.weekStart, spendCents: sql<number>`sum(${weeklyMetrics.adSpendCents})` })
    .from(weeklyMetrics)
    .innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId))
    .where(and(groupCampaigns, gte(weeklyMetrics.weekStart, p("from")), lte(weeklyMetrics.weekStart, p("to"))))
    .groupBy(weeklyMetrics.weekStart)
    .orderBy(asc(weeklyMetrics.weekStart))
    .prepare(),
);

/** A group's spend per week of the month of its latest week with numbers (none: no weeks). */
function groupMonth(db: OrgSql, groupId: string): { asOf: string; weeks: { weekStart: string; spendCents: number }[] } {
  const asOf = groupLatestWeek(db).get({ groupId })?.week;
  if (!asOf) return { asOf: "", weeks: [] };
  return { asOf, weeks: groupSpendByWeek(db).all({ groupId, from: `${asOf.slice(0, 7)}-01`, to: asOf }) };
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

/**
 * The verdicts of some POCs (`clientChannelIds`, a commit's), of some clients' (`clientIds`, a
 * client or channel made inactive), or of every POC (null, the hourly run).
 */
function evaluateVerdicts(
  run: AlertRun,
  asOf: string,
  only: { clientIds: string[] } | { clientChannelIds: string[] } | null,
): void {
  const { db, rules } = run;
  const pocs =
    only && "clientChannelIds" in only
      ? pocsData(db, asOf, only.clientChannelIds)
      : portfolioData(db, asOf, only?.clientIds);
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
  if (only && "clientChannelIds" in only) return; // those asked about are judged just above
  const listed = new Set(pocs.map((poc) => poc.clientChannel.id));
  const live = liveVerdictAlerts(db).all({ clientIds: only ? JSON.stringify(only.clientIds) : null });
  for (const row of live) if (!listed.has(row.clientChannelId ?? "")) settle(run, row.key, { holds: false });
}

/** The verdict alerts not resolved, of some clients (a JSON list) or, with null, of all. */
const liveVerdictAlerts = preparedQuery((db: OrgSql) =>
  db
    .select({ key: alerts.key, clientChannelId: alerts.clientChannelId })
    .from(alerts)
    .where(
      and(
        eq(alerts.kind, "verdict_changed"),
        ne(alerts.status, "resolved"),
        sql`(${p("clientIds")} is null or ${alerts.clientId} in (select value from json_each(${p("clientIds")})))`,
      ),
    )
    .prepare(),
);

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

/**
 * What a commit touched that alerts are about: campaigns (ROAS; their groups and POCs follow),
 * groups (pacing; their POCs follow), POCs (verdicts), clients whose weeks moved (numbers
 * missing), clients made (in)active with their channels (every verdict of theirs).
 */
export type AlertScope = {
  campaigns: Set<string>;
  groups: Set<string>;
  pocs: Set<string>;
  clients: Set<string>;
  wholeClients: Set<string>;
};

/**
 * After a commit (inside its transaction): the alerts its changes can open or resolve. `asOf` is
 * the week verdicts are judged at (last week, as the pages show them).
 */
export function evaluateAlerts(run: AlertRun, touched: AlertScope, asOf: string): AlertRun {
  const groups = new Set(touched.groups);
  for (const campaignId of touched.campaigns) {
    const campaign = getCampaign(run.db, campaignId);
    if (campaign) groups.add(campaign.campaignGroupId);
  }
  const pocs = new Set(touched.pocs);
  for (const groupId of groups) {
    const group = getCampaignGroup(run.db, groupId);
    if (group) pocs.add(group.clientChannelId);
  }
  evaluateRoas(run, touched.campaigns);
  evaluatePacing(run, groups);
  if (touched.wholeClients.size > 0) evaluateVerdicts(run, asOf, { clientIds: [...touched.wholeClients] });
  if (pocs.size > 0) evaluateVerdicts(run, asOf, { clientChannelIds: [...pocs] });
  if (touched.clients.size > 0) resolveMissingFilled(run, touched.clients);
  return run;
}

/**
 * The rules time moves, over the whole org, each hour: verdicts (the weeks pass) and numbers
 * missing (the week due moves on Tuesday at noon in the org's zone). ROAS and pacing move only
 * with the numbers, so their commits judge them.
 */
export function evaluateTimeBasedAlerts(run: AlertRun, asOf: string, weekDue: string): AlertRun {
  evaluateVerdicts(run, asOf, null);
  evaluateMissing(run, weekDue);
  return run;
}

/** Every rule over the whole org: after the rules change, or how amounts are written. */
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
  return evaluateTimeBasedAlerts(run, asOf, weekDue);
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

/**
 * The state an alert is in at `at`: a mute that has run out is open, whether or not the hourly
 * run has written so yet (reads derive it; they never write).
 */
function inState(status: AlertStatus, at: number) {
  const expired = and(eq(alerts.status, "muted"), lte(alerts.mutedUntil, at));
  if (status === "open") return or(eq(alerts.status, "open"), expired);
  if (status === "muted") return and(eq(alerts.status, "muted"), gt(alerts.mutedUntil, at));
  return eq(alerts.status, "resolved");
}

/** Alerts in one state at `at`, newest first; only `clientIds`' when given (a scope limited to clients). */
export function listAlerts(db: OrgSql, status: AlertStatus, clientIds: string[] | null, at: number): AlertRow[] {
  return db
    .select()
    .from(alerts)
    .where(and(inState(status, at), clientIds ? inArray(alerts.clientId, clientIds) : undefined))
    .orderBy(desc(alerts.openedAt))
    .all()
    .map((row) => (row.status === status ? row : { ...row, status, mutedUntil: null }));
}

/** How many alerts are open at `at`, of the clients given (null: all): the header's badge. */
export function countOpenAlerts(db: OrgSql, clientIds: string[] | null, at: number): number {
  return (
    db
      .select({ n: count() })
      .from(alerts)
      .where(and(inState("open", at), clientIds ? inArray(alerts.clientId, clientIds) : undefined))
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
