/**
 * Every change an org's data can undergo, as zod schemas. The OrgHub object parses each batch
 * with these (it is the trust boundary), and forms and the API build on the same field rules.
 */
import { z } from "zod";
import {
  budgetCents,
  idempotencyKey,
  nameField,
  pocMinSpendCents,
  roasMilli,
  salesCents,
  spendCents,
  weekStart,
} from "./fields";
import { LIMITS } from "./limits";
import { ANNOTATION_ENTITIES } from "./protocol";

const entityId = z.string().min(1).max(64);
const name = nameField({ max: 120 });
/** The version the editor last saw; a write naming an older one is a conflict. */
const expectedVersion = z.number().int().positive();
const pocWeeks = z
  .number({ error: "Enter a whole number of weeks" })
  .int("Enter a whole number of weeks")
  .min(1, "At least 1 week")
  .max(LIMITS.pocMaxWeeks, `At most ${LIMITS.pocMaxWeeks} weeks`);

export const mutationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("client.create"), id: entityId.optional(), name }),
  z.object({
    kind: z.literal("client.update"),
    id: entityId,
    version: expectedVersion,
    name: name.optional(),
    isActive: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("clientChannel.create"),
    id: entityId.optional(),
    clientId: entityId,
    channelId: entityId,
  }),
  z.object({ kind: z.literal("clientChannel.update"), id: entityId, version: expectedVersion, isActive: z.boolean() }),
  z.object({
    kind: z.literal("campaignGroup.create"),
    id: entityId.optional(),
    clientChannelId: entityId,
    name,
    weeklyBudgetCents: budgetCents.nullable().default(null),
  }),
  z.object({
    kind: z.literal("campaignGroup.update"),
    id: entityId,
    version: expectedVersion,
    name: name.optional(),
    weeklyBudgetCents: budgetCents.nullable().optional(),
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
    adSpendCents: spendCents,
    salesCents,
    /** Absent when the editor believes the cell is empty. */
    version: expectedVersion.optional(),
    /** Write over whatever is there, whatever its version (imports, scripts syncing from ad platforms). */
    overwrite: z.literal(true).optional(),
  }),
  /** Sets a POC's success criteria (ADR 018); absent `version` when none were set, or `overwrite`. */
  z
    .object({
      kind: z.literal("poc.set"),
      clientChannelId: entityId,
      startWeek: weekStart,
      minWeeks: pocWeeks,
      maxWeeks: pocWeeks,
      minSpendCents: pocMinSpendCents,
      targetRoasMilli: roasMilli.nullable(),
      weeklyBudgetCents: budgetCents.nullable(),
      version: expectedVersion.optional(),
      overwrite: z.literal(true).optional(),
    })
    .refine((m) => m.maxWeeks >= m.minWeeks, {
      path: ["maxWeeks"],
      message: "The maximum weeks must be at least the minimum weeks",
    }),
  /** A note on a week of a campaign, a group, a POC or a client. */
  z.object({
    kind: z.literal("annotation.create"),
    id: entityId.optional(),
    entity: z.enum(ANNOTATION_ENTITIES),
    entityId,
    weekStart,
    text: nameField({ max: 280, empty: "Write the note" }),
  }),
  z.object({ kind: z.literal("annotation.delete"), id: entityId, version: expectedVersion }),
  /** Clears a cell: deletes the week's row, if it is still the version the editor saw. */
  z.object({ kind: z.literal("metric.delete"), campaignId: entityId, weekStart, version: expectedVersion }),
]);

export type Mutation = z.input<typeof mutationSchema>;
export type ParsedMutation = z.output<typeof mutationSchema>;

export const mutationBatchSchema = z.object({
  /**
   * The idempotency key (ADR 013): a retry with the same key, actor and mutations is answered
   * with the original result; the same key with anything else is refused.
   */
  mutationId: idempotencyKey.optional(),
  mutations: z.array(mutationSchema).min(1).max(5000),
});

export type MutationBatch = z.input<typeof mutationBatchSchema>;

/** Rows of a CSV import: written over what is there (no versions), unchanged rows skipped. */
export const importBatchSchema = z.object({
  /** One id for every chunk of one file, so the whole import can be undone as one change. */
  importId: idempotencyKey.optional(),
  rows: z
    .array(z.object({ campaignId: entityId, weekStart, adSpendCents: spendCents, salesCents }))
    .min(1)
    .max(10_000),
});
export type ImportBatch = z.input<typeof importBatchSchema>;
