/**
 * Control plane (D1, binding `DB`): who people are, how they signed in, which organizations
 * exist and who belongs to them. An org's own data lives in its OrgHub object (db/org/schema.ts).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ALERT_MAIL, SENT_MAIL_KINDS } from "../../core/alerts";
import { DEFAULT_NUMBER_FORMAT, NUMBER_FORMATS } from "../../core/decimal";
import { CURRENCIES, DEFAULT_CURRENCY } from "../../core/money";
import { type ClientGrants, ORG_ROLES, TOKEN_SCOPES } from "../../core/permissions";
import { createdAt, id, timestamp, version } from "../columns";

/** Client id → role: the clients a member, an invitee or a token is limited to (null: all of them). */
const clientGrants = () => text("clients", { mode: "json" }).$type<ClientGrants>();

export const ORG_STATES = ["provisioning", "ready", "failed"] as const;
export type OrgState = (typeof ORG_STATES)[number];

export const users = sqliteTable("users", {
  id: id(),
  /** Stored lower-cased; the sign-in form normalises before lookup. */
  email: text("email").notNull().unique(),
  name: text("name"),
  createdAt: createdAt(),
  lastSignInAt: timestamp("last_sign_in_at"),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie's secret, hex: a leaked table cannot be replayed as cookies. */
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginTokens = sqliteTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    /** Where to land after sign-in (a path inside the app, validated when issued). */
    redirectTo: text("redirect_to"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (t) => [index("login_tokens_email_idx").on(t.email, t.createdAt)],
);

export const organizations = sqliteTable("organizations", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** A Durable Object location hint (wnam, enam, weur, eeur, apac, oc, afr, me, sam). */
  regionHint: text("region_hint"),
  /** How the org's people write numbers (ADR 012): every amount they type is read in it. */
  numberFormat: text("number_format", { enum: NUMBER_FORMATS }).notNull().default(DEFAULT_NUMBER_FORMAT),
  /** The org's time zone (IANA name): when "Monday 08:00" and "Tuesday 12:00" are, for its alerts and summary. */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** The currency its amounts are shown in (a label only: nothing is converted). */
  currency: text("currency", { enum: CURRENCIES }).notNull().default(DEFAULT_CURRENCY),
  /** The agency's logo as a data URL (PNG, JPEG or WebP, at most LIMITS.logoBytes), shown to its clients. */
  logo: text("logo"),
  state: text("state", { enum: ORG_STATES }).notNull().default("provisioning"),
  stateReason: text("state_reason"),
  provisioningMs: integer("provisioning_ms"),
  createdAt: createdAt(),
  version: version(),
});

export const teamMembers = sqliteTable(
  "team_members",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** For a member limited to clients this is `viewer`, and `clients` holds the role on each. */
    role: text("role", { enum: ORG_ROLES }).notNull(),
    clients: clientGrants(),
    /** Alerts by email: each as it opens, a daily digest at 08:00 org time, or none. */
    alertMail: text("alert_mail", { enum: ALERT_MAIL }).notNull().default("daily"),
    /** The Monday summary at 08:00 org time. */
    summaryMail: integer("summary_mail", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ORG_ROLES }).notNull(),
    /** A client portal invitation (or any limited one): the clients the invitee will see. */
    clients: clientGrants(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    revokedAt: timestamp("revoked_at"),
    /** The invitee said no on /orgs; the admin sees it and may resend (which asks again). */
    declinedAt: timestamp("declined_at"),
  },
  (t) => [
    // At most one open invitation per person and org; accepted or revoked ones are history.
    uniqueIndex("invitations_open_idx").on(t.orgId, t.email).where(sql`accepted_at is null and revoked_at is null`),
    index("invitations_email_idx").on(t.email),
  ],
);

/** The shared lookup of ad channels (Google Ads, Meta Ads, …); each org mirrors it. */
export const channels = sqliteTable("channels", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  iconUrl: text("icon_url"),
  createdAt: createdAt(),
});

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: id(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    /** The clients the token is limited to, each at the token's scope (null: every client). */
    clients: text("clients", { mode: "json" }).$type<string[]>(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at"),
    lastUsedAt: timestamp("last_used_at"),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("api_tokens_org_idx").on(t.orgId)],
);

/**
 * The control plane's audit log: sign-ins, invitations and their answers, role and grant
 * changes, tokens, org settings. Written in the same D1 batch as the change it records. An org's
 * data changes are audited inside its object (db/org/schema.ts `audit_log`); the audit page
 * reads both.
 */
export const controlAudit = sqliteTable(
  "control_audit",
  {
    id: integer("id").primaryKey(),
    /** Null for what is not about one org (a sign-in). */
    orgId: text("org_id"),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ["user", "token", "platform"] }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    clientId: text("client_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    country: text("country"),
    userAgent: text("user_agent"),
  },
  (t) => [index("control_audit_org_at_idx").on(t.orgId, t.at), index("control_audit_actor_at_idx").on(t.actorId, t.at)],
);

/** Fixed-window counters for rate limits (sign-in requests, API calls). */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/**
 * Local development only: a copy of each outgoing mail, shown at /dev/mailbox. Written only when
 * the DEV_MAILBOX variable is set, which no deployed Worker has.
 */
/**
 * Every alert mail, digest and summary as it was sent, for admins to open. The unique key is the
 * idempotency of the scheduled runs: a mail for the same member, kind and period is sent once.
 */
export const sentMail = sqliteTable(
  "sent_mail",
  {
    id: integer("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    kind: text("kind", { enum: SENT_MAIL_KINDS }).notNull(),
    /** What the mail is for: an alert's id and opening, a day (digest), a week (summary). */
    period: text("period").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [
    uniqueIndex("sent_mail_once_idx").on(t.orgId, t.userId, t.kind, t.period),
    index("sent_mail_org_idx").on(t.orgId, t.sentAt),
  ],
);

export const devMailbox = sqliteTable("dev_mailbox", {
  id: integer("id").primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  sentAt: timestamp("sent_at").notNull(),
});
