/**
 * What the tracker's forms post, parsed into mutations. Amounts arrive as typed by people, in
 * the org's number format, and leave as cents; ROAS targets leave as thousandths.
 */
import { z } from "zod";
import type { NumberFormat } from "./decimal";
import { amountField, idempotencyKey, nameField, optionalAmountField, optionalRoasField, weekStart } from "./fields";
import { LIMITS } from "./limits";
import type { Mutation } from "./mutations";

const id = z.string().min(1).max(64);
const version = z.coerce.number().int().positive();
const name = (empty: string) => nameField({ max: 120, empty });
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/**
 * Grid cells saved from the browser (one typed cell, or a pasted block), as JSON: the amounts as
 * typed; both null clears the cell (deletes the week's row). One batch, one transaction.
 */
export const cellSaves = (format: NumberFormat) =>
  z.object({
    mutationId: idempotencyKey,
    cells: z
      .array(
        z.object({
          campaignId: id,
          weekStart,
          adSpend: amountField(format, LIMITS.spendCents).nullable(),
          sales: amountField(format, LIMITS.salesCents).nullable(),
          version: z.number().int().positive().optional(),
        }),
      )
      .min(1, "Nothing to save")
      .max(2000, "Paste at most 2,000 cells at once"),
  });

/**
 * The week form's rows: spend and sales per campaign, empty meaning "not entered". The form
 * carries the key of its render; a post without one (a script) is saved without idempotency.
 */
export const weekRows = (format: NumberFormat) =>
  z.object({
    mutationId: z
      .literal("")
      .transform(() => undefined)
      .or(idempotencyKey.optional()),
    rows: z
      .array(
        z.object({
          campaignId: id,
          adSpend: optionalAmountField(format, LIMITS.spendCents),
          sales: optionalAmountField(format, LIMITS.salesCents),
          version: z
            .string()
            .optional()
            .transform((value) => (value ? Number(value) : undefined))
            .pipe(z.number().int().positive().optional()),
          /** What the form showed, read the same way: a row still equal to it is not saved. */
          loaded: z
            .object({
              adSpend: optionalAmountField(format, LIMITS.spendCents),
              sales: optionalAmountField(format, LIMITS.salesCents),
            })
            .optional(),
        }),
      )
      .max(1000),
  });

export const clientForm = z.object({ name: name("Enter the client's name") });
export const clientUpdateForm = z.object({
  id,
  version,
  name: name("Enter the client's name").optional(),
  isActive: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

const budget = (format: NumberFormat) => optionalAmountField(format, LIMITS.budgetCents);
const target = optionalRoasField;

const groupForm = (format: NumberFormat) =>
  z.object({ clientChannelId: id, name: name("Name the group"), weeklyBudget: budget(format) });
const groupUpdateForm = (format: NumberFormat) =>
  z.object({ id, version, name: name("Name the group"), weeklyBudget: budget(format), archived: checkbox });
const campaignForm = (format: NumberFormat) =>
  z.object({ campaignGroupId: id, name: name("Name the campaign"), targetRoas: target(format) });
const campaignUpdateForm = (format: NumberFormat) =>
  z.object({ id, version, name: name("Name the campaign"), targetRoas: target(format), archived: checkbox });
const deleteForm = z.object({ entity: z.enum(["campaign", "campaignGroup"]), id, version, confirm: checkbox });

const pocWeeks = z.coerce
  .number({ error: "Enter a whole number of weeks" })
  .int("Enter a whole number of weeks")
  .min(1, "At least 1 week")
  .max(LIMITS.pocMaxWeeks, `At most ${LIMITS.pocMaxWeeks} weeks`);

/** A POC's criteria as its page's form sends them (ADR 018); empty amounts mean none. */
export const pocForm = (format: NumberFormat) =>
  z
    .object({
      /** Empty while the POC runs on the defaults: there is no stored version yet. */
      version: z.union([z.literal("").transform(() => undefined), version]).optional(),
      startWeek: weekStart,
      minWeeks: pocWeeks,
      maxWeeks: pocWeeks,
      minSpend: optionalAmountField(format, LIMITS.pocMinSpendCents).transform((cents) => cents ?? 0),
      targetRoas: target(format),
      weeklyBudget: budget(format),
    })
    .refine((form) => form.maxWeeks >= form.minWeeks, {
      path: ["maxWeeks"],
      message: "At least the minimum weeks",
    });

/** A note on a week, and deleting one (the POC and charts pages' forms). */
export const noteForm = z.object({ weekStart, text: nameField({ max: 280, empty: "Write the note" }) });
export const noteDelete = z.object({ id, version });

const channelToggle = z.object({
  channelId: z.string().min(1),
  clientChannelId: z.string().optional(),
  version: z.coerce.number().int().positive().optional(),
  enable: z.enum(["true", "false"]),
});

/** What one setup form asks for: the mutations, and whether the channel lookup must be copied first. */
export type SetupChange =
  | {
      ok: true;
      mutations: Mutation[];
      /** Enabling a channel for the first time: the org's copy of the lookup may lack it. */
      syncChannels: boolean;
      /** A delete, kept to ask again when weekly numbers would go with it. */
      deleting?: { entity: "campaign" | "campaignGroup"; id: string; version: number };
    }
  | { ok: false; error: z.ZodError | null };

/** The setup page's forms (by `intent`), read in the org's number format, as mutations. */
export function setupChange(form: Record<string, unknown>, format: NumberFormat, clientId: string): SetupChange {
  const change = (mutations: Mutation[], extra: Partial<Extract<SetupChange, { ok: true }>> = {}) =>
    ({ ok: true, mutations, syncChannels: false, ...extra }) as const;
  const read = <S extends z.ZodType>(schema: S) => schema.safeParse(form);
  switch (form.intent) {
    case "channel": {
      const parsed = read(channelToggle);
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { channelId, clientChannelId, version, enable } = parsed.data;
      if (clientChannelId && version) {
        return change([{ kind: "clientChannel.update", id: clientChannelId, version, isActive: enable === "true" }]);
      }
      return change([{ kind: "clientChannel.create", clientId, channelId }], { syncChannels: true });
    }
    case "group": {
      const parsed = read(groupForm(format));
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { clientChannelId, name, weeklyBudget } = parsed.data;
      return change([{ kind: "campaignGroup.create", clientChannelId, name, weeklyBudgetCents: weeklyBudget }]);
    }
    case "group-update": {
      const parsed = read(groupUpdateForm(format));
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { id, version, name, weeklyBudget, archived } = parsed.data;
      return change([{ kind: "campaignGroup.update", id, version, name, weeklyBudgetCents: weeklyBudget, archived }]);
    }
    case "campaign": {
      const parsed = read(campaignForm(format));
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { campaignGroupId, name, targetRoas } = parsed.data;
      return change([{ kind: "campaign.create", campaignGroupId, name, targetRoasMilli: targetRoas }]);
    }
    case "campaign-update": {
      const parsed = read(campaignUpdateForm(format));
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { id, version, name, targetRoas, archived } = parsed.data;
      return change([{ kind: "campaign.update", id, version, name, targetRoasMilli: targetRoas, archived }]);
    }
    case "delete": {
      const parsed = read(deleteForm);
      if (!parsed.success) return { ok: false, error: parsed.error };
      const { entity, id, version, confirm } = parsed.data;
      const kind = entity === "campaign" ? "campaign.delete" : "campaignGroup.delete";
      return change([{ kind, id, version, confirm }], { deleting: { entity, id, version } });
    }
    default:
      return { ok: false, error: null };
  }
}
