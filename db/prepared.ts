import { sql } from "drizzle-orm";

/**
 * A query built once per database handle and kept prepared. For the small queries an edit or a
 * page view runs, drizzle's query building costs more than the database's execution (ADR 010),
 * so hot queries are declared once, at module level, with placeholders (`p`), and built on first
 * use for each handle. Each declaration holds its own statements: no name to repeat, so no way
 * for one query to be handed another's statement.
 *
 * Keyed by the handle: in an org's object, callers pass the root handle also inside a transaction
 * (the statements run on the same storage, within `transactionSync` when it is open).
 */
export function preparedQuery<Db extends object, T>(build: (db: Db) => T): (db: Db) => T {
  const byHandle = new WeakMap<Db, T>();
  return (db) => {
    let statement = byHandle.get(db);
    if (statement === undefined) {
      statement = build(db);
      byHandle.set(db, statement);
    }
    return statement;
  };
}

/** A bound parameter of a prepared query, filled in when it runs. */
export const p = (name: string) => sql.placeholder(name);
