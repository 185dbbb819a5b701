import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export { schema };

const open = (d1: D1Database) => drizzle(d1, { schema });

const handles = new WeakMap<D1Database, ReturnType<typeof open>>();

/**
 * The control plane's drizzle handle for a D1 binding, made once per binding: creating one reads
 * the whole schema, and its prepared statements (db/prepared.ts) live as long as it does.
 */
export function controlDb(d1: D1Database) {
  let db = handles.get(d1);
  if (!db) {
    db = open(d1);
    handles.set(d1, db);
  }
  return db;
}

export type ControlDb = ReturnType<typeof controlDb>;
