/**
 * Reading the org's audit log: the audit page and API (filtered, paged), a cell's history, and
 * what an import changed (to undo it). Writing it is party/commit.ts's, inside each change's
 * transaction.
 */
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { MetricRow } from "../../core/protocol";
import type { OrgSql } from "./database";
import { auditLog, imports } from "./schema";

/** A row with its before and after as the JSON text stored (parsed by whoever shows them). */
export type AuditRow = Omit<typeof auditLog.$inferSelect, "before" | "after"> & {
  before: string | null;
  after: string | null;
};

const { before: _before, after: _after, ...plainColumns } = getTableColumns(auditLog);
const auditColumns = {
  ...plainColumns,
  before: sql<string | null>`${auditLog.before}`,
  after: sql<string | null>`${auditLog.after}`,
};

/** Where a page of the audit log starts: after the row at (at, id), newest first. */
export type AuditPosition = { at: number; id: number };

export type AuditFilter = {
  from?: number;
  to?: number;
  entity?: string;
  clientId?: string;
  actor?: string;
  /** Only these clients' rows (a scope limited to clients). */
  clientIds?: string[] | null;
};

/** Up to `limit` rows, newest first, after `position`. */
export function auditPage(db: OrgSql, filter: AuditFilter, position: AuditPosition | null, limit: number): AuditRow[] {
  return db
    .select(auditColumns)
    .from(auditLog)
    .where(
      and(
        filter.from === undefined ? undefined : gte(auditLog.at, filter.from),
        filter.to === undefined ? undefined : lte(auditLog.at, filter.to),
        filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
        filter.clientId ? eq(auditLog.clientId, filter.clientId) : undefined,
        filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
        filter.clientIds ? inArray(auditLog.clientId, filter.clientIds) : undefined,
        position
          ? or(lt(auditLog.at, position.at), and(eq(auditLog.at, position.at), lt(auditLog.id, position.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

export type CellChange = {
  /** The audit row's id: names one change even when versions restart after the week was cleared. */
  id: number;
  version: number;
  /** Null when the change cleared the cell. */
  adSpendCents: number | null;
  salesCents: number | null;
  roasMilli: number | null;
  at: number;
  actor: string;
  actorLabel: string | null;
  action: string;
};

/** Every change of one campaign's week, newest first, with the values it left. */
export function cellHistory(db: OrgSql, campaignId: string, weekStart: string): CellChange[] {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.cellKey, `${campaignId}:${weekStart}`))
    .orderBy(desc(auditLog.id))
    .all()
    .map((row) => {
      const after = row.after as MetricRow | null;
      const before = row.before as MetricRow | null;
      return {
        id: row.id,
        version: after?.version ?? before?.version ?? 0,
        adSpendCents: after?.adSpendCents ?? null,
        salesCents: after?.salesCents ?? null,
        roasMilli: after?.roasMilli ?? null,
        at: row.at,
        actor: row.actor,
        actorLabel: row.actorLabel,
        action: row.action,
      };
    });
}

/** A client's imports, newest first. */
export function listImports(db: OrgSql, clientId: string, limit = 20) {
  return db.select().from(imports).where(eq(imports.clientId, clientId)).orderBy(desc(imports.at)).limit(limit).all();
}

/**
 * What undoing an import would do, cell by cell: the value before the import, and the version
 * the import left, to compare with what is stored now.
 */
export function importedCells(db: OrgSql, importId: string) {
  type Cell = {
    campaignId: string;
    weekStart: string;
    before: MetricRow | null;
    left: { id: string; version: number };
  };
  const cells = new Map<string, Cell>();
  const rows = db
    .select({ cellKey: auditLog.cellKey, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.importId, importId), eq(auditLog.entity, "metric")))
    .orderBy(asc(auditLog.id))
    .all();
  for (const row of rows) {
    const after = row.after as MetricRow;
    const first = cells.get(row.cellKey ?? "");
    cells.set(row.cellKey ?? "", {
      campaignId: after.campaignId,
      weekStart: after.weekStart,
      before: first ? first.before : (row.before as MetricRow | null),
      left: { id: after.id, version: after.version },
    });
  }
  return [...cells.values()];
}
