/**
 * Applies one parsed mutation inside the object's transaction and says what changed. Throws a
 * MutationError to refuse it; the caller's transaction then rolls the whole batch back.
 */
import type { MutationErrorCode } from "../../core/failures";
import { type AnyColumn, and, eq, sql } from "drizzle-orm";
import type { ParsedMutation } from "../../core/mutations";
import type { AnnotationEntity, ConflictRow, MetricRow, OrgEvent } from "../../core/protocol";
import { LIMITS } from "../../core/limits";
import { newId } from "../columns";
import type { OrgSql } from "./database";
import { p, preparedQuery } from "../prepared";
import {
  campaignColumns,
  campaignGroupColumns,
  channelExists,
  clientChannelColumns,
  clientColumns,
  getCampaign,
  getCampaignGroup,
  getClient,
  getClientChannel,
  clientIdOf,
  countCampaigns,
  countMetricsUnder,
  annotationColumns,
  getAnnotation,
  getMetric,
  getPocCriteria,
  metricColumns,
  pocCriteriaColumns,
} from "./queries";
import { annotations, campaignGroups, campaigns, clientChannels, clients, pocCriteria, weeklyMetrics } from "./schema";

export class MutationError extends Error {
  constructor(
    readonly code: MutationErrorCode,
    message: string,
    /** The row as it stands now, for conflicts: the editor shows both values. */
    readonly current?: ConflictRow,
  ) {
    super(message);
  }
}

/** An event before it has a seq, plus what the audit log keeps of it. */
export type Change = Omit<OrgEvent, "seq" | "actor" | "at"> & { clientId: string; before: unknown };

/** The client a noted entity belongs to; a note on something that is not there is refused. */
function clientOf(db: OrgSql, entity: AnnotationEntity, id: string): string {
  const clientId = clientIdOf(db, entity, id);
  if (clientId === undefined) throw new MutationError("not_found", `${ENTITY_WORDS[entity]} not found`);
  return clientId;
}

const ENTITY_WORDS = {
  client: "Client",
  clientChannel: "Client channel",
  campaignGroup: "Campaign group",
  campaign: "Campaign",
} as const satisfies Record<AnnotationEntity, string>;

/**
 * The client a mutation changes, and the word for what it names, read before it is applied so
 * that a scope limited to clients is judged before anything of another client is read or
 * compared (a conflict would show its numbers). `clientId` is undefined when the thing named is
 * not there (the mutation then fails on its own) and null for creating a client.
 */
export function clientOfMutation(db: OrgSql, m: ParsedMutation): { clientId: string | null | undefined; what: string } {
  const of = (entity: AnnotationEntity, id: string) => ({
    clientId: clientIdOf(db, entity, id),
    what: ENTITY_WORDS[entity],
  });
  switch (m.kind) {
    case "client.create":
      return { clientId: null, what: "Client" };
    case "client.update":
    case "client.delete":
      return of("client", m.id);
    case "clientChannel.create":
      return of("client", m.clientId);
    case "clientChannel.update":
      return of("clientChannel", m.id);
    case "campaignGroup.create":
      return of("clientChannel", m.clientChannelId);
    case "poc.set":
      return of("clientChannel", m.clientChannelId);
    case "campaignGroup.update":
    case "campaignGroup.delete":
      return of("campaignGroup", m.id);
    case "campaign.create":
      return of("campaignGroup", m.campaignGroupId);
    case "campaign.update":
    case "campaign.delete":
      return of("campaign", m.id);
    case "metric.save":
    case "metric.delete":
      return of("campaign", m.campaignId);
    case "annotation.create":
      return of(m.entity, m.entityId);
    case "annotation.delete":
      return { clientId: getAnnotation(db, m.id)?.clientId, what: "Note" };
  }
}

function must<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new MutationError("not_found", `${what} not found`);
  return row;
}

/** The row as the editor saw it, or a conflict carrying the row as it is now. */
function mustBeCurrent<T extends ConflictRow>(row: T | undefined, version: number, what: string): T {
  const current = must(row, what);
  if (current.version !== version)
    throw new MutationError("conflict", `Someone changed this ${what.toLowerCase()} meanwhile`, current);
  return current;
}

const bump = (table: { version: AnyColumn }) => sql`${table.version} + 1`;
const archivedAt = (archived: boolean | undefined, current: boolean, now: Date) =>
  archived === undefined ? undefined : archived ? (current ? undefined : now) : null;

/** `actorId` is who makes the change (a note keeps its author). */
export function applyMutation(db: OrgSql, m: ParsedMutation, now: Date, actorId: string): Change {
  switch (m.kind) {
    case "client.create": {
      const row = db
        .insert(clients)
        .values({ id: m.id ?? newId(), name: m.name, createdAt: now })
        .returning(clientColumns)
        .get();
      return {
        type: "client.created",
        entity: "client",
        id: row.id,
        data: row,
        version: row.version,
        clientId: row.id,
        before: null,
      };
    }
    case "client.update": {
      const before = mustBeCurrent(getClient(db, m.id), m.version, "Client");
      const row = db
        .update(clients)
        .set({
          name: m.name ?? before.name,
          isActive: m.isActive ?? before.isActive,
          updatedAt: now,
          version: bump(clients),
        })
        .where(eq(clients.id, m.id))
        .returning(clientColumns)
        .get();
      return {
        type: "client.updated",
        entity: "client",
        id: row.id,
        data: row,
        version: row.version,
        clientId: row.id,
        before,
      };
    }
    case "clientChannel.create": {
      must(getClient(db, m.clientId), "Client");
      if (!channelExists(db, m.channelId)) throw new MutationError("not_found", "Channel not found");
      const existing = db
        .select({ id: clientChannels.id })
        .from(clientChannels)
        .where(and(eq(clientChannels.clientId, m.clientId), eq(clientChannels.channelId, m.channelId)))
        .get();
      if (existing) throw new MutationError("duplicate", "This channel is already enabled for the client");
      const row = db
        .insert(clientChannels)
        .values({ id: m.id ?? newId(), clientId: m.clientId, channelId: m.channelId, createdAt: now })
        .returning(clientChannelColumns)
        .get();
      return {
        type: "clientChannel.created",
        entity: "clientChannel",
        id: row.id,
        data: row,
        version: row.version,
        clientId: row.clientId,
        before: null,
      };
    }
    case "clientChannel.update": {
      const before = mustBeCurrent(getClientChannel(db, m.id), m.version, "Channel");
      const row = db
        .update(clientChannels)
        .set({ isActive: m.isActive, updatedAt: now, version: bump(clientChannels) })
        .where(eq(clientChannels.id, m.id))
        .returning(clientChannelColumns)
        .get();
      return {
        type: "clientChannel.updated",
        entity: "clientChannel",
        id: row.id,
        data: row,
        version: row.version,
        clientId: row.clientId,
        before,
      };
    }
    case "campaignGroup.create": {
      const parent = must(getClientChannel(db, m.clientChannelId), "Client channel");
      const row = db
        .insert(campaignGroups)
        .values({
          id: m.id ?? newId(),
          clientChannelId: parent.id,
          name: m.name,
          weeklyBudgetCents: m.weeklyBudgetCents,
          createdAt: now,
        })
        .returning(campaignGroupColumns)
        .get();
      return {
        type: "campaignGroup.created",
        entity: "campaignGroup",
        id: row.id,
        data: row,
        version: row.version,
        clientId: parent.clientId,
        before: null,
      };
    }
    case "campaignGroup.update": {
      const { clientId, ...before } = mustBeCurrent(getCampaignGroup(db, m.id), m.version, "Campaign group");
      const row = db
        .update(campaignGroups)
        .set({
          name: m.name,
          weeklyBudgetCents: m.weeklyBudgetCents,
          archivedAt: archivedAt(m.archived, before.archived, now),
          updatedAt: now,
          version: bump(campaignGroups),
        })
        .where(eq(campaignGroups.id, m.id))
        .returning(campaignGroupColumns)
        .get();
      return {
        type: "campaignGroup.updated",
        entity: "campaignGroup",
        id: row.id,
        data: row,
        version: row.version,
        clientId,
        before,
      };
    }
    case "campaign.create": {
      const parent = must(getCampaignGroup(db, m.campaignGroupId), "Campaign group");
      if (countCampaigns(db) >= LIMITS.campaignsPerOrg) {
        throw new MutationError(
          "limit",
          `An organization holds at most ${LIMITS.campaignsPerOrg.toLocaleString("en-US")} campaigns; ` +
            "delete unused ones first",
        );
      }
      const row = db
        .insert(campaigns)
        .values({
          id: m.id ?? newId(),
          campaignGroupId: parent.id,
          name: m.name,
          targetRoasMilli: m.targetRoasMilli,
          createdAt: now,
        })
        .returning(campaignColumns)
        .get();
      return {
        type: "campaign.created",
        entity: "campaign",
        id: row.id,
        data: row,
        version: row.version,
        clientId: parent.clientId,
        before: null,
      };
    }
    case "campaign.update": {
      const { clientId, ...before } = mustBeCurrent(getCampaign(db, m.id), m.version, "Campaign");
      const row = db
        .update(campaigns)
        .set({
          name: m.name,
          targetRoasMilli: m.targetRoasMilli,
          archivedAt: archivedAt(m.archived, before.archived, now),
          updatedAt: now,
          version: bump(campaigns),
        })
        .where(eq(campaigns.id, m.id))
        .returning(campaignColumns)
        .get();
      return {
        type: "campaign.updated",
        entity: "campaign",
        id: row.id,
        data: row,
        version: row.version,
        clientId,
        before,
      };
    }
    case "client.delete":
    case "campaignGroup.delete":
    case "campaign.delete":
      return deleteRow(db, m);
    case "metric.save": {
      const campaign = must(getCampaign(db, m.campaignId), "Campaign");
      const before = getMetric(db, m.campaignId, m.weekStart) ?? null;
      if (before && !m.overwrite && before.version !== m.version) {
        throw new MutationError("conflict", "Someone changed this week's numbers meanwhile", before);
      }
      const row = before ? updateMetric(db, before.id, m, now) : insertMetric(db, m, now);
      return {
        type: "metric.saved",
        entity: "metric",
        id: row.id,
        data: row,
        version: row.version,
        clientId: campaign.clientId,
        before,
      };
    }
    case "poc.set": {
      const channel = must(getClientChannel(db, m.clientChannelId), "Client channel");
      const before = getPocCriteria(db, m.clientChannelId) ?? null;
      if (before && !m.overwrite && before.version !== m.version) {
        throw new MutationError("conflict", "Someone changed this POC's criteria meanwhile", before);
      }
      const { kind: _kind, version: _version, overwrite: _overwrite, clientChannelId, ...values } = m;
      const row = before
        ? db
            .update(pocCriteria)
            .set({ ...values, updatedAt: now, version: bump(pocCriteria) })
            .where(eq(pocCriteria.clientChannelId, clientChannelId))
            .returning(pocCriteriaColumns)
            .get()
        : db
            .insert(pocCriteria)
            .values({ clientChannelId, ...values, updatedAt: now })
            .returning(pocCriteriaColumns)
            .get();
      return {
        type: "poc.saved",
        entity: "poc",
        id: clientChannelId,
        data: row,
        version: row.version,
        clientId: channel.clientId,
        before,
      };
    }
    case "annotation.create": {
      const clientId = clientOf(db, m.entity, m.entityId);
      const row = db
        .insert(annotations)
        .values({
          id: m.id ?? newId(),
          clientId,
          entity: m.entity,
          entityId: m.entityId,
          weekStart: m.weekStart,
          text: m.text,
          createdBy: actorId,
          createdAt: now,
        })
        .returning(annotationColumns)
        .get();
      return {
        type: "annotation.created",
        entity: "annotation",
        id: row.id,
        data: row,
        version: 1,
        clientId,
        before: null,
      };
    }
    case "annotation.delete": {
      const row = mustBeCurrent(getAnnotation(db, m.id), m.version, "Note");
      db.delete(annotations).where(eq(annotations.id, row.id)).run();
      return {
        type: "annotation.deleted",
        entity: "annotation",
        id: row.id,
        data: row,
        version: row.version,
        clientId: row.clientId,
        before: row,
      };
    }
    case "metric.delete": {
      const campaign = must(getCampaign(db, m.campaignId), "Campaign");
      const row = mustBeCurrent(getMetric(db, m.campaignId, m.weekStart), m.version, "Week");
      db.delete(weeklyMetrics).where(eq(weeklyMetrics.id, row.id)).run();
      return {
        type: "metric.deleted",
        entity: "metric",
        id: row.id,
        data: row,
        version: row.version,
        clientId: campaign.clientId,
        before: row,
      };
    }
  }
}

type MetricSave = Extract<ParsedMutation, { kind: "metric.save" }>;

// The writes every grid edit makes, prepared (db/prepared.ts).
const metricUpdateQuery = preparedQuery((db: OrgSql) =>
  db
    .update(weeklyMetrics)
    .set({
      adSpendCents: sql`${p("adSpendCents")}`,
      salesCents: sql`${p("salesCents")}`,
      updatedAt: sql`${p("at")}`,
      version: bump(weeklyMetrics),
    })
    .where(eq(weeklyMetrics.id, p("id")))
    .returning(metricColumns)
    .prepare(),
);

function updateMetric(db: OrgSql, id: string, m: MetricSave, now: Date): MetricRow {
  return metricUpdateQuery(db).get({ id, adSpendCents: m.adSpendCents, salesCents: m.salesCents, at: now.getTime() })!;
}

const metricInsertQuery = preparedQuery((db: OrgSql) =>
  db
    .insert(weeklyMetrics)
    .values({
      id: p("id"),
      campaignId: p("campaignId"),
      weekStart: p("weekStart"),
      adSpendCents: p("adSpendCents"),
      salesCents: p("salesCents"),
      createdAt: p("at"),
    })
    .returning(metricColumns)
    .prepare(),
);

/** A prepared insert runs no `$defaultFn` (it would run once, when built): the id is made here. */
function insertMetric(db: OrgSql, m: MetricSave, now: Date): MetricRow {
  return metricInsertQuery(db).get({
    id: newId(),
    campaignId: m.campaignId,
    weekStart: m.weekStart,
    adSpendCents: m.adSpendCents,
    salesCents: m.salesCents,
    at: now,
  })!;
}

const DELETABLE = {
  "client.delete": { table: clients, label: "Client", find: getClient },
  "campaignGroup.delete": { table: campaignGroups, label: "Campaign group", find: getCampaignGroup },
  "campaign.delete": { table: campaigns, label: "Campaign", find: getCampaign },
} as const;

/** Deletes a row and everything below it (ON DELETE CASCADE); the audit row keeps what it was. */
function deleteRow(db: OrgSql, m: Extract<ParsedMutation, { kind: keyof typeof DELETABLE }>): Change {
  const { table, label, find } = DELETABLE[m.kind];
  const found = find(db, m.id) as (ConflictRow & { clientId?: string }) | undefined;
  const current = mustBeCurrent(found, m.version, label);
  const entity = m.kind.replace(".delete", "") as "client" | "campaignGroup" | "campaign";
  const metrics = countMetricsUnder(db, entity, m.id);
  if (metrics > 0 && !m.confirm) {
    throw new MutationError(
      "needs_confirmation",
      `This deletes ${metrics} weeks of numbers. Confirm to delete them too.`,
    );
  }
  db.delete(table).where(eq(table.id, m.id)).run();
  const { clientId = m.id, ...row } = current;
  return {
    type: `${entity}.deleted`,
    entity,
    id: m.id,
    data: row,
    version: row.version,
    clientId,
    before: row,
  } as Change;
}
