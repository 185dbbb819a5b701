/**
 * The alerts' forms and stored rules, checked (apart from alerts.ts, which pages load, so that
 * they do not download the schema library).
 */
import { z } from "zod";
import { ALERT_MAIL, type AlertRules, MUTE_DAYS } from "./alerts";

/** ROAS below target for this many stored weeks in a row. */
const roasWeeks = z.coerce.number().int("Whole weeks").min(1, "At least 1 week").max(12, "At most 12 weeks");
/** Month-to-date spend off its budget by more than this share, either way. */
const pacingPercent = z.coerce.number().int("A whole percentage").min(1, "At least 1%").max(500, "At most 500%");

/** An org's rules as stored (and as the object accepts them). */
export const alertRulesSchema = z.object({
  roas_below_target: z.object({ enabled: z.boolean(), weeks: roasWeeks }),
  pacing_off: z.object({ enabled: z.boolean(), percent: pacingPercent }),
  missing_numbers: z.object({ enabled: z.boolean() }),
  verdict_changed: z.object({ enabled: z.boolean() }),
});

/** The inbox's form for a member's own mail: alerts at once, daily or off; the Monday summary on or off. */
export const mailChoicesSchema = z.object({
  alertMail: z.enum(ALERT_MAIL, { message: "Choose at once, daily digest or off" }),
  summaryMail: z
    .enum(["on"])
    .optional()
    .transform((value) => value === "on"),
});

/** The inbox's form to mute an alert for a number of days (MUTE_DAYS), or to unmute it. */
export const muteFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("mute"),
    alertId: z.string().min(1).max(64),
    days: z.coerce
      .number()
      .refine((days) => (MUTE_DAYS as readonly number[]).includes(days), { message: "Choose 1, 7 or 30 days" }),
  }),
  z.object({ intent: z.literal("unmute"), alertId: z.string().min(1).max(64) }),
]);

/** An admin's rules as the settings form posts them (a checkbox is "on" or absent). */
export const alertRulesFormSchema = z
  .object({
    roasEnabled: z.enum(["on"]).optional(),
    roasWeeks,
    pacingEnabled: z.enum(["on"]).optional(),
    pacingPercent,
    missingEnabled: z.enum(["on"]).optional(),
    verdictEnabled: z.enum(["on"]).optional(),
  })
  .transform(
    (form): AlertRules => ({
      roas_below_target: { enabled: form.roasEnabled === "on", weeks: form.roasWeeks },
      pacing_off: { enabled: form.pacingEnabled === "on", percent: form.pacingPercent },
      missing_numbers: { enabled: form.missingEnabled === "on" },
      verdict_changed: { enabled: form.verdictEnabled === "on" },
    }),
  );
