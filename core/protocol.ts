/**
 * The org socket's wire format, shared by the OrgHub object and every browser. Each committed
 * change becomes one event with the org's next `seq`; messages are parsed, never cast.
 */
// zod/mini: the browser parses every socket message too, and the full zod would triple its cost.
import * as z from "zod/mini";

const base = {
  seq: z.int().check(z.positive()),
  id: z.string(),
  version: z.int().check(z.positive()),
  actor: z.string(),
  at: z.int(),
};

export const clientRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  version: z.int(),
});

export const clientChannelRowSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  channelId: z.string(),
  isActive: z.boolean(),
  version: z.int(),
});

export const campaignGroupRowSchema = z.object({
  id: z.string(),
  clientChannelId: z.string(),
  name: z.string(),
  weeklyBudgetCents: z.nullable(z.int()),
  archived: z.boolean(),
  version: z.int(),
});

export const campaignRowSchema = z.object({
  id: z.string(),
  campaignGroupId: z.string(),
  name: z.string(),
  targetRoasMilli: z.nullable(z.int()),
  archived: z.boolean(),
  version: z.int(),
});

export const metricRowSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  weekStart: z.string(),
  adSpendCents: z.int(),
  salesCents: z.int(),
  roasMilli: z.nullable(z.int()),
  version: z.int(),
});

/** What a note on a week can be about. */
export const ANNOTATION_ENTITIES = ["client", "clientChannel", "campaignGroup", "campaign"] as const;
export type AnnotationEntity = (typeof ANNOTATION_ENTITIES)[number];

export const annotationRowSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  entity: z.enum(ANNOTATION_ENTITIES),
  entityId: z.string(),
  weekStart: z.string(),
  text: z.string(),
  createdBy: z.string(),
  version: z.int(),
});

export const pocCriteriaRowSchema = z.object({
  clientChannelId: z.string(),
  startWeek: z.string(),
  minWeeks: z.int(),
  maxWeeks: z.int(),
  minSpendCents: z.int(),
  targetRoasMilli: z.nullable(z.int()),
  weeklyBudgetCents: z.nullable(z.int()),
  version: z.int(),
});

export type ClientRow = z.infer<typeof clientRowSchema>;
export type ClientChannelRow = z.infer<typeof clientChannelRowSchema>;
export type CampaignGroupRow = z.infer<typeof campaignGroupRowSchema>;
export type CampaignRow = z.infer<typeof campaignRowSchema>;
export type MetricRow = z.infer<typeof metricRowSchema>;
export type PocCriteriaRow = z.infer<typeof pocCriteriaRowSchema>;
export type AnnotationRow = z.infer<typeof annotationRowSchema>;
// ── Read models: what the org object's reads return to pages and the API ─────────────────────

/** A client's channel with the channel's name and icon. */
export type GridChannel = ClientChannelRow & { channel: { slug: string; name: string; iconUrl: string | null } };

export type WeekTotals = {
  adSpendCents: number;
  salesCents: number;
  /**
   * The spend-weighted target ROAS (thousandths) of the campaigns that have one, or null. It is
   * divided out in SQL: the weighted sum it comes from exceeds JavaScript's exact integers.
   */
  targetMilli: number | null;
};

export type ClientWeekTotals = WeekTotals & { clientId: string; weekStart: string };

/** A row a stale write collided with: the editor shows it beside the user's own values. */
export type ConflictRow =
  | ClientRow
  | ClientChannelRow
  | CampaignGroupRow
  | CampaignRow
  | MetricRow
  | PocCriteriaRow
  | AnnotationRow;

const event = <T extends string, E extends string, D extends z.ZodMiniType>(type: T, entity: E, data: D) =>
  z.object({ ...base, type: z.literal(type), entity: z.literal(entity), data });

export const orgEventSchema = z.discriminatedUnion("type", [
  event("client.created", "client", clientRowSchema),
  event("client.updated", "client", clientRowSchema),
  event("client.deleted", "client", clientRowSchema),
  event("clientChannel.created", "clientChannel", clientChannelRowSchema),
  event("clientChannel.updated", "clientChannel", clientChannelRowSchema),
  event("campaignGroup.created", "campaignGroup", campaignGroupRowSchema),
  event("campaignGroup.updated", "campaignGroup", campaignGroupRowSchema),
  event("campaignGroup.deleted", "campaignGroup", campaignGroupRowSchema),
  event("campaign.created", "campaign", campaignRowSchema),
  event("campaign.updated", "campaign", campaignRowSchema),
  event("campaign.deleted", "campaign", campaignRowSchema),
  event("metric.saved", "metric", metricRowSchema),
  event("metric.deleted", "metric", metricRowSchema),
  event("poc.saved", "poc", pocCriteriaRowSchema),
  event("annotation.created", "annotation", annotationRowSchema),
  event("annotation.deleted", "annotation", annotationRowSchema),
]);

export type OrgEvent = z.infer<typeof orgEventSchema>;

export const viewerSchema = z.object({
  /** The socket's id: one person can have several tabs open. */
  id: z.string(),
  userId: z.string(),
  label: z.string(),
  /** The grid cell being edited (`<campaignId>:<week>`), if any. */
  cell: z.nullable(z.string()),
});
export type Viewer = z.infer<typeof viewerSchema>;

/** What the object sends down a socket. */
export const serverMessageSchema = z.discriminatedUnion("t", [
  /** Sent after connecting and after a replay: the client is up to date as of `seq`. */
  z.object({ t: z.literal("synced"), seq: z.int().check(z.nonnegative()) }),
  z.object({ t: z.literal("event"), event: orgEventSchema }),
  /** The gap since the client's last seq is older than the log keeps: reload the page data. */
  z.object({ t: z.literal("reload"), seq: z.int().check(z.nonnegative()) }),
  /** Who has a client's page open, and which cells they are editing. */
  z.object({ t: z.literal("presence"), clientId: z.string(), viewers: z.array(viewerSchema) }),
  /** Alerts this socket may see opened or resolved: how many are open now (the header's badge). */
  z.object({ t: z.literal("alerts"), open: z.int().check(z.nonnegative()) }),
]);

export type ServerMessage = z.infer<typeof serverMessageSchema>;

/**
 * Close codes the browser tells apart (4000–4999 are the application's; 1008 is the standard
 * "policy violation"): none of them is worth reconnecting after.
 */
export const SOCKET_CLOSE = { signedOut: 4401, removed: 4403, limited: 1008 } as const;

/** What a browser may send: where it is looking and which cell it is editing. */
export const clientMessageSchema = z.discriminatedUnion("t", [
  z.object({
    t: z.literal("presence"),
    clientId: z.nullable(z.string().check(z.maxLength(64))),
    cell: z.nullable(z.string().check(z.maxLength(140))),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** A JSON message checked against its schema, or null: never trusted as it came. */
function parseMessage<S extends z.ZodMiniType>(schema: S, raw: string): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseClientMessage(raw: unknown): ClientMessage | null {
  return typeof raw === "string" && raw.length <= 1000 ? parseMessage(clientMessageSchema, raw) : null;
}

export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

export function parseServerMessage(raw: string): ServerMessage | null {
  return parseMessage(serverMessageSchema, raw);
}
