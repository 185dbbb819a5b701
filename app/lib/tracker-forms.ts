/**
 * What the tracker's forms post, parsed into mutations. Amounts arrive as decimals typed by
 * people and leave as cents; ROAS targets as decimals and leave as thousandths.
 */
import { z } from "zod";
import { moneyField, weekStart } from "./fields";

const id = z.string().min(1).max(64);
const optionalVersion = z
  .string()
  .optional()
  .transform((value) => (value ? Number(value) : undefined))
  .pipe(z.number().int().positive().optional());
const version = z.coerce.number().int().positive();
const mutationId = z.string().min(8).max(64).optional();
const optionalMoney = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? "")
  .pipe(z.union([z.literal("").transform(() => null), moneyField]));
const optionalRoas = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? "")
  .pipe(
    z.union([
      z.literal("").transform(() => null),
      z
        .string()
        .regex(/^\d{1,4}(\.\d{1,3})?$/, "Enter a ROAS like 3.5 (up to 3 decimals)")
        .transform((value) => Math.round(Number(value) * 1000)),
    ]),
  );
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

export const metricCellForm = z.object({
  campaignId: id,
  weekStart,
  adSpend: moneyField,
  sales: moneyField,
  version: optionalVersion,
  mutationId,
});

/** Cells pasted from a spreadsheet: the browser sends them as JSON, committed as one batch. */
export const pasteForm = z.object({
  cells: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The pasted cells could not be read" });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(z.object({ campaignId: id, weekStart, adSpend: moneyField, sales: moneyField, version: z.number().int().positive().optional() }))
        .min(1, "Nothing to paste")
        .max(2000, "Paste at most 2,000 cells at once"),
    ),
  mutationId,
});

export const clientForm = z.object({ name: z.string().trim().min(1, "Enter the client's name").max(120, "At most 120 characters") });
export const clientUpdateForm = z.object({
  id,
  version,
  name: z.string().trim().min(1, "Enter the client's name").max(120, "At most 120 characters").optional(),
  isActive: z.enum(["true", "false"]).transform((value) => value === "true").optional(),
});

export const groupForm = z.object({ clientChannelId: id, name: z.string().trim().min(1, "Name the group").max(120), weeklyBudget: optionalMoney });
export const groupUpdateForm = z.object({
  id,
  version,
  name: z.string().trim().min(1, "Name the group").max(120),
  weeklyBudget: optionalMoney,
  archived: checkbox,
});
export const campaignForm = z.object({ campaignGroupId: id, name: z.string().trim().min(1, "Name the campaign").max(120), targetRoas: optionalRoas });
export const campaignUpdateForm = z.object({
  id,
  version,
  name: z.string().trim().min(1, "Name the campaign").max(120),
  targetRoas: optionalRoas,
  archived: checkbox,
});
export const deleteForm = z.object({ entity: z.enum(["campaign", "campaignGroup"]), id, version, confirm: checkbox });
