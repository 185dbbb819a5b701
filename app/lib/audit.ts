/**
 * How the audit page says what changed: the action in words, and each field that moved as
 * "field: old → new", amounts in the org's number format. Browser-safe.
 */
import type { NumberFormat } from "../../core/decimal";
import { type Currency, formatMoney } from "../../core/money";
import { formatRoas } from "../../core/roas";

/** The entity types the page filters by, with their names. */
export const AUDIT_ENTITIES = {
  metric: "Weekly numbers",
  campaign: "Campaign",
  campaignGroup: "Campaign group",
  clientChannel: "Channel",
  client: "Client",
  poc: "POC criteria",
  annotation: "Note",
  member: "Member",
  invitation: "Invitation",
  token: "API token",
  org: "Settings",
  user: "Sign-in",
} as const;

const ACTION_WORDS: Record<string, string> = {
  created: "created",
  updated: "changed",
  deleted: "deleted",
  saved: "saved",
  sent: "sent",
  resent: "sent again",
  revoked: "revoked",
  accepted: "accepted",
  declined: "declined",
  removed: "removed",
  access_changed: "access changed",
  settings_changed: "changed",
  signed_in: "signed in",
};

/** Actions whose words are not "<entity> <verb>". */
const PHRASES: Record<string, string> = { "user.signed_in": "Signed in" };

/** "Weekly numbers saved", "Member access changed", "Signed in". */
export function describeAction(entity: string, action: string): string {
  if (PHRASES[action]) return PHRASES[action];
  const verb = action.split(".").pop() ?? action;
  const noun = AUDIT_ENTITIES[entity as keyof typeof AUDIT_ENTITIES] ?? entity;
  return `${noun} ${ACTION_WORDS[verb] ?? verb}`;
}

/** Fields not worth showing: ids, versions and timestamps every change moves. */
const QUIET = new Set(["id", "version", "createdAt", "updatedAt", "clientId", "campaignId", "clientChannelId"]);

function show(field: string, value: unknown, format: NumberFormat, currency: Currency): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number" && field.endsWith("Cents")) return formatMoney(value, format, currency);
  if (typeof value === "number" && field.endsWith("Milli")) return `${formatRoas(value, format)}×`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const FIELD_NAMES: Record<string, string> = {
  weekStart: "week",
  adSpendCents: "spend",
  salesCents: "sales",
  roasMilli: "ROAS",
  targetRoasMilli: "target ROAS",
  weeklyBudgetCents: "weekly budget",
  minSpendCents: "minimum spend",
};

/** Each field that differs between before and after: "spend: $100.00 → $150.00". */
export function describeChanges(before: unknown, after: unknown, format: NumberFormat, currency: Currency): string[] {
  const from = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const to = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((f) => !QUIET.has(f));
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => {
      const name = FIELD_NAMES[field] ?? field;
      if (!(field in from)) return `${name}: ${show(field, to[field], format, currency)}`;
      return `${name}: ${show(field, from[field], format, currency)} → ${show(field, to[field], format, currency)}`;
    });
}
