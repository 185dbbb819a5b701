/** Reads of an org's data. All synchronous: the database is the object's own SQLite. */
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import { type AnyColumn, and, asc, count, desc, eq, gt, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type {
  CampaignGroupRow,
  CampaignRow,
  ClientChannelRow,
  ClientRow,
  ClientWeekTotals,
  GridChannel,
  MetricRow,
  AnnotationEntity,
  AnnotationRow,
  OrgEvent,
  PocCriteriaRow,
  WeekTotals,
} from "../../core/protocol";
import type { ExportRow } from "../../core/csv";
import { type OrgSql, schema } from "./database";
import { p, preparedQuery } from "../prepared";
import {
  annotations,
  auditLog,
  imports,
  campaignGroups,
  campaigns,
  channels,
  clientChannels,
  clients,
  events,
  idempotencyKeys,
  pocCriteria,
  weeklyMetrics,
} from "./schema";

export const clientColumns = {
  id: clients.id,
  name: clients.name,
  isActive: clients.isActive,
  version: clients.version,
};
export const clientChannelColumns = {
  id: clientChannels.id,
  clientId: clientChannels.clientId,
  channelId: clientChannels.channelId,
  isActive: clientChannels.isActive,
  version: clientChannels.version,
};
export const campaignGroupColumns = {
  id: campaignGroups.id,
  clientChannelId: campaignGroups.clientChannelId,
  name: campaignGroups.name,
  weeklyBudgetCents: campaignGroups.weeklyBudgetCents,
  archived: sql<boolean>`${campaignGroups.archivedAt} is not null`.mapWith(Boolean),
  version: campaignGroups.version,
};
export const campaignColumns = {
  id: campaigns.id,
  campaignGroupId: campaigns.campaignGroupId,
  name: campaigns.name,
  targetRoasMilli: campaigns.targetRoasMilli,
  archived: sql<boolean>`${campaigns.archivedAt} is not null`.mapWith(Boolean),
  version: campaigns.version,
};
export const metricColumns = {
  id: weeklyMetrics.id,
  campaignId: weeklyMetrics.campaignId,
  weekStart: weeklyMetrics.weekStart,
  adSpendCents: weeklyMetrics.adSpendCents,
  salesCents: weeklyMetrics.salesCents,
  roasMilli: weeklyMetrics.roasMilli,
  version: weeklyMetrics.version,
};

/**
 * The client filter of a scope limited to clients (core/permissions.ts): the `ids` placeholder
 * is a JSON list of client ids, or null for every client.
 */
const inScope = (column: AnyColumn) =>
  sql`(${p("ids")} is null or ${column} in (select value from json_each(${p("ids")})))`;

const scopeIds = (clientIds: string[] | null | undefined) => (clientIds ? JSON.stringify(clientIds) : null);

const pageOfActiveClientsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(clientColumns)
    .from(clients)
    .where(and(eq(clients.isActive, true), inScope(clients.id)))
    .orderBy(asc(clients.name))
    .limit(p("limit"))
    .offset(p("offset"))
    .prepare(),
);

const countActiveClientsQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ n: count() })
    .from(clients)
    .where(and(eq(clients.isActive, true), inScope(clients.id)))
    .prepare(),
);

/** One page of the active clients (of `clientIds`, when limited), by name, and how many there are. */
export function pageOfActiveClients(db: OrgSql, offset: number, limit: number, clientIds?: string[] | null) {
  const ids = scopeIds(clientIds);
  const rows = pageOfActiveClientsQuery(db).all({ limit, offset, ids });
  const total = countActiveClientsQuery(db).get({ ids })?.n ?? 0;
  return { rows, total };
}

/** Active clients first, then by name (only `clientIds`, when limited). */
export function listClients(db: OrgSql, clientIds?: string[] | null): ClientRow[] {
  return db
    .select(clientColumns)
    .from(clients)
    .where(clientIds ? inArray(clients.id, clientIds) : undefined)
    .orderBy(desc(clients.isActive), asc(clients.name))
    .all();
}

const getClientQuery = preparedQuery((db: OrgSql) =>
  db
    .select(clientColumns)
    .from(clients)
    .where(eq(clients.id, p("id")))
    .prepare(),
);

export function getClient(db: OrgSql, id: string): ClientRow | undefined {
  return getClientQuery(db).get({ id });
}

export const annotationColumns = {
  id: annotations.id,
  clientId: annotations.clientId,
  entity: annotations.entity,
  entityId: annotations.entityId,
  weekStart: annotations.weekStart,
  text: annotations.text,
  createdBy: annotations.createdBy,
  version: annotations.version,
};

export function getAnnotation(db: OrgSql, id: string): AnnotationRow | undefined {
  return db.select(annotationColumns).from(annotations).where(eq(annotations.id, id)).get();
}

const clientAnnotationsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(annotationColumns)
    .from(annotations)
    .where(
      and(
        eq(annotations.clientId, p("clientId")),
        gte(annotations.weekStart, p("from")),
        lte(annotations.weekStart, p("to")),
      ),
    )
    .orderBy(asc(annotations.weekStart), asc(annotations.createdAt))
    .prepare(),
);

/** A client's notes on the weeks from `from` to `to`, whatever they are about. */
export function listAnnotations(db: OrgSql, clientId: string, from: string, to: string): AnnotationRow[] {
  return clientAnnotationsQuery(db).all({ clientId, from, to });
}

export const pocCriteriaColumns = {
  clientChannelId: pocCriteria.clientChannelId,
  startWeek: pocCriteria.startWeek,
  minWeeks: pocCriteria.minWeeks,
  maxWeeks: pocCriteria.maxWeeks,
  minSpendCents: pocCriteria.minSpendCents,
  targetRoasMilli: pocCriteria.targetRoasMilli,
  weeklyBudgetCents: pocCriteria.weeklyBudgetCents,
  version: pocCriteria.version,
};

export function getPocCriteria(db: OrgSql, clientChannelId: string): PocCriteriaRow | undefined {
  return db.select(pocCriteriaColumns).from(pocCriteria).where(eq(pocCriteria.clientChannelId, clientChannelId)).get();
}

export function getClientChannel(db: OrgSql, id: string): ClientChannelRow | undefined {
  return db.select(clientChannelColumns).from(clientChannels).where(eq(clientChannels.id, id)).get();
}

const getCampaignGroupQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ ...campaignGroupColumns, clientId: clientChannels.clientId })
    .from(campaignGroups)
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
    .where(eq(campaignGroups.id, p("id")))
    .prepare(),
);

export function getCampaignGroup(db: OrgSql, id: string): (CampaignGroupRow & { clientId: string }) | undefined {
  return getCampaignGroupQuery(db).get({ id });
}

const getCampaignQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ ...campaignColumns, clientId: clientChannels.clientId })
    .from(campaigns)
    .innerJoin(campaignGroups, eq(campaignGroups.id, campaigns.campaignGroupId))
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
    .where(eq(campaigns.id, p("id")))
    .prepare(),
);

export function getCampaign(db: OrgSql, id: string): (CampaignRow & { clientId: string }) | undefined {
  return getCampaignQuery(db).get({ id });
}

const getMetricQuery = preparedQuery((db: OrgSql) =>
  db
    .select(metricColumns)
    .from(weeklyMetrics)
    .where(and(eq(weeklyMetrics.campaignId, p("campaignId")), eq(weeklyMetrics.weekStart, p("weekStart"))))
    .prepare(),
);

/** The client something belongs to, or undefined when it is not there. */
export function clientIdOf(db: OrgSql, entity: AnnotationEntity, id: string): string | undefined {
  switch (entity) {
    case "client":
      return getClient(db, id)?.id;
    case "clientChannel":
      return getClientChannel(db, id)?.clientId;
    case "campaignGroup":
      return getCampaignGroup(db, id)?.clientId;
    case "campaign":
      return getCampaign(db, id)?.clientId;
  }
}

export function getMetric(db: OrgSql, campaignId: string, weekStart: string): MetricRow | undefined {
  return getMetricQuery(db).get({ campaignId, weekStart });
}

/** One campaign's weeks in [from, to], oldest first (served by the campaign-week index). */
export function listMetrics(db: OrgSql, campaignId: string, from: string, to: string): MetricRow[] {
  return db
    .select(metricColumns)
    .from(weeklyMetrics)
    .where(
      and(
        eq(weeklyMetrics.campaignId, campaignId),
        gte(weeklyMetrics.weekStart, from),
        lte(weeklyMetrics.weekStart, to),
      ),
    )
    .orderBy(asc(weeklyMetrics.weekStart))
    .all();
}

export function channelExists(db: OrgSql, id: string): boolean {
  return db.select({ id: channels.id }).from(channels).where(eq(channels.id, id)).get() !== undefined;
}

const listChannelsQuery = preparedQuery((db: OrgSql) =>
  db.select().from(channels).orderBy(asc(channels.name)).prepare(),
);

export function listChannels(db: OrgSql) {
  return listChannelsQuery(db).all();
}

const lastSeqQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ seq: sql<number>`coalesce(max(${events.seq}), 0)` })
    .from(events)
    .prepare(),
);

export function lastSeq(db: OrgSql): number {
  return lastSeqQuery(db).get()?.seq ?? 0;
}

const appendEventQuery = preparedQuery((db: OrgSql) =>
  db
    .insert(events)
    .values({
      type: p("type"),
      entity: p("entity"),
      entityId: p("entityId"),
      clientId: p("clientId"),
      data: p("data"),
      version: p("version"),
      actor: p("actor"),
      at: p("at"),
    })
    .returning({ seq: events.seq })
    .prepare(),
);

/** Appends one committed change to the event log; returns it as sockets receive it. */
export function appendEvent(db: OrgSql, row: Omit<typeof events.$inferSelect, "seq">): StoredEvent {
  const seq = appendEventQuery(db).get(row)!.seq;
  return { clientId: row.clientId, event: toEvent({ ...row, seq }) };
}

const appendAuditQuery = preparedQuery((db: OrgSql) =>
  db
    .insert(auditLog)
    .values({
      at: p("at"),
      actor: p("actor"),
      action: p("action"),
      entity: p("entity"),
      entityId: p("entityId"),
      actorLabel: p("actorLabel"),
      clientId: p("clientId"),
      cellKey: p("cellKey"),
      importId: p("importId"),
      before: p("before"),
      after: p("after"),
      country: p("country"),
      userAgent: p("userAgent"),
    })
    .prepare(),
);

export type AuditInsert = Omit<typeof auditLog.$inferInsert, "id">;

export function appendAudit(db: OrgSql, row: AuditInsert): void {
  appendAuditQuery(db).run({
    ...row,
    actorLabel: row.actorLabel ?? null,
    clientId: row.clientId ?? null,
    cellKey: row.cellKey ?? null,
    importId: row.importId ?? null,
    before: row.before ?? null,
    after: row.after ?? null,
    country: row.country ?? null,
    userAgent: row.userAgent ?? null,
  });
}

export function getImport(db: OrgSql, id: string) {
  return db.select().from(imports).where(eq(imports.id, id)).get();
}

export function markImportUndone(db: OrgSql, id: string, at: number, by: string): void {
  db.update(imports).set({ undoneAt: at, undoneBy: by }).where(eq(imports.id, id)).run();
}

/** Counts a chunk of an import under its id (the first chunk creates the import's row). */
export function recordImport(
  db: OrgSql,
  id: string,
  actor: { userId: string; label?: string },
  committed: StoredEvent[],
  at: number,
): void {
  db.insert(imports)
    .values({
      id,
      clientId: committed[0]?.clientId ?? null,
      actor: actor.userId,
      actorLabel: actor.label ?? null,
      at,
      changed: committed.length,
    })
    .onConflictDoUpdate({ target: imports.id, set: { changed: sql`${imports.changed} + ${committed.length}` } })
    .run();
}

/** The one place a stored event row becomes the protocol's event. */
function toEvent(row: typeof events.$inferSelect): OrgEvent {
  return {
    seq: row.seq,
    type: row.type,
    entity: row.entity,
    id: row.entityId,
    data: row.data,
    version: row.version,
    actor: row.actor,
    at: row.at,
  } as OrgEvent;
}

export type StoredEvent = { clientId: string | null; event: OrgEvent };

export function eventsAfter(db: OrgSql, seq: number, limit: number): StoredEvent[] {
  return db
    .select()
    .from(events)
    .where(gt(events.seq, seq))
    .orderBy(asc(events.seq))
    .limit(limit)
    .all()
    .map((row) => ({ clientId: row.clientId, event: toEvent(row) }));
}

export type StoredKey = { actor: string; payloadHash: string; events: OrgEvent[] };

const findIdempotencyKeyQuery = preparedQuery((db: OrgSql) =>
  db
    .select({
      actor: idempotencyKeys.actor,
      payloadHash: idempotencyKeys.payloadHash,
      events: idempotencyKeys.events,
    })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.key, p("key")))
    .prepare(),
);

/** What an idempotency key committed, and for whom (every edit from the browser asks). */
export function findIdempotencyKey(db: OrgSql, key: string): StoredKey | undefined {
  const row = findIdempotencyKeyQuery(db).get({ key });
  // Written by storeIdempotencyKey from the events it committed.
  return row && { ...row, events: JSON.parse(row.events) as OrgEvent[] };
}

const storeIdempotencyKeyQuery = preparedQuery((db: OrgSql) =>
  db
    .insert(idempotencyKeys)
    .values({ key: p("key"), actor: p("actor"), payloadHash: p("payloadHash"), events: p("events"), at: p("at") })
    .prepare(),
);

export function storeIdempotencyKey(db: OrgSql, row: StoredKey & { key: string; at: number }): void {
  storeIdempotencyKeyQuery(db).run({ ...row, events: JSON.stringify(row.events) });
}

const trimIdempotencyKeysQuery = preparedQuery((db: OrgSql) =>
  db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.at, p("before")))
    .prepare(),
);

/** Forgets keys older than `before` (ms): a retry that late is a new attempt (and meets versions). */
export function trimIdempotencyKeys(db: OrgSql, before: number): void {
  trimIdempotencyKeysQuery(db).run({ before });
}

export function countRows(db: OrgSql) {
  const one = (table: typeof clients | typeof campaigns | typeof weeklyMetrics | typeof auditLog) =>
    db.select({ n: count() }).from(table).get()?.n ?? 0;
  return { clients: one(clients), campaigns: one(campaigns), metrics: one(weeklyMetrics), auditRows: one(auditLog) };
}

export function countCampaigns(db: OrgSql): number {
  return db.select({ n: count() }).from(campaigns).get()?.n ?? 0;
}

const trimEventsQuery = preparedQuery((db: OrgSql) =>
  db
    .delete(events)
    .where(lte(events.seq, p("seq")))
    .prepare(),
);

/** Drops events up to and including `seq`: sockets further behind than the log reload. */
export function trimEvents(db: OrgSql, seq: number): void {
  trimEventsQuery(db).run({ seq });
}

/** How many weekly rows hang below a client, campaign group or campaign (what a delete would take). */
export function countMetricsUnder(db: OrgSql, entity: "client" | "campaignGroup" | "campaign", id: string): number {
  const query = db.select({ n: count() }).from(weeklyMetrics);
  if (entity === "campaign") return query.where(eq(weeklyMetrics.campaignId, id)).get()?.n ?? 0;
  const inGroups = query.innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId));
  if (entity === "campaignGroup") return inGroups.where(eq(campaigns.campaignGroupId, id)).get()?.n ?? 0;
  return (
    inGroups
      .innerJoin(campaignGroups, eq(campaignGroups.id, campaigns.campaignGroupId))
      .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
      .where(eq(clientChannels.clientId, id))
      .get()?.n ?? 0
  );
}

const channelOf = { slug: channels.slug, name: channels.name, iconUrl: channels.iconUrl };

const listClientChannelsQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ ...clientChannelColumns, channel: channelOf })
    .from(clientChannels)
    .innerJoin(channels, eq(channels.id, clientChannels.channelId))
    .where(eq(clientChannels.clientId, p("clientId")))
    .orderBy(asc(channels.name))
    .prepare(),
);

/** A client's channels with the channel's name and icon. */
export function listClientChannels(db: OrgSql, clientId: string): GridChannel[] {
  return listClientChannelsQuery(db).all({ clientId });
}

export function listCampaignGroups(db: OrgSql, clientChannelId: string): CampaignGroupRow[] {
  return db
    .select(campaignGroupColumns)
    .from(campaignGroups)
    .where(eq(campaignGroups.clientChannelId, clientChannelId))
    .orderBy(asc(campaignGroups.name))
    .all();
}

export function listCampaigns(db: OrgSql, campaignGroupId: string): CampaignRow[] {
  return db
    .select(campaignColumns)
    .from(campaigns)
    .where(eq(campaigns.campaignGroupId, campaignGroupId))
    .orderBy(asc(campaigns.name))
    .all();
}

const clientGridGroupsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(campaignGroupColumns)
    .from(campaignGroups)
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
    .where(eq(clientChannels.clientId, p("clientId")))
    .orderBy(asc(campaignGroups.name))
    .prepare(),
);

const clientGridCampaignsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(campaignColumns)
    .from(campaigns)
    .innerJoin(campaignGroups, eq(campaignGroups.id, campaigns.campaignGroupId))
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId))
    .where(eq(clientChannels.clientId, p("clientId")))
    .orderBy(asc(campaigns.name))
    .prepare(),
);

/** A client with its channels, campaign groups and campaigns: what its setup and import pages show. */
export function clientStructure(db: OrgSql, clientId: string) {
  const client = getClient(db, clientId);
  if (!client) return null;
  const channelRows = listClientChannels(db, clientId);
  const groups = clientGridGroupsQuery(db).all({ clientId });
  const campaignRows = clientGridCampaignsQuery(db).all({ clientId });
  return { client, channels: channelRows, groups, campaigns: campaignRows };
}

/** Weekly rows joined up to their client's channel: campaign → campaign group → client channel. */
function upToClientChannel<T extends SQLiteSelect>(query: T) {
  return query
    .innerJoin(campaigns, eq(campaigns.id, weeklyMetrics.campaignId))
    .innerJoin(campaignGroups, eq(campaignGroups.id, campaigns.campaignGroupId))
    .innerJoin(clientChannels, eq(clientChannels.id, campaignGroups.clientChannelId));
}

const clientGridMetricsQuery = preparedQuery((db: OrgSql) =>
  upToClientChannel(db.select(metricColumns).from(weeklyMetrics).$dynamic())
    .where(
      and(
        eq(clientChannels.clientId, p("clientId")),
        gte(weeklyMetrics.weekStart, p("from")),
        lte(weeklyMetrics.weekStart, p("to")),
      ),
    )
    .prepare(),
);

/** Everything the client grid shows, as flat lists the browser can patch event by event. */
export function clientGrid(db: OrgSql, clientId: string, from: string, to: string) {
  const structure = clientStructure(db, clientId);
  if (!structure) return null;
  const metrics = clientGridMetricsQuery(db).all({ clientId, from, to });
  return { ...structure, metrics, annotations: listAnnotations(db, clientId, from, to) };
}

/** `column in (…)` over a JSON array bound as one parameter, so the statement can be prepared. */
export const inJsonList = (column: AnyColumn, name: string) =>
  inArray(column, sql`(select value from json_each(${p(name)}))`);

/** The channel filter of the totals reads: all channels when the slug is null. */
const inChannel = (t: typeof schema.clientWeekTotals) =>
  sql`(${p("channel")} is null or ${t.channelId} = (
    select ${channels.id} from ${channels} where ${channels.slug} = ${p("channel")}
  ))`;

const summed = (t: typeof schema.clientWeekTotals) => ({
  adSpendCents: sql<number>`coalesce(sum(${t.adSpendCents}), 0)`,
  salesCents: sql<number>`coalesce(sum(${t.salesCents}), 0)`,
  // Rounded half up, as ROAS is (ADR 003).
  targetMilli: sql<number | null>`case when sum(${t.targetSpendCents}) > 0
    then (sum(${t.targetWeighted}) + sum(${t.targetSpendCents}) / 2) / sum(${t.targetSpendCents}) end`,
});

/** The weekly totals table the dashboard reads (one row per client, channel and week). */
const t = schema.clientWeekTotals;

const clientWeekTotalsQuery = preparedQuery((db: OrgSql) =>
  db
    .select({ clientId: t.clientId, weekStart: t.weekStart, ...summed(t) })
    .from(t)
    .where(
      and(inJsonList(t.clientId, "clientIds"), gte(t.weekStart, p("from")), lte(t.weekStart, p("to")), inChannel(t)),
    )
    .groupBy(t.clientId, t.weekStart)
    .prepare(),
);

/** Per client and week in [from, to]: spend, sales and the spend-weighted target, optionally for one channel. */
export function clientWeekTotals(
  db: OrgSql,
  clientIds: string[],
  from: string,
  to: string,
  channelSlug?: string,
): ClientWeekTotals[] {
  return clientWeekTotalsQuery(db).all({
    clientIds: JSON.stringify(clientIds),
    from,
    to,
    channel: channelSlug ?? null,
  });
}

const orgWeekTotalsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(summed(t))
    .from(t)
    .where(and(eq(t.weekStart, p("week")), inChannel(t)))
    .prepare(),
);

// Apart from the org-wide read, which the week index answers alone (it has no client column).
const scopedWeekTotalsQuery = preparedQuery((db: OrgSql) =>
  db
    .select(summed(t))
    .from(t)
    .where(and(eq(t.weekStart, p("week")), inChannel(t), inJsonList(t.clientId, "ids")))
    .prepare(),
);

/** The whole org's totals of one week, optionally for one channel: one row however many clients. */
/** The org's (or, when limited, `clientIds`') totals of one week. */
export function orgWeekTotals(db: OrgSql, week: string, channelSlug?: string, clientIds?: string[] | null): WeekTotals {
  const channel = channelSlug ?? null;
  return clientIds
    ? scopedWeekTotalsQuery(db).get({ week, channel, ids: JSON.stringify(clientIds) })!
    : orgWeekTotalsQuery(db).get({ week, channel })!;
}

/** Weeks of one client whose totals a commit must recompute: some weeks, or all of them. */
export type TotalsScope = Set<string> | "all";

/**
 * The two statements that recompute a client's totals: for some weeks (`weeks`, a JSON list) or
 * for all of them. Four statements in all, each declared once.
 */
function totalsRefresh(some: boolean) {
  return {
    clear: preparedQuery((db: OrgSql) =>
      db
        .delete(t)
        .where(and(eq(t.clientId, p("clientId")), some ? inJsonList(t.weekStart, "weeks") : undefined))
        .prepare(),
    ),
    sum: preparedQuery((db: OrgSql) =>
      db
        .insert(t)
        .select(
          upToClientChannel(
            db
              .select({
                clientId: clientChannels.clientId,
                channelId: clientChannels.channelId,
                weekStart: weeklyMetrics.weekStart,
                adSpendCents: sql<number>`sum(${weeklyMetrics.adSpendCents})`.as("ad_spend_cents"),
                salesCents: sql<number>`sum(${weeklyMetrics.salesCents})`.as("sales_cents"),
                targetWeighted:
                  sql<number>`coalesce(sum(${campaigns.targetRoasMilli} * ${weeklyMetrics.adSpendCents}), 0)`.as(
                    "target_weighted",
                  ),
                targetSpendCents: sql<number>`coalesce(sum(
                  case when ${campaigns.targetRoasMilli} is not null then ${weeklyMetrics.adSpendCents} end
                ), 0)`.as("target_spend_cents"),
              })
              .from(weeklyMetrics)
              .$dynamic(),
          )
            .where(
              and(
                eq(clientChannels.clientId, p("clientId")),
                some ? inJsonList(weeklyMetrics.weekStart, "weeks") : undefined,
              ),
            )
            .groupBy(clientChannels.channelId, weeklyMetrics.weekStart),
        )
        .prepare(),
    ),
  };
}

const refreshSomeWeeks = totalsRefresh(true);
const refreshAllWeeks = totalsRefresh(false);

/** Recomputes a client's weekly totals from weekly_metrics, for the given weeks or all. */
export function refreshTotals(db: OrgSql, clientId: string, scope: TotalsScope): void {
  const some = scope !== "all";
  const refresh = some ? refreshSomeWeeks : refreshAllWeeks;
  const values = { clientId, weeks: JSON.stringify(some ? [...scope] : []) };
  refresh.clear(db).run(values);
  refresh.sum(db).run(values);
}

/** Weekly rows with the names around them, for CSV export (one client, or the whole org). */
export function exportRows(
  db: OrgSql,
  from: string,
  to: string,
  clientId?: string,
  clientIds?: string[] | null,
): ExportRow[] {
  return upToClientChannel(
    db
      .select({
        client: clients.name,
        channel: channels.name,
        campaignGroup: campaignGroups.name,
        campaign: campaigns.name,
        campaignId: campaigns.id,
        weekStart: weeklyMetrics.weekStart,
        adSpendCents: weeklyMetrics.adSpendCents,
        salesCents: weeklyMetrics.salesCents,
        roasMilli: weeklyMetrics.roasMilli,
      })
      .from(weeklyMetrics)
      .$dynamic(),
  )
    .innerJoin(clients, eq(clients.id, clientChannels.clientId))
    .innerJoin(channels, eq(channels.id, clientChannels.channelId))
    .where(
      and(
        gte(weeklyMetrics.weekStart, from),
        lte(weeklyMetrics.weekStart, to),
        clientId ? eq(clients.id, clientId) : undefined,
        clientIds ? inArray(clients.id, clientIds) : undefined,
      ),
    )
    .orderBy(
      asc(clients.name),
      asc(channels.name),
      asc(campaignGroups.name),
      asc(campaigns.name),
      asc(weeklyMetrics.weekStart),
    )
    .all();
}
