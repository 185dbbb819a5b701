/**
 * Every change an org's data can undergo, as zod schemas. The OrgHub object parses each batch
 * with these (it is the trust boundary), and forms and the API build on the same field rules.
 */
import { z } from "zod";
import { cents, roasMilli, weekStart } from "../app/lib/fields";

const entityId = z.string().min(1).max(64);
const name = z.string().trim().min(1, "Enter a name").max(120, "At most 120 characters");
/** The version the editor last saw; a write naming an older one is a conflict. */
const expectedVersion = z.number().int().positive();

export const mutationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("client.create"), id: entityId.optional(), name }),
  z.object({
    kind: z.literal("client.update"),
    id: entityId,
    version: expectedVersion,
    name: name.optional(),
    isActive: z.boolean().optional(),
  }),
  z.object({ kind: z.literal("clientChannel.create"), id: entityId.optional(), clientId: entityId, channelId: entityId }),
  z.object({ kind: z.literal("clientChannel.update"), id: entityId, version: expectedVersion, isActive: z.boolean() }),
  z.object({
    kind: z.literal("campaignGroup.create"),
    id: entityId.optional(),
    clientChannelId: entityId,
    name,
    weeklyBudgetCents: cents.nullable().default(null),
  }),
  z.object({
    kind: z.literal("campaignGroup.update"),
    id: entityId,
    version: expectedVersion,
    name: name.optional(),
    weeklyBudgetCents: cents.nullable().optional(),
    archived: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("campaign.create"),
    id: entityId.optional(),
    campaignGroupId: entityId,
    name,
    targetRoasMilli: roasMilli.nullable().default(null),
  }),
  z.object({
    kind: z.literal("campaign.update"),
    id: entityId,
    version: expectedVersion,
    name: name.optional(),
    targetRoasMilli: roasMilli.nullable().optional(),
    archived: z.boolean().optional(),
  }),
  /** Deleting what has weekly numbers needs `confirm: true`; the audit log keeps the row. */
  z.object({
    kind: z.enum(["client.delete", "campaignGroup.delete", "campaign.delete"]),
    id: entityId,
    version: expectedVersion,
    confirm: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal("metric.save"),
    campaignId: entityId,
    weekStart,
    adSpendCents: cents,
    salesCents: cents,
    /** Absent when the editor believes the cell is empty. */
    version: expectedVersion.optional(),
    /** Write over whatever is there, whatever its version (imports, scripts syncing from ad platforms). */
    overwrite: z.literal(true).optional(),
  }),
]);

export type Mutation = z.input<typeof mutationSchema>;
export type ParsedMutation = z.output<typeof mutationSchema>;

export const mutationBatchSchema = z.object({
  /** Client-chosen id: a retried batch with the same id is applied once. */
  mutationId: z.string().min(8).max(64).optional(),
  mutations: z.array(mutationSchema).min(1).max(5000),
});

export type MutationBatch = z.input<typeof mutationBatchSchema>;

/** Rows of a CSV import: written over what is there (no versions), unchanged rows skipped. */
export const importBatchSchema = z.object({
  rows: z
    .array(z.object({ campaignId: entityId, weekStart, adSpendCents: cents, salesCents: cents }))
    .min(1)
    .max(10_000),
});
export type ImportBatch = z.input<typeof importBatchSchema>;
