/**
 * The external API's shapes. Handlers validate with these and the OpenAPI document is generated
 * from them. Money is a decimal number here (1234.56); inside it is integer cents (ADR 003).
 */
import { ALERT_KINDS, ALERT_STATUSES } from "../../../core/alerts";
import { z } from "@hono/zod-openapi";
import { nameField } from "../../../core/fields";
import { LIMITS } from "../../../core/limits";
import { amountNumberToCents, centsToNumber } from "../../../core/money";
import { milliToNumber, roasNumberToMilli } from "../../../core/roas";
import { POC_DEFAULTS, VERDICTS } from "../../../core/poc";
import { isWeekStart } from "../../../core/weeks";

const id = z.string().min(1).max(64).openapi({ example: "5f0c3c0e-7d7c-4b8a-9d55-6a3b0f2a1c11" });

/**
 * A non-negative amount with at most two decimals, up to a documented maximum (ADR 012), turned
 * into cents by the one parser (core/money.ts), never by multiplying a float.
 */
const moneyUpTo = (maxCents: number) =>
  z
    .number({ error: "Must be a number" })
    .min(0, "Must not be negative")
    .max(centsToNumber(maxCents), `At most ${centsToNumber(maxCents)}`)
    // The maximum has its own message above; here only the digits are judged.
    .refine((value) => amountNumberToCents(value, Number.MAX_SAFE_INTEGER).ok, "At most 2 decimals")
    .openapi({ example: 1234.56, maximum: centsToNumber(maxCents) });

export const spend = moneyUpTo(LIMITS.spendCents);
const minSpend = moneyUpTo(LIMITS.pocMinSpendCents);
export const sales = moneyUpTo(LIMITS.salesCents);
export const budget = moneyUpTo(LIMITS.budgetCents);

const roas = z
  .number({ error: "Must be a number" })
  .min(0, "Must not be negative")
  .max(milliToNumber(LIMITS.targetRoasMilli), `At most ${milliToNumber(LIMITS.targetRoasMilli)}`)
  .refine((value) => roasNumberToMilli(value, Number.MAX_SAFE_INTEGER).ok, "At most 3 decimals")
  .openapi({ example: 3.5, maximum: milliToNumber(LIMITS.targetRoasMilli) });

export const weekStartParam = z
  .string()
  .refine(isWeekStart, "A week starts on a Monday: use that Monday's date, YYYY-MM-DD")
  .openapi({ param: { name: "weekStart", in: "path" }, example: "2026-11-16" });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid" }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      current: z.unknown().optional().openapi({ description: "On 409: the row as it is now" }),
    }),
  })
  .openapi("Error");

export const OrgSchema = z.object({ id, slug: z.string(), name: z.string() }).openapi("Organization");
export const ChannelSchema = z.object({ id, slug: z.string(), name: z.string() }).openapi("Channel");
export const ClientSchema = z.object({ id, name: z.string(), isActive: z.boolean() }).openapi("Client");
export const ClientChannelSchema = z
  .object({ id, clientId: id, channel: z.object({ slug: z.string(), name: z.string() }), isActive: z.boolean() })
  .openapi("ClientChannel");
export const CampaignGroupSchema = z
  .object({ id, name: z.string(), weeklyBudget: budget.nullable() })
  .openapi("CampaignGroup");
export const CampaignSchema = z.object({ id, name: z.string(), targetRoas: roas.nullable() }).openapi("Campaign");
export const MetricSchema = z
  .object({
    weekStart: z.string().openapi({ example: "2026-11-16" }),
    adSpend: spend,
    sales,
    roas: z.number().nullable().openapi({ description: "sales ÷ spend; null when nothing was spent" }),
    version: z.number().int().openapi({ description: "Send it back on PUT to detect concurrent edits" }),
  })
  .openapi("WeeklyMetric");

const name = nameField({ max: 120 });

export const ClientCreate = z.object({ name }).openapi("ClientCreate");
export const ClientPatch = z.object({ name: name.optional(), isActive: z.boolean().optional() }).openapi("ClientPatch");
export const ClientChannelCreate = z
  .object({ channelSlug: z.string().min(1).max(40).openapi({ example: "google-ads" }) })
  .openapi("ClientChannelCreate");
export const CampaignGroupCreate = z
  .object({ name, weeklyBudget: budget.nullable().optional() })
  .openapi("CampaignGroupCreate");
export const CampaignCreate = z.object({ name, targetRoas: roas.nullable().optional() }).openapi("CampaignCreate");
export const MetricPut = z
  .object({
    adSpend: spend,
    sales,
    version: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: "The version you last read; omit to write over whatever is there" }),
  })
  .openapi("WeeklyMetricPut");

export const IdParam = z.object({ id: id.openapi({ param: { name: "id", in: "path" } }) });
export const MetricRange = z.object({
  from: z
    .string()
    .refine(isWeekStart, "Use a Monday, YYYY-MM-DD")
    .optional()
    .openapi({ param: { name: "from", in: "query" }, example: "2026-09-28" }),
  to: z
    .string()
    .refine(isWeekStart, "Use a Monday, YYYY-MM-DD")
    .optional()
    .openapi({ param: { name: "to", in: "query" }, example: "2026-11-16" }),
});
export const DeleteQuery = z.object({
  confirm: z
    .enum(["true", "false"])
    .optional()
    .openapi({
      param: { name: "confirm", in: "query" },
      description: "Needed when weekly numbers would be deleted too",
    }),
});

export const EventsQuery = z.object({
  since: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .openapi({
      param: { name: "since", in: "query" },
      description: "The last seq the caller applied; 0 replays the whole log",
      example: "1042",
    }),
  access_token: z
    .string()
    .optional()
    .openapi({
      param: { name: "access_token", in: "query" },
      description: "The API token, for WebSocket clients that cannot send Authorization",
    }),
});

// ── POCs (ADR 018) ────────────────────────────────────────────────────────────────────────────

const week = z
  .string()
  .refine(isWeekStart, "A week starts on a Monday: use that Monday's date, YYYY-MM-DD")
  .openapi({ example: "2026-09-07" });
const pocWeeks = z.number().int().min(1).max(LIMITS.pocMaxWeeks);
const verdict = z.enum(VERDICTS).openapi({ description: "too_early, graduate, extend or stop (ADR 018)" });

export const WeekQuery = z.object({
  week: week.optional().openapi({
    param: { name: "week", in: "query" },
    description: "The week to judge as of (a Monday); the last full week when absent",
  }),
});

export const PocCriteriaSchema = z
  .object({
    startWeek: z.string(),
    minWeeks: z.number().int(),
    maxWeeks: z.number().int(),
    minSpend: z.number(),
    targetRoas: roas.nullable().openapi({
      description: "The criteria's target, or else its campaigns' spend-weighted target; null when neither exists",
    }),
    weeklyBudget: budget.nullable(),
  })
  .openapi("PocCriteria");

export const PocSchema = z
  .object({
    criteria: PocCriteriaSchema,
    verdict,
    reason: z
      .string()
      .openapi({ example: "ROAS 3.40× vs 3.00× target over 6 weeks; spend $42,100 ≥ $30,000; 90% band 3.10–3.70×." }),
    weeks: z
      .number()
      .int()
      .openapi({ description: "Weeks from the start week to the week asked about, at most maxWeeks" }),
    spend: z.number(),
    sales: z.number(),
    roas: z.number().nullable(),
    roasLow: z.number().nullable().openapi({ description: "The 90% band's low end; null under two weeks of numbers" }),
    roasHigh: z.number().nullable(),
  })
  .openapi("Poc");

export const PocPut = z
  .object({
    startWeek: week,
    minWeeks: pocWeeks.optional().openapi({ example: 4 }),
    maxWeeks: pocWeeks.optional().openapi({ example: 12 }),
    minSpend: minSpend.optional(),
    targetRoas: roas.nullable().optional(),
    weeklyBudget: budget.nullable().optional(),
  })
  .refine((poc) => (poc.maxWeeks ?? POC_DEFAULTS.maxWeeks) >= (poc.minWeeks ?? POC_DEFAULTS.minWeeks), {
    path: ["maxWeeks"],
    message: "The maximum weeks must be at least the minimum weeks",
  })
  .openapi("PocPut");

export const PortfolioRowSchema = z
  .object({
    clientId: id,
    clientName: z.string(),
    clientChannelId: id,
    channel: z.object({ slug: z.string(), name: z.string() }),
    verdict,
    roas: z.number().nullable(),
    targetRoas: z.number().nullable(),
    spend: z.number(),
  })
  .openapi("PortfolioRow");

const AuditActorSchema = z
  .object({
    kind: z.enum(["user", "token", "platform"]),
    id: z.string().nullable(),
    label: z.string().openapi({ example: "Ana Lima" }),
  })
  .openapi("AuditActor");

export const CellVersionSchema = z
  .object({
    version: z.number().int().openapi({ description: "The week's version after the change" }),
    adSpend: z.number().nullable().openapi({ description: "null when the change cleared the week" }),
    sales: z.number().nullable(),
    roas: z.number().nullable(),
    at: z.string().openapi({ example: "2026-11-23T09:15:00.000Z" }),
    actor: AuditActorSchema,
  })
  .openapi("CellVersion");

export const AuditQuery = z.object({
  from: z
    .string()
    .optional()
    .openapi({ description: "A day (YYYY-MM-DD) or an instant; entries at or after it", example: "2026-11-01" }),
  to: z.string().optional().openapi({ description: "A day (inclusive) or an instant", example: "2026-11-30" }),
  entity: z.string().optional().openapi({ description: "metric, campaign, member, token, invitation, org…" }),
  clientId: z.string().optional(),
  cursor: z.string().optional().openapi({ description: "nextCursor of the previous page" }),
});

export const AuditPageSchema = z
  .object({
    entries: z
      .object({
        at: z.string(),
        actor: AuditActorSchema,
        action: z.string().openapi({ example: "metric.saved" }),
        entity: z.string().openapi({ example: "metric" }),
        entityId: z.string().nullable(),
        clientId: z.string().nullable(),
        before: z.unknown(),
        after: z.unknown(),
      })
      .array(),
    nextCursor: z.string().nullable(),
  })
  .openapi("AuditPage");

export const AlertsQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional().openapi({ description: "open (the default), resolved or muted" }),
});

export const AlertSchema = z
  .object({
    id,
    kind: z.enum(ALERT_KINDS),
    status: z.enum(ALERT_STATUSES),
    clientId: z.string(),
    clientChannelId: z.string().nullable(),
    campaignGroupId: z.string().nullable(),
    campaignId: z.string().nullable(),
    since: z.string().openapi({ description: "The first week the condition held (its Monday)", example: "2026-11-09" }),
    message: z.string(),
  })
  .openapi("Alert");
