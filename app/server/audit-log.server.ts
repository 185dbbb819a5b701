/**
 * The audit log as admins read it: the org's data changes (written by its object, in the same
 * transaction as each change) and its control-plane changes (written in the same D1 batch),
 * merged newest first, filtered and paged. The audit page, its CSV and `GET /api/v1/audit` read
 * it here.
 */
import { and, desc, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import { z } from "zod";
import { controlDb } from "../../db/control/database";
import { controlAudit, teamMembers } from "../../db/control/schema";
import type { AuditPosition, AuditRow } from "../../db/org/audit";
import type { OrgHubStub } from "./orgs.server";

export type AuditLogEntry = {
  at: string;
  actor: { kind: "user" | "token" | "platform"; id: string | null; label: string };
  action: string;
  entity: string;
  entityId: string | null;
  clientId: string | null;
  before: unknown;
  after: unknown;
  country: string | null;
  userAgent: string | null;
};

/** Filters, from a query string: `from` and `to` are days (YYYY-MM-DD, inclusive) or instants. */
export const auditQuerySchema = z.object({
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use a date like 2026-11-02" }).optional(),
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use a date like 2026-11-30" }).optional(),
  entity: z
    .string()
    .regex(/^[A-Za-z_.]{1,40}$/, "Use an entity name like metric, campaign or member")
    .optional(),
  clientId: z.string().min(1).max(64).optional(),
  actor: z.string().min(1).max(80).optional(),
  cursor: z.string().max(400).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

type Cursor = { o: AuditPosition | null; c: AuditPosition | null };
const cursorSchema = z.object({
  o: z.object({ at: z.number(), id: z.number() }).nullable(),
  c: z.object({ at: z.number(), id: z.number() }).nullable(),
});

function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** A cursor this server made, or null (a made-up or damaged one starts from the newest). */
function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(atob(value.replaceAll("-", "+").replaceAll("_", "/"))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const DAY_MS = 86_400_000;
const instant = (value: string | undefined, endOfDay: boolean) => {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return value.length === 10 && endOfDay ? ms + DAY_MS - 1 : ms;
};

/** Who an org-data audit row names: a user id, or `token:<id>` (party/actor.ts). */
export function auditActor(actor: string, label: string | null): AuditLogEntry["actor"] {
  const token = actor.startsWith("token:");
  const id = token ? actor.slice("token:".length) : actor;
  return { kind: token ? "token" : "user", id, label: label ?? id };
}

function fromOrg(row: AuditRow): AuditLogEntry & { position: AuditPosition } {
  return {
    at: new Date(row.at).toISOString(),
    actor: auditActor(row.actor, row.actorLabel),
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    clientId: row.clientId,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    country: row.country,
    userAgent: row.userAgent,
    position: { at: row.at, id: row.id },
  };
}

type ControlRow = typeof controlAudit.$inferSelect;
function fromControl(row: ControlRow): AuditLogEntry & { position: AuditPosition } {
  return {
    at: new Date(row.at).toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel ?? row.actorId ?? "Someone" },
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    clientId: row.clientId,
    before: row.before,
    after: row.after,
    country: row.country,
    userAgent: row.userAgent,
    position: { at: row.at, id: row.id },
  };
}

async function controlPage(
  env: Env,
  orgId: string,
  filter: { from?: number; to?: number; entity?: string; clientId?: string; actor?: string },
  position: AuditPosition | null,
  limit: number,
) {
  const t = controlAudit;
  // The org's own rows, and the sign-ins of its members (a sign-in belongs to no one org).
  const members = controlDb(env.DB)
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.orgId, orgId));
  return controlDb(env.DB)
    .select()
    .from(t)
    .where(
      and(
        or(eq(t.orgId, orgId), and(isNull(t.orgId), eq(t.action, "user.signed_in"), inArray(t.actorId, members))),
        filter.from === undefined ? undefined : gte(t.at, filter.from),
        filter.to === undefined ? undefined : lte(t.at, filter.to),
        filter.entity ? eq(t.entity, filter.entity) : undefined,
        filter.clientId ? eq(t.clientId, filter.clientId) : undefined,
        filter.actor ? eq(t.actorId, filter.actor) : undefined,
        position ? or(lt(t.at, position.at), and(eq(t.at, position.at), lt(t.id, position.id))) : undefined,
      ),
    )
    .orderBy(desc(t.at), desc(t.id))
    .limit(limit)
    .all();
}

/** One page of the org's audit log, newest first, and the cursor of the next (null at the end). */
export async function readAuditLog(
  env: Env,
  org: { id: string },
  hub: OrgHubStub,
  query: AuditQuery,
  limit = 50,
): Promise<{ entries: AuditLogEntry[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor) ?? { o: null, c: null };
  const actor = query.actor;
  const filter = {
    from: instant(query.from, false),
    to: instant(query.to, true),
    entity: query.entity,
    clientId: query.clientId,
  };
  const [orgRows, controlRows] = await Promise.all([
    hub.audit({ ...filter, actor }, cursor.o, limit + 1),
    controlPage(env, org.id, { ...filter, actor: actor?.replace(/^token:/, "") }, cursor.c, limit + 1),
  ]);
  const merged = [
    ...orgRows.map((row) => ({ source: "o" as const, entry: fromOrg(row) })),
    ...controlRows.map((row) => ({ source: "c" as const, entry: fromControl(row) })),
  ].sort((a, b) => b.entry.position.at - a.entry.position.at || (a.source < b.source ? -1 : 1));
  const page = merged.slice(0, limit);
  const next: Cursor = { ...cursor };
  for (const { source, entry } of page) next[source] = entry.position;
  return {
    entries: page.map(({ entry: { position: _position, ...entry } }) => entry),
    nextCursor: merged.length > limit ? encodeCursor(next) : null,
  };
}

/** Every entry matching the filters (for the CSV), at most `cap`. */
export async function readWholeAuditLog(
  env: Env,
  org: { id: string },
  hub: OrgHubStub,
  query: AuditQuery,
  cap: number,
) {
  const entries: AuditLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await readAuditLog(env, org, hub, { ...query, cursor }, 500);
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && entries.length < cap);
  return entries.slice(0, cap);
}
