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
import { getPocCriteria, listAnnotations } from "./queries";
import { campaignGroups, campaigns, channels, clientChannels, clients, clientWeekTotals as t } from "./schema";

const ofChannel = and(eq(t.clientId, p("clientId")), eq(t.channelId, p("channelId")));

const weeksQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ weekStart: t.weekStart, spendCents: t.adSpendCents, salesCents: t.salesCents })
    .from(t)
    .where(and(ofChannel, gte(t.weekStart, p("from")), lte(t.weekStart, p("to"))))
    .orderBy(asc(t.weekStart))
    .prepare(),
);

const firstWeekQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ week: min(t.weekStart) })
    .from(t)
    .where(ofChannel)
    .prepare(),
);

/** Divided in SQL, rounded half up (ADR 003): the weighted sum exceeds JavaScript's exact integers. */
const targetQuery = preparedQuery((db: OrgSql) =>
  db
    .select({
      milli: sql<number | null>`case when sum(${t.targetSpendCents}) > 0
        then (sum(${t.targetWeighted}) + sum(${t.targetSpendCents}) / 2) / sum(${t.targetSpendCents}) end`,
    })
    .from(t)
    .where(and(ofChannel, gte(t.weekStart, p("from")), lte(t.weekStart, p("to"))))
    .prepare(),
);

const budgetQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ cents: sql<number | null>`sum(${campaignGroups.weeklyBudgetCents})` })
    .from(campaignGroups)
    .where(and(eq(campaignGroups.clientChannelId, p("clientChannelId")), isNull(campaignGroups.archivedAt)))
    .prepare(),
);

const channelsQuery = preparedQuery((db: OrgSql) =>
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
    .where(and(eq(clients.isActive, true), eq(clientChannels.isActive, true)))
    .orderBy(asc(clients.name), asc(channels.name))
    .prepare(),
);

const oneChannelQuery = preparedQuery((db: OrgSql) =>
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

function dataOf(db: OrgSql, channel: PocChannel, asOf: string): PocData {
  const where = { clientId: channel.clientId, channelId: channel.channelId };
  const stored = getPocCriteria(db, channel.id);
  const criteria: PocCriteria = stored ?? defaultCriteria(firstWeekQuery(db).get(where)?.week ?? asOf);
  const end = shiftWeek(criteria.startWeek, criteria.maxWeeks - 1);
  // The POC's weeks, and the earlier weeks of the asked week's month, for pacing.
  const from = earlierWeek(criteria.startWeek, shiftWeek(asOf, -5));
  const { channelId: _channelId, ...clientChannel } = channel;
  return {
    clientChannel,
    criteria,
    version: stored?.version ?? null,
    weeks: weeksQuery(db).all({ ...where, from, to: asOf }),
    campaignTargetMilli:
      targetQuery(db).get({ ...where, from: criteria.startWeek, to: earlierWeek(asOf, end) })?.milli ?? null,
    groupBudgetCents: budgetQuery(db).get({ clientChannelId: channel.id })?.cents ?? null,
    notes: pocNotes(db, channel, criteria.startWeek, earlierWeek(asOf, end)),
  };
}

/** One POC's data as of the week `asOf`, or null when there is no such client channel. */
export function pocData(db: OrgSql, clientChannelId: string, asOf: string): PocData | null {
  const channel = oneChannelQuery(db).get({ id: clientChannelId });
  return channel ? dataOf(db, channel, asOf) : null;
}

/** Every active POC of the org (active clients' active channels), by client then channel name. */
export function portfolioData(db: OrgSql, asOf: string): PocData[] {
  return channelsQuery(db)
    .all()
    .map((channel) => dataOf(db, channel, asOf));
}
