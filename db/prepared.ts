import { sql } from "drizzle-orm";

const statements = new WeakMap<object, Map<string, unknown>>();

/**
 * A query built once per database handle and kept prepared. For the small queries an edit or a
 * page view runs, drizzle's query building costs more than the database's execution (ADR 010),
 * so hot queries are written with placeholders (`p`) and built here on first use. `name` says
 * which query it is: one name, one query.
 *
 * Keyed by the handle: in an org's object, callers pass the root handle also inside a transaction
 * (the statements run on the same storage, within `transactionSync` when it is open).
 */
export function prepared<Db extends object, T>(db: Db, name: string, build: (db: Db) => T): T {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map();
    statements.set(db, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    byName.set(name, statement);
  }
  return statement;
}

/** A bound parameter of a prepared query, filled in when it runs. */
export const p = (name: string) => sql.placeholder(name);
