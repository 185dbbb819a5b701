/**
 * Org plane: one SQLite database per organization, inside that org's OrgHub Durable Object.
 * Money is integer cents and ROAS integer thousandths (ADR 003); ROAS is a generated column,
 * so it can never disagree with the spend and sales it is derived from.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ALERT_KINDS, ALERT_STATUSES } from "../../core/alerts";
import { NUMBER_FORMATS } from "../../core/decimal";
import { CURRENCIES } from "../../core/money";
import { ANNOTATION_ENTITIES } from "../../core/protocol";
import { createdAt, id, timestamp, version } from "../columns";

const updatedAt = () => timestamp("updated_at");
const isActive = () => integer("is_active", { mode: "boolean" }).notNull().default(true);

/** The org's copy of the shared channel lookup, refreshed at provisioning. */
export const channels = sqliteTable("channels", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  iconUrl: text("icon_url"),
});

export const clients = sqliteTable(
  "clients",
  {
    id: id(),
    name: text("name").notNull(),
    isActive: isActive(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index("clients_active_name_idx").on(t.isActive, t.name)],
);

export const clientChannels = sqliteTable(
  "client_channels",
  {
    id: id(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    isActive: isActive(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex("client_channels_client_channel_idx").on(t.clientId, t.channelId)],
);

export const campaignGroups = sqliteTable(
  "campaign_groups",
  {
    id: id(),
    clientChannelId: text("client_channel_id")
      .notNull()
      .references(() => clientChannels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    weeklyBudgetCents: integer("weekly_budget_cents"),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index("campaign_groups_client_channel_idx").on(t.clientChannelId)],
);

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: id(),
    campaignGroupId: text("campaign_group_id")
      .notNull()
      .references(() => campaignGroups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Target ROAS in thousandths (3.5 → 3500). */
    targetRoasMilli: integer("target_roas_milli"),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index("campaigns_group_idx").on(t.campaignGroupId)],
);

export const weeklyMetrics = sqliteTable(
  "weekly_metrics",
  {
    id: id(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** ISO date (YYYY-MM-DD) of the Monday the week starts on. */
    weekStart: text("week_start").notNull(),
    adSpendCents: integer("ad_spend_cents").notNull(),
    salesCents: integer("sales_cents").notNull(),
    /** sales ÷ spend in thousandths, rounded half up; null when nothing was spent. */
    roasMilli: integer("roas_milli").generatedAlwaysAs(
      sql`case when ad_spend_cents > 0 then (sales_cents * 1000 + ad_spend_cents / 2) / ad_spend_cents end`,
      { mode: "virtual" },
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    // Serves "this campaign, these weeks" (the grid) and keeps one row per campaign and week.
    uniqueIndex("weekly_metrics_campaign_week_idx").on(t.campaignId, t.weekStart),
    // Serves org-wide "these weeks" (the dashboard).
    index("weekly_metrics_week_idx").on(t.weekStart),
  ],
);

/**
 * A note on one week of a campaign, a group, a POC (client channel) or a client ("raised bids
 * 20%"), shown on charts and in the grid. `client_id` is its client's, for reading a client's
 * notes at once and for filtering who may see them.
 */
export const annotations = sqliteTable(
  "annotations",
  {
    id: id(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    entity: text("entity", { enum: ANNOTATION_ENTITIES }).notNull(),
    entityId: text("entity_id").notNull(),
    weekStart: text("week_start").notNull(),
    text: text("text").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("annotations_client_week_idx").on(t.clientId, t.weekStart)],
);

/** A client channel's POC success criteria (ADR 018): one row once an editor sets them. */
export const pocCriteria = sqliteTable("poc_criteria", {
  clientChannelId: text("client_channel_id")
    .primaryKey()
    .references(() => clientChannels.id, { onDelete: "cascade" }),
  startWeek: text("start_week").notNull(),
  minWeeks: integer("min_weeks").notNull(),
  maxWeeks: integer("max_weeks").notNull(),
  minSpendCents: integer("min_spend_cents").notNull(),
  /** Null: the spend-weighted target of the POC's campaigns. */
  targetRoasMilli: integer("target_roas_milli"),
  weeklyBudgetCents: integer("weekly_budget_cents"),
  updatedAt: updatedAt(),
  version: version(),
});

/**
 * Every committed change, in commit order. `seq` is the org's change counter that sockets
 * resync from; the log keeps the latest EVENT_LOG_KEEP events.
 */
export const events = sqliteTable("events", {
  seq: integer("seq").primaryKey(),
  type: text("type").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id").notNull(),
  /** The client the change belongs to, for filtering sockets by what they may see. */
  clientId: text("client_id"),
  data: text("data", { mode: "json" }).notNull(),
  version: integer("version").notNull(),
  actor: text("actor").notNull(),
  at: integer("at").notNull(),
});

/**
 * Idempotency keys of committed batches (ADR 013): who sent the key, a hash of what it carried,
 * and the answer it got, so a retry is answered the same and a reused key is refused.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    key: text("key").primaryKey(),
    actor: text("actor").notNull(),
    /** SHA-256 of the batch's mutations as parsed, hex. */
    payloadHash: text("payload_hash").notNull(),
    /** The committed events, as the first answer carried them (JSON). */
    events: text("events").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("idempotency_keys_at_idx").on(t.at)],
);

/**
 * Who changed what, with the row before and after: kept for people (the audit page, a cell's
 * history), never trimmed, written in the same transaction as the change (party/commit.ts).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey(),
    at: integer("at").notNull(),
    /** A user id, or `token:<id>` for an API token. */
    actor: text("actor").notNull(),
    /** The actor's name or email (a token's name) when the change was made. */
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    /** The client the change belongs to: what a member limited to clients may read. */
    clientId: text("client_id"),
    /** `<campaignId>:<weekStart>` for a week's numbers: a cell's history survives clearing it. */
    cellKey: text("cell_key"),
    /** The CSV import the change came from, so the import can be undone as one change. */
    importId: text("import_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    /** Where the change came from (Cloudflare's country code, the browser's user agent). */
    country: text("country"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_client_at_idx").on(t.clientId, t.at),
    index("audit_log_cell_idx").on(t.cellKey),
    index("audit_log_import_idx").on(t.importId),
  ],
);

/** A CSV import (one file, sent in chunks): what it changed is in the audit log under its id. */
export const imports = sqliteTable("imports", {
  id: text("id").primaryKey(),
  clientId: text("client_id"),
  actor: text("actor").notNull(),
  actorLabel: text("actor_label"),
  at: integer("at").notNull(),
  /** Rows the import created or changed (unchanged rows are not counted). */
  changed: integer("changed").notNull().default(0),
  undoneAt: integer("undone_at"),
  undoneBy: text("undone_by"),
});

/**
 * Alerts (issue 16): one row per condition (`key`, e.g. `roas_below_target:<campaignId>`), opened
 * when it starts to hold and resolved when it clears, so the same condition never alerts twice.
 */
export const alerts = sqliteTable(
  "alerts",
  {
    id: id(),
    key: text("key").notNull().unique(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    status: text("status", { enum: ALERT_STATUSES }).notNull(),
    clientId: text("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    clientChannelId: text("client_channel_id").references(() => clientChannels.id, { onDelete: "cascade" }),
    campaignGroupId: text("campaign_group_id").references(() => campaignGroups.id, { onDelete: "cascade" }),
    campaignId: text("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    /** The week the condition has held since (its first week). */
    since: text("since").notNull(),
    message: text("message").notNull(),
    openedAt: integer("opened_at").notNull(),
    resolvedAt: integer("resolved_at"),
    mutedUntil: integer("muted_until"),
    /** When its "at once" mail went out (null: not yet; the hourly run sends what a commit's did not). */
    notifiedAt: integer("notified_at"),
  },
  (t) => [index("alerts_status_idx").on(t.status, t.clientId)],
);

/**
 * How the org writes amounts (a copy of its control-plane settings, kept by the Worker), for the
 * text the object writes itself: alert messages. One row; absent: the defaults.
 */
export const orgDisplay = sqliteTable("org_display", {
  id: integer("id").primaryKey(),
  numberFormat: text("number_format", { enum: NUMBER_FORMATS }).notNull(),
  currency: text("currency", { enum: CURRENCIES }).notNull(),
});

/** The org's alert rules as its admins set them (one row; absent: core/alerts.ts ALERT_DEFAULTS). */
export const alertRules = sqliteTable("alert_rules", {
  id: integer("id").primaryKey(),
  rules: text("rules", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Weekly totals per client and channel, kept in step with weekly_metrics inside every commit
 * (OrgHub.commit → refreshTotals), so the dashboard reads a few rows per client instead of
 * summing every campaign's weeks on each view.
 */
export const clientWeekTotals = sqliteTable(
  "client_week_totals",
  {
    clientId: text("client_id").notNull(),
    channelId: text("channel_id").notNull(),
    weekStart: text("week_start").notNull(),
    adSpendCents: integer("ad_spend_cents").notNull(),
    salesCents: integer("sales_cents").notNull(),
    /** Σ(target × spend) over campaigns with a target, and the spend that covers. */
    targetWeighted: integer("target_weighted").notNull(),
    targetSpendCents: integer("target_spend_cents").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.channelId, t.weekStart] }),
    // Covering indexes for the dashboard's two reads, answered from the index alone: the whole
    // org's week (its header) and one page of clients' weeks (its rows).
    index("client_week_totals_week_idx").on(
      t.weekStart,
      t.channelId,
      t.adSpendCents,
      t.salesCents,
      t.targetWeighted,
      t.targetSpendCents,
    ),
    index("client_week_totals_client_week_idx").on(
      t.clientId,
      t.weekStart,
      t.channelId,
      t.adSpendCents,
      t.salesCents,
      t.targetWeighted,
      t.targetSpendCents,
    ),
  ],
);
