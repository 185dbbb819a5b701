/**
 * The control plane's audit log (db/control/schema.ts `control_audit`): each row is written in
 * the same D1 batch (one transaction) as the change it records, and only when that change
 * happened (`where changes() > 0` reads the statement just before it).
 */
import { type SQL, sql } from "drizzle-orm";
import type { ControlDb } from "../../db/control/database";
import { controlAudit } from "../../db/control/schema";

/** Who made a control-plane change, and where from. */
export type AuditActor = {
  kind: "user" | "token" | "platform";
  id: string | null;
  label: string | null;
  country: string | null;
  userAgent: string | null;
};

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  clientId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Where a request came from, as the audit log keeps it. */
export function requestOrigin(request: Request): { country: string | null; userAgent: string | null } {
  const country = (request as Request & { cf?: { country?: unknown } }).cf?.country;
  return {
    country: typeof country === "string" ? country.slice(0, 8) : null,
    userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
  };
}

export function userActor(request: Request, user: { id: string; name?: string | null; email: string }): AuditActor {
  return { kind: "user", id: user.id, label: user.name ?? user.email, ...requestOrigin(request) };
}

/** The platform's operators, through the admin API (no person to name). */
export function platformActor(request: Request): AuditActor {
  return { kind: "platform", id: null, label: "Platform operator", ...requestOrigin(request) };
}

/** The org a row is about: an id, none, or a subquery naming it (an invitation's org). */
type OrgRef = string | null | SQL;

function insert(db: ControlDb, orgId: OrgRef, actor: AuditActor, entry: AuditEntry, at: number, when: SQL) {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  // An INSERT … SELECT, so that `when` can look at the batch's previous statement. Drizzle lists
  // every column of the table in its order, so the values follow control_audit's column order.
  // (A raw `db.run(sql)` cannot be batched with parameters on D1.)
  return db.insert(controlAudit).select(
    sql`select null, ${orgId}, ${at}, ${actor.kind}, ${actor.id}, ${actor.label}, ${entry.action}, ${entry.entity},
      ${entry.entityId ?? null}, ${entry.clientId ?? null}, ${json(entry.before)}, ${json(entry.after)},
      ${actor.country}, ${actor.userAgent} where ${when}`,
  );
}

/** An audit row for a batch, kept only if the statement before it in the batch changed a row. */
export function auditIfChanged(db: ControlDb, orgId: OrgRef, actor: AuditActor, entry: AuditEntry, at = Date.now()) {
  return insert(db, orgId, actor, entry, at, sql`changes() > 0`);
}

/** An audit row that is always kept (for a change already known to have happened). */
export function auditRow(db: ControlDb, orgId: OrgRef, actor: AuditActor, entry: AuditEntry, at = Date.now()) {
  return insert(db, orgId, actor, entry, at, sql`1`);
}
