/**
 * What a POC's verdict and pacing are computed from (ADR 018): its criteria, its weeks from the
 * client's weekly totals for that channel, its campaigns' spend-weighted target over the POC's
 * weeks, and its groups' weekly budgets. The verdict itself is core/poc.ts's, computed by callers.
 */
import { and, asc, eq, gte, isNull, lte, min, sql } from "drizzle-orm";
import { defaultCriteria, type PocCriteria, type PocWeek } from "../../core/poc";
import { earlierWeek, shiftWeek } from "../../core/weeks";
import type { OrgSql } from "./database";
import { p, preparedQuery } from "../prepared";
import type { AnnotationRow } from "../../core/protocol";
import { inJsonList, listAnnotations, pocCriteriaColumns } from "./queries";
import {
  campaignGroups,
  campaigns,
  channels,
  clientChannels,
  clients,
  clientWeekTotals as t,
  pocCriteria,
} from "./schema";

// Reads for many POCs at once (a page of the dashboard, the portfolio): a few statements in all,
// not a few per POC. Lists are bound as one JSON parameter so the statements can be prepared.

const criteriaQuery = preparedQuery((db: OrgSql) =>
  db.select(pocCriteriaColumns).from(pocCriteria).where(inJsonList(pocCriteria.clientChannelId, "ids")).prepare(),
);

const firstWeeksQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ clientId: t.clientId, channelId: t.channelId, week: min(t.weekStart) })
    .from(t)
    .where(inJsonList(t.clientId, "clientIds"))
    .groupBy(t.clientId, t.channelId)
    .prepare(),
);

const weeksQuery = preparedQuery((db: OrgSql) =>
  db
    .select({
      clientId: t.clientId,
      channelId: t.channelId,
      weekStart: t.weekStart,
      spendCents: t.adSpendCents,
      salesCents: t.salesCents,
      targetWeighted: t.targetWeighted,
      targetSpendCents: t.targetSpendCents,
    })
    .from(t)
    .where(and(inJsonList(t.clientId, "clientIds"), gte(t.weekStart, p("from")), lte(t.weekStart, p("to"))))
    .orderBy(asc(t.weekStart))
    .prepare(),
);

const budgetsQuery = preparedQuery((db: OrgSql) =>
  db
    .select({
      clientChannelId: campaignGroups.clientChannelId,
      cents: sql<number | null>`sum(${campaignGroups.weeklyBudgetCents})`,
    })
    .from(campaignGroups)
    .where(and(inJsonList(campaignGroups.clientChannelId, "ids"), isNull(campaignGroups.archivedAt)))
    .groupBy(campaignGroups.clientChannelId)
    .prepare(),
);

type WeekRow = {
  weekStart: string;
  spendCents: number;
  salesCents: number;
  targetWeighted: number;
  targetSpendCents: number;
};

/**
 * The spend-weighted target over some weeks, rounded half up as in SQL (ADR 003). Summed as
 * BigInt: the weighted sums exceed JavaScript's exact integers, each row's own does not.
 */
function weightedTarget(rows: { targetWeighted: number; targetSpendCents: number }[]): number | null {
  let weighted = 0n;
  let spend = 0n;
  for (const row of rows) {
    weighted += BigInt(row.targetWeighted);
    spend += BigInt(row.targetSpendCents);
  }
  return spend > 0n ? Number((weighted + spend / 2n) / spend) : null;
}

/** A client channel with its client's name and its channel's, as POCs are listed. */
const pocChannels = (db: OrgSql) =>
  db
    .select({
      id: clientChannels.id,
      clientId: clients.id,
      clientName: clients.name,
      channelId: channels.id,
      channel: { slug: channels.slug, name: channels.name },
    })
    .from(clientChannels)
    .innerJoin(clients, eq(clients.id, clientChannels.clientId))
    .innerJoin(channels, eq(channels.id, clientChannels.channelId))
    .$dynamic();

const channelsQuery = preparedQuery((db: OrgSql) =>
  pocChannels(db)
    .where(and(eq(clients.isActive, true), eq(clientChannels.isActive, true)))
    .orderBy(asc(clients.name), asc(channels.name))
    .prepare(),
);

const someChannelsQuery = preparedQuery((db: OrgSql) =>
  pocChannels(db)
    .where(and(eq(clients.isActive, true), eq(clientChannels.isActive, true), inJsonList(clientChannels.id, "ids")))
    .prepare(),
);

const oneChannelQuery = preparedQuery((db: OrgSql) =>
  pocChannels(db)
    .where(eq(clientChannels.id, p("id")))
    .prepare(),
);

/** The ids a POC's notes can be about: its groups and their campaigns. */
const pocEntitiesQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ group: campaignGroups.id, campaign: campaigns.id })
    .from(campaignGroups)
    .leftJoin(campaigns, eq(campaigns.campaignGroupId, campaignGroups.id))
    .where(eq(campaignGroups.clientChannelId, p("clientChannelId")))
    .prepare(),
);

/** Notes on the POC's weeks: on its client, on it, on its groups and on their campaigns. */
function pocNotes(db: OrgSql, channel: PocChannel, from: string, to: string): AnnotationRow[] {
  const ids = new Set<string>([channel.clientId, channel.id]);
  for (const row of pocEntitiesQuery(db).all({ clientChannelId: channel.id })) {
    ids.add(row.group);
    if (row.campaign) ids.add(row.campaign);
  }
  return listAnnotations(db, channel.clientId, from, to).filter((note) => ids.has(note.entityId));
}

type PocChannel = {
  id: string;
  clientId: string;
  clientName: string;
  channelId: string;
  channel: { slug: string; name: string };
};

export type PocData = {
  clientChannel: Omit<PocChannel, "channelId">;
  criteria: PocCriteria;
  /** The stored criteria's version, or null while the defaults apply. */
  version: number | null;
  weeks: PocWeek[];
  campaignTargetMilli: number | null;
  /** The weekly budgets of its active campaign groups, summed: pacing's budget when the criteria set none. */
  groupBudgetCents: number | null;
  notes: AnnotationRow[];
};

function dataOf(db: OrgSql, channels: PocChannel[], asOf: string, withNotes: boolean): PocData[] {
  if (channels.length === 0) return [];
  const ids = JSON.stringify(channels.map((c) => c.id));
  const clientIds = JSON.stringify([...new Set(channels.map((c) => c.clientId))]);
  const key = (clientId: string, channelId: string) => `${clientId}:${channelId}`;
  const stored = new Map(
    criteriaQuery(db)
      .all({ ids })
      .map((row) => [row.clientChannelId, row]),
  );
  const firstWeeks = new Map(
    firstWeeksQuery(db)
      .all({ clientIds })
      .map((r) => [key(r.clientId, r.channelId), r.week]),
  );
  const budgets = new Map(
    budgetsQuery(db)
      .all({ ids })
      .map((row) => [row.clientChannelId, row.cents]),
  );
  const plans = channels.map((channel) => {
    const criteria: PocCriteria =
      stored.get(channel.id) ?? defaultCriteria(firstWeeks.get(key(channel.clientId, channel.channelId)) ?? asOf);
    return { channel, criteria, end: earlierWeek(asOf, shiftWeek(criteria.startWeek, criteria.maxWeeks - 1)) };
  });
  // What is read: the POCs' windows (from the earliest start to the latest end) and the weeks of
  // the asked week's month, for pacing; one range when they meet, two when they do not.
  const monthFrom = shiftWeek(asOf, -5);
  const windowFrom = plans.map((plan) => plan.criteria.startWeek).sort()[0]!;
  const windowTo = plans
    .map((plan) => plan.end)
    .sort()
    .at(-1)!;
  const ranges =
    windowTo >= shiftWeek(monthFrom, -1)
      ? [{ from: earlierWeek(windowFrom, monthFrom), to: asOf }]
      : [
          { from: windowFrom, to: windowTo },
          { from: monthFrom, to: asOf },
        ];
  const rowsByChannel = new Map<string, WeekRow[]>();
  for (const range of ranges) {
    for (const row of weeksQuery(db).all({ clientIds, ...range })) {
      const k = key(row.clientId, row.channelId);
      const list = rowsByChannel.get(k);
      if (list) list.push(row);
      else rowsByChannel.set(k, [row]);
    }
  }
  return plans.map(({ channel, criteria, end }) => {
    const rows = rowsByChannel.get(key(channel.clientId, channel.channelId)) ?? [];
    const { channelId: _channelId, ...clientChannel } = channel;
    return {
      clientChannel,
      criteria,
      version: stored.get(channel.id)?.version ?? null,
      weeks: rows.map(({ weekStart, spendCents, salesCents }) => ({ weekStart, spendCents, salesCents })),
      campaignTargetMilli: weightedTarget(rows.filter((r) => r.weekStart >= criteria.startWeek && r.weekStart <= end)),
      groupBudgetCents: budgets.get(channel.id) ?? null,
      notes: withNotes ? pocNotes(db, channel, criteria.startWeek, end) : [],
    };
  });
}

/** One POC's data as of the week `asOf`, notes included, or null when there is no such client channel. */
export function pocData(db: OrgSql, clientChannelId: string, asOf: string): PocData | null {
  const channel = oneChannelQuery(db).get({ id: clientChannelId });
  return channel ? dataOf(db, [channel], asOf, true)[0]! : null;
}

/** The POCs of these client channels that are active (a commit's, to judge their verdicts). Without notes. */
export function pocsData(db: OrgSql, asOf: string, clientChannelIds: string[]): PocData[] {
  if (clientChannelIds.length === 0) return [];
  return dataOf(db, someChannelsQuery(db).all({ ids: JSON.stringify(clientChannelIds) }), asOf, false);
}

/**
 * Every active POC of the org (active clients' active channels), by client then channel name; or
 * only those of `clientIds` (a page of the dashboard). Without their notes.
 */
export function portfolioData(db: OrgSql, asOf: string, clientIds?: string[]): PocData[] {
  const only = clientIds && new Set(clientIds);
  const channels = channelsQuery(db)
    .all()
    .filter((channel) => !only || only.has(channel.clientId));
  return dataOf(db, channels, asOf, false);
}
